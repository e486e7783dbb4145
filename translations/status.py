"""The translation state of every translated field: missing, outdated or up to date.

A field's translation into a language is
- *missing* when that language's column is empty (the site shows the Dutch, marked as Dutch);
- *up to date* when it was written or confirmed for the Dutch text that is there now;
- *outdated* when the Dutch changed since (or nobody ever recorded which Dutch it was made for).

A field whose Dutch is empty has nothing to translate and no state. The functions below are the
only writers of ``FieldTranslation``; ``receivers.py`` calls ``record_after_save`` on every save of
a content model, the admin action and the import call ``mark_up_to_date``, the workbench also
``record_made_for``.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publishing.languages import SOURCE_LANGUAGE, field_in
from publishing.registry import owner, translated_fields, with_parts

from .models import FieldTranslation


class State(models.TextChoices):
    # In order of urgency: the first is the one a summary shows.
    MISSING = "missing", _("missing")
    OUTDATED = "outdated", _("outdated")
    CURRENT = "current", _("up to date")


NEEDS_TRANSLATION = {State.MISSING, State.OUTDATED}


@dataclass(frozen=True)
class FieldStatus:
    obj: models.Model
    field: str
    language: str
    state: State
    source: str
    target: str
    previous_source: str = ""  # the Dutch the translation was made for, when it is known


def source_hash(text: str) -> str:
    return hashlib.sha256((text or "").encode()).hexdigest()


def text_in(obj, field, language) -> str:
    """The raw column (``title_en``), without modeltranslation's fallback to Dutch."""
    return getattr(obj, field_in(field, language)) or ""


def _records(model, pks, languages):
    """{(object_id, field, language): (source_hash, source_text)} for ``pks``, in one query."""
    rows = FieldTranslation.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=pks,
        language__in=languages,
    ).values_list("object_id", "field", "language", "source_hash", "source_text")
    return {(pk, field, language): (digest, text) for pk, field, language, digest, text in rows}


def statuses(objects, languages) -> dict[tuple, list[FieldStatus]]:
    """{(model, pk): [FieldStatus, …]} for every translated field with Dutch text.

    One query per model, whatever the number of objects.
    """
    by_model = defaultdict(list)
    for obj in objects:
        by_model[type(obj)].append(obj)
    result = {}
    for model, objs in by_model.items():
        records = _records(model, [obj.pk for obj in objs], languages)
        fields = translated_fields(model)
        for obj in objs:
            result[(model, obj.pk)] = [
                status
                for field in fields
                for language in languages
                if (status := _status(obj, field, language, records)) is not None
            ]
    return result


def _status(obj, field, language, records):
    source = text_in(obj, field, SOURCE_LANGUAGE)
    if not source:
        return None
    target = text_in(obj, field, language)
    digest, previous_source = records.get((obj.pk, field, language), ("", ""))
    if not target:
        state = State.MISSING
    elif digest == source_hash(source):
        state = State.CURRENT
    else:
        state = State.OUTDATED
    return FieldStatus(obj, field, language, state, source, target, previous_source)


def statuses_of(obj, languages) -> list[FieldStatus]:
    return statuses([obj], languages)[(type(obj), obj.pk)]


def summary(field_statuses) -> dict[str, dict[State, int]]:
    """{language: {state: count}}, for a compact column in a list."""
    counts = defaultdict(lambda: dict.fromkeys(State, 0))
    for status in field_statuses:
        counts[status.language][status.state] += 1
    return dict(counts)


def statuses_with_parts(objects, languages) -> dict[tuple, list[FieldStatus]]:
    """Like ``statuses``, with the states of each item's parts (a mission's lines) added to it."""
    objects = list(objects)
    found = statuses(with_parts(objects), languages)
    result = {(type(obj), obj.pk): [] for obj in objects}
    for field_statuses in found.values():
        for item in field_statuses:
            top = owner(item.obj)  # cached: the lines came from the mission's related manager
            result[(type(top), top.pk)].append(item)
    return result


def pks_needing_translation(queryset, languages) -> list:
    """The primary keys of the items in ``queryset`` with a field missing or outdated (in
    themselves or in their parts)."""
    found = statuses_with_parts(queryset, languages)
    return [
        pk
        for (_model, pk), field_statuses in found.items()
        if any(s.state in NEEDS_TRANSLATION for s in field_statuses)
    ]


def mark_up_to_date(obj, pairs) -> int:
    """Record that the translation of each (field, language) in ``pairs`` fits today's Dutch.

    Pairs without a translation (or without Dutch) are skipped: there is nothing to confirm.
    Returns how many were recorded; one query.
    """
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(type(obj))
    rows = [
        FieldTranslation(
            content_type=content_type,
            object_id=obj.pk,
            field=field,
            language=language,
            source_hash=source_hash(text_in(obj, field, SOURCE_LANGUAGE)),
            source_text=text_in(obj, field, SOURCE_LANGUAGE),
            translated_at=now,
        )
        for field, language in pairs
        if text_in(obj, field, SOURCE_LANGUAGE) and text_in(obj, field, language)
    ]
    FieldTranslation.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["content_type", "object_id", "field", "language"],
        update_fields=["source_hash", "source_text", "translated_at"],
    )
    return len(rows)


def record_made_for(obj, field, language, source_text) -> None:
    """Record that the translation of ``field`` was made for ``source_text``, which is not (all
    of) today's Dutch: the workbench's save of a text with paragraphs still outdated."""
    FieldTranslation.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        field=field,
        language=language,
        defaults={
            "source_hash": source_hash(source_text),
            "source_text": source_text,
            "translated_at": timezone.now(),
        },
    )


def mark_all_up_to_date(obj, languages) -> int:
    """The translator reviewed the item (and its parts): the Dutch changes needed no change in
    translation. Returns how many field translations were confirmed."""
    return sum(
        mark_up_to_date(
            part, [(f, lang) for f in translated_fields(type(part)) for lang in languages]
        )
        for part in with_parts([obj])
    )


def record_after_save(obj, before, languages) -> int:
    """After a save: a translation just written (changed, or a new item) fits today's Dutch.

    ``before`` holds the item's translation columns as they were in the database before the save
    (None for a new item). A change to the Dutch alone records nothing, so the translation made
    for the old Dutch becomes outdated. The content loader creates items with both languages at
    once, so they start up to date.
    """
    changed = changed_translations(obj, before, languages)
    return mark_up_to_date(obj, changed) if changed else 0


def changed_translations(obj, before, languages) -> list[tuple[str, str]]:
    """The (field, language) translations a save changed (all of them for a new item)."""
    return [
        (field, language)
        for field in translated_fields(type(obj))
        for language in languages
        if before is None
        or before.get(field_in(field, language)) != getattr(obj, field_in(field, language))
    ]


def forget(obj) -> None:
    FieldTranslation.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    ).delete()
