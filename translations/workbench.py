"""The translator's workbench for one item: the Dutch and a translation side by side, segment by
segment (saving is ``saving.py``).

A plain-text field is one segment; a rich text is one segment per top-level block
(``segments``). A segment's state refines its field's: in an outdated body, the paragraphs whose
Dutch did not change since the translation was made are up to date, and only the others need
a look. The Dutch the translation was made for comes from ``FieldTranslation.source_text``.
"""

from dataclasses import dataclass, field

from publishing import roles
from publishing.languages import field_in
from publishing.registry import (
    Kind,
    field_kind,
    model_key,
    translated_fields,
    with_parts,
)

from . import memory, segments, status
from .checks import check_translation, has_words
from .exchange.entries import can_change
from .models import GlossaryTerm
from .status import State


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
    stored: str = ""  # the translation as it is stored, whatever was posted
    diff: str = ""  # the word diff of ``previous_source`` and ``source``, for the page

    def __post_init__(self):
        self.stored = self.target

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
