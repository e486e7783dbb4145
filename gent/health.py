"""Probes for the load balancer and the container runtime (served by HealthCheckMiddleware).

``/healthz``: liveness. The process answers; it touches nothing else, so a database outage never
makes the orchestrator restart healthy containers. ``/readyz``: readiness. The database takes a
write (``_database_writable``: a database that answers reads but refuses writes, locked or
read-only, fails every edit and feedback post) and a value makes a round trip through the shared
cache; otherwise 503 with the reason, so the load balancer stops sending visitors to this
container. Never cached.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.http import JsonResponse

logger = logging.getLogger(__name__)


def _answer(payload, status=200):
    response = JsonResponse(payload, status=status)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def healthz(request):
    return _answer({"status": "ok"})


# How long the probe waits for another writer's lock: far below the busy timeout an edit waits
# (gent/settings.py), and below any load balancer's probe timeout.
PROBE_LOCK_TIMEOUT_MS = 1000
# A write that changes nothing, on a row every installation has (the first applied migration);
# it is rolled back anyway. It needs the write lock, which a read-only database never grants.
PROBE_WRITE = (
    "UPDATE django_migrations SET app = app WHERE id = (SELECT MIN(id) FROM django_migrations)"
)


class _RollBack(Exception):
    """Raised inside the probe's transaction to undo its write."""


def _configured_busy_timeout_ms():
    return int(float(connection.settings_dict.get("OPTIONS", {}).get("timeout", 5)) * 1000)


def _set_busy_timeout(milliseconds):
    # Straight on the driver's connection, outside Django's cursor wrapper; the statement answers
    # with a row, and its cursor is closed at once (an open one would keep the statement active).
    connection.connection.execute(f"PRAGMA busy_timeout = {int(milliseconds)}").close()


def _probe_write(cursor):
    if connection.vendor == "postgresql":
        cursor.execute("SET LOCAL lock_timeout = %s", [f"{PROBE_LOCK_TIMEOUT_MS}ms"])
        cursor.execute("SET LOCAL statement_timeout = %s", [f"{2 * PROBE_LOCK_TIMEOUT_MS}ms"])
    cursor.execute(PROBE_WRITE)


def _database_writable():
    """True when the database takes a write now: a no-op UPDATE in a transaction that is rolled
    back, waiting at most PROBE_LOCK_TIMEOUT_MS for another writer."""
    sqlite = connection.vendor == "sqlite"
    try:
        if sqlite:
            # The transaction starts IMMEDIATE (takes the write lock) and would wait the whole
            # busy timeout for it: shorten the wait for the probe, restore it afterwards.
            connection.ensure_connection()
            _set_busy_timeout(PROBE_LOCK_TIMEOUT_MS)
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    _probe_write(cursor)
                raise _RollBack
        except _RollBack:
            pass
        return True
    except DatabaseError as error:
        logger.error("Readiness: database does not take writes: %s", error)
        # A broken connection must not be re-used by the next request in this worker.
        connection.close_if_unusable_or_obsolete()
        return False
    finally:
        if sqlite and connection.connection is not None:
            _set_busy_timeout(_configured_busy_timeout_ms())


def _cache_round_trip():
    # A key of its own: app servers probed at the same moment must not read each other's value.
    value = uuid.uuid4().hex
    key = f"readyz:probe:{value}"
    # The resilient Redis backend turns an outage into a miss, so a miss here is the signal.
    cache.set(key, value, 10)
    reachable = cache.get(key) == value
    cache.delete(key)
    return reachable


def readyz(request):
    checks = {
        "database": "ok" if _database_writable() else "unreachable",
        "cache": "ok" if _cache_round_trip() else "unreachable",
    }
    failing = [name for name, state in checks.items() if state != "ok"]
    if failing:
        reason = " and ".join(failing) + " unreachable"
        return _answer({"status": "unavailable", "reason": reason, "checks": checks}, status=503)
    return _answer({"status": "ok", "checks": checks})
