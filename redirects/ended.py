"""A page whose publication window has ended ("publish until" passed): gone (410), not unknown.

No save happens when the window ends, so no record is made (``recording``); the address is
resolved with the URLconf instead, on a 404 only, and the item looked up by its slugs ignoring
the window: one query, two for a topic whose theme's address is shown.

A page that never was published, or whose "publish from" is still ahead, stays a 404: not yet
published is not gone.
"""

from django.db.models import Q
from django.urls import Resolver404
from django.urls import resolve as resolve_url
from django.utils import timezone, translation

from pages.models import Page
from publishing.models import Status
from strategy.models import Theme, Topic

from .recording import addresses


def ended(queryset, prefix=""):
    """Items of ``queryset`` published and whose own window has ended."""
    return queryset.filter(
        **{f"{prefix}status": Status.PUBLISHED, f"{prefix}publish_until__lte": timezone.now()}
    )


def _theme(theme_slug):
    return ended(Theme.objects.with_slug(theme_slug)).first(), None


def _topic(theme_slug, topic_slug):
    now = timezone.now()
    started = Q(publish_from__isnull=True) | Q(publish_from__lte=now)
    theme_ended = Q(theme__status=Status.PUBLISHED, theme__publish_until__lte=now)
    # Its own window ended, or it was online under a theme whose window ended.
    topic = (
        Topic.objects.in_theme(theme_slug)
        .with_slug(topic_slug)
        .filter(status=Status.PUBLISHED)
        .filter(Q(publish_until__lte=now) | (started & theme_ended))
        .select_related("theme")
        .first()
    )
    if topic is None:
        return None, None
    return topic, (topic.theme if topic.theme.is_live() else None)


def _page(kind):
    return ended(Page.objects.filter(kind=kind)).first(), None


# The public addresses of content (URL name → lookup of the item by the view's arguments).
LOOKUPS = {
    "strategy:theme": _theme,
    "strategy:topic": _topic,
    "pages:accessibility": _page,
    "pages:privacy": _page,
    "pages:contact": _page,
}


def ended_item(path, language):
    """``(item, parent)`` when ``path`` is the address of an item whose window ended, the parent
    (a topic's theme) only if it is still online; ``(None, None)`` otherwise."""
    # The translated patterns and the slug lookups follow the address's language.
    with translation.override(language):
        try:
            match = resolve_url(path)
        except Resolver404:
            return None, None
        lookup = LOOKUPS.get(match.view_name)
        if lookup is None:
            return None, None
        item, parent = lookup(**match.kwargs)
    if item is None:
        return None, None
    parent_path = addresses(parent).get(language, "") if parent is not None else ""
    return item, parent_path
