"""The content checks panel in a real browser: shown on the change form, and its axe-core check
of the preview runs under the site's Content-Security-Policy and reports in the panel."""

import pytest

from strategy.models import Theme
from tests.browser.conftest import log_in_as_superuser

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
"""


def test_the_panel_shows_the_checks_and_runs_axe_on_the_preview(site, page):
    theme = Theme.objects.order_by("order").first()
    log_in_as_superuser(page, site)
    # The admin in Dutch, as a city editor chooses it.
    page.context.add_cookies([{"name": "django_language", "value": "nl", "url": site.url}])
    page.context.add_init_script(RECORD_VIOLATIONS)
    page.goto(f"{site.url}/admin/strategy/theme/{theme.pk}/change/")

    panel = page.locator(".content-checks-panel")
    assert panel.is_visible()
    assert panel.get_by_text("Leesbaarheid").first.is_visible()
    assert "Flesch-Douma" in panel.inner_text()

    with page.context.expect_page() as opened:
        panel.locator("[data-axe-check]").first.click()
    preview = opened.value
    result = page.locator("#axe-result-nl")
    result.locator("p").wait_for(timeout=30_000)
    text = result.inner_text()
    assert "toegankelijkheidsproblemen" in text.lower(), text
    assert preview.is_closed()
    assert page.evaluate("window.__csp") == []
