"""JSON logs on stdout, one object per line, each with the id of the request it belongs to.

Django's own logs and gunicorn's error and access logs share this format (see LOGGING in
settings.py and logconfig_dict in gunicorn.conf.py), so a log shipper needs one parser. The request
id comes from the load balancer's ``X-Request-ID`` when it sends a sane one (RequestIdMiddleware),
so one id follows a request through the proxy, the app and the access log.
"""

import contextvars
import logging

from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

request_id = contextvars.ContextVar("request_id", default="-")

FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s"
RENAMED = {"asctime": "time", "levelname": "level", "name": "logger"}


class RequestIdFilter(logging.Filter):
    """Stamp every record with the current request's id ("-" outside a request)."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            # Django logs a 4xx/5xx after the middleware has finished (the context is reset by
            # then), but hands over the request itself.
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", None) or request_id.get()
        return True


class JsonFormatter(BaseJsonFormatter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", FIELDS)
        kwargs.setdefault("rename_fields", RENAMED)
        # ISO 8601 with the offset: the process runs in Europe/Brussels, log stores may not.
        kwargs.setdefault("datefmt", "%Y-%m-%dT%H:%M:%S%z")
        super().__init__(*args, **kwargs)


class AccessLogFormatter(JsonFormatter):
    """gunicorn's access log as JSON fields; gunicorn hands its atoms over in ``record.args``."""

    def add_fields(self, log_data, record, message_dict):
        super().add_fields(log_data, record, message_dict)
        atoms = record.args if isinstance(record.args, dict) else {}
        log_data.update(
            {
                "request_id": atoms.get("{x-request-id}o", "-"),
                "remote_addr": atoms.get("h"),
                "method": atoms.get("m"),
                "path": atoms.get("U"),
                "query": atoms.get("q") or "",
                "status": int(atoms["s"]) if str(atoms.get("s", "")).isdigit() else atoms.get("s"),
                "bytes": atoms.get("B"),
                "duration_ms": round(atoms.get("D", 0) / 1000, 1),
                "referer": atoms.get("f"),
                "user_agent": atoms.get("a"),
                "page_cache": atoms.get("{x-page-cache}o", "-"),
            }
        )
