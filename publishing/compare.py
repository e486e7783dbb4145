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


def joined_parts(model, rows, without=()):
    """{field name: the parts' values, one per line, in order}: a list of parts (a mission's
    lines) compared as one text per field and language."""
    rows = sorted(
        rows, key=lambda row: (row.get("order") or 0, row.get("pk") or row.get("id") or 0)
    )
    names = [
        field.name
        for field in model._meta.concrete_fields
        if field.name not in IGNORED
        and field.name != "order"
        and field.name not in without
        and not field.is_relation
    ]
    return {name: "\n".join(str(row.get(name) or "") for row in rows) for name in names}


def compare_parts(model, old_rows, new_rows):
    """The differences between two lists of parts, field by field and language by language."""
    return compare_values(model, joined_parts(model, old_rows), joined_parts(model, new_rows))


def part_versions(revision, model):
    """The field values of the ``model`` items stored in a reversion ``revision``."""
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(model)
    return [
        version.field_dict for version in revision.version_set.filter(content_type=content_type)
    ]
