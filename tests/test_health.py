"""Probes for the load balancer, and what visitors see when the database is down."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

from tests.test_concurrency import own_connections  # noqa: F401 (a fixture)

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


# --- Ready means the database also takes writes (issue 11) ---------------------------------------


@pytest.mark.usefixtures("own_connections")
def test_readyz_is_503_while_another_writer_holds_the_database_lock(probe):
    """SQLite in a file, as in production: a writer (a stuck process, a long migration) holds the
    write lock, so reads still work and every write fails. The probe must say so, quickly."""
    import sqlite3
    import time

    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's file lock; PostgreSQL is covered by the read-only test")
    assert probe.get("/readyz").status_code == 200
    holder = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        response = probe.get("/readyz")
        took = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "unreachable"
    assert took < 5, f"the probe waited {took:.1f}s for the lock"
    # The lock is gone: ready again, and edits wait the full busy timeout again (not the probe's).
    assert probe.get("/readyz").status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20_000


@pytest.mark.django_db(transaction=True)
def test_readyz_is_503_when_the_database_is_read_only(probe):
    from django.db import connection

    read_only_on, read_only_off = {
        "sqlite": ("PRAGMA query_only = ON", "PRAGMA query_only = OFF"),
        "postgresql": (
            "SET default_transaction_read_only = on",
            "SET default_transaction_read_only = off",
        ),
    }[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")  # reads work
        cursor.execute(read_only_on)
    try:
        response = probe.get("/readyz")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(read_only_off)
    assert response.status_code == 503
    assert response.json()["reason"] == "database unreachable"
    assert probe.get("/readyz").status_code == 200
