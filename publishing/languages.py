"""The one place that knows how content languages are stored and how fallback works."""

from django.conf import settings
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

SOURCE_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def field_in(field, language):
    """The database column of ``field`` in ``language``: ``slug`` in English is ``slug_en``."""
    return build_localized_fieldname(field, language)


def shown_language(obj, field, language=None):
    """The language a visitor actually reads ``obj.field`` in: their own, or Dutch as fallback."""
    language = language or get_language() or SOURCE_LANGUAGE
    if getattr(obj, field_in(field, language), None):
        return language
    return SOURCE_LANGUAGE


def is_fallback(obj, field, language=None):
    language = language or get_language() or SOURCE_LANGUAGE
    return shown_language(obj, field, language) != language
