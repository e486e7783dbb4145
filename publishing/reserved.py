"""Slugs a theme must not take: the first path segment of every fixed, translated route.

Those routes come before the theme pattern in ``gent/urls.py``, so a theme slugged ``zoeken``
would be hidden behind the search page. The theme model (issue 3's) can refuse these in its
validation: ``if slug in reserved_slugs(): raise ValidationError(...)``.
"""

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation


def _first_segments(patterns):
    for entry in patterns:
        if isinstance(entry, URLResolver) and not str(entry.pattern).strip("/"):
            yield from _first_segments(entry.url_patterns)  # include("…") at ""
        elif isinstance(entry, URLPattern | URLResolver):
            segment = str(entry.pattern).split("/", 1)[0]
            if segment and "<" not in segment:
                yield segment


def reserved_slugs() -> set[str]:
    """In every language, e.g. {"zoeken", "search", "open-data", "feedback", "info"}."""
    slugs = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for entry in get_resolver().url_patterns:
                if isinstance(entry, URLResolver) and str(entry.pattern).startswith(f"{code}/"):
                    slugs |= set(_first_segments(entry.url_patterns))
    return slugs
