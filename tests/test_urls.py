"""Every URL of the contract, both ways: reverse gives the path, resolve finds the view."""

import pytest
from django.urls import resolve, reverse
from django.utils import translation

CONTRACT = [
    # (language, route name, kwargs, path)
    ("nl", "strategy:home", {}, "/nl/"),
    ("en", "strategy:home", {}, "/en/"),
    ("nl", "strategy:theme", {"theme_slug": "stad-van-de-toekomst"}, "/nl/stad-van-de-toekomst/"),
    ("en", "strategy:theme", {"theme_slug": "city-of-the-future"}, "/en/city-of-the-future/"),
    (
        "nl",
        "strategy:topic",
        {"theme_slug": "stad-van-de-toekomst", "topic_slug": "wonen"},
        "/nl/stad-van-de-toekomst/wonen/",
    ),
    (
        "en",
        "strategy:topic",
        {"theme_slug": "city-of-the-future", "topic_slug": "housing"},
        "/en/city-of-the-future/housing/",
    ),
    # The fixed, translated routes of the other apps.
    ("nl", "findability:search", {}, "/nl/zoeken/"),
    ("en", "findability:search", {}, "/en/search/"),
    ("nl", "opendata:about", {}, "/nl/open-data/"),
    ("en", "opendata:about", {}, "/en/open-data/"),
    ("nl", "pages:accessibility", {}, "/nl/info/toegankelijkheid/"),
    ("en", "pages:accessibility", {}, "/en/info/accessibility/"),
    ("nl", "pages:privacy", {}, "/nl/info/privacy/"),
    ("en", "pages:contact", {}, "/en/info/contact/"),
    ("nl", "participation:thanks", {}, "/nl/feedback/bedankt/"),
]


@pytest.mark.parametrize(("language", "name", "kwargs", "path"), CONTRACT)
def test_reverse_gives_the_contract_path(language, name, kwargs, path):
    with translation.override(language):
        assert reverse(name, kwargs=kwargs) == path


@pytest.mark.parametrize(("language", "name", "kwargs", "path"), CONTRACT)
def test_resolve_finds_the_route(language, name, kwargs, path):
    with translation.override(language):
        match = resolve(path)
    assert f"{match.namespace}:{match.url_name}" == name
    assert match.captured_kwargs == kwargs


def test_admin_is_not_language_prefixed():
    assert reverse("admin:index") == "/admin/"


@pytest.mark.usefixtures("content")
@pytest.mark.parametrize(("language", "name", "kwargs", "path"), CONTRACT)
def test_objects_give_their_contract_path(language, name, kwargs, path):
    from strategy.models import Theme, Topic

    with translation.override(language):
        if name == "strategy:theme":
            assert Theme.objects.with_slug(kwargs["theme_slug"]).get().get_absolute_url() == path
        elif name == "strategy:topic":
            topic = Topic.objects.in_theme(kwargs["theme_slug"]).with_slug(kwargs["topic_slug"])
            assert topic.get().get_absolute_url() == path
