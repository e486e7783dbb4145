"""After an edit commits, the public pages are rendered into the page cache before anyone asks."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publishing import warming
from publishing.freshness import content_version
from tests.admin_helpers import errors_of, form_data
from tests.factories import MissionFactory, ThemeFactory, TopicFactory


@pytest.fixture
def site(db):
    mission = MissionFactory()
    theme = ThemeFactory(title_nl="Stad van morgen", title_en="City of tomorrow")
    topic = TopicFactory(theme=theme, title_nl="Wonen", title_en="Housing")
    other = TopicFactory(theme=theme, title_nl="Klimaat", title_en="Climate")
    return mission, theme, topic, other


@pytest.fixture
def inline_warming(settings):
    settings.PAGE_CACHE_WARMING = "inline"


def affected_pages(theme, topic, other):
    return [
        "/nl/",
        "/en/",
        f"/nl/{theme.slug_nl}/",
        f"/en/{theme.slug_en}/",
        f"/nl/{theme.slug_nl}/{topic.slug_nl}/",
        f"/en/{theme.slug_en}/{topic.slug_en}/",
        # A sibling lists the edited topic: it changed too.
        f"/nl/{theme.slug_nl}/{other.slug_nl}/",
        f"/en/{theme.slug_en}/{other.slug_en}/",
    ]


@pytest.mark.parametrize("page", range(8))
def test_the_first_visit_after_an_edit_is_a_hit_with_the_new_text(
    client, site, committed, inline_warming, page
):
    _, theme, topic, other = site
    topic.title_nl = "Wonen in de stad"
    topic.title_en = "Living in the city"
    with committed():
        topic.save()

    path = affected_pages(theme, topic, other)[page]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    language = path.split("/")[1]
    assert ("Wonen in de stad" if language == "nl" else "Living in the city") in (
        response.content.decode()
    )


def test_an_edit_in_the_admin_leaves_the_site_warm(client, site, inline_warming, editor):
    _, theme, _, _ = site
    url = f"/admin/strategy/theme/{theme.pk}/change/"
    data = {**form_data(client.get(url)), "intro_nl": "Een nieuwe inleiding."}
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    client.logout()
    client.cookies.clear()
    page = client.get(f"/nl/{theme.slug_nl}/")
    assert page["X-Page-Cache"] == "hit"
    assert "Een nieuwe inleiding." in page.content.decode()


def test_only_one_server_warms_a_version(site, inline_warming):
    version = content_version()
    cache.add(f"pagecache:warming:{version}", 1, 60)  # another server holds the lock
    assert warming.warm() == 0


def test_a_warm_renders_every_public_page_in_both_languages(site, settings):
    _, theme, topic, other = site
    assert set(affected_pages(theme, topic, other)) <= set(warming.public_paths())
    assert warming.public_paths()[:2] == ["/nl/", "/en/"]
    assert warming.warm() >= 8
    # The same version again: the lock says it is done.
    assert warming.warm() == 0


def test_no_warming_when_the_page_cache_is_off(client, site, committed, settings):
    settings.PAGE_CACHE_WARMING = "inline"
    settings.PAGE_CACHE_SECONDS = 0
    topic = site[2]
    with committed():
        topic.save()
    assert warming.warm() == 0


@pytest.mark.django_db(transaction=True)
def test_the_background_warmer_fills_the_cache_without_the_editor_waiting(client, settings):
    MissionFactory()
    theme = ThemeFactory(title_nl="Stad van morgen", title_en="City of tomorrow")
    topic = TopicFactory(theme=theme, title_nl="Wonen", title_en="Housing")
    # Only now: the test database (SQLite in memory) locks a table a warm reads while a factory
    # writes it, which a real database does not.
    settings.PAGE_CACHE_WARMING = "background"
    topic.title_nl = "Wonen overal"
    topic.save()  # autocommit: the bump and the warm request follow at once
    assert warming.wait_until_warm(30)
    response = client.get(f"/nl/{theme.slug_nl}/{topic.slug_nl}/")
    assert response["X-Page-Cache"] == "hit"
    assert "Wonen overal" in response.content.decode()
