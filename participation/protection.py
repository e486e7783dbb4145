"""How the feedback form is protected without a CSRF cookie.

Public pages set no cookies (a promise to visitors, and what lets the page cache share them), so
the form cannot carry Django's CSRF token: ``{% csrf_token %}`` sets a cookie on the page that
renders it. Instead the endpoint is ``csrf_exempt`` and refuses a POST that a browser says came
from another site, which is the attack CSRF tokens exist for:

1. ``Sec-Fetch-Site`` (all current browsers send it; the browser sets it, pages cannot): accept
   ``same-origin``, and ``none`` (a person's own action, such as a bookmark); refuse
   ``same-site`` and ``cross-site``.
2. Without it, ``Origin`` (sent with every POST by browsers since about 2020): must be this
   site's own scheme and host (or a listed ``CSRF_TRUSTED_ORIGINS``); ``null`` is refused.
3. With neither, only an old browser or a non-browser client is talking to us. We then accept the
   post only when ``Referer`` names this site (our Referrer-Policy sends it for same-origin
   posts), and otherwise refuse it: without any of the three headers a forged cross-site post
   cannot be told apart, and a refused genuine post loses only a yes/no answer. Non-browser
   clients can forge all three, but they could equally post directly: CSRF is about a visitor's
   browser being used against us, and the rate limit handles the rest.

The body is checked before it is read: only a form post (``application/x-www-form-urlencoded``)
of at most ``FEEDBACK_MAX_BODY_BYTES`` (the form's fields and a long suggestion fit many times)
is read at all; anything else is refused from its headers, so a client cannot make a worker read
and parse a 100 MB upload.

The rate limit counts posts per client in the shared cache, under a salted hash of the address.
The address itself is never stored, neither in the cache nor in the database.
"""

import logging

from django.conf import settings
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from publishing import counters

logger = logging.getLogger(__name__)

ALLOWED_FETCH_SITES = {"same-origin", "none"}


def own_origin(request):
    return f"{request.scheme}://{request.get_host()}"


def is_cross_site(request) -> bool:
    allowed = {own_origin(request), *settings.CSRF_TRUSTED_ORIGINS}
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site.strip().lower() not in ALLOWED_FETCH_SITES
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin.strip() not in allowed
    referer = request.headers.get("Referer", "")
    return not any(referer == o or referer.startswith(o + "/") for o in allowed)


FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


def body_refusal(request):
    """``(status, reason)`` when the post must be refused unread, else None; only headers are
    looked at (CONTENT_TYPE and CONTENT_LENGTH), never the body."""
    content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    if content_type != FORM_CONTENT_TYPE:
        return 400, _("This form only accepts the answers typed into it; nothing was saved.")
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = -1
    if length < 0:
        return 400, _("Your browser sent a request this site cannot handle.")
    if length > settings.FEEDBACK_MAX_BODY_BYTES:
        return 413, _("Your message is too long for this form; nothing was saved.")
    return None


def client_address(request) -> str:
    """The visitor's address: REMOTE_ADDR, or when DJANGO_PROXY_HOPS proxies stand in front of
    us, the address the outermost of them saw (X-Forwarded-For, counted from the right, because
    the left-hand entries are whatever the client claimed)."""
    hops = getattr(settings, "PROXY_HOPS", 0)
    if hops:
        forwarded = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def rate_limit_key(request) -> str:
    digest = salted_hmac(
        "participation.rate-limit", client_address(request), algorithm="sha256"
    ).hexdigest()
    return f"participation:rate:{digest[:40]}"


def within_rate_limit(request) -> bool:
    """Count this post; False once the client made more than the limit in the window.

    ``publishing.counters`` keeps the window at its documented length on every cache backend
    (Django's own incr() would re-save the count with the cache's default timeout on the disk
    cache), and counts exactly under parallel posts on each of them.
    """
    limit, window = settings.FEEDBACK_RATE_LIMIT
    try:
        count = counters.hit(rate_limit_key(request), window)
    except Exception:
        # A cache outage must not take the form down with it: let the post through, and say so.
        logger.warning("Feedback rate limit unavailable (cache error); post accepted.")
        return True
    return count <= limit
