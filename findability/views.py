from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from publishing.alternates import absolute_url, page_links

from . import search as site_search


@require_safe
def search(request):
    query = site_search.clean_query(request.GET.get("q", ""))
    suffix = f"?{urlencode({'q': query.text})}" if query.text else ""
    context = {
        "query": query,
        "results": site_search.search(query),
        "max_length": site_search.MAX_QUERY_LENGTH,
        "crumbs": [{"label": _("Search"), "url": reverse("findability:search"), "lang": ""}],
        **page_links(request, "findability:search", suffix=suffix),
    }
    return render(request, "findability/search.html", context)


@require_safe
def robots_txt(request):
    sitemap = absolute_url(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Allow: /", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
