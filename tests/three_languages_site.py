"""The site with DJANGO_LANGUAGES=nl,en,fr, run by test_third_language.py in a subprocess (its
name keeps it out of the normal run: it needs the French columns that run generates).

Everything that lists languages carries the third: the admin tabs, the translation status, the
exchange files, hreflang, the sitemap and the language switcher; French pages mark Dutch
fallback text as Dutch."""

import xml.etree.ElementTree as ET

import polib
import pytest
from django.conf import settings

from strategy.models import Theme
from tests.factories import ThemeFactory, TopicFactory
from translations import exchange, status
from translations.status import State

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        [code for code, _name in settings.LANGUAGES] != ["nl", "en", "fr"],
        reason="run by test_third_language.py with DJANGO_LANGUAGES=nl,en,fr",
    ),
]


@pytest.fixture
def theme():
    theme = ThemeFactory(
        title_nl="Stad van morgen", slug_nl="stad-van-morgen", title_en="City of tomorrow",
        slug_en="city-of-tomorrow", title_fr="", slug_fr="", intro_fr="",
    )  # fmt: skip
    TopicFactory(theme=theme, title_nl="wonen", slug_nl="wonen", title_en="housing",
                 slug_en="housing", title_fr="", slug_fr="")  # fmt: skip
    return theme


def test_the_admin_has_a_french_tab_for_every_translated_field(client, editor, theme):
    response = client.get(f"/admin/strategy/theme/{theme.pk}/change/")
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("title", "slug", "intro", "body"):
        assert f'name="{field}_fr"' in html, field


def test_a_translator_may_change_the_french(client, translator, theme):
    from publishing.roles import translator_readonly_fields

    readonly = translator_readonly_fields(Theme)
    assert "title_fr" not in readonly and "title_en" not in readonly
    assert "title_nl" in readonly


def test_the_translation_status_counts_french(client, translator, soup, theme):
    states = {(s.field, s.language): s.state for s in status.statuses_of(theme, ["en", "fr"])}
    assert states[("title", "en")] == State.CURRENT
    assert states[("title", "fr")] == State.MISSING
    page = soup(
        client.get("/admin/translations/fieldtranslation/", headers={"Accept-Language": "en"})
    )
    assert "French" in page.select_one("#content-main").get_text()


def test_the_exchange_exports_and_imports_french(theme):
    content = exchange.export_po([theme], "fr")
    po = polib.pofile(content)
    assert po.metadata["Language"] == "fr"
    for entry in po:
        if entry.msgctxt == f"strategy.theme:{theme.pk}:title":
            entry.msgstr = "Ville de demain"
        if entry.msgctxt == f"strategy.theme:{theme.pk}:slug":
            entry.msgstr = "ville-de-demain"
    report = exchange.import_po(str(po))
    assert report.applied, report.errors
    theme = Theme.objects.get()
    assert (theme.title_fr, theme.slug_fr) == ("Ville de demain", "ville-de-demain")
    assert theme.title_en == "City of tomorrow"

    xliff = exchange.export_file([theme], "fr", kind=exchange.XLIFF_20)
    assert 'trgLang="fr"' in xliff


def test_pages_carry_three_hreflang_links_and_a_three_language_switcher(client, soup, theme):
    page = soup(client.get("/nl/stad-van-morgen/"))
    hreflang = {
        link["hreflang"]: link["href"] for link in page.select("link[rel=alternate][hreflang]")
    }
    assert {"nl", "en", "fr"} <= set(hreflang)
    assert hreflang["fr"].endswith("/fr/stad-van-morgen/")  # untranslated: the Dutch slug
    switcher = {a["hreflang"] for a in page.select(".language-switcher a[hreflang]")}
    assert switcher == {"en", "fr"}


def test_a_french_page_marks_dutch_fallback(client, soup, theme):
    response = client.get("/fr/stad-van-morgen/")
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == "fr"
    assert page.h1.get_text(strip=True) == "Stad van morgen"
    assert page.h1["lang"] == "nl"
    assert page.select_one(".fallback-notice") is not None


def test_the_sitemap_lists_three_languages_with_alternates(client, theme):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    locations = {url.find("s:loc", ns).text for url in root.findall("s:url", ns)}
    assert "https://testserver/fr/stad-van-morgen/" in locations
    first = root.find("s:url", ns)
    assert {link.get("hreflang") for link in first.findall("x:link", ns)} >= {"nl", "en", "fr"}


def test_the_workbench_and_the_progress_page_carry_french(client, translator, soup, theme):
    base = "/admin/translations/fieldtranslation/"
    english = {"Accept-Language": "en"}
    assert (
        client.get(f"{base}work/strategy.theme/{theme.pk}/fr/", headers=english).status_code == 200
    )
    progress = soup(client.get(f"{base}progress/", headers=english)).get_text()
    assert "French" in progress
