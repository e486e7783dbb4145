from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from publishing.alternates import absolute_url
from publishing.languages import is_fallback, shown_language
from publishing.richtext import sanitize_html

from .. import glance
from ..images import picture

register = template.Library()


@register.simple_tag
def lang_attr(obj, field):
    """` lang="nl"` when ``obj.field`` is shown in Dutch on a page of another language.

    Screen readers switch voice on it, and translators can find untranslated text in the page.
    """
    if obj is None or not is_fallback(obj, field):
        return ""
    return format_html(' lang="{}"', shown_language(obj, field))


@register.filter
def falls_back(obj, field):
    """True when the visitor's language has no text for ``field`` and Dutch is shown instead."""
    return obj is not None and is_fallback(obj, field)


@register.inclusion_tag("components/glance.html")
def strategy_at_a_glance(mission, themes):
    """The home page's picture of the strategy (``strategy.glance``); ``themes`` as the page's."""
    return {"glance": glance.strategy_at_a_glance(mission, themes)}


@register.filter
def absolute(path):
    """``path`` on the public origin: a printed page shows the whole address after each link."""
    return absolute_url(path)


@register.filter
def rich_text(value):
    """Editor HTML, cleaned with the allow-list again on output: nothing unsafe reaches a page."""
    return mark_safe(sanitize_html(value or ""))


@register.inclusion_tag("components/breadcrumbs.html")
def breadcrumbs(*trail):
    """The breadcrumb trail from the home page down to the last object given (the current page)."""
    crumbs = [
        {
            "label": obj.title,
            "url": obj.get_absolute_url(),
            "lang": shown_language(obj, "title") if is_fallback(obj, "title") else "",
        }
        for obj in trail
    ]
    return {"crumbs": crumbs}


@register.simple_tag
def header_picture(obj):
    """The <picture> sources of ``obj``'s header image (None when it has no renditions yet)."""
    return picture(obj)
