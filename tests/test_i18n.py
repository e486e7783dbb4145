"""Translations: the UI catalogue, and Dutch fallback text marked as Dutch on English pages."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import translation

from strategy.models import Topic
from tests.factories import MissionFactory, MissionLineFactory, ThemeFactory, TopicFactory


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", "Naar de hoofdinhoud"), ("en", "Skip to main content")],
)
def test_catalogue_translates_a_known_string(language, expected):
    with translation.override(language):
        assert translation.gettext("Skip to main content") == expected


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES if code != "en"])
def test_every_non_english_language_has_a_compiled_catalogue(language):
    """English is the msgids themselves; every other configured language needs its catalogue
    (a language added to LANGUAGES without one fails here)."""
    assert (Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.mo").is_file()
    with translation.override(language):
        assert translation.gettext("Skip to main content") != "Skip to main content"
        assert translation.gettext("Translation status") != "Translation status"


def test_translation_admin_strings_are_dutch():
    with translation.override("nl"):
        assert translation.gettext("Translation status") == "Vertaalstatus"
        assert translation.gettext("needs translation") == "moet vertaald worden"


@pytest.mark.django_db
def test_english_page_marks_dutch_fallback_text(client, soup):
    theme = ThemeFactory(
        title_nl="Stad van morgen", slug_nl="stad-van-morgen", title_en="", slug_en="", intro_en=""
    )
    TopicFactory(theme=theme, title_nl="bruggen", slug_nl="bruggen", title_en="", slug_en="")

    response = client.get("/en/stad-van-morgen/")
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Stad van morgen"
    assert page.h1["lang"] == "nl"
    assert page.select_one("main .lead")["lang"] == "nl"
    assert "has not been translated yet" in page.select_one(".fallback-notice").get_text()
    topic_link = page.select_one("main .topic-card a")
    assert topic_link["lang"] == "nl"
    # An untranslated topic keeps its Dutch slug on the English site.
    assert topic_link["href"] == "/en/stad-van-morgen/bruggen/"
    assert client.get("/en/stad-van-morgen/bruggen/").status_code == 200


@pytest.mark.django_db
def test_translated_text_is_not_marked(client, soup):
    ThemeFactory(title_nl="Thema", slug_nl="thema", title_en="Theme", slug_en="theme")
    page = soup(client.get("/en/theme/"))
    assert page.h1.get_text(strip=True) == "Theme"
    assert not page.h1.has_attr("lang")
    assert page.select_one(".fallback-notice") is None


@pytest.mark.django_db
def test_dutch_page_never_marks_fallback(client, soup):
    ThemeFactory(title_nl="Thema", slug_nl="thema", title_en="", slug_en="")
    page = soup(client.get("/nl/thema/"))
    assert not page.h1.has_attr("lang")


@pytest.mark.django_db
def test_english_topic_page_marks_every_untranslated_text(client, soup):
    theme = ThemeFactory(title_nl="Thema", slug_nl="thema", title_en="Theme", slug_en="theme")
    TopicFactory(
        theme=theme,
        title_nl="wonen",
        slug_nl="wonen",
        title_en="housing",
        slug_en="housing",
        summary_nl="Betaalbaar wonen voor iedereen.",
        summary_en="",
        body_nl="<p>Meer sociale woningen.</p>",
        body_en="",
    )
    page = soup(client.get("/en/theme/housing/"))
    assert not page.h1.has_attr("lang")  # the title is translated
    assert page.select_one("main .lead")["lang"] == "nl"
    assert page.select_one("main .rich-text")["lang"] == "nl"
    assert "has not been translated yet" in page.select_one(".fallback-notice").get_text()


@pytest.mark.django_db
def test_english_home_page_marks_untranslated_mission_texts(client, soup):
    mission = MissionFactory(mission_intro_en="")
    MissionLineFactory(mission=mission, text_nl="Samen maken we de stad.", text_en="")
    MissionLineFactory(mission=mission, text_nl="Gent is fier.", text_en="Ghent is proud.")
    page = soup(client.get("/en/"))
    assert page.select_one(".mission .lead")["lang"] == "nl"
    lines = {
        line.get_text(strip=True): line.get("lang")
        for line in page.select(".mission-statement__line")
    }
    assert lines == {"Samen maken we de stad.": "nl", "Ghent is proud.": None}
    assert page.select_one(".fallback-notice") is not None


@pytest.mark.django_db
def test_fully_translated_english_home_page_has_no_notice(client, soup):
    MissionLineFactory()
    page = soup(client.get("/en/"))
    assert page.select_one(".fallback-notice") is None
    assert page.select_one("main [lang]") is None


@pytest.mark.django_db
def test_untranslated_alt_text_is_marked_dutch(soup):
    from django.template.loader import render_to_string

    theme = ThemeFactory(image="images/2026/brug.jpg", image_alt_nl="Een brug", image_alt_en="")
    theme.image._dimensions_cache = (10, 10)  # no file needed to render the markup
    with translation.override("en"):
        html = render_to_string("components/image.html", {"obj": theme})
    img = BeautifulSoup(html, "html.parser").img
    assert (img["alt"], img["lang"]) == ("Een brug", "nl")


@pytest.mark.django_db
def test_every_alternate_and_switcher_link_leads_to_a_page(client, soup, content):
    """hreflang and the switcher only offer pages that exist: an untranslated page exists in
    every language thanks to the fallback (its Dutch slug is its address there)."""
    topic = Topic.objects.filter(theme__seed_key="stad-van-de-toekomst").first()
    topic.title_en = topic.slug_en = ""
    topic.save()
    paths = ["/nl/", "/en/"]
    for language in ("nl", "en"):
        with translation.override(language):
            paths += [topic.get_absolute_url(), topic.theme.get_absolute_url()]
    assert "/en/city-of-the-future/" in paths  # the theme is translated, the topic is not
    for path in paths:
        page = soup(client.get(path))
        links = [a["href"] for a in page.select("link[rel=alternate][hreflang]")]
        links += [a["href"] for a in page.select(".language-switcher a")]
        assert links
        for link in links:
            assert client.get(link).status_code == 200, link
