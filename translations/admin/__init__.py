"""Translation status in the admin, by job:

- ``content``: what a content admin gets by adding ``TranslationStatusMixin`` first in its bases
  (the "Translation" column, the "needs translation" filter, the export and "mark as up to date"
  actions, the change form's status section)::

      class ThemeAdmin(TranslationStatusMixin, SortableContentAdmin): ...

- ``overview``: the "Vertaalstatus" page, this app's own admin page (the "Translation status"
  entry on the admin index), with "mark as up to date" per item;
- ``exchange_views``: its export and import pages, and the PO download the actions share;
- ``workbench``: one item side by side (routed by the overview), and the progress page;
- ``glossary``: the city's fixed terms, kept by translators;
- ``form_checks``: the quality checks on a content form's changed translations;
- ``display``: the rows, badges and word diff the change form and the overview both show.
"""

from .content import TranslationStatusMixin
from .glossary import GlossaryTermAdmin  # registers the glossary
from .overview import TranslationOverviewAdmin  # registers the overview page

__all__ = ["GlossaryTermAdmin", "TranslationOverviewAdmin", "TranslationStatusMixin"]
