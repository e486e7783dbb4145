"""Parts of public pages are rendered once per content version ({% fragment %}), never for staff."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.template import Template, TemplateSyntaxError
from django.test.utils import CaptureQueriesContext

from publishing.models import Status
from strategy.models import Theme
from tests.factories import MissionFactory, ThemeFactory, TopicFactory


@pytest.fixture
def site(db, settings):
    settings.PAGE_CACHE_SECONDS = 0  # what is measured here is the render, not the page cache
    MissionFactory()
    theme = ThemeFactory(title_nl="Stad van morgen", intro_nl="Oude inleiding.")
    TopicFactory(theme=theme, title_nl="Wonen")
    TopicFactory(theme=theme, title_nl="Klimaat")
    return theme


def address(theme, page):
    topic = theme.topics.first()
    return {
        "home": "/nl/",
        "theme": f"/nl/{theme.slug_nl}/",
        "topic": f"/nl/{theme.slug_nl}/{topic.slug_nl}/",
    }[page]


@pytest.mark.parametrize("page", ["home", "theme", "topic"])
def test_a_second_render_reuses_the_fragments_and_is_the_same_page(client, site, page):
    path = address(site, page)
    with CaptureQueriesContext(connection) as first_queries:
        first = client.get(path)
    with CaptureQueriesContext(connection) as second_queries:
        second = client.get(path)
    assert first["X-Page-Cache"] == second["X-Page-Cache"] == "off"
    assert second.content == first.content
    assert len(second_queries) < len(first_queries)


def test_an_edit_is_in_the_next_render(client, site, committed):
    theme = site
    path = f"/nl/{theme.slug_nl}/"
    assert "Oude inleiding." in client.get(path).content.decode()
    theme.intro_nl = "Nieuwe inleiding."
    with committed():
        theme.save()
    assert "Nieuwe inleiding." in client.get(path).content.decode()


def test_staff_never_get_nor_fill_cached_fragments(client, site):
    theme = site
    path = f"/nl/{theme.slug_nl}/"
    client.get(path)  # a visitor fills the fragments
    # A change that bumps nothing (no signal): only a fresh render can show it.
    Theme.objects.filter(pk=theme.pk).update(intro_nl="Stille wijziging.")
    assert "Oude inleiding." in client.get(path).content.decode()

    client.force_login(get_user_model().objects.create_user("editor", is_staff=True))
    assert "Stille wijziging." in client.get(path).content.decode()


def test_a_preview_is_rendered_afresh_and_not_kept(client, site, editor):
    draft = ThemeFactory(title_nl="Nog geheim", intro_nl="Ontwerp.", status=Status.DRAFT)
    path = f"/nl/{draft.slug_nl}/"
    assert "Ontwerp." in client.get(path).content.decode()
    client.logout()
    client.cookies.clear()
    assert client.get(path).status_code == 404


def test_a_malformed_tag_is_a_template_error():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load fragments %}{% fragment name %}x{% endfragment %}")
    with pytest.raises(TemplateSyntaxError):
        Template('{% load fragments %}{% fragment "name" other %}x{% endfragment %}')


@pytest.mark.parametrize("page", ["home", "theme", "topic"])
def test_a_visitors_second_render_looks_nothing_up(client, site, page):
    # The page's own object and its language links are kept per content version too.
    path = address(site, page)
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    assert [q["sql"] for q in queries] == []


def test_unknown_addresses_are_not_kept(client, site, monkeypatch):
    from django.core.cache import cache

    from publishing import pagecache
    from publishing.freshness import cached_content, content_version

    asked = []

    def spy(key, build, timeout):
        asked.append(key)
        return cached_content(key, build, timeout)

    monkeypatch.setattr(pagecache, "cached_content", spy)
    assert client.get(f"/nl/{site.slug_nl}/geen-subthema/").status_code == 404
    assert client.get("/nl/geen-thema/").status_code == 404
    assert client.get(f"/nl/{site.slug_nl}/").status_code == 200
    assert len(asked) == 3
    kept = [key for key in asked if cache.get(f"{key}:{content_version()}") is not None]
    assert kept == [asked[-1]]  # only the page that exists
