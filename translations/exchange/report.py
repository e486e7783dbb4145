"""What an import reports: the changes, the confirmed and skipped entries, and the problems.

A hostile or mangled file can hold tens of thousands of bad entries. Every problem is kept (and
counted), but a page shows a summary: the problems grouped by kind, at most ``SHOWN`` in all.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from . import segments

SHOWN = 50


class Problem(str):
    """One problem, as the line a translator reads (``where: message``); ``where`` names the
    item by its kind and title (or, for an unknown one, what the file says), ``url`` is the page
    that edits it, and ``kind`` groups the summary (a message code, or the message itself)."""

    def __new__(cls, where, message, kind=None, url=""):
        line = super().__new__(cls, f"{where}: {message}" if where else str(message))
        line.where, line.message, line.kind = where, str(message), kind or str(message)
        line.url = url
        return line


@dataclass
class Group:
    message: str  # what every problem of the group says, or "" when their messages differ
    count: int
    shown: list  # the lines listed
    more: int  # how many are not listed


@dataclass
class Change:
    """One field an import changes (or confirms, when ``old`` is ``new``)."""

    context: str
    old: str
    new: str
    label: str = ""  # the item's kind and title, and the field: what a translator recognises
    url: str = ""  # the page that edits the item
    rich: bool = False
    item_key: str = ""  # the item (a mission line's mission) for a link to the workbench
    item_pk: int | None = None

    @property
    def old_text(self):
        return segments.as_text(self.old) if self.rich else self.old

    @property
    def new_text(self):
        return segments.as_text(self.new) if self.rich else self.new


@dataclass
class ImportReport:
    language: str = ""
    changed: list[Change] = field(default_factory=list)
    confirmed: list[Change] = field(default_factory=list)  # unchanged, now marked up to date
    skipped: list[str] = field(default_factory=list)  # empty or fuzzy: not translated yet
    errors: list[str] = field(default_factory=list)  # Problem lines
    warnings: list[str] = field(default_factory=list)  # quality checks that advise: Problems
    applied: bool = False
    xliff: bool = False  # the file was XLIFF (else PO)

    @property
    def ok(self):
        return not self.errors

    def error_summary(self, limit=SHOWN) -> list[Group]:
        """The problems grouped by kind, in the order first met, at most ``limit`` listed."""
        by_kind = defaultdict(list)
        for error in self.errors:
            if not isinstance(error, Problem):
                error = Problem("", error)
            by_kind[error.kind].append(error)
        groups, room = [], limit
        for problems in by_kind.values():
            messages = {p.message for p in problems}
            message = messages.pop() if len(messages) == 1 and problems[0].where else ""
            shown = problems[:room]
            room -= len(shown)
            groups.append(Group(message, len(problems), shown, len(problems) - len(shown)))
        return groups
