"""Key lifetimes are right on every cache backend (issue 10, behaviour 6).

Django's own ``incr()`` re-saves a key with the cache's *default* timeout on backends without a
native increment (the disk cache used without Redis, the database cache): the content version,
meant to live forever, expired, and a rate-limit window became the default timeout.

Each backend here gets a default timeout of one second, so a key re-saved with it is visibly
gone a moment later; the tests then wait (a second or two, real time) and look. The Redis
backends run where REDIS_URL is set (CI), in their own key prefix, and are skipped otherwise.
"""

import os
import threading
import time
import uuid

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command

from publishing import counters
from publishing.freshness import CONTENT_VERSION_KEY, bump_content_version, content_version

REDIS_URL = os.environ.get("REDIS_URL", "")
DEFAULT_TIMEOUT = 1  # the backends' default timeout in these tests, in seconds
# A rate-limit-like window, longer than the default timeout. Three seconds: the database cache
# stores expiry times in whole seconds, so its keys may end up to a second early.
WINDOW = 3
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="needs REDIS_URL (CI sets it)")

PATHS = {
    "locmem": "django.core.cache.backends.locmem.LocMemCache",
    "file": "django.core.cache.backends.filebased.FileBasedCache",
    "database": "django.core.cache.backends.db.DatabaseCache",
    "redis": "django.core.cache.backends.redis.RedisCache",
    "resilient-redis": "gent.cache.ResilientRedisCache",
}
REDIS = [pytest.param(name, marks=needs_redis) for name in ("redis", "resilient-redis")]
EVERY_BACKEND = ["locmem", "file", "database", *REDIS]
# The ones with an atomic increment (Django's incr() is a read and a write on the others).
NATIVE = ["locmem", *REDIS]


@pytest.fixture
def backend(request, settings, tmp_path, db):
    """The default cache is this backend for the test (the ``cache`` proxy follows settings)."""
    name = request.param
    config = {"BACKEND": PATHS[name], "TIMEOUT": DEFAULT_TIMEOUT}
    if name == "locmem":
        config["LOCATION"] = f"counters-{uuid.uuid4().hex}"
    elif name == "file":
        config["LOCATION"] = str(tmp_path / "cache")
    elif name == "database":
        config["LOCATION"] = "test_counters_cache"
        call_command("createcachetable", "test_counters_cache", verbosity=0)
    else:
        prefix = os.environ.get("DJANGO_CACHE_KEY_PREFIX", "gent")
        config |= {"LOCATION": REDIS_URL, "KEY_PREFIX": f"{prefix}-counters-{uuid.uuid4().hex}"}
    settings.CACHES = {"default": config}
    used = type(caches["default"])
    assert f"{used.__module__}.{used.__qualname__}" == PATHS[name]
    yield name
    cache.delete_many(
        [CONTENT_VERSION_KEY, "forever", "window", "limit", "parallel"]
        + [f"{key}:until" for key in ("forever", "window", "limit")]
    )
    caches["default"].close()


def wait_until(start, seconds):
    time.sleep(max(0, start + seconds - time.monotonic()))


@pytest.mark.parametrize("backend", EVERY_BACKEND, indirect=True)
def test_counters_keep_the_lifetime_they_were_created_with(backend):
    start = time.monotonic()
    version = content_version()  # created to live forever
    assert counters.add_counter("forever", 10, timeout=None)
    assert counters.add_counter("window", 0, timeout=WINDOW)
    assert not counters.add_counter("window", 0, timeout=WINDOW)  # exists: left alone
    bump_content_version()
    assert counters.increment("forever") == 11
    assert counters.increment("window") == 1
    assert counters.increment("window") == 2
    assert [counters.hit("limit", WINDOW) for _ in range(3)] == [1, 2, 3]
    bumped = content_version()
    assert bumped > version

    # Past the backend's default timeout: no increment may have shortened any of them.
    wait_until(start, DEFAULT_TIMEOUT + 0.5)
    assert content_version() == bumped, "the content version expired"
    assert cache.get("forever") == 11
    assert counters.increment("window") == 3, "the window ended at the default timeout"
    assert counters.hit("limit", WINDOW) == 4, "the rate limit restarted at the default timeout"

    # Past the window: the windows are over, the others live on.
    wait_until(start, WINDOW + 0.4)
    assert cache.get("window") is None
    assert counters.increment("window") is None
    assert counters.hit("limit", WINDOW) == 1  # a new window
    assert counters.hit("limit", WINDOW) == 2
    assert counters.increment("forever") == 12
    assert content_version() == bumped


@pytest.mark.parametrize("backend", NATIVE, indirect=True)
def test_two_increments_at_the_same_moment_both_count(backend, monkeypatch):
    """Where the backend increments atomically, the counters use that. A read then a write
    would let two increments at the same moment read the same number and both write it plus
    one; here every read of the counter waits until both have read, which makes that certain."""
    backend_class = type(caches["default"])
    read = backend_class.get
    both_read = threading.Barrier(2, timeout=5)

    def read_at_the_same_moment(self, key, *args, **kwargs):
        value = read(self, key, *args, **kwargs)
        if key == "parallel":
            both_read.wait()
        return value

    monkeypatch.setattr(backend_class, "get", read_at_the_same_moment)
    counters.add_counter("parallel", 0, timeout=60)
    errors = []

    def increment():
        try:
            counters.increment("parallel")
        except Exception as error:
            errors.append(error)

    workers = [threading.Thread(target=increment, daemon=True) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(10)
    assert not any(worker.is_alive() for worker in workers)
    assert not errors, errors
    monkeypatch.undo()
    assert cache.get("parallel") == 2


@pytest.mark.parametrize("backend", REDIS, indirect=True)
def test_a_window_redis_recreated_without_an_expiry_gets_its_expiry_back(backend, monkeypatch):
    """Django's Redis incr() asks whether the key exists, then INCRs it. A window that ends
    between the two is created again by INCR, without an expiry: that client would be counted
    forever, and refused for good after the limit."""
    from django.core.cache.backends.redis import RedisCacheClient

    def incr_as_the_window_ends(self, key, delta):
        client = self.get_client(key, write=True)
        if not client.exists(key):
            raise ValueError(f"Key {key!r} not found.")
        client.delete(key)  # the window ends right here
        return client.incr(key, delta)

    monkeypatch.setattr(RedisCacheClient, "incr", incr_as_the_window_ends)
    assert counters.hit("window", WINDOW) == 1
    backend_cache = caches["default"]
    seconds_left = backend_cache._cache.get_client().ttl(
        backend_cache.make_and_validate_key("window")
    )
    assert 0 < seconds_left <= WINDOW
