"""One number that changes whenever published content may have changed.

Anything cached from content (whole pages, the open-data body, ETags) puts ``content_version()``
in its key, so a save, delete, reorder or restore through any app server makes every server miss
at once, without hunting for keys. It lives in the shared cache (Redis in production).

The bump runs after the transaction commits (``bump_after_commit``). Bumped earlier, a visitor's
request landing between the bump and the commit would read the old rows and cache them under the
new version, where they would stay until the next edit.

Scheduled publication changes what is visible without any write: ``cached_content`` therefore
keeps each entry only until the next ``publish_from``/``publish_until`` (``schedule``).
"""

import time

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .counters import add_counter, has_native_increment, increment, set_counter

CONTENT_VERSION_KEY = "strategy:content-version"
NOTHING_SCHEDULED = "nothing"
SCHEDULE_TIMEOUT = 24 * 60 * 60


def _clock_version() -> int:
    # From the clock (in nanoseconds), so a flushed cache never reuses a version an old page was
    # cached at, and two servers bumping at the same moment do not pick the same number.
    return time.time_ns()


def content_version() -> int:
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        add_counter(CONTENT_VERSION_KEY, _clock_version(), timeout=None)
        version = cache.get(CONTENT_VERSION_KEY, _clock_version())
    return version


def bump_content_version() -> None:
    """Make every cached page miss now. Prefer ``bump_after_commit`` inside a transaction."""
    if has_native_increment():
        # Atomic (Redis INCR): two bumps at once give two new numbers.
        if increment(CONTENT_VERSION_KEY) is None:  # not in the cache (or evicted)
            set_counter(CONTENT_VERSION_KEY, _clock_version(), timeout=None)
        return
    # Without an atomic increment (the disk cache of one machine), two workers bumping at once
    # would both read N and both write N + 1; a page read between their two commits would be
    # cached under N + 1 with only the first edit, and the second bump would not move it. A number
    # from the clock is a new one for each bump instead.
    current = cache.get(CONTENT_VERSION_KEY) or 0
    set_counter(CONTENT_VERSION_KEY, max(current + 1, _clock_version()), timeout=None)


def bump_after_commit(*args, using=None, **kwargs) -> None:
    """Bump when the current transaction commits (at once outside one); also a signal receiver:
    every registered content type's save and delete end here (``registry.register``)."""
    transaction.on_commit(bump_content_version, using=using, robust=True)
    # Then render the pages anew for the new version (``warming``), so no visitor waits for them.
    transaction.on_commit(_warm, using=using, robust=True)


def _warm() -> None:
    from .warming import request_warming  # warming asks this module for the version

    request_warming()


def next_change(version, now=None):
    """``schedule.next_publication_change()``, cached per content version: one query per edit."""
    from .schedule import next_publication_change

    now = now or timezone.now()
    key = f"pagecache:next-change:{version}"
    cached = cache.get(key)
    if cached == NOTHING_SCHEDULED:
        return None
    if cached is not None and cached > now:
        return cached
    moment = next_publication_change(now)
    cache.set(key, moment or NOTHING_SCHEDULED, SCHEDULE_TIMEOUT)
    return moment


def cached_content(key, build, timeout):
    """``build()``'s value, kept under ``key`` + the content version until the content changes,
    ``timeout`` seconds pass, or the next scheduled publication moment comes (whichever first).
    """
    now = timezone.now()
    version = content_version()
    full_key = f"{key}:{version}"
    entry = cache.get(full_key)
    if entry is not None and (entry["valid_until"] is None or now < entry["valid_until"]):
        return entry["value"]
    # Asked before building: a value built just before a scheduled change must not outlive it.
    valid_until = next_change(version, now)
    value = build()
    lifetime = timeout
    if valid_until is not None:
        lifetime = min(timeout, int((valid_until - timezone.now()).total_seconds()))
    if lifetime > 0:
        cache.set(full_key, {"value": value, "valid_until": valid_until}, lifetime)
    return value
