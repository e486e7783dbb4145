from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from publishing.alternates import page_links

from .models import Page


@require_safe
def page(request, kind):
    obj = get_object_or_404(Page, kind=kind)
    crumbs = [{"label": obj.title, "url": obj.get_absolute_url(), "lang": ""}]
    context = {"page": obj, "crumbs": crumbs, **page_links(request, f"pages:{kind}")}
    return render(request, "pages/page.html", context)
