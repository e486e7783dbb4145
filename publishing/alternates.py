"""Every public page's address in each language, and the template context built from them.

One helper for the switcher, the ``hreflang`` links, the canonical link, the sitemap and the
open-data ``url`` fields. A page is named by its *target*:

- a content object: its ``get_absolute_url()`` under each language in turn (the slugs are
  translated per object, which ``django.urls.translate_url`` cannot do);
- a route name (``"findability:search"``): the route reversed under each language, with a
  ``suffix`` (the search's query string) kept;
- ``None``: the home page.
"""

from dataclasses import dataclass
from urllib.parse import urljoin

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from .languages import SOURCE_LANGUAGE, language_codes

HOME = "strategy:home"


@dataclass(frozen=True)
class Alternate:
    language: str
    name: str  # the language's own name, as the switcher shows it
    path: str


def page_path(target=None, suffix=""):
    """The path of ``target`` in the active language."""
    if target is None or isinstance(target, str):
        return reverse(target or HOME) + suffix
    return target.get_absolute_url() + suffix


def absolute_url(path: str) -> str:
    """``path`` on the configured public origin (``settings.PUBLIC_ORIGIN``), never on the
    request's host: a page is cached once for every host and port it is asked on, and any port on
    an allowed host reaches the app. An address that is already absolute (media on a CDN) stays."""
    return urljoin(settings.PUBLIC_ORIGIN + "/", path)


def alternates_for(target=None, suffix=""):
    """The page of ``target`` (see the module docstring) in each configured language."""
    alternates = []
    for code in language_codes():
        with translation.override(code):
            name = translation.get_language_info(code)["name_local"]
            alternates.append(Alternate(code, name, page_path(target, suffix)))
    return alternates


def page_links(request, target=None, suffix=""):
    """Template context for the <head> links and the language switcher of a public page:

    ``alternates`` (language, name, absolute url) for ``hreflang``, ``other_languages``
    (``Alternate``: language, name, path) for the switcher, ``canonical_url`` and
    ``x_default_url`` (the Dutch page: the authoritative text). The absolute URLs are on the
    public origin (``absolute_url``); ``request`` is not used for them.
    """
    alternates = alternates_for(target, suffix)
    current = translation.get_language()
    by_language = {alt.language: absolute_url(alt.path) for alt in alternates}
    return {
        "alternates": [
            {"language": a.language, "name": a.name, "url": by_language[a.language]}
            for a in alternates
        ],
        "other_languages": [a for a in alternates if a.language != current],
        "canonical_url": by_language.get(current, by_language[SOURCE_LANGUAGE]),
        "x_default_url": by_language[SOURCE_LANGUAGE],
    }
