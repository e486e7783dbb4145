"""Site-wide middleware: request ids and health probes.

Order in settings.MIDDLEWARE: RequestIdMiddleware first (every log line and response carries the
id), HealthCheckMiddleware next (probes are answered before anything that could refuse them),
then Django's SecurityMiddleware and the rest.
"""

import re
import uuid

from . import health
from .logs import request_id

SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:/+=-]{1,128}$")


class RequestIdMiddleware:
    """Take the proxy's ``X-Request-ID`` when it is sane, else make one; log it and echo it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        # Anything else could forge log lines or bloat them: replace it rather than trust it.
        rid = incoming if SANE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = rid
        token = request_id.set(rid)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response["X-Request-ID"] = rid
        return response


class HealthCheckMiddleware:
    """Answer ``/healthz`` and ``/readyz`` before anything else can refuse or redirect them.

    A load balancer or orchestrator probes each container by its IP address, over plain HTTP and
    without a language prefix. Routed normally, that probe would get a 400 (its Host is not in
    ALLOWED_HOSTS), a 301 to HTTPS, or a redirect to /nl/. Answering here avoids all three, and
    keeps probes out of sessions, locale and the page cache. The answers hold nothing secret.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.probes = {"/healthz": health.healthz, "/readyz": health.readyz}

    def __call__(self, request):
        probe = self.probes.get(request.path_info)
        if probe is not None:
            return probe(request)
        return self.get_response(request)
