import pytest

from publishing.freshness import bump_content_version, content_version
from tests.factories import ThemeFactory


@pytest.mark.django_db
def test_every_content_write_changes_the_content_version(committed):
    before = content_version()
    with committed():
        theme = ThemeFactory()
    after_create = content_version()
    theme.title_nl = "Anders"
    with committed():
        theme.save()
    after_edit = content_version()
    with committed():
        theme.delete()
    after_delete = content_version()
    assert before < after_create < after_edit < after_delete


def test_version_survives_an_empty_cache():
    from django.core.cache import cache

    cache.clear()
    first = content_version()
    bump_content_version()
    assert content_version() == first + 1
