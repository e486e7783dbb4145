"""The editors' admin in Chromium, under a strict Content-Security-Policy and without a network.

It uses the suite's Chromium (tests/browser/conftest.py), adds a strict CSP header to every
response, and checks that the language tabs and the rich text editor work, and that what is
typed is saved (sanitised) to the database.
Run with `make test-browser`.
"""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API in a test

playwright = pytest.importorskip("playwright.sync_api")
expect = playwright.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'none'"
)


def test_rich_text_editor_and_tabs_work_under_a_strict_csp(live_server, settings, browser):
    from strategy.models import Theme
    from tests.factories import ThemeFactory, UserFactory

    # The browser speaks plain HTTP to the test server but the proxy header says HTTPS.
    settings.CSRF_TRUSTED_ORIGINS = [live_server.url]
    UserFactory(username="redactie", is_superuser=True)
    theme = ThemeFactory(body_nl="")
    problems = []

    def strict_csp(route):
        response = route.fetch()
        route.fulfill(
            response=response, headers={**response.headers, "content-security-policy": CSP}
        )

    # The suite's Chromium (tests/browser/conftest.py). As behind the load balancer: HTTPS is on
    # in the settings, the proxy header says so.
    context = browser.new_context(extra_http_headers={"X-Forwarded-Proto": "https"})
    try:
        page = context.new_page()
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on(
            "request",
            lambda r: problems.append(r.url) if not r.url.startswith(live_server.url) else None,
        )
        page.route("**/*", strict_csp)
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", "redactie")
        page.fill("#id_password", "een-lang-wachtwoord-2026")
        page.click("input[type=submit]")
        page.goto(f"{live_server.url}/admin/strategy/theme/{theme.pk}/change/")
        editor = page.locator(".prose-editor .ProseMirror[contenteditable=true]").first
        editor.wait_for()
        assert page.locator(".ui-tabs-nav").count() > 0  # the language tabs (jQuery UI, local)
        editor.click()
        page.keyboard.type("Getypt in de editor")
        page.click("input[name=_publish]")  # a live theme: save and publish at once
        page.wait_for_load_state("networkidle")
        # The sortable list (drag handles) and the history page load cleanly too.
        page.goto(f"{live_server.url}/admin/strategy/theme/")
        page.locator(".drag.handle").first.wait_for()
        page.goto(f"{live_server.url}/admin/strategy/theme/{theme.pk}/history/")
        page.wait_for_load_state("networkidle")
    finally:
        context.close()

    assert problems == [], "no CSP violations, script errors or requests to other hosts"
    assert Theme.objects.get(pk=theme.pk).body_nl == "<p>Getypt in de editor</p>"


def test_language_tabs_work_by_keyboard_and_are_announced_as_tabs(visit):
    """The link is the tab (not its list item), arrow keys and Home move between languages,
    and the select that switches every field's language has a visible label."""
    from .pages import PAGES

    page = visit(next(target for target in PAGES if target.name == "admin-theme"))
    tablist = page.locator(".ui-tabs-nav").first
    tablist.wait_for()

    assert page.locator("li[role=tab]").count() == 0
    assert tablist.locator("> li").first.get_attribute("role") == "presentation"
    tabs = tablist.get_by_role("tab")
    assert tabs.count() == 2
    selected = tablist.locator("[role=tab][aria-selected=true]")
    assert selected.count() == 1
    assert selected.get_attribute("tabindex") == "0"  # one tab stop for the whole tab list

    first_panel = page.locator(f"#{tabs.nth(0).get_attribute('aria-controls')}")
    second_panel = page.locator(f"#{tabs.nth(1).get_attribute('aria-controls')}")
    tabs.nth(0).click()
    expect(tabs.nth(0)).to_have_attribute("aria-selected", "true")
    expect(first_panel).to_be_visible()
    expect(second_panel).to_be_hidden()

    page.keyboard.press("ArrowRight")
    expect(tabs.nth(1)).to_be_focused()
    expect(tabs.nth(1)).to_have_attribute("aria-selected", "true")
    expect(tabs.nth(1)).to_have_attribute("tabindex", "0")
    expect(tabs.nth(0)).to_have_attribute("tabindex", "-1")
    expect(second_panel).to_be_visible()
    expect(first_panel).to_be_hidden()

    page.keyboard.press("Home")
    expect(tabs.nth(0)).to_be_focused()
    expect(tabs.nth(0)).to_have_attribute("aria-selected", "true")
    expect(first_panel).to_be_visible()

    label = page.locator("label[for=modeltranslation-main-switch]")
    assert label.inner_text() in ("Language of all fields", "Taal van alle velden")
    page.get_by_label(label.inner_text()).select_option(index=1)
    expect(tabs.nth(1)).to_have_attribute("aria-selected", "true")
    expect(second_panel).to_be_visible()
