"""Browser tests: Debian's Chromium driven by pytest-playwright against Django's live server.

Run with `make test-browser` (`make test` skips them). Recipes: /work/shared/browser-testing.md.
"""

import os
import shutil
from pathlib import Path

# Playwright's sync API runs an asyncio loop in the test thread; without this the Django ORM in a
# test that also uses `page` raises SynchronousOnlyOperation.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pages.loader import load_pages
from strategy.loader import load_content

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # we run as root in CI
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # Lay text out with the page's own fonts and grey-scale antialiasing: steadier screenshots.
    "--font-render-hinting=none",
]

PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Playwright's own browser builds cannot be downloaded here: use the system Chromium.
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": DESKTOP,
        # The live server speaks plain HTTP; like every real visitor, the browser arrives through
        # the TLS-terminating load balancer, so the production HTTPS settings stay on (no redirect).
        "extra_http_headers": {"X-Forwarded-Proto": "https"},
        "reduced_motion": "reduce",
        "color_scheme": "light",
    }


@pytest.fixture
def site(transactional_db, live_server):
    """The live server with the shipped content loaded, as `make run` loads it."""
    load_content()
    load_pages()
    return live_server


def log_in_as_superuser(page, site):
    """Log `page`'s browser context in to the admin: a session cookie, not the login form.

    (The form would need a CSRF Origin check that matches the proxy's https scheme.)
    """
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "x" * 16)
    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": site.url}])


@pytest.fixture
def visit(site, page):
    """Open one of `pages.PAGES` (admin pages as a superuser) and check its status code."""

    def open_page(target, viewport=DESKTOP):
        if target.admin:
            log_in_as_superuser(page, site)
        page.set_viewport_size(viewport)
        response = page.goto(site.url + target.path())
        assert response.status == target.status, target
        return page

    return open_page


@pytest.fixture(scope="session")
def artifacts():
    path = ARTIFACTS / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path
