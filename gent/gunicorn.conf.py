"""gunicorn settings; every value can be overridden from the environment (PORT, WEB_CONCURRENCY,
GUNICORN_THREADS)."""

import multiprocessing
import os
import shutil
import tempfile

bind = f"{os.environ.get('BIND_HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"  # noqa: S104
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Threads, not sync workers: a sync worker serves one connection at a time from its first byte to
# its last, so a handful of clients sending their headers slowly (one line every few seconds) held
# every worker, /healthz included. A gthread worker serves a connection per thread: a slow client
# holds one thread, the worker's other threads go on serving (and a connection that sends nothing
# waits on the worker's poller, holding no thread). gunicorn ships it and it runs Django unchanged
# (a database connection per thread). Many more slow clients than threads would still fill them:
# in production the front proxy buffers requests before they reach us (docs/operations.md).
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# Recycle workers now and then so a slow leak can never take a server down.
max_requests = 2000
max_requests_jitter = 200
# Load Django once in the master and fork the workers from it: a recycled worker is ready at once
# instead of re-importing everything (which showed as ~1 s p99 spikes in the benchmark). Nothing
# opens a database or cache connection at import time, so no socket is shared across the fork.
preload_app = True
timeout = 30
graceful_timeout = 20
keepalive = 5
# The load balancer (or `make run`) terminates TLS and tells us the scheme.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
# gunicorn 24+ opens a control socket in $HOME by default; several servers on one machine (the
# two-server test, the benchmark) would fight over it, and production does not use it.
control_socket_disable = True

# gunicorn's own logs in the JSON format of the app's (gent/logs.py), one object per line on
# stdout; the access log's fields come from gunicorn's atoms, its request_id from the response's
# X-Request-ID header (set by RequestIdMiddleware), so access and app lines share the id.
access_log_format = "%(m)s %(U)s %(s)s"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "gent.logs.JsonFormatter"},
        "access": {"()": "gent.logs.AccessLogFormatter"},
    },
    "filters": {"request_id": {"()": "gent.logs.RequestIdFilter"}},
    "handlers": {
        "json": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["request_id"],
        },
        "access": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "access",
        },
    },
    "root": {"level": "INFO", "handlers": ["json"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["json"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
    },
}


# Metrics (gent/metrics.py) from every worker, not only from the one that answers the scrape:
# prometheus_client's multiprocess mode, where each worker writes its values to files in one
# directory. It must be set before the app (and prometheus_client) is imported, which happens
# after this file is read (preload_app). A fresh directory per start: stale files from an earlier
# run would add old counts to the new ones.
_own_metrics_dir = not os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if _own_metrics_dir:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="gent-metrics-")


def on_exit(server):
    if _own_metrics_dir:
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)


def child_exit(server, worker):
    # A recycled or killed worker's live gauges go; its counters stay in the totals.
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
