"""The translator's workbench for one item: the Dutch and a translation side by side, segment by
segment, and saving what the translator wrote through the one write path.

A plain-text field is one segment; a rich text is one segment per top-level block
(``segments``). A segment's state refines its field's: in an outdated body, the paragraphs whose
Dutch did not change since the translation was made are up to date, and only the others need
a look. The Dutch the translation was made for comes from ``FieldTranslation.source_text``.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from publishing import roles
from publishing.languages import field_in
from publishing.registry import (
    Kind,
    field_kind,
    model_key,
    owner,
    translated_fields,
    with_parts,
)
from publishing.writes import check_version, revision, save_content

from . import memory, segments, status
from .checks import check_translation, has_words
from .exchange.entries import can_change
from .exchange.markup import clean_value
from .models import GlossaryTerm
from .status import State

SAVE_COMMENT = gettext_lazy("Translated in the workbench (%(language)s)")


@dataclass
class Segment:
    name: str  # the form field's name
    source: str
    target: str
    state: State
    previous_source: str | None = None  # the Dutch the translation was made for, if it changed
    findings: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)
    terms: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def changed_source(self):
        return self.previous_source is not None and self.previous_source != self.source


@dataclass
class FieldView:
    obj: object
    field: str
    label: str
    kind: Kind
    state: State
    segments: list[Segment]

    @property
    def prefix(self):
        return segment_prefix(self.obj, self.field)

    def value(self, posted):
        """The field's new translation from the posted segments (absent ones kept)."""
        texts = [posted.get(segment.name, segment.target) for segment in self.segments]
        if self.kind == Kind.RICH:
            return segments.join(texts)
        return (texts[0] if texts else "").strip()


def may_translate(user, model, language):
    """Whether ``user`` may change ``model``'s ``language`` texts: what its admin form allows (a
    Vertaler's form leaves only the columns of the language they translate editable)."""
    if not can_change(user, model):
        return False
    if not roles.is_translator(user):
        return True
    read_only = set(roles.translator_readonly_fields(model))
    return not any(field_in(name, language) in read_only for name in translated_fields(model))


def segment_prefix(obj, field_name):
    return f"{model_key(type(obj))}:{obj.pk}:{field_name}"


def field_segments(item: status.FieldStatus, kind) -> list[Segment]:
    """The segments of one field, each with its state; see the module docstring."""
    prefix = segment_prefix(item.obj, item.field)
    if kind != Kind.RICH:
        previous = item.previous_source if item.state == State.OUTDATED else None
        return [Segment(f"{prefix}:0", item.source, item.target, item.state, previous or None)]
    source = segments.split(item.source)
    target = segments.split(item.target)
    if item.state == State.MISSING:
        return [Segment(f"{prefix}:{j}", text, "", State.MISSING) for j, text in enumerate(source)]
    known_previous = item.state == State.OUTDATED and item.previous_source
    basis = segments.split(item.previous_source) if known_previous else source
    if len(target) != len(basis):
        # The translation has other paragraphs than the Dutch it was made for: pairing them
        # would put a translation beside the wrong Dutch, so the field stays one segment.
        previous = item.previous_source if item.state == State.OUTDATED else None
        return [Segment(f"{prefix}:0", item.source, item.target, item.state, previous or None)]
    mapping = segments.align(basis, source) if known_previous else list(range(len(source)))
    result = []
    for j, text in enumerate(source):
        i = mapping[j]
        translated = target[i] if i is not None else ""
        previous = basis[i] if known_previous and i is not None else None
        if not translated:
            state = State.MISSING
        elif item.state == State.CURRENT or (known_previous and previous == text):
            state = State.CURRENT
        else:
            state = State.OUTDATED
        result.append(Segment(f"{prefix}:{j}", text, translated, state, previous))
    return result


def field_views(item, language) -> list[FieldView]:
    """Every field with Dutch text of ``item`` and its parts (a mission's lines), in order."""
    objects = with_parts([item])
    found = status.statuses(objects, [language])
    views = []
    for obj in objects:
        model = type(obj)
        for field_status in found[(model, obj.pk)]:
            kind = field_kind(model, field_status.field)
            label = model._meta.get_field(field_status.field).verbose_name
            if obj is not item:
                label = f"{model._meta.verbose_name} “{obj}” · {label}"
            views.append(
                FieldView(
                    obj,
                    field_status.field,
                    label,
                    kind,
                    field_status.state,
                    field_segments(field_status, kind),
                )
            )
    return views


def glossary_for(language):
    return list(GlossaryTerm.objects.filter(language=language))


def findings_for(source, target, kind, language, glossary):
    if kind == Kind.SLUG or not target.strip():
        return []
    pairs = [(term.source_term, term.translation) for term in glossary]
    return check_translation(source, target, target_lang=language, glossary=pairs)


def workbench(item, language, posted=None):
    """The page's fields, each segment with its findings, glossary terms and suggestions.

    ``posted``: the form's values after a refused save, shown instead of the stored ones.
    A constant number of queries, whatever the size of the item.
    """
    views = field_views(item, language)
    glossary = glossary_for(language)
    open_segments = [
        segment for view in views for segment in view.segments if segment.state != State.CURRENT
    ]
    suggestions = memory.suggest(
        [segment.source for segment in open_segments],
        language,
        exclude=[(segment.source, segment.target) for segment in open_segments],
    )
    for view in views:
        for segment in view.segments:
            if posted is not None and segment.name in posted:
                segment.target = posted[segment.name]
            segment.terms = [
                term for term in glossary if has_words(segment.source, term.source_term)
            ]
            segment.findings = findings_for(
                segment.source, segment.target, view.kind, language, segment.terms
            )
            if view.kind != Kind.SLUG:
                segment.suggestions = suggestions.get(segment.source, [])
    return views


class Refused(Exception):
    """The save was refused; ``views`` carry each segment's errors, ``message`` the reason."""

    def __init__(self, views, message):
        super().__init__(message)
        self.views = views
        self.message = message


def save(item, language, posted, *, user, expected_version, confirm=()):
    """Write the posted translation of ``item`` (and its parts) through ``save_content``.

    Only the ``language`` columns are ever set, so the Dutch, the publication and the order
    cannot change here, whoever posts. A broken tag structure, markup the site does not allow or
    a value the model refuses refuses the whole save (``Refused``); warnings do not.
    ``confirm``: the prefixes of fields whose translation still fits the changed Dutch.
    Returns the number of items saved and fields confirmed.
    """
    views = workbench(item, language, posted)
    refused = False
    new_values = {}
    for view in views:
        for segment in view.segments:
            segment.errors = [finding.message for finding in segment.findings if finding.is_error]
            if "\x00" in segment.target:  # no text means one, and PostgreSQL refuses it
                segment.errors.append(_("The text contains a null character."))
            refused = refused or bool(segment.errors)
        if view.kind == Kind.RICH and _partly_translated(view, posted):
            for segment in view.segments:
                if not posted.get(segment.name, segment.target).strip():
                    segment.errors.append(_("Translate this paragraph too: a text is saved whole."))
            refused = True
            continue
        value = view.value(posted)
        if value != status.text_in(view.obj, view.field, language):
            try:
                value = clean_value(view.kind, value) if value else value
            except ValidationError as error:
                view.segments[0].errors += error.messages
                refused = True
            new_values[view.obj, view.field] = value
    if refused:
        raise Refused(views, _("Nothing was saved: correct the errors marked below."))
    changed = {}
    for (obj, field_name), value in new_values.items():
        setattr(obj, field_in(field_name, language), value)
        changed[type(obj), obj.pk] = obj
    # "The translation still fits": outdated fields confirmed without a change.
    confirmed = [
        view
        for view in views
        if view.prefix in confirm and (view.obj, view.field) not in new_values
    ]
    if not changed and not confirmed:
        return 0
    comment = SAVE_COMMENT % {"language": get_language_info(language)["name_translated"]}
    top = owner(item)
    try:
        with transaction.atomic(), revision(user, comment):
            if changed:
                # Parts first, then the item (also when only a part changed): the item's
                # version check refuses a save over someone else's; its history shows the change.
                for obj in changed.values():
                    if obj is not top:
                        save_content(obj, user=user, comment=comment)
                save_content(top, user=user, comment=comment, expected_version=expected_version)
            else:
                check_version(top, expected_version)
            for view in confirmed:
                status.mark_up_to_date(view.obj, [(view.field, language)])
    except ValidationError as error:
        raise Refused(views, " ".join(error.messages)) from None
    return len(changed) + len(confirmed)


def _partly_translated(view, posted):
    filled = [bool(posted.get(s.name, s.target).strip()) for s in view.segments]
    return any(filled) and not all(filled)
