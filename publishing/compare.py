"""Field-by-field differences between two stored revisions of one item, per language."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

from .languages import field_in, language_codes

# Bookkeeping, not content: never shown as a difference.
IGNORED = {"id", "version", "created_at", "updated_at", "seed_key", "image_renditions"}


@dataclass
class Difference:
    label: str
    language: str  # "" for fields that are the same in every language
    old: str
    new: str


def compare_versions(model, old, new):
    """The fields whose value differs between the ``old`` and ``new`` reversion Versions."""
    return compare_values(model, old.field_dict, new.field_dict)


def compare_values(model, old_data, new_data):
    """The fields whose value differs between two ``{field name: value}`` dicts of one model."""
    originals = set(translator.get_options_for_model(model).fields)
    rows = []
    for field in model._meta.fields:
        name = field.name
        if name in IGNORED or name in originals:
            continue
        translated_as = next(
            (
                (original, code)
                for original in originals
                for code in language_codes()
                if name == field_in(original, code)
            ),
            None,
        )
        before, after = old_data.get(name), new_data.get(name)
        if (before or "") == (after or ""):
            continue
        if translated_as:
            label = model._meta.get_field(translated_as[0]).verbose_name
            language = translated_as[1]
        else:
            label, language = field.verbose_name, ""
        rows.append(Difference(str(label).capitalize(), language, _text(before), _text(after)))
    return rows


def _text(value):
    if value in (None, ""):
        return str(_("(empty)"))
    return str(value)
