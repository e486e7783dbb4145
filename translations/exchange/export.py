"""The PO file a translator downloads: what needs translating, or everything.

An export holds only the items its user may change. A file with other items in it could never
be imported back as a whole, and the translator could not tell which entries were theirs.
"""

import polib
from django.utils import timezone

from publishing.languages import SOURCE_LANGUAGE
from publishing.registry import content_models

from .. import status
from ..status import State
from .entries import admin_path, can_change, context_for, describe


def all_content():
    """Every translatable item, in the order a translator reads the site."""
    for model in content_models():
        yield from model._default_manager.all()


def export_po(objects, language, *, user=None, everything=False, states=None) -> polib.POFile:
    """A PO file for ``language``: what needs translating in ``objects``, or all of it, leaving
    out the items ``user`` may not change (``None``: a management command, which may).
    ``states``: only the fields in these states (only what is missing, say)."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "gent-strategie content",
        "POT-Creation-Date": timezone.now().strftime("%Y-%m-%d %H:%M%z"),
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Language": SOURCE_LANGUAGE,
    }
    objects = [obj for obj in objects if can_change(user, type(obj))]
    found = status.statuses(objects, [language])
    for obj in objects:
        for item in found[(type(obj), obj.pk)]:
            if (item.state == State.CURRENT and not everything) or (
                states and item.state not in states
            ):
                continue
            entry = polib.POEntry(
                msgctxt=context_for(obj, item.field),
                msgid=item.source,
                msgstr=item.target,
                comment="\n".join(filter(None, [describe(obj, item.field), admin_path(obj)])),
            )
            if item.state == State.OUTDATED:
                entry.flags.append("fuzzy")
                if item.previous_source and item.previous_source != item.source:
                    entry.previous_msgid = item.previous_source
            po.append(entry)
    return po
