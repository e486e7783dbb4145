"""hreflang, canonical and switcher links for pages that have a fixed, translated route (search,
open data, legal pages, feedback): the same route reversed under each language. Pages of content
objects use ``publishing.alternates.page_links`` instead (their slugs are translated per object)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def route_links(request, name, kwargs=None, suffix=""):
    """Template context like ``publishing.alternates.page_links`` for the route ``name``."""
    paths = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths[code] = (
                translation.get_language_info(code)["name_local"],
                reverse(name, kwargs=kwargs) + suffix,
            )
    current = translation.get_language()
    absolute = request.build_absolute_uri
    return {
        "alternates": [
            {"language": code, "name": label, "url": absolute(path)}
            for code, (label, path) in paths.items()
        ],
        "other_languages": [
            {"language": code, "name": label, "path": path}
            for code, (label, path) in paths.items()
            if code != current
        ],
        "canonical_url": absolute(paths.get(current, paths[settings.LANGUAGE_CODE])[1]),
        "x_default_url": absolute(paths[settings.LANGUAGE_CODE][1]),
    }
