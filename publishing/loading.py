"""Loading shipped content, safely and repeatably: the one mechanism every app's loader uses.

The rules, so that running it again is always harmless:
- an item is created once; a shipped item an editor deleted is not brought back (``SeedRecord``);
- on an existing item only empty fields are filled (a new translation, say), so an editor's text
  is never overwritten;
- every write goes through ``writes.save_content``: validated, versioned and recorded, so the text
  as shipped is the first version in each item's history and can be restored. Items loaded before
  history existed (and perhaps edited since) get a first version with the shipped text on the
  next load, dated before the rest of their history;
- each app's loader runs in one transaction.
"""

import copy
import datetime
from dataclasses import dataclass

import reversion
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from . import registry
from .languages import field_in, language_codes
from .models import SeedRecord
from .writes import save_content

SHIPPED = _("Shipped content")
SHIPPED_FIRST_VERSION = _("Shipped content (first version)")


@dataclass
class LoadReport:
    label: str = ""
    created: int = 0
    filled: int = 0  # fields that were empty and now have shipped text
    kept_deleted: int = 0  # shipped items an editor deleted, left deleted
    first_versions: int = 0  # items loaded before history existed, now with a first version

    def __str__(self):
        text = (
            f"{self.label}: {self.created} items created, {self.filled} empty fields filled, "
            f"{self.kept_deleted} deleted items left deleted"
        )
        if self.first_versions:
            text += f", {self.first_versions} first history versions recorded"
        return text


class ShippedContent:
    """One app's shipped items; ``item()`` applies the rules above to each, and ``finish()``
    records the first versions that are missing (call it after the items, outside a revision)."""

    def __init__(self, label):
        self.report = LoadReport(label)
        self.loaded_before = set(SeedRecord.objects.values_list("key", flat=True))
        self._without_first_version = []

    def item(self, model, record, lookup, texts, **defaults):
        """Create the shipped item (found by ``lookup``) once, or fill its empty fields.

        ``texts`` is ``{language: {field: text}}``; ``record`` names the item in ``SeedRecord``.
        """
        obj = model._default_manager.filter(**lookup).first()
        if obj is None:
            if record in self.loaded_before:
                self.report.kept_deleted += 1
                return None
            obj = model(**lookup, **defaults)
            self.fill_empty(obj, texts, count=False)
            save_content(obj, comment=SHIPPED)
            SeedRecord.objects.get_or_create(key=record)
            self.report.created += 1
            return obj
        self.existing(obj, texts)
        return obj

    def existing(self, obj, texts):
        """An item loaded before: note whether its history lacks the shipped text, then fill."""
        if not self._has_shipped_version(obj):
            self._without_first_version.append((obj, texts))
        if self.fill_empty(obj, texts):
            save_content(obj, comment=SHIPPED)

    def fill_empty(self, obj, texts, count=True):
        changed = False
        for language, values in texts.items():
            for name, value in values.items():
                column = field_in(name, language)
                if value and not getattr(obj, column):
                    setattr(obj, column, value)
                    self.report.filled += count
                    changed = True
        return changed

    def finish(self):
        """Give every item whose history lacks the shipped text a first version that holds it.

        Items loaded before history existed (and perhaps edited since) get a version dated just
        before their oldest one, with the shipped text in the shipped fields, so that the text as
        shipped can be restored. A part (a mission line) goes into its owner's first version.
        """
        queued = {(type(obj), obj.pk): (obj, texts) for obj, texts in self._without_first_version}
        for obj, texts in queued.values():
            owner = registry.owner(obj)
            if owner is not obj and (type(owner), owner.pk) in queued:
                continue  # recorded with its owner
            parts = [
                (part, part_texts)
                for part, part_texts in queued.values()
                if part is not obj and registry.owner(part) == obj
            ]
            with reversion.create_revision():
                reversion.set_comment(str(SHIPPED_FIRST_VERSION))
                reversion.set_date_created(_before_history_of(obj))
                reversion.add_to_revision(_with_texts(obj, texts))
                for part, part_texts in parts:
                    reversion.add_to_revision(_with_texts(part, part_texts))
            self.report.first_versions += 1 + len(parts)
        self._without_first_version = []
        return self.report

    @staticmethod
    def _has_shipped_version(obj):
        comments = set()
        for code in language_codes():
            with translation.override(code):
                comments |= {str(SHIPPED), str(SHIPPED_FIRST_VERSION)}
        versions = Version.objects.get_for_object(obj)
        return versions.filter(revision__comment__in=comments).exists()


def _with_texts(obj, texts):
    """A copy of ``obj`` (not saved) with the shipped texts in the shipped fields."""
    shipped = copy.copy(obj)
    for language, values in texts.items():
        for name, value in values.items():
            if value:
                setattr(shipped, field_in(name, language), value)
    return shipped


def _before_history_of(obj):
    """A moment just before the item's oldest version (or its creation), so the first version is
    listed first in its history."""
    oldest = (
        Version.objects.get_for_object(obj)
        .order_by("revision__date_created")
        .values_list("revision__date_created", flat=True)
        .first()
    )
    moments = [m for m in (oldest, getattr(obj, "created_at", None)) if m is not None]
    return min(moments, default=timezone.now()) - datetime.timedelta(seconds=1)
