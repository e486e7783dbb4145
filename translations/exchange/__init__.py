"""Content out to a translator's own tool and back: PO or XLIFF files, validated and atomic.

A unit is one plain-text field, or one paragraph of a rich text, of one item in one language.
In PO:

    #. theme “Stad van de toekomst” · body · paragraph 2 of 3 (keep the placeholders …)
    #. /admin/strategy/theme/12/change/
    #, fuzzy
    #| msgid "the Dutch the old translation was made for"
    msgctxt "strategy.theme:12:body:2"
    msgid "Lees het {1}plan{/1}."
    msgstr "the English, or empty when missing"

``fuzzy`` marks an outdated translation (the Dutch changed since), as gettext does; PO editors
show the previous Dutch next to the new one. The file's ``Language`` header names the target.
XLIFF 1.2 and 2.0 carry the same units (``formats``), the placeholders as inline elements.

The modules, by job:
- ``entries``: how a unit names its item, field and paragraph, and who may change which items;
- ``segments``: a rich text as paragraphs with placeholders for its tags, and back;
- ``units``: the units for a user, holding only the items that user may change;
- ``formats``: units written to and read from PO, XLIFF 1.2 and XLIFF 2.0;
- ``export``: the file a translator downloads;
- ``markup``: what a translated value may contain (the rich-text allow-list, no HTML in plain text);
- ``reading``: parsing a translated file and checking each unit (unfinished ones skipped);
- ``importing``: applying it through the one write path (``publishing.writes.save_content``):
  validated, versioned and recorded in the history, all or nothing.
"""

from .export import all_content, export_file, export_po
from .formats import PO, XLIFF_12, XLIFF_20
from .importing import ImportReport, import_file, import_po

__all__ = [
    "PO",
    "XLIFF_12",
    "XLIFF_20",
    "ImportReport",
    "all_content",
    "export_file",
    "export_po",
    "import_file",
    "import_po",
]
