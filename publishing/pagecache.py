"""Whole public pages for anonymous visitors, from the shared cache; ETags and 304s for everyone.

A public view opts in with one decorator::

    @cache_public_page
    def theme_detail(request, theme_slug): ...

How a page stays correct:

- **Edits.** The key holds ``content_version()``, which every content write bumps in the shared
  cache (Redis in production). After an edit through any app server, every server misses at once
  and renders the new page; the old entries just expire.
- **Scheduled publication.** ``published()`` compares with the clock, so a theme can appear with
  no write at all. Each entry is valid only until the next ``publish_from``/``publish_until`` in
  the future (``publishing.schedule``), looked up once per content version.
- **Personal pages are never stored.** A request with a session or CSRF cookie (staff, a preview,
  someone who filled in a form) bypasses the cache and gets ``no-store`` headers. A response that
  sets a cookie, or would make the CSRF middleware set one, or is not a plain 200, is not stored.
- **Query strings** bypass the cache (rendered, not stored), so ``?anything`` cannot fill it.
- **Browsers** get ``Cache-Control: public, no-cache`` and an ETag (a hash of the page): they keep
  the page but ask every time, and get a 304 while it is unchanged. So no one sees a stale page
  after an edit, and an unchanged page costs a few bytes.
- **A CDN or proxy cache** in front (``SHARED_CACHE_SECONDS``, env
  ``DJANGO_SHARED_CACHE_SECONDS``, default 0) may keep a page that long: ``public, max-age=0,
  s-maxage=N, stale-while-revalidate=M`` (``DJANGO_SHARED_CACHE_STALE_SECONDS``, default 30).
  Browsers still ask every time; the shared cache answers them, and an edit reaches visitors
  within N (+M) seconds. At 0 the shared cache too must ask every time (``no-cache``): edits are
  live at once and a CDN still saves the bytes with 304s. The ETag is strong (a hash of the exact
  body). ``Vary: Cookie``, never ``Accept-Language``: the language is in the path, so one entry
  per URL is right, and a visitor with a session or CSRF cookie is never given a stored page.
  Whatever is personal (a session or CSRF cookie in the request, a cookie set by the response) is
  ``private, no-store`` whatever the view said (``PersonalResponsesMiddleware``), and a response
  that says nothing about caching (the language redirect at ``/``, the feedback pages) is
  ``private, no-cache``: a shared cache stores only what a view declared public.

Only the body and content type are stored: headers from the middleware (security headers, CSP,
request id) are added afresh to every response, hit or miss.

``PAGE_CACHE_SECONDS`` (env ``DJANGO_PAGE_CACHE_SECONDS``, default 300; 0 = off) bounds an
entry's life; ETags and 304s work with the cache off too. The ``X-Page-Cache`` header says what
happened (hit, miss, bypass, off), for operators and the benchmark.
"""

import hashlib
import re
import threading
from collections import OrderedDict
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.module_loading import import_string
from django.utils.text import compress_string
from django.utils.translation import get_language

from .freshness import cached_content, content_version, next_change

HEADER = "X-Page-Cache"


def is_personal(request) -> bool:
    """Whether the visitor may see something other than the public page (staff, preview, forms)."""
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or settings.CSRF_COOKIE_NAME in request.COOKIES
    )


def page_key(request, version) -> str:
    # Neither host nor port nor scheme is in the key: the page's absolute URLs come from the public
    # origin (publishing.alternates.absolute_url), so every allowed host and port gets the same
    # page, and asking on many ports cannot multiply the entries. The path is hashed so any URL
    # makes a short, valid key.
    digest = hashlib.blake2b(request.path.encode(), digest_size=16).hexdigest()
    return f"pagecache:page:{version}:{get_language()}:{digest}"


def etag_for(content: bytes) -> str:
    return f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'


def storable(request, response) -> bool:
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # get_token() was called (a form with {% csrf_token %}): the middleware will set a cookie,
        # and the page holds a token that belongs to this visitor only.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _response_from(entry, request):
    compressed = entry.get("gzip")
    if compressed is not None and ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        # Compressed once when stored, not for every visitor (nginx leaves it as it is): other
        # bytes, so another strong ETag.
        response = HttpResponse(compressed, content_type=entry["content_type"])
        response["Content-Encoding"] = "gzip"
        response["ETag"] = entry["etag"][:-1] + '-gzip"'
    else:
        response = HttpResponse(entry["content"], content_type=entry["content_type"])
        response["ETag"] = entry["etag"]
    response[HEADER] = "hit"
    return response


# The entries this process read last, by key. A key holds the content version, so what is stored
# under it never changes: only whether it is still wanted does (a new version is a new key, and
# ``valid_until`` is checked on every use). Keeping them here saves a hit the read, decompression
# and unpickling of the page from the shared cache; the version is still read from it every time.
RECENT_ENTRIES = 128
_recent: OrderedDict = OrderedDict()
_recent_lock = threading.Lock()


def _remember(key, entry):
    with _recent_lock:
        _recent[key] = entry
        _recent.move_to_end(key)
        while len(_recent) > RECENT_ENTRIES:
            _recent.popitem(last=False)


def _fresh_entry(key, now):
    entry = _recent.get(key)
    if entry is None:
        entry = cache.get(key)
        if entry is not None:
            _remember(key, entry)
    if entry is not None and (entry["valid_until"] is None or now < entry["valid_until"]):
        return entry
    return None


def _from_cache_or_view(request, view, args, kwargs):
    now = timezone.now()
    version = content_version()
    key = page_key(request, version)
    entry = _fresh_entry(key, now)
    if entry is not None:
        return _response_from(entry, request)

    # Asked before rendering: a page rendered just before a scheduled change must not outlive it.
    valid_until = next_change(version, now)
    response = view(request, *args, **kwargs)
    response[HEADER] = "miss"
    if storable(request, response):
        timeout = settings.PAGE_CACHE_SECONDS
        if valid_until is not None:
            timeout = min(timeout, int((valid_until - timezone.now()).total_seconds()))
        if timeout > 0:
            response["ETag"] = etag_for(response.content)
            entry = {
                "content": response.content,
                "content_type": response["Content-Type"],
                "etag": response["ETag"],
                # The page holds no secret (no form token, nothing personal), so compressing it
                # leaks nothing (BREACH needs a secret in a compressed body).
                "gzip": compress_string(response.content),
                "valid_until": valid_until,
            }
            cache.set(key, entry, timeout)
    return response


def cache_public_page(view):
    """Serve ``view`` from the shared page cache for anonymous visitors, with ETag and 304."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        if is_personal(request):
            response = view(request, *args, **kwargs)
            # May hold a preview or a form token: not for any cache, not even the browser's.
            add_never_cache_headers(response)
            response[HEADER] = "bypass"
            return response
        if settings.PAGE_CACHE_SECONDS and not request.META.get("QUERY_STRING"):
            response = _from_cache_or_view(request, view, args, kwargs)
        else:
            response = view(request, *args, **kwargs)
            response[HEADER] = "off" if not settings.PAGE_CACHE_SECONDS else "bypass"
        return _for_browsers(request, response)

    return wrapper


def _for_browsers(request, response):
    if response.status_code != 200 or response.streaming:
        return response
    if not response.has_header("ETag"):
        response["ETag"] = etag_for(response.content)
    shared = settings.SHARED_CACHE_SECONDS
    if shared:
        # Browsers ask every time (max-age=0); a CDN or proxy cache keeps it ``shared`` seconds.
        directives = {"public": True, "max_age": 0, "s_maxage": shared}
        if settings.SHARED_CACHE_STALE_SECONDS:
            directives["stale_while_revalidate"] = settings.SHARED_CACHE_STALE_SECONDS
        patch_cache_control(response, **directives)
        # nginx's proxy cache reads max-age, not s-maxage: this header (which nginx keeps to
        # itself) gives it the shared lifetime; other caches ignore it.
        response["X-Accel-Expires"] = str(shared)
    else:
        # Browsers (and a CDN) may keep the page but must ask again each time: 304 while unchanged.
        patch_cache_control(response, public=True, no_cache=True)
    patch_vary_headers(response, ["Cookie", "Accept-Encoding"])
    return get_conditional_response(request, etag=response["ETag"], response=response)


_constant_headers = None


@receiver(setting_changed)
def _forget_constant_headers(**kwargs):
    global _constant_headers
    _constant_headers = None


class PageCacheMiddleware:
    """Serve page-cache hits early, before sessions, locale, CSRF, auth, URL resolving and views.

    A hit needs none of them: it is an anonymous GET of a page stored by ``cache_public_page``.
    Answering here roughly doubles what a server delivers from the cache. It sits after the
    security middleware (which adds its headers on the way out, as for any response) and
    WhiteNoise, before the CSP and Permissions-Policy middleware: their headers are the same on
    every public page, so they are built once per process (by running those middleware on an
    empty response, ``HEADER_MIDDLEWARE``) and copied onto each hit. The other headers the skipped
    middleware would add to a public page (Content-Language, X-Frame-Options, Content-Length) are
    added here too, and a test checks that a hit and the miss it was stored from carry the same
    headers. Misses, and every request the decorator would not serve from the cache, go down the
    normal stack; the decorator stores pages.
    """

    HEADER_MIDDLEWARE = (
        "csp.middleware.CSPMiddleware",
        "django_permissions_policy.PermissionsPolicyMiddleware",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def constant_headers(self, request) -> dict:
        global _constant_headers
        if _constant_headers is None:
            blank = HttpResponse()
            handler = lambda request: blank  # noqa: E731
            for path in reversed(self.HEADER_MIDDLEWARE):
                if path in settings.MIDDLEWARE:
                    handler = import_string(path)(handler)
            headers = dict(handler(request).headers)
            headers.pop("Content-Type", None)
            _constant_headers = headers
        return _constant_headers

    def __call__(self, request):
        response = self.cached_response(request)
        return response if response is not None else self.get_response(request)

    def cached_response(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or not settings.PAGE_CACHE_SECONDS
            or request.META.get("QUERY_STRING")
            or is_personal(request)
        ):
            return None
        language = translation.get_language_from_path(request.path_info)
        if language is None:
            return None
        with translation.override(language):
            entry = _fresh_entry(page_key(request, content_version()), timezone.now())
        if entry is None:
            return None
        response = _response_from(entry, request)
        response["Content-Language"] = language
        response["X-Frame-Options"] = settings.X_FRAME_OPTIONS
        response["Content-Length"] = str(len(response.content))
        for header, value in self.constant_headers(request).items():
            response.headers[header] = value
        return _for_browsers(request, response)


NEVER_STORE = "max-age=0, no-cache, no-store, must-revalidate, private"


class PersonalResponsesMiddleware:
    """No shared cache (CDN, nginx) may store what belongs to one visitor, whatever the view said.

    A request with a session or CSRF cookie (staff, a preview, someone who filled in a form) and a
    response that sets a cookie are ``private, no-store``; a response that says nothing about
    caching is ``private, no-cache``, so only what a view declared public (``cache_public_page``,
    the open data) can be kept by a cache in front. It sits right after ``PageCacheMiddleware``
    (whose hits are public pages) and outside the session, locale and CSRF middleware, so it sees
    the cookies they set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.cookies or is_personal(request):
            response.headers["Cache-Control"] = NEVER_STORE
            patch_vary_headers(response, ["Cookie"])
        elif not response.has_header("Cache-Control"):
            response.headers["Cache-Control"] = "private, no-cache"
        return response


def public_lookup(request, name, build):
    """``build()``, kept per content version for visitors who see the public page only.

    A page's own object and its language links cost more to build (ORM filters, ``reverse``)
    than to read from the cache; the page cache is off, or missed, when this runs. Staff,
    previews and forms (``is_personal``) always build: they may see drafts. The key holds the
    language and the path, so each address of each language has its own value.
    """
    if is_personal(request) or not settings.FRAGMENT_CACHE_SECONDS:
        return build()
    path = hashlib.blake2b(request.path.encode(), digest_size=16).hexdigest()
    key = f"lookup:{name}:{translation.get_language()}:{path}"
    return cached_content(key, build, settings.FRAGMENT_CACHE_SECONDS)
