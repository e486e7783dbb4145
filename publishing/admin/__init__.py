"""The content admin of the publishing core; feature apps build their admins from these."""

from .content import (
    LANGUAGE_TABS_JS,
    PUBLICATION,
    ContentAdmin,
    TranslatorInlineMixin,
    status_label,
)
from .history import HistoryAdminMixin
from .notes import ChangeNoteAdmin
from .ordering import SortableContentAdmin

__all__ = [
    "LANGUAGE_TABS_JS",
    "PUBLICATION",
    "ChangeNoteAdmin",
    "ContentAdmin",
    "HistoryAdminMixin",
    "SortableContentAdmin",
    "TranslatorInlineMixin",
    "status_label",
]
