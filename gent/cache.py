"""Django's Redis cache, made to degrade instead of fail.

The cache makes the site fast; it is never the source of truth. When Redis is unreachable, reads
become misses and writes do nothing, so pages are served uncached (slower, but served) instead of
a 500. The failure is logged, at most once per ``RETRY_SECONDS`` so an outage does not flood the
log, and for those seconds the backend does not even try: with Redis behind a dead network route,
every attempt would otherwise cost a full connect timeout on every request.

``/readyz`` still notices: its round trip through the cache fails while Redis is away.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class ResilientRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` that logs and degrades when Redis is away.

    Options (in ``CACHES[...]["OPTIONS"]``, everything else goes to redis-py as usual):
    ``RETRY_SECONDS`` (default 5): after a failure, skip Redis for this long.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self._down_until = 0.0
        self._lock = threading.Lock()

    # --- the circuit breaker ---------------------------------------------------------------------

    def _available(self) -> bool:
        return time.monotonic() >= self._down_until

    def _failed(self, operation: str, error: Exception) -> None:
        with self._lock:
            already_down = self._down_until > time.monotonic()
            self._down_until = time.monotonic() + self.retry_seconds
        if not already_down:
            logger.error(
                "Redis cache unreachable (%s: %s); serving uncached for the next %ss",
                operation,
                error,
                self.retry_seconds,
                extra={"cache_operation": operation},
            )

    def _guard(self, fallback, operation, *args):
        """Call RedisCache.<operation>(*args), or return ``fallback`` if Redis is unreachable."""
        if not self._available():
            return fallback
        try:
            return getattr(super(), operation)(*args)
        except UNREACHABLE as error:
            self._failed(operation, error)
            return fallback

    # --- reads are misses, writes are no-ops ----------------------------------------------------

    def get(self, key, default=None, version=None):
        return self._guard(default, "get", key, default, version)

    def get_many(self, keys, version=None):
        return self._guard({}, "get_many", keys, version)

    def has_key(self, key, version=None):
        return self._guard(False, "has_key", key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._guard(None, "set", key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(False, "add", key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: return the keys that could not be stored.
        return self._guard(list(data), "set_many", data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(False, "touch", key, timeout, version)

    def delete(self, key, version=None):
        return self._guard(False, "delete", key, version)

    def delete_many(self, keys, version=None):
        self._guard(None, "delete_many", keys, version)

    def clear(self):
        return self._guard(False, "clear")

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._guard(missing, "incr", key, delta, version)
        if result is missing:
            # What a missing key gives; callers (bump_content_version) already handle it.
            raise ValueError(f"Key {key!r} not found: the cache is unreachable.")
        return result
