import threading

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


@pytest.mark.django_db
def test_the_version_moves_when_the_edit_commits_not_before(django_capture_on_commit_callbacks):
    """A visitor's request between the save and the commit must not find a new version: it
    would cache the rows as they were under it (tests/test_concurrency.py shows the race)."""
    theme = ThemeFactory()
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        theme.title_nl = "Anders"
        theme.save()
        assert content_version() == before, "bumped before the commit"
    assert content_version() > before


def test_two_servers_bumping_at_once_on_a_disk_cache_pick_different_versions(
    settings, tmp_path, monkeypatch
):
    """Without Redis the disk cache has no atomic increment. Two workers committing edits at
    the same moment both read the version before either writes it; were both to write the same
    next number, a page read between their two commits would be cached under it with the first
    edit only, and the second bump would not move it."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    from django.core.cache import caches
    from django.core.cache.backends.filebased import FileBasedCache

    from publishing.freshness import CONTENT_VERSION_KEY

    start = content_version()
    read, write = FileBasedCache.get, FileBasedCache.set
    both_read = threading.Barrier(2, timeout=5)
    written = []

    def read_at_the_same_moment(self, key, *args, **kwargs):
        value = read(self, key, *args, **kwargs)
        if key == CONTENT_VERSION_KEY:
            both_read.wait()  # neither writes before the other has read
        return value

    def recorded_write(self, key, value, *args, **kwargs):
        if key == CONTENT_VERSION_KEY:
            written.append(value)
        return write(self, key, value, *args, **kwargs)

    monkeypatch.setattr(FileBasedCache, "get", read_at_the_same_moment)
    monkeypatch.setattr(FileBasedCache, "set", recorded_write)
    errors = []

    def bump():
        try:
            bump_content_version()
        except Exception as error:
            errors.append(error)

    workers = [threading.Thread(target=bump, daemon=True) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(10)
    monkeypatch.undo()
    assert not any(worker.is_alive() for worker in workers) and not errors, errors
    assert len(written) == 2 and written[0] != written[1], written
    assert content_version() in written and content_version() > start
    caches["default"].close()
