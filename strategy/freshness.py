"""One number that changes whenever published content may have changed.

Anything cached from content (whole pages, fragments, ETags) puts ``content_version()`` in its key,
so a save, delete, reorder or restore through any app server makes every server miss at once,
without hunting for keys. It lives in the shared cache (Redis in production).
"""

import time

from django.core.cache import cache

CONTENT_VERSION_KEY = "strategy:content-version"


def content_version() -> int:
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        # Start from the clock, so a flushed cache never reuses a version an old page was cached at.
        cache.add(CONTENT_VERSION_KEY, time.time_ns() // 1000, timeout=None)
        version = cache.get(CONTENT_VERSION_KEY, time.time_ns() // 1000)
    return version


def bump_content_version() -> None:
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:  # not in the cache yet (or evicted)
        cache.set(CONTENT_VERSION_KEY, time.time_ns() // 1000, timeout=None)


def bump_on_change(sender, **kwargs):
    """Signal receiver: every write path (admin, shell, loader, bulk tools) ends here."""
    bump_content_version()
