"""Every public page renders in a small constant number of queries, however much content exists."""

import pytest
from django.utils import timezone

from publishing.freshness import content_version, next_change
from tests.factories import MissionFactory, MissionLineFactory, ThemeFactory, TopicFactory

MAX_QUERIES = {"home": 4, "theme": 2, "topic": 2}


def build(themes, topics_per_theme):
    mission = MissionFactory()
    MissionLineFactory.create_batch(9, mission=mission)
    first_theme = first_topic = None
    for _ in range(themes):
        theme = ThemeFactory()
        topics = TopicFactory.create_batch(topics_per_theme, theme=theme)
        first_theme, first_topic = first_theme or theme, first_topic or topics[0]
    return first_theme, first_topic


@pytest.mark.django_db
@pytest.mark.parametrize(("themes", "topics"), [(4, 5), (10, 20)])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_public_pages_use_constant_queries(
    client, django_assert_max_num_queries, themes, topics, language
):
    theme, topic = build(themes, topics)
    pages = {
        "home": f"/{language}/",
        "theme": f"/{language}/{theme.slug_nl if language == 'nl' else theme.slug_en}/",
        "topic": (
            f"/{language}/{theme.slug_nl}/{topic.slug_nl}/"
            if language == "nl"
            else f"/{language}/{theme.slug_en}/{topic.slug_en}/"
        ),
    }
    # The page cache asks for the next scheduled publication change once per content version
    # (one query after an edit, tested in test_pagecache.py); counted here: the views' own queries.
    next_change(content_version(), timezone.now())
    for name, path in pages.items():
        with django_assert_max_num_queries(MAX_QUERIES[name]):
            response = client.get(path)
        assert response.status_code == 200, path
