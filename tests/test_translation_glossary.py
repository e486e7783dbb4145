"""The glossary: the city's fixed terms, kept by translators, shown beside a segment and
checked against the translation."""

import pytest

from tests.factories import ThemeFactory
from translations.models import GlossaryTerm

pytestmark = pytest.mark.django_db

GLOSSARY = "/admin/translations/glossaryterm/"


def url(obj, language="en"):
    return f"/admin/translations/fieldtranslation/work/{obj._meta.label_lower}/{obj.pk}/{language}/"


def test_a_translator_adds_a_term_in_the_admin(client, translator):
    response = client.post(
        f"{GLOSSARY}add/",
        {"source_term": " stadsvernieuwing ", "language": "en", "translation": "urban  renewal"},
    )
    assert response.status_code == 302
    term = GlossaryTerm.objects.get()
    assert (term.source_term, term.translation, term.language) == (
        "stadsvernieuwing",
        "urban renewal",
        "en",
    )


def test_the_dutch_is_no_glossary_language(client, translator, soup):
    response = client.post(
        f"{GLOSSARY}add/", {"source_term": "stad", "language": "nl", "translation": "stad"}
    )
    assert response.status_code == 200
    assert not GlossaryTerm.objects.exists()


def test_the_term_is_shown_beside_the_segment_and_its_absence_warned(
    client, translator, committed, soup
):
    GlossaryTerm.objects.create(
        source_term="stadsvernieuwing", language="en", translation="urban renewal"
    )
    with committed():
        theme = ThemeFactory(
            intro_nl="Stadsvernieuwing in elke wijk.", intro_en="City renovation in every area."
        )
    page = soup(client.get(url(theme)))
    segment = page.find(
        "textarea", attrs={"name": f"strategy.theme:{theme.pk}:intro:0"}
    ).find_parent(class_="tr-segment")
    assert segment.select_one(".tr-terms dd").get_text(strip=True) == "urban renewal"
    warnings = segment.select(".tr-finding--warning")
    assert any("urban renewal" in warning.get_text() for warning in warnings)


def test_no_warning_when_the_agreed_term_is_used(client, translator, committed, soup):
    GlossaryTerm.objects.create(
        source_term="stadsvernieuwing", language="en", translation="urban renewal"
    )
    with committed():
        theme = ThemeFactory(
            intro_nl="Stadsvernieuwing in elke wijk.", intro_en="Urban renewal in every area."
        )
    page = soup(client.get(url(theme)))
    assert not page.select(".tr-finding--warning")


def test_the_glossary_list_names_the_language(client, translator, soup):
    GlossaryTerm.objects.create(source_term="wijk", language="en", translation="neighbourhood")
    page = soup(client.get(GLOSSARY))
    row = page.select_one("#result_list tbody tr")
    assert "neighbourhood" in row.get_text()
    assert "Engels" in row.get_text()
