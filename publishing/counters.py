"""Counters in the shared cache whose lifetime is the one they were created with, on every backend.

Django's ``BaseCache.incr`` re-saves the key with the *default* timeout on backends without a
native increment (file, database): a content version meant to live forever expired after five
minutes, and a rate-limit window became the default timeout instead of the documented one. Redis,
memcached and the local-memory cache increment in place and keep the key's expiry; for the others
the moment the counter ends is kept beside it, and every re-save uses what is left of it.

Exactness: a native increment is atomic (one Redis ``INCR``). Without one, an increment is a read
then a write, and two processes incrementing at the same moment can both write the same number:
a count may then come out lower than the number of increments (a rate limit lets a few more
through under parallel posts). Nothing here makes that exact; Redis does.
"""

import time

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
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
    # Not atomic across processes (see the module docstring).
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
    add_counter(key, 0, window)
    count = increment(key, default_timeout=window)
    if count is None:  # the window ended between the two calls
        set_counter(key, 1, window)
        return 1
    cache = _cache()
    if count == 1 and isinstance(cache, RedisCache):
        # Django's Redis incr() checks that the key exists, then INCRs it: a key that expires
        # in between is created again by INCR without an expiry, and that client would stay
        # counted forever. A fresh window's first count renews the expiry, which puts it back.
        cache.touch(key, window)
    return count
