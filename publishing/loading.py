"""Loading shipped content, safely and repeatably: the one mechanism every app's loader uses.

The rules, so that running it again is always harmless:
- an item is created once; a shipped item an editor deleted is not brought back (``SeedRecord``);
- on an existing item only empty fields are filled (a new translation, say), so an editor's text
  is never overwritten;
- every write goes through ``writes.save_content``: validated, versioned and recorded, so the text
  as shipped is the first version in each item's history and can be restored. Items loaded before
  history existed get that first version on the next load;
- each app's loader runs in one transaction.
"""

from dataclasses import dataclass

import reversion
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from .languages import field_in
from .models import SeedRecord
from .writes import revision, save_content

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
    """One app's shipped items; ``item()`` applies the rules above to each."""

    def __init__(self, label):
        self.report = LoadReport(label)
        self.loaded_before = set(SeedRecord.objects.values_list("key", flat=True))

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
        elif self.fill_empty(obj, texts):
            save_content(obj, comment=SHIPPED)
        else:
            self.ensure_first_version(obj)
        return obj

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

    def ensure_first_version(self, obj):
        if not Version.objects.get_for_object(obj).exists():
            with revision(comment=SHIPPED_FIRST_VERSION):
                reversion.add_to_revision(obj)
            self.report.first_versions += 1
