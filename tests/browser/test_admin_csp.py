"""The Django admin works under the site's Content-Security-Policy, in a real browser.

A policy without 'unsafe-inline' breaks any admin page that relies on inline script or style, or
on a script from another origin (modeltranslation loads jQuery UI from Google's CDN by default;
settings.JQUERY_UI_URL serves our own copy). The browser reports each blocked thing as a
`securitypolicyviolation` event; an editor's pages must cause none.
"""

import os
import shutil

# Playwright's sync API runs an event loop in this thread; the ORM must still work here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
from django.contrib.auth import get_user_model

from strategy.loader import load_content
from strategy.models import Mission, Theme

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PASSWORD = "csp-proof-password-2026"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Chromium"),
]

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile));
"""


@pytest.mark.django_db(transaction=True)
def test_editor_pages_cause_no_policy_violations(live_server, settings, browser):
    # The browser's Origin is the live server's http:// address; the proxy header says https.
    settings.CSRF_TRUSTED_ORIGINS = [live_server.url]

    load_content()
    get_user_model().objects.create_superuser("redacteur", "redactie@example.org", PASSWORD)
    theme, mission = Theme.objects.first(), Mission.objects.get()
    pages = [
        "/admin/",
        "/admin/strategy/theme/",
        f"/admin/strategy/theme/{theme.pk}/change/",
        "/admin/strategy/theme/add/",
        f"/admin/strategy/topic/{theme.topics.first().pk}/change/",
        f"/admin/strategy/mission/{mission.pk}/change/",
    ]
    violations = []
    # The suite's Chromium (tests/browser/conftest.py); through the TLS-terminating proxy, as
    # every visitor: production HTTPS settings stay on.
    context = browser.new_context(extra_http_headers={"X-Forwarded-Proto": "https"})
    try:
        context.add_init_script(RECORD_VIOLATIONS)
        page = context.new_page()
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", "redacteur")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")
        for path in pages:
            page.goto(live_server.url + path)
            page.wait_for_load_state("networkidle")
            violations += [f"{path}: {v}" for v in page.evaluate("window.__csp")]
        # The translation tabs (jQuery UI) and the date shortcuts (admin JS) really ran.
        page.goto(f"{live_server.url}/admin/strategy/theme/{theme.pk}/change/")
        page.wait_for_load_state("networkidle")
        assert page.locator(".ui-tabs-nav a").count() > 0
        page.locator(".datetimeshortcuts a").first.click()
        violations += page.evaluate("window.__csp")
    finally:
        context.close()
    assert violations == []
