from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from . import search as site_search


def search_links(request, query):
    """hreflang alternates for a search: the same words on the other language's search page."""
    suffix = f"?{urlencode({'q': query.text})}" if query.text else ""
    by_language = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            by_language[code] = (
                translation.get_language_info(code)["name_local"],
                reverse("findability:search") + suffix,
            )
    current = translation.get_language()
    return {
        "alternates": [
            {"language": code, "name": name, "url": request.build_absolute_uri(path)}
            for code, (name, path) in by_language.items()
        ],
        "other_languages": [
            {"language": code, "name": name, "path": path}
            for code, (name, path) in by_language.items()
            if code != current
        ],
        "canonical_url": request.build_absolute_uri(by_language[current][1]),
        "x_default_url": request.build_absolute_uri(by_language[settings.LANGUAGE_CODE][1]),
    }


@require_safe
def search(request):
    query = site_search.clean_query(request.GET.get("q", ""))
    context = {
        "query": query,
        "results": site_search.search(query),
        "max_length": site_search.MAX_QUERY_LENGTH,
        "crumbs": [{"label": _("Search"), "url": reverse("findability:search"), "lang": ""}],
        **search_links(request, query),
    }
    return render(request, "findability/search.html", context)


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Allow: /", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
