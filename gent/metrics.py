"""Metrics for operators in Prometheus's text format, at ``/metrics`` on each app server.

django-prometheus counts requests and responses and times them (its two middlewares). Added
here: the page cache's answers (``gent_page_cache_responses_total{result="hit|miss|bypass|off"}``,
read from the ``X-Page-Cache`` header that ``publishing.pagecache`` sets on every page), and the
database time of each request (``gent_request_database_seconds``, the sum of its queries' time,
and ``gent_database_queries_total``), measured with Django's ``connection.execute_wrapper``: the
same numbers as django-prometheus's database backends, without swapping the configured engine.

Not public. ``/metrics`` answers only a scraper that connects directly from an address in
``DJANGO_METRICS_ALLOWED_NETWORKS`` (loopback by default) and comes through no proxy (a request
with ``X-Forwarded-For`` came through nginx, whose own address is trusted, so it is refused), or
one that sends ``Authorization: Bearer <DJANGO_METRICS_TOKEN>`` when that token is set.
Everything else gets a plain 404, as if there were nothing here. nginx refuses the path as well.

Answered in middleware, before host checks and the HTTPS redirect, as the health probes are:
Prometheus scrapes each container by its IP address over plain HTTP.
"""

import ipaddress
import secrets
import time

from django.conf import settings
from django.db import connection
from django.http import HttpResponseNotFound
from django_prometheus.exports import ExportToDjangoView
from prometheus_client import Counter, Histogram

PATH = "/metrics"

page_cache_responses = Counter(
    "gent_page_cache_responses",
    "Public pages by what the page cache did: hit, miss (rendered and stored), bypass, off.",
    ["result"],
)
request_database_seconds = Histogram(
    "gent_request_database_seconds",
    "Time one request spent waiting for the database (all its queries).",
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
database_queries = Counter("gent_database_queries", "Database queries run for requests.")


class _DatabaseTimer:
    def __init__(self):
        self.seconds = 0.0
        self.queries = 0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
            self.queries += 1


def allowed(request) -> bool:
    token = settings.METRICS_TOKEN
    if token:
        sent = request.headers.get("Authorization", "")
        if sent.startswith("Bearer ") and secrets.compare_digest(
            sent.removeprefix("Bearer ").encode(), token.encode()
        ):
            return True
    if "X-Forwarded-For" in request.headers:
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in network for network in settings.METRICS_ALLOWED_NETWORKS)


class MetricsMiddleware:
    """Answer ``/metrics`` to allowed scrapers; count the page cache's answers on the way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH:
            if not allowed(request):
                return HttpResponseNotFound(b"", content_type="text/plain")
            response = ExportToDjangoView(request)
            response["Cache-Control"] = "no-store"
            return response
        timer = _DatabaseTimer()
        with connection.execute_wrapper(timer):
            response = self.get_response(request)
        request_database_seconds.observe(timer.seconds)
        database_queries.inc(timer.queries)
        result = response.get("X-Page-Cache")
        if result:
            page_cache_responses.labels(result=result).inc()
        return response
