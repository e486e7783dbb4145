"""The error page for uncaught exceptions: a 503 when the database is unreachable, else a 500.

Django calls ``handler500`` from inside its exception handler, so ``sys.exc_info()`` still holds
the exception, wherever it was raised (a view, the page cache, a middleware loading a session).
Django logs it either way, with the traceback and the request id.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views.defaults import server_error as default_server_error

DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def server_error(request, template_name="500.html"):
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_DOWN):
        return service_unavailable(request)
    return default_server_error(request, template_name)


def service_unavailable(request):
    # Rendered without the request's context processors: they may touch the database (the
    # session, the user), which is the thing that is down. The active language is the page's.
    content = loader.render_to_string("503.html")
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
