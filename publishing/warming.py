"""Render the public pages into the page cache after an edit, so no visitor waits for them.

Every content write bumps ``content_version()`` after its commit (``freshness``), and the version
is part of every page's key: after an edit *every* page is cold, not only the edited one (the home
page lists every theme and topic, a topic page lists its siblings, and the version is one number
for all). So the warmer renders every public page the sitemap lists, in both languages, home
pages first.

**Once for all app servers.** The servers share the cache; the first one to ``cache.add`` the lock
``pagecache:warming:<version>`` warms, the others see the lock and do nothing. A later edit is a
new version, so a new lock: the next warm starts over with the new content. A warm that sees the
version move under it stops (the edit's own warm takes over).

**Not in the editor's request.** The warm runs in one background thread per process
(``PAGE_CACHE_WARMING = "background"``, the default): the editor's save answers at once, and on
this machine rendering the ~70 pages takes about half a second of CPU, several seconds under load;
the editor should not wait for that. Several edits in a row wake the thread once it is free, and it
warms the latest version only. If the process ends mid-warm (gunicorn recycles a worker), the pages
not yet warm are rendered by their first visitor, as without a warmer. ``"inline"`` warms right
after the commit in the same thread (tests: the test database's transaction is visible only
there); ``"off"`` does not warm.

Pages are rendered through Django's full WSGI handler, as an anonymous visitor over HTTPS, so the
page cache decorator stores exactly what a visitor's request would have stored.
"""

import logging
import threading
from io import BytesIO
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connections
from django.urls import NoReverseMatch, resolve, reverse

from .freshness import content_version

logger = logging.getLogger(__name__)

LOCK_SECONDS = 120
MAX_PAGES = 1000

_wake = threading.Event()
_idle = threading.Event()
_idle.set()
_thread = None
_thread_lock = threading.Lock()
_handler = None


def public_paths() -> list[str]:
    """Every page the sitemap lists, in every language; the home pages first."""
    try:
        match = resolve(reverse("sitemap"))
    except NoReverseMatch:
        return []
    paths = []
    for sitemap in match.kwargs["sitemaps"].values():
        sitemap = sitemap() if isinstance(sitemap, type) else sitemap
        for info in sitemap.get_urls(protocol="https"):
            paths.append(urlsplit(info["location"]).path)
    paths = list(dict.fromkeys(paths))  # once each, in order
    homes = [path for path in paths if path.count("/") == 2]
    return (homes + [path for path in paths if path not in homes])[:MAX_PAGES]


def _wsgi_handler():
    global _handler
    if _handler is None:
        from django.core.handlers.wsgi import WSGIHandler

        _handler = WSGIHandler()
    return _handler


def render_into_cache(path: str) -> str:
    """Request ``path`` as an anonymous visitor would; the page cache keeps it. Returns the
    ``X-Page-Cache`` answer (``miss``: rendered and stored, ``hit``: already warm)."""
    host = next(
        (h for h in settings.ALLOWED_HOSTS if "*" not in h and not h.startswith(".")),
        urlsplit(settings.PUBLIC_ORIGIN).hostname,
    )
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        # As the load balancer says it, so the HTTPS redirect does not answer instead of the page.
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_USER_AGENT": "gent-page-warmer",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "https",
        "wsgi.input": BytesIO(b""),
        "wsgi.errors": BytesIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer.update(headers)
        answer["status"] = status

    body = _wsgi_handler()(environ, start_response)
    try:
        for _ in body:
            pass
    finally:
        if hasattr(body, "close"):
            body.close()
    return answer.get("X-Page-Cache", answer.get("status", ""))


def warm() -> int:
    """Warm every public page for the current content version, unless another server (or
    thread) already does. Returns the number of pages rendered."""
    if threading.current_thread() is _thread:
        return _warm()
    # On the caller's thread (inline, a shell, a test), as Django's test client does: the nested
    # requests must not close this thread's database connection when they start and end (the
    # editor's request, a test's transaction). The warmer thread's connection is its own.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        return _warm()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _warm() -> int:
    if not settings.PAGE_CACHE_SECONDS:
        return 0
    version = content_version()
    if not cache.add(f"pagecache:warming:{version}", 1, LOCK_SECONDS):
        return 0
    rendered = 0
    for path in public_paths():
        if content_version() != version:
            break  # a newer edit: its own warm renders the newer pages
        try:
            if render_into_cache(path) == "miss":
                rendered += 1
        except Exception:  # one broken page must not leave the others cold
            logger.exception("Warming %s failed", path)
    return rendered


def _loop():
    while True:
        _wake.wait()
        _wake.clear()
        try:
            warm()
        except Exception:
            logger.exception("Warming the page cache failed")
        finally:
            # Edits are rare: no database connection is held idle until the next one.
            connections.close_all()
            if not _wake.is_set():
                _idle.set()


def request_warming() -> None:
    """After a committed edit: warm the page cache as ``PAGE_CACHE_WARMING`` says."""
    mode = settings.PAGE_CACHE_WARMING
    if mode == "off" or not settings.PAGE_CACHE_SECONDS:
        return
    if mode == "inline":
        warm()
        return
    global _thread
    with _thread_lock:
        if _thread is None or not _thread.is_alive():
            _thread = threading.Thread(target=_loop, name="page-cache-warmer", daemon=True)
            _thread.start()
    _idle.clear()
    _wake.set()


def wait_until_warm(timeout: float = 30) -> bool:
    """Block until the background warmer has nothing left to do (tests, scripts)."""
    return _idle.wait(timeout)
