"""Probes for the load balancer, and what visitors see when the database is down."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent
# Nothing listens on port 1: a connection there is refused at once, like a database that is down.
UNREACHABLE_DATABASE = "postgres://postgres@127.0.0.1:1/gent"


@pytest.fixture
def probe():
    """A load balancer: plain HTTP, the container's IP as Host, no language, no cookies."""
    return Client(headers={"Host": "10.0.3.7"})


def test_healthz_answers_without_the_database(probe):
    # No django_db mark: pytest-django fails this test if the probe touches the database.
    response = probe.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readyz_checks_database_and_cache(probe):
    response = probe.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


@pytest.mark.django_db
def test_readyz_is_503_with_a_reason_when_the_cache_fails(probe, monkeypatch):
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: None)
    response = probe.get("/readyz")
    assert response.status_code == 503
    assert response.json()["reason"] == "cache unreachable"
    assert response.json()["checks"] == {"database": "ok", "cache": "unreachable"}


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
@pytest.mark.django_db
def test_probes_are_not_redirected_prefixed_or_refused(probe, path):
    """Over plain HTTP, with a Host not in ALLOWED_HOSTS, without /nl/: still answered."""
    response = probe.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


def run_with_database_down(code):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_ENV_FILE": "",
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": UNREACHABLE_DATABASE,
        "DJANGO_DB_CONNECT_TIMEOUT": "1",
        "DJANGO_LOG_LEVEL": "CRITICAL",
    }
    script = (
        "import json, django; django.setup()\n"
        "from django.test import Client\n"
        "client = Client(raise_request_exception=False, "
        "headers={'X-Forwarded-Proto': 'https', 'Host': 'testserver'})\n" + code
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_readyz_is_503_with_a_reason_when_the_database_is_down():
    answer = run_with_database_down(
        "r = client.get('/readyz')\n"
        "print(json.dumps({'status': r.status_code, 'body': r.json(), "
        "'cache_control': r['Cache-Control']}))"
    )
    assert answer["status"] == 503
    assert answer["body"]["reason"] == "database unreachable"
    assert answer["body"]["checks"] == {"database": "unreachable", "cache": "ok"}
    assert answer["cache_control"] == "no-store"


def test_visitors_get_a_translated_503_page_when_the_database_is_down():
    answer = run_with_database_down(
        "out = {}\n"
        "for path in ('/nl/', '/en/', '/nl/stad-van-de-toekomst/wonen/'):\n"
        "    r = client.get(path)\n"
        "    out[path] = {'status': r.status_code, 'html': r.content.decode(), "
        "'retry': r.get('Retry-After'), 'cookies': len(r.cookies)}\n"
        "print(json.dumps(out))"
    )
    dutch, english, topic = (
        answer["/nl/"],
        answer["/en/"],
        answer["/nl/stad-van-de-toekomst/wonen/"],
    )
    for page in (dutch, english, topic):
        assert page["status"] == 503
        assert page["retry"] == "30"
        assert page["cookies"] == 0
        assert "Traceback" not in page["html"] and "OperationalError" not in page["html"]
    assert '<html lang="nl">' in dutch["html"]
    assert "Tijdelijk niet beschikbaar" in dutch["html"]
    assert '<html lang="en">' in english["html"]
    assert "Temporarily unavailable" in english["html"]
    assert 'href="/en/"' in english["html"]
