"""Counters in the shared cache whose lifetime is the one they were created with, on every backend.

Django's ``BaseCache.incr`` re-saves the key with the *default* timeout on backends without a
native increment (file, database): a content version meant to live forever expired after five
minutes, and a rate-limit window became the default timeout instead of the documented one. Redis,
memcached and the local-memory cache increment in place and keep the key's expiry; for the others
the moment the counter ends is kept beside it, and every re-save uses what is left of it.

Exactness: a native increment is atomic (one Redis ``INCR``). Without one, an increment is a read
then a write, and two processes incrementing at the same moment could both write the same number
(a rate limit would let a few more through under parallel posts). So on those backends the read
and the write happen under a lock every process shares (``_exclusive``): on the disk cache an
``fcntl`` lock on a file in the cache directory, on the database cache the row's write lock in a
transaction. Both are what those backends already rely on, and need no new table or service.
"""

import fcntl
import os
import time
from contextlib import contextmanager

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.memcached import BaseMemcachedCache
from django.core.cache.backends.redis import RedisCache

# Backends whose incr() changes the value in place and leaves its expiry alone.
NATIVE_INCREMENT = (RedisCache, LocMemCache, BaseMemcachedCache)


def _cache():
    # The backend itself, not ``django.core.cache.cache``: that is a proxy, and isinstance() on
    # it sees the proxy's class, never the backend's.
    return caches[DEFAULT_CACHE_ALIAS]


def _until_key(key):
    return f"{key}:until"


def has_native_increment(backend=None) -> bool:
    return isinstance(backend or _cache(), NATIVE_INCREMENT)


@contextmanager
def _exclusive(cache, key):
    """While active, no other increment of ``key`` on this (non-native) backend runs, in any
    process. Other backends (none in use here) are left as they are."""
    if isinstance(cache, FileBasedCache):
        os.makedirs(cache._dir, exist_ok=True)
        # One lock file for every counter: increments are rare and short. Django's cache never
        # deletes it (it only culls and clears its own *.djcache files).
        with open(os.path.join(cache._dir, "counters.lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
    elif isinstance(cache, DatabaseCache):
        from django.db import connections, router, transaction

        db = router.db_for_write(cache.cache_model_class)
        connection = connections[db]
        with transaction.atomic(using=db):
            # SQLite: the transaction begins IMMEDIATE (gent/settings.py), which is the write
            # lock of the whole file. PostgreSQL and others: lock the counter's row.
            if connection.vendor != "sqlite":
                table = connection.ops.quote_name(cache._table)
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT cache_key FROM {table} WHERE cache_key = %s FOR UPDATE",  # noqa: S608
                        [cache.make_and_validate_key(key)],
                    )
            yield
    else:
        yield


def _remember_end(cache, key, timeout):
    """Without a native increment, keep when the counter ends beside it (none: forever)."""
    if has_native_increment(cache):
        return
    if timeout is None:
        cache.delete(_until_key(key))  # a record left from an earlier counter of that name
    else:
        cache.set(_until_key(key), time.time() + timeout, timeout=timeout)


def add_counter(key, value, timeout) -> bool:
    """Create the counter with ``value`` for ``timeout`` seconds (None: forever) unless it
    exists; True when it was created."""
    cache = _cache()
    created = cache.add(key, value, timeout=timeout)
    if created:
        _remember_end(cache, key, timeout)
    return created


def set_counter(key, value, timeout) -> None:
    """(Re)start the counter at ``value`` for ``timeout`` seconds (None: forever)."""
    cache = _cache()
    cache.set(key, value, timeout=timeout)
    _remember_end(cache, key, timeout)


def increment(key, delta=1, default_timeout=None):
    """Add ``delta`` and return the new value, or None when the counter does not exist (expired).

    The counter keeps the lifetime it was created with. ``default_timeout`` is the lifetime to
    assume on a backend without native increments when that record is gone (None: forever).
    """
    cache = _cache()
    if has_native_increment(cache):
        try:
            return cache.incr(key, delta)
        except ValueError:
            return None
    with _exclusive(cache, key):
        return _read_and_write(cache, key, delta, default_timeout)


def _read_and_write(cache, key, delta, default_timeout):
    """The increment of a backend without a native one; the caller holds ``_exclusive``."""
    value = cache.get(key)
    if value is None:
        return None
    until = cache.get(_until_key(key))
    if until is not None:
        # Seconds as a float: rounding down would end the counter up to a second early, and
        # rounding up would let it outlive its record. The file and database caches take floats.
        timeout = until - time.time()
        if timeout <= 0:
            return None
    else:
        timeout = default_timeout
    value += delta
    cache.set(key, value, timeout=timeout)
    return value


def hit(key, window) -> int:
    """Count one event in a window of ``window`` seconds that starts with the first one; the
    number of events in the current window, this one included."""
    cache = _cache()
    if has_native_increment(cache):
        add_counter(key, 0, window)
        count = increment(key, default_timeout=window)
        if count is None:  # the window ended between the two calls
            set_counter(key, 1, window)
            return 1
        if count == 1 and isinstance(cache, RedisCache):
            # Django's Redis incr() checks that the key exists, then INCRs it: a key that expires
            # in between is created again by INCR without an expiry, and that client would stay
            # counted forever. A fresh window's first count renews the expiry, which puts it back.
            cache.touch(key, window)
        return count
    if isinstance(cache, DatabaseCache):
        # A row that does not exist cannot be locked: create it first (the database's primary
        # key makes this add atomic; the disk cache's add is not, so there it is inside the lock).
        add_counter(key, 0, window)
    with _exclusive(cache, key):
        add_counter(key, 0, window)
        count = _read_and_write(cache, key, 1, window)
        if count is None:  # the window ended between the two calls
            set_counter(key, 1, window)
            return 1
        return count
