"""The error pages: every status a visitor or an editor can meet gets a styled, translated page.

- 400, 403, 404: ``handler400``/``handler403``/``handler404`` in gent/urls.py; 403 also for a CSRF
  failure (``CSRF_FAILURE_VIEW``), 429 for a locked-out login (``AXES_LOCKOUT_CALLABLE``).
- 405, 413, 429 that a view or decorator answers with an empty body (``require_safe``, a body
  limit) get their page from ``gent.middleware.ErrorPageMiddleware``.
- 500 and 503 (the database is unreachable): ``handler500``. Django calls it from inside its
  exception handler, so ``sys.exc_info()`` still holds the exception, wherever it was raised (a
  view, the page cache, a middleware loading a session). Django logs it, with the request id.

Each page is in the language of the URL's prefix (/nl/, /en/), else the active one (the admin's
cookie), and says what to do next. Pages under /admin/ are shown in the admin's own style with a
link back to the admin index. All use the site's (or the admin's) stylesheet: no inline style or
script, so they hold under the Content-Security-Policy.
"""

import sys
from datetime import timedelta

from axes.helpers import get_cool_off
from django.contrib import admin
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.timesince import timeuntil
from django.utils.translation import gettext_lazy as _

DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30

# Title and advice of the statuses rendered through one admin template.
ADMIN_MESSAGES = {
    400: (_("Bad request"), _("Your browser sent a request this site cannot handle.")),
    403: (_("Access denied"), _("You do not have permission to do this.")),
    404: (_("Page not found"), _("We could not find the page you asked for.")),
    405: (_("Method not allowed"), _("This address cannot be used this way.")),
    413: (_("Too much data"), _("What you sent is larger than this site accepts.")),
    429: (_("Too many requests"), _("Please wait a few minutes and try again.")),
}


def page_language(request):
    """The language of the URL's prefix, else the active one (the admin has no prefix)."""
    return translation.get_language_from_path(request.path_info) or translation.get_language()


def in_admin(request) -> bool:
    return request.path_info.startswith(reverse("admin:index"))


def render_error(request, status, context=None, use_request=True):
    """The page for ``status`` in the page's language: the admin's style under /admin/, else
    ``<status>.html``. ``use_request=False``: no context processors, and the public page."""
    context = dict(context or {})
    with translation.override(page_language(request)):
        if use_request and in_admin(request) and status in ADMIN_MESSAGES:
            title, advice = ADMIN_MESSAGES[status]
            context = {
                **admin.site.each_context(request),
                "title": title,
                "advice": advice,
                **context,
            }
            content = loader.render_to_string("admin/error.html", context, request)
        else:
            # Without the request, no context processor runs: they may touch the database.
            content = loader.render_to_string(
                f"{status}.html", context, request if use_request else None
            )
        response = HttpResponse(content, status=status)
        response["Content-Language"] = translation.get_language()
    return response


def bad_request(request, exception=None):
    # No request context: a forged Host header must not reach code that reads it, and the request
    # may have failed before the user was known.
    return render_error(request, 400, use_request=False)


def permission_denied(request, exception=None):
    return render_error(request, 403)


def page_not_found(request, exception=None):
    return render_error(request, 404)


def csrf_failure(request, reason=""):
    # Usually a form left open until its token expired, or cookies blocked: say so, not "denied".
    context = {
        "csrf": True,
        "title": _("Form expired"),
        "advice": _("Reload the form and send it again."),
    }
    return render_error(request, 403, context=context)


def server_error(request, template_name="500.html"):
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_DOWN):
        return service_unavailable(request)
    # Rendered without the request's context processors: whatever failed may fail again there.
    return render_error(request, 500, use_request=False)


def service_unavailable(request):
    # Rendered without the request's context processors: they may touch the database (the
    # session, the user), which is the thing that is down.
    response = render_error(request, 503, use_request=False)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: a page (429) that says how long it lasts."""
    cool_off = get_cool_off(request) or timedelta(0)
    now = timezone.now()
    with translation.override(page_language(request)):
        context = {
            **admin.site.each_context(request),
            "title": _("Too many failed login attempts"),
            "cool_off": timeuntil(now + cool_off, now) if cool_off else "",
        }
        content = loader.render_to_string("admin/lockout.html", context, request)
    response = HttpResponse(content, status=429)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    response["Cache-Control"] = "no-store"
    return response
