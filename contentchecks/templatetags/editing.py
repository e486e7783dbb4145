"""``{% edit_link obj %}``: an "edit this page" link on a public page, for editors only.

Safe with the page cache: it is rendered only for a request that carries a session cookie, and
the page cache never stores such a request's page nor answers it from the cache
(``publishing.pagecache.is_personal``: "bypass", ``no-store``). Anonymous visitors, whose pages
are the ones cached and shared, never reach the user lookup, so their pages cost no query more.
"""

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.inclusion_tag("includes/edit_link.html", takes_context=True)
def edit_link(context, obj):
    request = context.get("request")
    if obj is None or request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return {"url": None}
    user = request.user
    opts = obj._meta
    if not (
        user.is_active
        and user.is_staff
        and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
    ):
        return {"url": None}
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return {"url": None}
    return {"url": url}
