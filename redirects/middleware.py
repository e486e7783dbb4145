"""Answer a 404 with the redirect (301) or the "taken offline" page (410) recorded for its path.

Only a 404 is looked up, so a page that exists costs nothing and always wins over an old record.
The page cache never stores a 404 (``publishing.pagecache.storable``) and the answers here are
made after it, so an address that gets a redirect answers 301 at once, on every server.
"""

from django.http import HttpResponseGone, HttpResponsePermanentRedirect
from django.template import loader
from django.utils import translation

from .ended import ended_item
from .models import NOT_FOR_REDIRECTS
from .recording import resolve

# Permanent, but not forever in a browser: an editor can still correct a wrong redirect.
REDIRECT_MAX_AGE = 60 * 60 * 24


class RedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code != 404
            or request.method not in ("GET", "HEAD")
            or request.path_info.startswith(NOT_FOR_REDIRECTS)
            # No record can hold one, and PostgreSQL refuses NUL in a query (a 500, not a 404).
            or "\x00" in request.path_info
        ):
            return response
        record, target = resolve(request.path_info)
        if record is None:
            # No save took it offline, but its "publish until" date may have passed.
            item, parent_path = ended_item(request.path_info, language_of(request))
            return response if item is None else gone_page(request, parent_path)
        if target:
            query = request.META.get("QUERY_STRING", "")
            redirect = HttpResponsePermanentRedirect(target + (f"?{query}" if query else ""))
            redirect["Cache-Control"] = f"public, max-age={REDIRECT_MAX_AGE}"
            return redirect
        return gone(request, record)


def language_of(request):
    return translation.get_language_from_path(request.path_info) or translation.get_language()


def gone(request, record):
    """The 410 page: the page was taken offline; links to the page above it and home."""
    parent = record.parent_path
    if parent:
        # The page above it may have moved since, or gone offline too (then: home only).
        above, target = resolve(parent)
        parent = parent if above is None else target
    return gone_page(request, parent)


def gone_page(request, parent_path):
    with translation.override(language_of(request)):
        content = loader.render_to_string("410.html", {"parent_path": parent_path}, request)
        response = HttpResponseGone(content)
        response["Content-Language"] = translation.get_language()
    return response
