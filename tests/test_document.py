"""The whole strategy in one document: the mission, every theme and every topic in order."""

import pytest
from django.conf import settings
from django.utils import timezone

from publishing.freshness import content_version, next_change
from publishing.models import Status
from tests.factories import MissionFactory, MissionLineFactory, ThemeFactory, TopicFactory

pytestmark = pytest.mark.django_db

PATHS = {"nl": "/nl/volledige-strategie/", "en": "/en/whole-strategy/"}


def build():
    mission = MissionFactory()
    MissionLineFactory(mission=mission, text_nl="Gent is een fiere stad", text_en="Ghent is proud")
    second = ThemeFactory(title_nl="Tweede", title_en="Second", order=2)
    first = ThemeFactory(title_nl="Eerste", title_en="First", order=1)
    TopicFactory(theme=first, title_nl="b-onderwerp", title_en="b-topic", order=2)
    TopicFactory(
        theme=first,
        title_nl="a-onderwerp",
        title_en="a-topic",
        order=1,
        body_nl="<p>Lang verhaal.</p>",
    )
    TopicFactory(theme=second, title_nl="c-onderwerp", title_en="c-topic")
    TopicFactory(theme=first, title_nl="concept", status=Status.DRAFT)
    ThemeFactory(title_nl="Verborgen thema", status=Status.DRAFT)
    return mission, first, second


@pytest.mark.parametrize("language", ["nl", "en"])
def test_document_has_the_mission_every_theme_and_topic_in_order(client, soup, language):
    mission, _first, _second = build()
    response = client.get(PATHS[language])
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == language
    text = page.main.get_text(" ", strip=True)
    words = {
        "nl": [
            "Gent is een fiere stad",
            "Eerste",
            "a-onderwerp",
            "Lang verhaal.",
            "b-onderwerp",
            "Tweede",
            "c-onderwerp",
        ],
        "en": ["Ghent is proud", "First", "a-topic", "b-topic", "Second", "c-topic"],
    }[language]
    positions = [text.index(word) for word in words]
    assert positions == sorted(positions)
    assert "concept" not in text
    assert "Verborgen thema" not in text
    headings = [h.get_text(" ", strip=True) for h in page.main.select("h2, h3")]
    assert headings[0] == getattr(mission, f"mission_heading_{language}")


def test_document_links_carry_the_whole_address_for_print(client, soup):
    _mission, first, _second = build()
    page = soup(client.get(PATHS["nl"]))
    links = [a["href"] for a in page.select(".document__theme a")]
    assert f"{settings.PUBLIC_ORIGIN}/nl/{first.slug_nl}/" in links
    assert all(href.startswith(settings.PUBLIC_ORIGIN + "/nl/") for href in links)
    stylesheet = page.find("link", rel="stylesheet", media="print")
    assert "document-print" in stylesheet["href"]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_home_page_links_the_document(client, soup, language):
    build()
    link = soup(client.get(f"/{language}/")).select_one(".strategy__document a")
    assert link["href"] == PATHS[language]


def test_document_has_alternates_to_the_other_language(client, soup):
    build()
    page = soup(client.get(PATHS["nl"]))
    english = page.find("link", rel="alternate", hreflang="en")["href"]
    assert english == settings.PUBLIC_ORIGIN + PATHS["en"]


def test_no_theme_can_take_the_documents_address():
    from django.core.exceptions import ValidationError

    theme = ThemeFactory.build(title_nl="x", slug_nl="volledige-strategie", intro_nl="x")
    with pytest.raises(ValidationError) as error:
        theme.full_clean()
    assert "slug_nl" in error.value.message_dict


@pytest.mark.parametrize(("themes", "topics"), [(2, 2), (10, 12)])
def test_document_uses_constant_queries(client, django_assert_max_num_queries, themes, topics):
    MissionFactory()
    for _ in range(themes):
        TopicFactory.create_batch(topics, theme=ThemeFactory())
    next_change(content_version(), timezone.now())
    with django_assert_max_num_queries(4):
        assert client.get(PATHS["nl"]).status_code == 200


def test_sitemap_lists_the_document_in_both_languages(client):
    body = client.get("/sitemap.xml").content.decode()
    for path in PATHS.values():
        assert f"<loc>{settings.PUBLIC_ORIGIN}{path}</loc>" in body


def test_document_has_breadcrumbs_back_home(client, soup):
    build()
    crumbs = soup(client.get(PATHS["en"])).select(".breadcrumbs li")
    assert crumbs[0].a["href"] == "/en/"
    assert crumbs[-1].get_text(strip=True) == "The whole strategy"
