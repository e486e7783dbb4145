"""Counters in the shared cache whose lifetime is the one they were created with, on every backend.

Django's ``BaseCache.incr`` re-saves the key with the *default* timeout on backends without a
native increment (file, database): a content version meant to live forever expired after five
minutes, and a rate-limit window became the default timeout instead of the documented one. Redis,
memcached and the local-memory cache increment in place and keep the key's expiry; for the others
the expiry is kept beside the counter and every re-save uses what is left of it.
"""

import time

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.memcached import BaseMemcachedCache
from django.core.cache.backends.redis import RedisCache

# Backends whose incr() changes the value in place and leaves its expiry alone.
NATIVE_INCREMENT = (RedisCache, LocMemCache, BaseMemcachedCache)


def _until_key(key):
    return f"{key}:until"


def has_native_increment(backend=None) -> bool:
    return isinstance(backend or cache, NATIVE_INCREMENT)


def add_counter(key, value, timeout) -> bool:
    """Create the counter with ``value`` for ``timeout`` seconds (None: forever) unless it
    exists; True when it was created."""
    created = cache.add(key, value, timeout=timeout)
    if created and timeout is not None and not has_native_increment():
        cache.set(_until_key(key), time.time() + timeout, timeout=timeout)
    return created


def increment(key, delta=1, default_timeout=None):
    """Add ``delta`` and return the new value, or None when the counter does not exist (expired).

    The counter keeps the lifetime it was created with. ``default_timeout`` is the lifetime to
    assume on a backend without native increments when that record is gone (None: forever).
    """
    if has_native_increment():
        try:
            return cache.incr(key, delta)
        except ValueError:
            return None
    value = cache.get(key)
    if value is None:
        return None
    until = cache.get(_until_key(key))
    if until is not None:
        remaining = until - time.time()
        if remaining <= 0:
            return None
        timeout = max(1, int(remaining))
    else:
        timeout = default_timeout
    value += delta
    cache.set(key, value, timeout=timeout)
    return value
