"""Probes for the load balancer and the container runtime (served by HealthCheckMiddleware).

``/healthz``: liveness. The process answers; it touches nothing else, so a database outage never
makes the orchestrator restart healthy containers. ``/readyz``: readiness. The database answers
``SELECT 1`` and a value makes a round trip through the shared cache; otherwise 503 with the
reason, so the load balancer stops sending visitors to this container. Never cached.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse

logger = logging.getLogger(__name__)


def _answer(payload, status=200):
    response = JsonResponse(payload, status=status)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def healthz(request):
    return _answer({"status": "ok"})


def _database_reachable():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError as error:
        logger.error("Readiness: database unreachable: %s", error)
        # A broken connection must not be re-used by the next request in this worker.
        connection.close_if_unusable_or_obsolete()
        return False


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
        "database": "ok" if _database_reachable() else "unreachable",
        "cache": "ok" if _cache_round_trip() else "unreachable",
    }
    failing = [name for name, state in checks.items() if state != "ok"]
    if failing:
        reason = " and ".join(failing) + " unreachable"
        return _answer({"status": "unavailable", "reason": reason, "checks": checks}, status=503)
    return _answer({"status": "ok", "checks": checks})
