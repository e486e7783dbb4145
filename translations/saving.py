"""Saving what a translator wrote in the workbench, through the one write path.

Only the language's columns are ever set, so the Dutch, the publication and the order cannot
change here, whoever posts. A broken tag structure, markup the site does not allow, a rich text
translated only in part or a value the model refuses refuses the whole save; warnings do not.

The translation status is kept per field, but the workbench shows it per paragraph. When a
translator saves a body in which they left an outdated paragraph as it was, the field must not
become up to date as a whole: the Dutch recorded as translated is then today's Dutch for the
paragraphs they wrote or that were up to date, and the old Dutch for the ones they left.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from publishing.languages import field_in
from publishing.registry import Kind, owner
from publishing.writes import check_version, revision, save_content

from . import memory, segments, status
from .exchange.markup import clean_value
from .status import State
from .workbench import workbench

SAVE_COMMENT = gettext_lazy("Translated in the workbench (%(language)s)")

# Stands for an unknown older Dutch paragraph (no record of it), so the paragraph stays outdated.
UNKNOWN_SOURCE = "<p></p>"


class Refused(Exception):
    """The save was refused; ``views`` carry each segment's errors, ``message`` the reason."""

    def __init__(self, views, message):
        super().__init__(message)
        self.views = views
        self.message = message


def save(item, language, posted, *, user, expected_version, confirm=()):
    """Write the posted translation of ``item`` (and its parts) through ``save_content``.

    ``confirm``: the prefixes of fields whose translation still fits the changed Dutch.
    Returns the number of items saved and fields confirmed; raises ``Refused``.
    """
    views = workbench(item, language, posted)
    new_values = _new_values(views, language, posted)
    changed = {}
    for (obj, field_name), value in new_values.items():
        setattr(obj, field_in(field_name, language), value)
        changed[type(obj), obj.pk] = obj
    confirmed = [view for view in views if view.prefix in confirm]
    if not changed and not confirmed:
        return 0
    comment = SAVE_COMMENT % {"language": get_language_info(language)["name_translated"]}
    top = owner(item)
    try:
        with transaction.atomic(), revision(user, comment):
            if changed:
                # Parts first, then the item (also when only a part changed): the item's
                # version check refuses a save over someone else's; its history shows the change.
                for obj in changed.values():
                    if obj is not top:
                        save_content(obj, user=user, comment=comment)
                save_content(top, user=user, comment=comment, expected_version=expected_version)
            else:
                check_version(top, expected_version)
            for view in views:
                if view.prefix in confirm:
                    status.mark_up_to_date(view.obj, [(view.field, language)])
                elif (view.obj, view.field) in new_values:
                    _keep_untouched_paragraphs_outdated(view, language, posted)
    except ValidationError as error:
        raise Refused(views, " ".join(error.messages)) from None
    return len(changed) + len(confirmed)


def _new_values(views, language, posted):
    """{(obj, field): value} of the fields whose translation changed; ``Refused`` on errors."""
    refused = False
    new_values = {}
    for view in views:
        for segment in view.segments:
            segment.errors = [finding.message for finding in segment.findings if finding.is_error]
            if "\x00" in segment.target:  # no text means one, and PostgreSQL refuses it
                segment.errors.append(_("The text contains a null character."))
            refused = refused or bool(segment.errors)
        if view.kind == Kind.RICH and _partly_translated(view, posted):
            for segment in view.segments:
                if not posted.get(segment.name, segment.target).strip():
                    segment.errors.append(_("Translate this paragraph too: a text is saved whole."))
            refused = True
            continue
        value = view.value(posted)
        if value != _stored(view, language):
            try:
                value = clean_value(view.kind, value) if value else value
            except ValidationError as error:
                view.segments[0].errors += error.messages
                refused = True
            new_values[view.obj, view.field] = value
    if refused:
        raise Refused(views, _("Nothing was saved: correct the errors marked below."))
    return new_values


def _stored(view, language):
    """The stored translation as the page would write it back unchanged."""
    text = status.text_in(view.obj, view.field, language)
    return segments.join(segments.split(text)) if view.kind == Kind.RICH else text.strip()


def _partly_translated(view, posted):
    filled = [bool(posted.get(s.name, s.target).strip()) for s in view.segments]
    return any(filled) and not all(filled)


def _keep_untouched_paragraphs_outdated(view, language, posted):
    """After the save recorded the field as up to date: the paragraphs that were outdated and
    that the translator left as they were are recorded with the Dutch they were made for, and
    the memory forgets pairing today's Dutch with their old translation."""
    untouched = {
        segment.name
        for segment in view.segments
        if segment.state == State.OUTDATED
        and posted.get(segment.name, segment.stored) == segment.stored
    }
    if not untouched or view.kind != Kind.RICH:
        return
    made_for = segments.join(
        (segment.previous_source or UNKNOWN_SOURCE) if segment.name in untouched else segment.source
        for segment in view.segments
    )
    status.record_made_for(view.obj, view.field, language, made_for)
    memory.forget([(s.source, s.stored) for s in view.segments if s.name in untouched], language)
