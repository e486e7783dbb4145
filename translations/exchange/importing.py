"""Reading a translated PO or XLIFF file back into the content, all or nothing.

The rules, so that a file never leaves the content half-changed or unsafe:
- entries left empty or still marked fuzzy are skipped and reported (``reading``);
- every other entry is checked first (``reading``): one error and nothing is applied; every
  error is listed;
- each item is then saved with ``publishing.writes.save_content``, as the admin form saves it:
  the model's full validation (slug format, unique and reserved slugs, lengths; an error is
  reported for its entry), the next optimistic-lock version (so a form opened before the import
  is refused instead of saving over it), and a history revision with the user and a comment
  saying it was a PO import;
- everything happens in one transaction; a dry run does the same and rolls back;
- every applied entry is up to date afterwards, also when its translation did not change (the
  translator confirmed it; such an item is not saved again).
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from publishing.languages import field_in
from publishing.registry import Kind, field_kind, model_key, owner
from publishing.writes import revision, save_content

from .. import status
from .entries import admin_path, describe
from .reading import read
from .report import Change, ImportReport, Problem

IMPORT_COMMENT = gettext_lazy("Imported from a PO file (%(language)s)")
XLIFF_COMMENT = gettext_lazy("Imported from an XLIFF file (%(language)s)")


def import_file(content, language=None, dry_run=False, user=None) -> ImportReport:
    """Read a translated PO or XLIFF file back; see the module docstring for the rules.

    ``user``: whose permissions apply and who the history names; None for a management command.
    """
    report = ImportReport()
    pending = read(content, report, language, user)
    with transaction.atomic():
        if not report.errors:
            _apply(pending, report, user)
        if report.errors or dry_run:
            transaction.set_rollback(True)
        else:
            report.applied = True
    if report.errors:
        report.changed, report.confirmed = [], []
    return report


import_po = import_file


def _apply(pending, report, user):
    """Save every item whose text changed, and confirm every entry; errors go into ``report``.

    The whole import is one history revision. Parts (a mission's lines) are saved before their
    owner, and an owner whose part changed is saved too: it gets a new version, so its admin form
    (which edits the parts inline) opened before the import is refused, and its history, which
    follows its parts, shows the import.
    """
    language = report.language
    comment = (XLIFF_COMMENT if report.xliff else IMPORT_COMMENT) % {
        "language": get_language_info(language)["name_translated"]
    }
    saved, owners = set(), {}
    with revision(user, comment):
        for obj, values in sorted(pending.items(), key=lambda item: owner(item[0]) is item[0]):
            contexts = {
                field_in(name, language): describe(obj, name, with_kind=False) for name in values
            }
            unchanged = _set_values(obj, values, language, report)
            if len(unchanged) < len(values):
                errors = _save(obj, contexts, user, comment)
                if errors:
                    report.errors += errors
                    continue
                saved.add((type(obj), obj.pk))
                top = owner(obj)
                if top is not obj:
                    owners[(type(top), top.pk)] = top
            # The save recorded the changed fields as up to date (translations.receivers); the
            # unchanged ones are confirmed here, one query for the item.
            if unchanged:
                status.mark_up_to_date(obj, [(name, language) for name in unchanged])
        for key, top in owners.items():
            if key not in saved:
                report.errors += _save(top, {}, user, comment)


def _set_values(obj, values, language, report) -> list[str]:
    """Put the imported values on ``obj`` and report each; the fields that did not change."""
    unchanged = []
    # Named as the item is called before the import: a changed title is news, not a name.
    labels = {name: describe(obj, name, with_kind=False) for name in values}
    for name, (context, value) in values.items():
        old = status.text_in(obj, name, language)
        setattr(obj, field_in(name, language), value)
        change = Change(
            context,
            old,
            value,
            label=labels[name],
            url=admin_path(obj),
            rich=field_kind(type(obj), name) == Kind.RICH,
            item_key=model_key(type(owner(obj))),
            item_pk=owner(obj).pk,
        )
        if old != value:
            report.changed.append(change)
        else:
            report.confirmed.append(change)
            unchanged.append(name)
    return unchanged


def _save(obj, contexts, user, comment) -> list[str]:
    """Save ``obj`` through the write path; the errors, each for its entry, when it is refused."""
    try:
        save_content(obj, user=user, comment=comment)
    except ValidationError as error:
        return _errors_for(obj, error, contexts)
    return []


def _errors_for(obj, error, contexts):
    """The model's messages, each named by the imported field it is about (``contexts``:
    {column: its item and field, as a translator reads them}), or by the item and field when the
    file did not change that field."""
    model = type(obj)
    item = f"{model._meta.verbose_name} “{obj}”"
    url = admin_path(obj)
    found = (
        error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
    )
    lines = []
    for column, messages in found.items():
        for message in messages:
            if column in contexts:
                lines.append(Problem(contexts[column], message, url=url))
            elif slug := _unique_column(model, message, contexts):
                detail = _("the slug “%(slug)s” is already in use (%(detail)s)") % {
                    "slug": getattr(obj, slug),
                    "detail": message,
                }
                lines.append(Problem(contexts[slug], detail, kind=message, url=url))
            elif column == NON_FIELD_ERRORS:
                lines.append(Problem(item, message, url=url))
            else:
                where = f"{item} · {model._meta.get_field(column).verbose_name}"
                lines.append(Problem(where, message, url=url))
    return lines


def _unique_column(model, message, contexts):
    """The imported column whose unique constraint ``message`` reports (a conditional unique
    constraint, like the English slug's, is reported for the whole item), or None."""
    for constraint in model._meta.constraints:
        if (
            isinstance(constraint, models.UniqueConstraint)
            and str(constraint.get_violation_error_message()) == message
        ):
            return next((column for column in constraint.fields if column in contexts), None)
    return None
