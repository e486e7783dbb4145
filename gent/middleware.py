"""Site-wide middleware: request ids, health probes, allowed methods and error pages.

Order in settings.MIDDLEWARE: RequestIdMiddleware first (every log line and response carries the
id), HealthCheckMiddleware next (probes are answered before anything that could refuse them),
then Django's SecurityMiddleware and the rest. ErrorPageMiddleware and AllowedMethodsMiddleware
sit after LocaleMiddleware (their pages are in the URL's language) and before CsrfViewMiddleware
(a PUT on a public page is a 405, not a CSRF failure).
"""

import re
import uuid

from django.http import HttpResponse, HttpResponseNotAllowed

from . import errors, health
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


def allowed_methods(view):
    """The methods a view takes, when it says so with Django's ``require_http_methods`` (and
    ``require_safe``, ``require_POST``…), else None.

    That decorator keeps its list only in its closure (no attribute); it is read from there, down
    the ``functools.wraps`` chain of the view's other decorators. tests/test_errors.py checks it
    on every public route, so a Django change that hides the list fails a test.
    """
    while view is not None:
        code = getattr(view, "__code__", None)
        if code is not None and "request_method_list" in code.co_freevars:
            cell = view.__closure__[code.co_freevars.index("request_method_list")]
            return list(cell.cell_contents)
        view = getattr(view, "__wrapped__", None)
    return None


class AllowedMethodsMiddleware:
    """A method a view does not take is a 405 with an ``Allow`` header, before the CSRF check.

    Django's CSRF middleware checks every unsafe method before the view's own method check runs,
    so a PUT, PATCH or DELETE on a public page got a "CSRF verification failed" 403. OPTIONS on
    such a view is answered 204 with ``Allow``. Views that do not declare their methods (the
    admin's) are left to themselves.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        allowed = allowed_methods(view_func)
        if allowed is None or request.method in allowed:
            return None
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = ", ".join([*allowed, "OPTIONS"])
            return response
        return HttpResponseNotAllowed(allowed)


class ErrorPageMiddleware:
    """Give an error answered with an empty body (405 from ``require_safe``, a 413 or 429 from a
    limit) the site's page for it, in the URL's language; its headers (``Allow``,
    ``Retry-After``) stay."""

    STATUSES = {405, 413, 429}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code in self.STATUSES
            and not response.streaming
            and not response.content
            and request.method != "HEAD"
        ):
            page = errors.render_error(request, response.status_code)
            response.content = page.content
            response["Content-Type"] = page["Content-Type"]
            response["Content-Language"] = page["Content-Language"]
            if response.has_header("Content-Length"):  # set below us (CommonMiddleware): 0
                response["Content-Length"] = str(len(response.content))
        return response


class RefuseNulBytesMiddleware:
    """Answer 400 to an admin query parameter holding a NUL byte, before any view sees it.

    No parameter of this site can mean one, and PostgreSQL refuses NUL in text, so a filter such
    as ``?status__exact=%00`` in an admin list would otherwise reach the database and end in a
    500 (SQLite compares it quietly, which is why only the PostgreSQL run saw it). Public pages
    ignore such parameters already (search strips them), so they keep answering 200.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        params = request.GET.lists() if request.path.startswith("/admin/") else ()
        if any("\x00" in key or any("\x00" in v for v in values) for key, values in params):
            # Before sessions and auth: the plain public page, which needs no user.
            return errors.render_error(request, 400, use_request=False)
        return self.get_response(request)
