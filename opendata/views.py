"""The open-data endpoints: thin views around ``data.py`` with HTTP caching done right.

The body is built from ``published()`` content and kept in the shared cache with
``publishing.freshness.cached_content``: until the content changes or the next scheduled
``publish_from``/``publish_until`` comes, whichever is first, so the API follows the publication
schedule exactly as the pages, the sitemap and search do. Its hash is the ETag, so a client that
has the current body gets a 304, and a body that changed by the schedule gets a new ETag.
"""

import hashlib
import json

from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from publishing.alternates import absolute_url, page_links
from publishing.freshness import cached_content, content_version, next_change

from . import data

MAX_AGE = 300
BODY_TIMEOUT = 24 * 60 * 60


def _body_and_etag(request, kind):
    def build():
        payload = data.strategy_data(absolute_url)
        if kind == "json":
            body = json.dumps(payload, ensure_ascii=False, indent=2).encode()
        else:
            body = data.strategy_csv(payload).encode("utf-8")
        return body, _etag(body)

    # The body's absolute URLs are on the public origin, whatever host or port was asked.
    key = f"opendata:{kind}:{data.API_VERSION}"
    return cached_content(key, build, BODY_TIMEOUT)


def _etag(body):
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _max_age():
    """MAX_AGE, or less when a scheduled publication change comes sooner: a browser or proxy
    must not keep a body past the moment an item appears or disappears."""
    moment = next_change(content_version())
    if moment is None:
        return MAX_AGE
    return max(0, min(MAX_AGE, int((moment - timezone.now()).total_seconds())))


def _open_data_response(request, body, etag, content_type, max_age=MAX_AGE):
    if_none_match = request.headers.get("If-None-Match", "")
    if etag in parse_etags(if_none_match) or if_none_match.strip() == "*":
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    # Anyone may read it from any site: public data, no cookies, no credentials.
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag"
    patch_cache_control(response, public=True, max_age=max_age)
    return response


@require_safe
def strategy_json(request):
    body, etag = _body_and_etag(request, "json")
    return _open_data_response(
        request, body, etag, "application/json; charset=utf-8", max_age=_max_age()
    )


@require_safe
def strategy_csv(request):
    body, etag = _body_and_etag(request, "csv")
    response = _open_data_response(
        request, body, etag, "text/csv; charset=utf-8", max_age=_max_age()
    )
    response["Content-Disposition"] = 'attachment; filename="gent-strategie-v1.csv"'
    return response


@require_safe
def strategy_schema(request):
    body = data.SCHEMA_PATH.read_bytes()
    return _open_data_response(request, body, _etag(body), "application/schema+json")


@require_safe
def about(request):
    """The human page the footer links to: what the data is and where to get it."""
    crumbs = [{"label": _("Open data"), "url": reverse("opendata:about"), "lang": ""}]
    context = {"crumbs": crumbs, **page_links(request, "opendata:about")}
    return render(request, "opendata/about.html", context)
