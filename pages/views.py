from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from findability.links import route_links

from .models import Page


@require_safe
def page(request, kind):
    # Staff may open a draft or scheduled page (a preview); visitors only a live one (404).
    obj = get_object_or_404(Page.objects.visible_to(request.user), kind=kind)
    crumbs = [{"label": obj.title, "url": obj.get_absolute_url(), "lang": ""}]
    context = {"page": obj, "crumbs": crumbs, **route_links(request, f"pages:{kind}")}
    return render(request, "pages/page.html", context)
