"""Each page's address in every language, built from its object.

``django.urls.translate_url`` cannot translate slugs, so the switcher, the ``hreflang`` links, the
canonical link and the sitemap all come from here: the object's ``get_absolute_url()`` under each
language in turn.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from .languages import SOURCE_LANGUAGE


@dataclass(frozen=True)
class Alternate:
    language: str
    name: str  # the language's own name, as the switcher shows it
    path: str


def page_path(obj=None):
    return obj.get_absolute_url() if obj is not None else reverse("strategy:home")


def alternates_for(obj=None):
    """The page of ``obj`` (the home page when None) in each configured language."""
    alternates = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            alternates.append(
                Alternate(code, translation.get_language_info(code)["name_local"], page_path(obj))
            )
    return alternates


def page_links(request, obj=None):
    """Template context for the <head> links and the language switcher of a public page."""
    alternates = alternates_for(obj)
    current = translation.get_language()
    by_language = {alt.language: request.build_absolute_uri(alt.path) for alt in alternates}
    return {
        "alternates": [
            {"language": a.language, "name": a.name, "url": by_language[a.language]}
            for a in alternates
        ],
        "other_languages": [a for a in alternates if a.language != current],
        "canonical_url": by_language.get(current, by_language[SOURCE_LANGUAGE]),
        "x_default_url": by_language[SOURCE_LANGUAGE],
    }
