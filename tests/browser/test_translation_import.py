"""The import page in a browser: a dry run, its report (axe clean), then Apply by keyboard."""

import polib
import pytest

from strategy.models import Theme
from translations import exchange

from .conftest import log_in_as_superuser
from .test_accessibility import axe_violations

pytestmark = pytest.mark.browser

IMPORT = "/admin/translations/fieldtranslation/import/"


def translated_file():
    theme = Theme.objects.order_by("pk").first()
    theme.title_en = ""
    theme.save()
    po = polib.pofile(exchange.export_po([theme], "en", everything=True))
    for entry in po:
        if entry.msgctxt == f"strategy.theme:{theme.pk}:title":
            entry.msgstr = "A new English title"
            entry.flags = []
    return theme, str(po).encode()


def test_a_dry_run_then_apply_by_keyboard(site, page, settings):
    # The browser speaks plain HTTP to the test server but the proxy header says HTTPS.
    settings.CSRF_TRUSTED_ORIGINS = [site.url]
    theme, content = translated_file()
    log_in_as_superuser(page, site)
    page.goto(site.url + IMPORT)
    page.set_input_files(
        "input[name=file]", {"name": "en.po", "mimeType": "text/plain", "buffer": content}
    )
    page.click("input[type=submit]")
    page.wait_for_selector(".tr-report")
    assert "Dry run" in page.inner_text(".tr-report h2") or "Proef" in page.inner_text(
        ".tr-report h2"
    )
    violations, report = axe_violations(page)
    assert not violations, report

    page.focus(".tr-apply button[name=apply]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".tr-report h2")
    assert Theme.objects.get(pk=theme.pk).title_en == "A new English title"
    violations, report = axe_violations(page)
    assert not violations, report
