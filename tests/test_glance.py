"""The strategy at a glance: the home page's picture, built from the content."""

import pytest

from publishing.models import Status
from strategy.glance import TOPIC_LINE, strategy_at_a_glance
from strategy.models import Theme
from tests.factories import MissionFactory, MissionLineFactory, ThemeFactory, TopicFactory

pytestmark = pytest.mark.django_db


def picture_links(page):
    return [a["href"] for a in page.select(".glance svg a")]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_published_theme_and_topic_is_a_link_in_the_picture(client, soup, language):
    MissionFactory()
    themes = [ThemeFactory() for _ in range(4)]
    topics = [TopicFactory(theme=theme) for theme in themes for _ in range(5)]
    TopicFactory(theme=themes[0], title_nl="concept", status=Status.DRAFT)
    ThemeFactory(status=Status.DRAFT)

    page = soup(client.get(f"/{language}/"))
    links = picture_links(page)
    slug = f"slug_{language}"
    expected = []
    for theme in themes:
        expected.append(f"/{language}/{getattr(theme, slug)}/")
        expected += [
            f"/{language}/{getattr(theme, slug)}/{getattr(t, slug)}/"
            for t in topics
            if t.theme == theme
        ]
    assert links == expected
    # Each link is named by its text, and the picture's lists say how many topics a theme has.
    assert len(page.select('.glance svg [role="list"]')) == 4
    assert all(
        len(group.select('[role="listitem"]')) == 5
        for group in page.select('.glance svg [role="list"]')
    )
    assert all(a.get_text(" ", strip=True) for a in page.select(".glance svg a"))


def test_a_new_topic_appears_in_the_picture(client, soup, committed):
    MissionFactory()
    theme = ThemeFactory(slug_nl="thema")
    TopicFactory(theme=theme, slug_nl="eerste")
    assert picture_links(soup(client.get("/nl/"))) == ["/nl/thema/", "/nl/thema/eerste/"]
    with committed():  # the page cache misses after the commit, as after an editor's save
        TopicFactory(theme=theme, slug_nl="nieuw", title_nl="een nieuw onderwerp")
    page = soup(client.get("/nl/"))
    assert picture_links(page)[-1] == "/nl/thema/nieuw/"
    assert "Een nieuw onderwerp" in page.select(".glance svg a")[-1].get_text(" ", strip=True)


def test_the_picture_keeps_the_existing_lists_as_its_text_version(client, soup):
    MissionFactory()
    TopicFactory()
    page = soup(client.get("/nl/"))
    # The shapes and the mission drawing are hidden from screen readers; the cards stay.
    assert all(svg["aria-hidden"] == "true" for svg in page.select(".glance__mission"))
    assert page.select(".glance svg path.glance__lines[aria-hidden=true]")
    assert page.select(".card-grid .theme-card")
    skip = page.select_one(".glance__intro a")
    assert skip["href"] == "#strategy-heading"
    assert page.find(id="strategy-heading")


def test_long_titles_wrap_and_boxes_grow():
    mission = MissionFactory()
    MissionLineFactory(mission=mission)
    theme = ThemeFactory()
    TopicFactory(theme=theme, title_nl="kort")
    TopicFactory(theme=theme, title_nl="een heel lang onderwerp dat zeker over drie regels loopt")
    layout = strategy_at_a_glance(mission, Theme.objects.with_published_topics())
    short, long = layout["themes"][0].topics
    assert len(long.lines) == 3
    assert long.height - short.height == 2 * TOPIC_LINE
    assert long.y > short.bottom
    assert layout["themes"][0].height > long.bottom
    assert [m.width for m in layout["missions"]] == [320, 720]


def test_home_page_without_content_has_no_picture(client, soup):
    assert not soup(client.get("/nl/")).select(".glance")
