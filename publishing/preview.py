"""Rendering a content page that staff may preview: one rule for every content type's views.

A view finds its item with ``visible_to(request.user)`` (visitors: ``published()`` or a 404;
staff: anything) and renders it here with ``preview=not item.is_live()``, which shows the preview
banner (``templates/includes/preview_banner.html``) on a page visitors cannot see.
"""

from django.shortcuts import render
from django.utils.cache import patch_cache_control

from .models import can_preview


def render_content(request, template, context, preview=False):
    response = render(request, template, {**context, "preview": preview})
    if can_preview(request.user):
        # A staff member's view may show drafts: never store it in a shared or browser cache.
        patch_cache_control(response, private=True, no_store=True)
    return response
