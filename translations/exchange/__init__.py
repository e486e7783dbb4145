"""Content out to a translator's own tool and back: PO files, validated and atomic on import.

An entry is one field of one item in one language:

    #. Theme “Stad van de toekomst” · introduction (plain text)
    #. /admin/strategy/theme/12/change/
    #, fuzzy
    #| msgid "the Dutch the old translation was made for"
    msgctxt "strategy.theme:12:intro"
    msgid "the Dutch text as it is now"
    msgstr "the English, or empty when missing"

``fuzzy`` marks an outdated translation (the Dutch changed since), as gettext does; PO editors
show the previous Dutch next to the new one. The file's ``Language`` header names the target.

The modules, by job:
- ``entries``: how an entry names its item and field, and who may change which items;
- ``export``: the PO file for a user, holding only the items that user may change;
- ``markup``: what a translated value may contain (the rich-text allow-list, no HTML in plain text);
- ``reading``: parsing a translated file and checking each entry (fuzzy and empty ones skipped);
- ``importing``: applying it through the one write path (``publishing.writes.save_content``):
  validated, versioned and recorded in the history, all or nothing.
"""

from .export import all_content, export_po
from .importing import ImportReport, import_po

__all__ = ["ImportReport", "all_content", "export_po", "import_po"]
