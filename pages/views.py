from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from publishing.alternates import page_links
from publishing.changes import with_last_change
from publishing.pagecache import cache_public_page
from publishing.preview import render_content, with_draft

from .models import Page


@require_safe
@cache_public_page
def page(request, kind):
    # Staff may open a draft or scheduled page (a preview); visitors only a live one (404).
    obj = get_object_or_404(with_last_change(Page.objects.visible_to(request.user)), kind=kind)
    preview = not obj.is_live()
    obj, draft = with_draft(request, obj)
    context = {"page": obj, **page_links(request, obj)}
    return render_content(request, "pages/page.html", context, preview=preview, draft=draft)
