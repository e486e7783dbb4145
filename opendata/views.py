"""The open-data endpoints: thin views around ``data.py`` with HTTP caching done right.

The body is built once per content version and host (it holds absolute URLs) and kept in the
shared cache; its hash is the ETag, so a client that has the current version gets a 304.
"""

import hashlib
import json

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from publishing.alternates import page_links
from publishing.freshness import content_version

from . import data

MAX_AGE = 300


def _cached_body(request, kind):
    key = f"opendata:{kind}:{data.API_VERSION}:{content_version()}:{request.scheme}://{request.get_host()}"
    body = cache.get(key)
    if body is None:
        payload = data.strategy_data(request.build_absolute_uri)
        if kind == "json":
            body = json.dumps(payload, ensure_ascii=False, indent=2).encode()
        else:
            body = data.strategy_csv(payload).encode("utf-8")
        cache.set(key, body, timeout=24 * 60 * 60)
    return body


def _open_data_response(request, body, content_type):
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    if (
        etag in parse_etags(request.headers.get("If-None-Match", ""))
        or request.headers.get("If-None-Match", "").strip() == "*"
    ):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    # Anyone may read it from any site: public data, no cookies, no credentials.
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag"
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


@require_safe
def strategy_json(request):
    body = _cached_body(request, "json")
    return _open_data_response(request, body, "application/json; charset=utf-8")


@require_safe
def strategy_csv(request):
    body = _cached_body(request, "csv")
    response = _open_data_response(request, body, "text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="gent-strategie-v1.csv"'
    return response


@require_safe
def strategy_schema(request):
    body = data.SCHEMA_PATH.read_bytes()
    return _open_data_response(request, body, "application/schema+json")


@require_safe
def about(request):
    """The human page the footer links to: what the data is and where to get it."""
    crumbs = [{"label": _("Open data"), "url": reverse("opendata:about"), "lang": ""}]
    context = {"crumbs": crumbs, **page_links(request, "opendata:about")}
    return render(request, "opendata/about.html", context)
