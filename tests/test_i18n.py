"""Translations: the UI catalogue, and Dutch fallback text marked as Dutch on English pages."""

import pytest
from django.utils import translation

from tests.factories import ThemeFactory, TopicFactory


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", "Naar de hoofdinhoud"), ("en", "Skip to main content")],
)
def test_catalogue_translates_a_known_string(language, expected):
    with translation.override(language):
        assert translation.gettext("Skip to main content") == expected


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
