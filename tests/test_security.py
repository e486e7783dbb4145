"""Security headers on every public page, no cookies for visitors, and a clean `check --deploy`."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from strategy.models import Mission, Theme
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent

PAGE_TYPES = {
    "home": "/nl/",
    "english home": "/en/",
    "theme": "/nl/stad-van-de-toekomst/",
    "topic": "/en/city-of-the-future/housing/",
    "not found": "/nl/bestaat-niet/",
    "english not found": "/en/city-of-the-future/nothing-here/",
    "language redirect": "/",
}


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.mark.usefixtures("content")
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_anonymous_visitors_get_no_cookies_at_all(client, path):
    response = client.get(path)
    assert response.status_code in {200, 302, 404}
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    # Twice: the second answer comes from the page cache and must be as clean.
    assert not client.get(path).cookies


@pytest.mark.usefixtures("content")
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_every_public_page_sends_the_security_headers(client, path):
    response = client.get(path)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    if response.status_code != 302:  # a redirect has no frame to protect; CSP covers it anyway
        assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]


@pytest.mark.usefixtures("content")
def test_policy_allows_no_inline_script_or_style(client):
    csp = policy(client.get("/nl/"))
    for directive in ("script-src", "style-src", "default-src"):
        sources = csp.get(directive, [])
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources
        assert not any(source.startswith(("'nonce-", "'sha")) for source in sources)


PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)


@pytest.mark.usefixtures("content")
def test_permissions_policy_switches_off_the_unused_features(client):
    """The whole header, on a page and on the same page from the page cache."""
    assert client.get("/nl/")["Permissions-Policy"] == PERMISSIONS_POLICY
    assert client.get("/nl/")["Permissions-Policy"] == PERMISSIONS_POLICY


# Data blocks (JSON, JSON-LD) are never executed, so script-src does not govern them.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.I)


@pytest.mark.usefixtures("content")
@pytest.mark.parametrize(
    "path",
    [
        "/nl/",
        "/en/city-of-the-future/housing/",
        "/nl/bestaat-niet/",
        "/admin/login/",  # the only one seen logged out
        "/admin/",
        "/admin/strategy/theme/add/",
        "/admin/strategy/theme/{theme}/change/",
        "/admin/strategy/mission/{mission}/change/",
    ],
)
def test_pages_and_admin_work_under_the_policy(client, path):
    """No inline script or style the policy would block, on public pages and in the admin."""
    path = path.format(theme=Theme.objects.first().pk, mission=Mission.objects.get().pk)
    if path != "/admin/login/":
        client.force_login(UserFactory(groups=["Redacteur"]))
    response = client.get(path)
    assert response.status_code == (404 if "bestaat-niet" in path else 200)
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html).group(0)
    assert not INLINE_STYLE.search(html), html[INLINE_STYLE.search(html).start() :][:120]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_a_bad_host_is_refused(client, db):
    assert client.get("/nl/", headers={"Host": "evil.example"}).status_code == 400


def test_plain_http_is_redirected_to_https(db):
    from django.test import Client

    response = Client().get("/nl/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/nl/"


def test_check_deploy_is_clean_under_production_settings():
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_ENV_FILE": "",
        "DJANGO_SETTINGS_MODULE": "gent.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "strategie.stad.gent",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_key_rotation_accepts_the_old_key_as_a_fallback():
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_ENV_FILE": "",
        "DJANGO_SECRET_KEY": "n" * 50,
        "DJANGO_SECRET_KEY_FALLBACKS": "o" * 50 + ",p" + "q" * 40,
    }
    code = "import gent.settings as s; print(len(s.SECRET_KEY_FALLBACKS))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.strip() == "2", result.stderr
    env["DJANGO_SECRET_KEY_FALLBACKS"] = "short"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert "DJANGO_SECRET_KEY_FALLBACKS" in result.stderr
