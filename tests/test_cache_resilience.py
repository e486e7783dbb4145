"""When Redis goes away the site keeps serving, uncached, and says so in the log; no 500s.

These tests start their own redis-server on a port of their own and stop it with SHUTDOWN: the
shared Redis on 6379 is never touched. Skipped where redis-server is not installed.
"""

import logging
import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import caches

from gent.cache import ResilientRedisCache

PORT = 6351

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server"),
]


def _port_open(port):
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def start_redis(port=PORT):
    subprocess.run(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--daemonize", "yes",
         "--save", "", "--appendonly", "no"],
        check=True, capture_output=True,
    )  # fmt: skip
    for _ in range(50):
        if _port_open(port):
            return
        time.sleep(0.1)
    raise RuntimeError(f"redis-server did not start on port {port}")


def stop_redis(port=PORT):
    subprocess.run(
        ["redis-cli", "-p", str(port), "shutdown", "nosave"], capture_output=True, check=False
    )
    for _ in range(50):
        if not _port_open(port):
            return
        time.sleep(0.1)


@pytest.fixture
def own_redis():
    if _port_open(PORT):
        pytest.skip(f"port {PORT} is taken by someone else's server")
    start_redis()
    yield f"redis://127.0.0.1:{PORT}/0"
    stop_redis()


def backend(location, retry_seconds=0):
    return ResilientRedisCache(
        location,
        {
            "KEY_PREFIX": "resilience-test",
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 0.5,
                "RETRY_SECONDS": retry_seconds,
            },
        },
    )


def test_reads_miss_and_writes_do_nothing_while_redis_is_down(own_redis, caplog):
    cache = backend(own_redis)
    cache.set("greeting", "hallo")
    assert cache.get("greeting") == "hallo"

    stop_redis()
    with caplog.at_level(logging.ERROR, logger="gent.cache"):
        assert cache.get("greeting") is None
        assert cache.get("greeting", "fallback") == "fallback"
        cache.set("greeting", "dag")  # no exception
        assert cache.add("other", 1) is False
        assert cache.get_many(["greeting", "other"]) == {}
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        cache.delete("greeting")
        with pytest.raises(ValueError, match="unreachable"):
            cache.incr("counter")
    assert "Redis cache unreachable" in caplog.text

    start_redis()
    cache.set("greeting", "terug")
    assert cache.get("greeting") == "terug"


def test_an_outage_is_logged_once_and_redis_is_left_alone_for_a_while(own_redis, caplog):
    cache = backend(own_redis, retry_seconds=60)
    stop_redis()
    with caplog.at_level(logging.ERROR, logger="gent.cache"):
        for _ in range(5):
            assert cache.get("anything") is None
    assert caplog.text.count("Redis cache unreachable") == 1
    start_redis()
    # Still inside the retry window: the backend does not try yet, so it still misses.
    cache.set("key", "value")
    assert cache.get("key") is None


@pytest.mark.django_db
def test_pages_are_served_uncached_when_redis_is_down(own_redis, settings, client, caplog):
    from tests.factories import MissionFactory, ThemeFactory

    settings.CACHES = {
        "default": {
            "BACKEND": "gent.cache.ResilientRedisCache",
            "LOCATION": own_redis,
            "KEY_PREFIX": "resilience-test",
            "OPTIONS": {"socket_timeout": 0.5, "RETRY_SECONDS": 0},
        }
    }
    try:
        MissionFactory()
        ThemeFactory(title_nl="Stad van morgen")
        assert client.get("/nl/").status_code == 200

        stop_redis()
        with caplog.at_level(logging.ERROR, logger="gent.cache"):
            ThemeFactory(title_nl="Stad zonder cache")  # the version bump cannot reach Redis
            response = client.get("/nl/")
        assert response.status_code == 200
        assert "Stad zonder cache" in response.content.decode()
        assert "Redis cache unreachable" in caplog.text
        # ...but the load balancer is told: this server is not fully ready.
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert ready.json()["reason"] == "cache unreachable"
    finally:
        caches["default"].close()
