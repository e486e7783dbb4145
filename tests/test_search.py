"""Site search: what a visitor finds, in their language, and what hostile input gets."""

import pytest
from django.utils import translation

from findability.search import MAX_QUERY_LENGTH, clean_query, search
from publishing.models import Status
from tests.factories import MissionFactory, MissionLineFactory, ThemeFactory, TopicFactory

HOSTILE = [
    "",
    "   ",
    '"',
    "'; DROP TABLE strategy_theme; --",
    "100%",
    "_",
    "a\x00b",
    "\x00",
    "\\",
    "\\%_\\",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "wonen & mobiliteit",
    "-",
    "!!! ((( )))",
    "or and not",
    "\ue000wonen\ue001",
    "é" * 500,
]


@pytest.fixture
def site(db):
    mission = MissionFactory()
    MissionLineFactory(mission=mission, text_nl="Gent is een stad die zorgt", text_en="")
    theme = ThemeFactory(
        title_nl="Stad van de toekomst",
        title_en="City of the future",
        intro_nl="Betaalbaar wonen voor iedereen.",
        intro_en="Affordable housing for everyone.",
    )
    housing = TopicFactory(
        theme=theme,
        title_nl="Wonen",
        title_en="Housing",
        summary_nl="Meer betaalbare woningen.",
        summary_en="",
        body_nl="<p>We bouwen <strong>woningen</strong> &amp; buurten.</p>",
    )
    mobility = TopicFactory(
        theme=theme,
        title_nl="Mobiliteit",
        title_en="Mobility",
        summary_nl="Vlot en veilig naar je werk en naar je wonen.",
        summary_en="Getting to work safely.",
    )
    draft = TopicFactory(theme=theme, title_nl="Geheim wonen", status=Status.DRAFT)
    hidden_theme = ThemeFactory(title_nl="Verborgen wonen", status=Status.DRAFT)
    orphan = TopicFactory(theme=hidden_theme, title_nl="Wees wonen")
    return {"theme": theme, "housing": housing, "mobility": mobility, "draft": draft,
            "hidden_theme": hidden_theme, "orphan": orphan}  # fmt: skip


def test_search_finds_published_items_with_title_matches_first(site):
    with translation.override("nl"):
        results = search("wonen")
    urls = [r.url for r in results]
    assert urls[0] == "/nl/stad-van-de-toekomst/wonen/"  # the title match comes first
    assert "/nl/stad-van-de-toekomst/mobiliteit/" in urls  # found in its summary
    assert "/nl/stad-van-de-toekomst/" in urls  # the theme, found in its intro
    titles = " ".join(r.title_html for r in results)
    assert "Geheim" not in titles  # a draft topic
    assert "Verborgen" not in titles and "Wees" not in titles  # a draft theme and its topic


def test_search_marks_matches_and_escapes_editor_text(site):
    with translation.override("nl"):
        [housing] = [r for r in search("woningen") if r.url.endswith("/wonen/")]
    assert "<mark>woningen</mark>" in housing.snippet_html
    assert "<strong>" not in housing.snippet_html  # tags stripped, only <mark> is markup
    assert "&amp; buurten" in housing.snippet_html


def test_english_search_falls_back_to_dutch_text(site):
    with translation.override("en"):
        results = search("betaalbare")  # the English summary of "Housing" is empty
    [housing] = [r for r in results if "housing" in r.url]
    assert housing.url == "/en/city-of-the-future/housing/"
    assert "<mark>betaalbare</mark>" in housing.snippet_html
    assert (housing.lang, housing.snippet_lang) == ("en", "nl")


def test_english_search_uses_english_text(site):
    with translation.override("en"):
        results = search("Housing")
    assert results[0].url == "/en/city-of-the-future/housing/"
    assert results[0].title_html == "<mark>Housing</mark>"
    assert results[0].lang == "en"


def test_mission_line_is_found(site):
    with translation.override("en"):
        [line] = search("zorgt")
    assert line.url == "/en/#mission-heading"
    assert line.lang == "nl"  # an English page showing the Dutch line says so


def test_clean_query_cuts_long_queries_and_drops_control_characters():
    query = clean_query("x" * (MAX_QUERY_LENGTH + 50))
    assert query.truncated and len(query.text) == MAX_QUERY_LENGTH
    assert clean_query("a\x00b\tc").text == "a b c"
    assert not clean_query("  %  _ ")


def test_search_page_shows_results(client, soup, site):
    response = client.get("/nl/zoeken/", {"q": "wonen"})
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Zoeken"
    first = page.select_one(".search-result__title a")
    assert first["href"] == "/nl/stad-van-de-toekomst/wonen/"
    assert first.mark.get_text() == "Wonen"
    assert page.select_one("#search-page-q")["value"] == "wonen"


def test_search_page_has_hreflang_alternates_to_the_same_search(client, soup, site):
    page = soup(client.get("/en/search/", {"q": "wonen & co"}))
    links = {
        link["hreflang"]: link["href"] for link in page.select("link[rel=alternate][hreflang]")
    }
    assert links["nl"] == "https://testserver/nl/zoeken/?q=wonen+%26+co"
    assert links["en"] == "https://testserver/en/search/?q=wonen+%26+co"
    assert page.select_one(".language-switcher a")["href"] == "/nl/zoeken/?q=wonen+%26+co"


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_get_a_clean_page(client, site, query):
    response = client.get("/nl/zoeken/", {"q": query})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert" not in body
    assert "<img src=x" not in body
    assert not response.cookies


def test_overlong_query_says_it_was_cut(client, soup, site):
    page = soup(client.get("/en/search/", {"q": "housing " * 60}))
    assert "longer than 200 characters" in page.select_one(".notice").get_text()


def test_empty_query_asks_for_words(client, soup, site):
    page = soup(client.get("/nl/zoeken/"))
    assert "Typ een of meer woorden" in page.main.get_text()
    assert not page.select(".search-result")


def test_every_page_has_a_labelled_search_field(client, soup, site):
    page = soup(client.get("/nl/stad-van-de-toekomst/"))
    field = page.select_one("header form[role=search] input[type=search][name=q]")
    assert page.select_one(f"label[for={field['id']}]").get_text(strip=True)
    assert page.select_one("header form[role=search]")["action"] == "/nl/zoeken/"


@pytest.mark.parametrize("themes", [2, 12])
def test_search_uses_constant_queries(client, django_assert_max_num_queries, db, themes):
    for _ in range(themes):
        TopicFactory.create_batch(3, theme=ThemeFactory(intro_nl="Over wonen."), summary_nl="wonen")
    with django_assert_max_num_queries(4):
        response = client.get("/nl/zoeken/", {"q": "wonen"})
    assert response.status_code == 200


def test_theme_slugged_like_the_search_path_breaks_neither(client, soup, db):
    theme = ThemeFactory(title_nl="Zoeken", slug_nl="zoeken", title_en="Finding")
    TopicFactory(theme=theme, title_nl="Vinden", title_en="Found")
    search_page = client.get("/nl/zoeken/", {"q": "vinden"})
    assert search_page.status_code == 200
    assert soup(search_page).select_one(".search-result__title a")["href"] == "/nl/zoeken/vinden/"
    assert client.get("/nl/zoeken/vinden/").status_code == 200  # its topics still resolve
    assert client.get("/en/finding/").status_code == 200


@pytest.mark.postgres
def test_postgres_search_stems_dutch_words(site):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("full-text search runs on PostgreSQL only (CI runs the suite there too)")
    with translation.override("nl"):
        urls = [r.url for r in search("woning")]  # the text says "woningen"
    assert "/nl/stad-van-de-toekomst/wonen/" in urls
