"""Which content is translated, and what kind of text each field holds.

The models are the ones registered with modeltranslation in ``strategy/translation.py``; the
fields come from that registration, so a field added there is tracked here without a change.
The languages come from ``settings.LANGUAGES``: every language but the source one is a target.
"""

from enum import StrEnum

from django.apps import apps
from django.db import models
from modeltranslation.translator import translator

from strategy.languages import SOURCE_LANGUAGE, language_codes

CONTENT_MODELS = (
    "strategy.Mission",
    "strategy.MissionLine",
    "strategy.Theme",
    "strategy.Topic",
    "pages.Page",
)

# Fields whose text is editor HTML (rendered through the `rich_text` filter); every other text
# field is plain text and must not contain markup.
RICH_TEXT_FIELDS = {"strategy.theme.body", "strategy.topic.body", "pages.page.body"}


# Items edited inside another item's admin page, and the way back to it: a mission line is an
# inline of the mission, so the mission's list shows, exports and confirms its lines too.
PARTS = {"strategy.mission": "lines"}
PART_OF = {"strategy.missionline": "mission"}


class Kind(StrEnum):
    PLAIN = "plain"
    RICH = "rich"
    SLUG = "slug"


def content_models():
    return [apps.get_model(label) for label in CONTENT_MODELS]


def model_key(model) -> str:
    """``strategy.theme``: how exported files and the status table name a model."""
    return model._meta.label_lower


def with_parts(objects) -> list:
    """``objects`` followed by the items edited inside them (a mission's lines)."""
    result = []
    for obj in objects:
        result.append(obj)
        related = PARTS.get(model_key(type(obj)))
        if related:
            result.extend(getattr(obj, related).all())
    return result


def owner(obj):
    """The item whose admin page edits ``obj``: itself, or the mission of a mission line."""
    parent = PART_OF.get(model_key(type(obj)))
    return getattr(obj, parent) if parent else obj


def model_for_key(key: str):
    return {model_key(model): model for model in content_models()}.get(key)


def translated_fields(model) -> list[str]:
    """The translated fields of ``model`` in reading order: the model's field order, with the
    image texts last (modeltranslation keeps them as an unordered set, and themes and topics
    inherit their image fields, which puts them first in the model's order)."""
    order = [f.name for f in model._meta.fields]
    names = translator.get_options_for_model(model).fields
    return sorted(names, key=lambda name: (name.startswith("image_"), order.index(name)))


def field_kind(model, field: str) -> Kind:
    if f"{model_key(model)}.{field}" in RICH_TEXT_FIELDS:
        return Kind.RICH
    if isinstance(model._meta.get_field(field), models.SlugField):
        return Kind.SLUG
    return Kind.PLAIN


def target_languages(languages=None) -> list[str]:
    """Every configured language except the source (Dutch), in settings order."""
    return [code for code in (languages or language_codes()) if code != SOURCE_LANGUAGE]
