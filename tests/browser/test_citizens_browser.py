"""In Chromium: the citizen features work without JavaScript help, set no cookies, and axe-core
finds no serious or critical accessibility problem on their pages (run: make test-browser)."""

import os

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run there
# unless told it is safe (it is: the live server has its own thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from pages.loader import load_pages
from participation.models import Feedback
from strategy.loader import load_content
from strategy.models import Theme

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip


@pytest.fixture(scope="module")
def chromium():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def open_tab(chromium, live_server, javascript):
    load_content()
    load_pages()
    # The site redirects plain HTTP to HTTPS; say we came through the TLS-terminating proxy.
    context = chromium.new_context(
        base_url=live_server.url,
        java_script_enabled=javascript,
        extra_http_headers={"X-Forwarded-Proto": "https"},
    )
    return context, context.new_page()


@pytest.fixture
def visitor(chromium, live_server, transactional_db):
    """A visitor whose browser runs no JavaScript: everything must work for them."""
    context, tab = open_tab(chromium, live_server, javascript=False)
    yield tab
    assert context.cookies() == []  # the no-cookie promise, for everything the test did
    context.close()


@pytest.fixture
def checked(chromium, live_server, transactional_db):
    """A tab with JavaScript on, only so that axe-core can run in it."""
    context, tab = open_tab(chromium, live_server, javascript=True)
    yield tab
    assert context.cookies() == []
    context.close()


def serious_violations(page):
    results = Axe().run(page)
    return [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def theme_path():
    return f"/nl/{Theme.objects.published().first().slug_nl}/"


def test_header_search_finds_and_highlights(visitor):
    page = visitor
    page.goto("/nl/")
    page.fill("#site-search-q", "wonen")
    page.press("#site-search-q", "Enter")
    assert page.url.endswith("/nl/zoeken/?q=wonen")
    assert page.locator(".search-result mark").count() > 0


def test_feedback_form_works_without_javascript(visitor):
    page = visitor
    page.goto(theme_path())
    page.check("#feedback-yes")
    page.fill("#feedback-suggestion", "Duidelijk, dank je!")
    page.click("form.feedback-form button[type=submit]")
    assert page.locator("h1").inner_text() == "Bedankt voor je feedback"
    [item] = Feedback.objects.all()
    assert item.helpful and item.suggestion == "Duidelijk, dank je!"


@pytest.mark.parametrize(
    "path",
    [
        "/nl/zoeken/?q=wonen",
        "/en/search/?q=housing",
        "THEME",
        "/nl/feedback/bedankt/",
        "/nl/info/toegankelijkheid/",
        "/en/info/privacy/",
        "/nl/info/contact/",
        "/en/open-data/",
    ],
)
def test_citizen_pages_have_no_serious_accessibility_violations(checked, path):
    page = checked
    page.goto(theme_path() if path == "THEME" else path)
    assert page.locator("h1").count() == 1
    assert serious_violations(page) == []
