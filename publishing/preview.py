"""Rendering a content page that staff may preview: one rule for every content type's views.

A view finds its item with ``visible_to(request.user)`` (visitors: ``published()`` or a 404;
staff: anything) and renders it here with ``preview=not item.is_live()``, which shows the preview
banner (``templates/includes/preview_banner.html``) on a page visitors cannot see.

Staff asking ``?draft=1`` see the item with its unpublished changes (``with_draft``), as the
"Unpublished changes" page in the admin shows it in frames at phone and desktop width.
"""

from csp.constants import SELF
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from .models import can_preview

DRAFT_PARAMETER = "draft"


def with_draft(request, obj):
    """``(obj, True)`` with its unpublished changes applied (in memory) when a staff member asks
    for the draft and there is one; ``(obj, False)`` otherwise."""
    if obj is None or request.GET.get(DRAFT_PARAMETER) != "1" or not can_preview(request.user):
        return obj, False
    from .workingcopies import copy_for, overlay

    copy = copy_for(obj)
    if copy is None:
        return obj, False
    return overlay(obj, copy), True


def render_content(request, template, context, preview=False, draft=False):
    response = render(
        request, template, {**context, "preview": preview or draft, "preview_draft": draft}
    )
    if can_preview(request.user):
        # A staff member's view may show drafts: never store it in a shared or browser cache.
        patch_cache_control(response, private=True, no_store=True)
        if request.GET.get(DRAFT_PARAMETER) == "1":
            # The admin shows the draft in frames (phone and desktop width): its own origin only.
            response["X-Frame-Options"] = "SAMEORIGIN"
            response._csp_replace = {"frame-ancestors": [SELF]}
    return response
