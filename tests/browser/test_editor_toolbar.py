"""The rich-text editor in a Dutch admin: a Dutch toolbar and link dialog, no missing glyph, and
the browser's spelling check in the field's language."""

import pytest

from strategy.models import Theme
from tests.browser.conftest import log_in_as_superuser

pytestmark = pytest.mark.browser


def test_the_rich_text_toolbar_speaks_dutch_and_spellchecks(site, page):
    theme = Theme.objects.order_by("order").first()
    log_in_as_superuser(page, site)
    page.context.add_cookies([{"name": "django_language", "value": "nl", "url": site.url}])
    page.goto(f"{site.url}/admin/strategy/theme/{theme.pk}/change/")
    page.wait_for_selector(".prose-menubar")

    bar = page.locator(".prose-menubar").first
    titles = bar.evaluate("b => [...b.querySelectorAll('[title]')].map(e => e.title)")
    assert {"vet", "cursief", "link invoegen", "ongedaan maken"} <= set(titles), titles
    assert "bold" not in titles
    # The heading menu's arrow is drawn with CSS, not with a character the fonts lack.
    arrow = bar.evaluate(
        "b => getComputedStyle(b.querySelector('.prose-menubar__selected'), '::after').content"
    )
    assert arrow in ('""', "none", "normal"), arrow

    area = page.locator(".prose-editor [contenteditable=true]").first
    assert area.get_attribute("spellcheck") == "true"
    assert area.get_attribute("lang") == "nl"

    # The link dialog: select a word, press the link button.
    area.click()
    page.keyboard.press("Control+A")
    bar.locator("[data-name=link]").click()
    dialog = page.locator("dialog[open]")
    dialog.wait_for()
    assert "Link bewerken" in dialog.inner_text()
