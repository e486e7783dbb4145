"""What the change form's status section and the overview both show: rows, badges, word diff."""

from difflib import SequenceMatcher

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info

from ..exchange.entries import describe
from ..status import NEEDS_TRANSLATION, State


def language_name(code):
    return get_language_info(code)["name_translated"]


def state_badge(state, text):
    """A badge whose words say the state; the colour only repeats it (WCAG 1.4.1)."""
    return format_html('<span class="tr-badge tr-badge--{}">{}</span>', state, text)


def field_rows(model, field_statuses, languages, only_needed, label_parts=False):
    """One row per field: its name and the state in each target language. With ``label_parts``,
    the fields of an item's parts (a mission's lines) are named by their part."""
    by_field = {}
    for item in field_statuses:
        by_field.setdefault((type(item.obj), item.obj.pk, item.field), {})[item.language] = item
    rows = []
    for (part_model, _pk, field), per_language in by_field.items():
        if only_needed and not any(s.state in NEEDS_TRANSLATION for s in per_language.values()):
            continue
        changed = [
            s for s in per_language.values() if s.state == State.OUTDATED and s.previous_source
        ]
        rows.append(
            {
                "name": (
                    describe(next(iter(per_language.values())).obj, field, False)
                    if label_parts and part_model is not model
                    else part_model._meta.get_field(field).verbose_name
                ),
                "states": [per_language.get(language) for language in languages],
                "diff": word_diff(changed[0].previous_source, changed[0].source) if changed else "",
            }
        )
    return rows


def word_diff(old, new):
    """The Dutch as it is now, with the words removed since the translation struck through
    (<del>) and the words added underlined (<ins>): what a translator must check."""
    before, after = old.split(), new.split()
    parts = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(conditional_escape(" ".join(after[j1:j2])))
        if op in {"delete", "replace"}:
            parts.append(format_html("<del>{}</del>", " ".join(before[i1:i2])))
        if op in {"insert", "replace"}:
            parts.append(format_html("<ins>{}</ins>", " ".join(after[j1:j2])))
    return mark_safe(" ".join(parts))  # every part is escaped above
