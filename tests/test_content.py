"""The shipped text reaches the right page, word for word, in both languages."""

import pytest
from django.utils import translation
from django.utils.text import slugify

from strategy.seed import load_seed

pytestmark = pytest.mark.usefixtures("content")

LANGUAGES = ["nl", "en"]


def element_texts(soup):
    """The full text of every element on the page, so a sentence must fill one element exactly."""
    return {element.get_text(" ", strip=True) for element in soup.find_all(True)}


def theme_url(language, seed_theme):
    return f"/{language}/{slugify(seed_theme.title)}/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_shows_mission_strategy_and_every_theme_and_topic(client, soup, language):
    seed = load_seed(language)
    texts = element_texts(soup(client.get(f"/{language}/")))

    expected = [
        seed.title,
        seed.mission_heading,
        seed.mission_intro,
        *seed.mission_lines,
        seed.strategy_heading,
        seed.strategy_intro,
    ]
    for seed_theme in seed.themes:
        expected += [seed_theme.title, seed_theme.intro, *seed_theme.topics]
    missing = [sentence for sentence in expected if sentence not in texts]
    assert not missing


@pytest.mark.parametrize("language", LANGUAGES)
def test_mission_lines_are_shown_one_per_line_in_order(client, soup, language):
    page = soup(client.get(f"/{language}/"))
    lines = [line.get_text(strip=True) for line in page.select(".mission-statement__line")]
    assert lines == load_seed(language).mission_lines


def test_header_image_label_is_not_shown(client):
    assert "Klaartje" not in client.get("/nl/").content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_theme_page_shows_its_text_and_its_topics(client, soup, language):
    for seed_theme in load_seed(language).themes:
        response = client.get(theme_url(language, seed_theme))
        assert response.status_code == 200
        page = soup(response)
        assert page.h1.get_text(strip=True) == seed_theme.title
        texts = element_texts(page)
        assert seed_theme.intro in texts
        topics = [a.get_text(strip=True) for a in page.select("main .topic-card a")]
        assert topics == seed_theme.topics


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_topic_page_shows_its_title_its_theme_and_its_siblings(client, soup, language):
    for seed_theme in load_seed(language).themes:
        for topic in seed_theme.topics:
            response = client.get(f"{theme_url(language, seed_theme)}{slugify(topic)}/")
            assert response.status_code == 200, topic
            page = soup(response)
            assert page.h1.get_text(strip=True) == topic
            texts = element_texts(page)
            assert seed_theme.title in texts
            assert seed_theme.intro in texts
            siblings = [item.get_text(strip=True) for item in page.select("main .topic-list li")]
            assert siblings == seed_theme.topics
            assert (
                page.select_one('.topic-list [aria-current="page"]').get_text(strip=True) == topic
            )


def test_source_has_four_themes_and_twenty_topics():
    seed = load_seed("nl")
    assert [len(theme.topics) for theme in seed.themes] == [8, 4, 5, 3]
    assert [t.title for t in seed.themes] == [
        "Stad van de toekomst",
        "Stad van kansen",
        "Stad waar we samenleven",
        "Stad voor en door Gentenaars",
    ]


def test_english_translation_lines_up_with_the_dutch_source():
    dutch, english = load_seed("nl"), load_seed("en")
    assert len(english.mission_lines) == len(dutch.mission_lines)
    assert [len(t.topics) for t in english.themes] == [len(t.topics) for t in dutch.themes]


def test_source_typography_is_kept(client):
    html = client.get("/nl/").content.decode()
    assert "4 thema’s" in html
    assert "zijn/haar/x" in client.get("/nl/stad-van-kansen/").content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_english_pages_say_the_dutch_text_is_authoritative(client, soup, language):
    notice = soup(client.get(f"/{language}/")).select_one(".translation-notice")
    if language == "nl":
        assert notice is None
    else:
        assert "Dutch text is the authoritative version" in notice.get_text()
        with translation.override("nl"):
            assert notice.find("a", attrs={"hreflang": "nl", "lang": "nl"})["href"].endswith("/nl/")
