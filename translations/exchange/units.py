"""What an exchange file holds, whatever its format: units, one per text a translator translates.

A plain-text field is one unit; a rich text is one unit per paragraph (``segments``). PO and XLIFF
(``formats``) only write and read these units, so the checks and the import are the same for all.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from publishing.registry import Kind, field_kind

from .. import status
from ..status import State
from . import segments
from .entries import admin_path, can_change, context_for, describe


@dataclass
class Unit:
    context: str  # names the item, field and paragraph: entries.CONTEXT
    source: str  # the Dutch, with placeholders for a paragraph's tags
    target: str = ""
    needs_review: bool = False  # PO "fuzzy", XLIFF "needs review": never imported as it is
    previous_source: str = ""  # the Dutch the old translation was made for
    note: str = ""  # for the translator: what the text is and where to edit it


def units_for(objects, language, *, user=None, everything=False, states=None) -> list[Unit]:
    """The units for ``language``: what needs translating in ``objects``, or all of it, leaving
    out the items ``user`` may not change (``None``: a management command, which may).
    ``states``: only the fields in these states (only what is missing, say)."""
    objects = [obj for obj in objects if can_change(user, type(obj))]
    found = status.statuses(objects, [language])
    units = []
    for obj in objects:
        for item in found[(type(obj), obj.pk)]:
            if (item.state == State.CURRENT and not everything) or (
                states and item.state not in states
            ):
                continue
            if field_kind(type(obj), item.field) == Kind.RICH:
                units += _paragraph_units(obj, item)
            else:
                units.append(_field_unit(obj, item))
    return units


def _field_unit(obj, item):
    outdated = item.state == State.OUTDATED
    return Unit(
        context=context_for(obj, item.field),
        source=item.source,
        target=item.target,
        needs_review=outdated,
        previous_source=item.previous_source if outdated else "",
        note=_note(describe(obj, item.field), obj),
    )


def _paragraph_units(obj, item):
    """One unit per paragraph of a rich text. The English is given per paragraph when it has as
    many as the Dutch; when the field is outdated, only the paragraphs whose Dutch changed since
    the translation need review."""
    source_segments = segments.split(item.source).segments
    sources = [segment.text for segment in source_segments]
    # The translation per paragraph, numbered as the Dutch: when it has as many paragraphs and
    # each has the same kinds of tags; else the paragraph is to be translated again.
    target_segments = segments.split(item.target).segments
    if len(target_segments) == len(sources):
        targets = [
            segments.in_source_numbers(source, target) or ""
            for source, target in zip(source_segments, target_segments, strict=True)
        ]
    else:
        targets = [""] * len(sources)
    previous = segments.segment_texts(item.previous_source)
    if len(previous) != len(sources):
        previous = [""] * len(sources)
    outdated = item.state == State.OUTDATED
    label = describe(obj, item.field, with_kind=False)
    units = []
    rows = zip(sources, targets, previous, strict=True)
    for index, (source, target, before) in enumerate(rows, 1):
        changed = outdated and before != source
        where = _("paragraph %(number)d of %(count)d") % {"number": index, "count": len(sources)}
        hint = _("keep the placeholders {1}…{/1} and {2/}: they are the text's formatting")
        units.append(
            Unit(
                context=f"{context_for(obj, item.field)}:{index}",
                source=source,
                target=target,
                needs_review=changed and bool(target),
                previous_source=before if changed else "",
                note=_note(f"{label} · {where}" + (f" ({hint})" if "{" in source else ""), obj),
            )
        )
    return units


def _note(description, obj):
    return "\n".join(filter(None, [description, admin_path(obj)]))
