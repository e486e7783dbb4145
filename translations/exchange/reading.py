"""Reading a translated PO file and checking each entry before anything is saved.

An entry left empty or still marked fuzzy is skipped first, whatever else is in it: it is never
applied, so an item since deleted, one the user may not change or a Dutch text that changed
again does not make it an error. Every other entry must name a translated field of an existing
item the user may change, be made for today's Dutch and hold only allowed markup.

The items are loaded with one query per model before the entries are checked, so a file with
thousands of entries (or thousands of unknown ones) costs no more queries than a small one.
"""

from collections import defaultdict

import polib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from publishing.languages import SOURCE_LANGUAGE
from publishing.registry import field_kind, target_languages

from .. import status
from .entries import can_change, describe, parse_context
from .markup import clean_value
from .report import Problem


def read(content, report, language, user):
    """The valid entries as {obj: {field: (context, value)}}; every problem goes into ``report``
    (its ``errors`` and ``skipped``), and the file's language into ``report.language``."""
    po = _parse(content, report, language)
    entries = [entry for entry in po or () if not entry.obsolete]
    objects = _load(entries, user)
    pending, seen = {}, set()
    for entry in entries:
        context = entry.msgctxt or ""
        try:
            obj, name, value = _check_entry(entry, seen, objects, user)
        except _Skip as skip:
            report.skipped.append(f"{context or repr(entry.msgid)}: {skip}")
        except ValidationError as error:
            kind = error.error_list[0].code or error.messages[0]
            report.errors.append(
                Problem(_where(context, entry, objects), "; ".join(error.messages), kind)
            )
        else:
            pending.setdefault(obj, {})[name] = (context, value)
    return pending


def _load(entries, user):
    """{(model, pk): item} for every item the translated entries name that ``user`` may change:
    one query per model."""
    wanted = defaultdict(set)
    for entry in entries:
        if entry.msgstr and not entry.fuzzy and (found := parse_context(entry.msgctxt)):
            wanted[found[0]].add(found[1])
    wanted = {model: pks for model, pks in wanted.items() if can_change(user, model)}
    return {
        (model, pk): obj
        for model, pks in wanted.items()
        for pk, obj in model._default_manager.in_bulk(pks).items()
    }


def _parse(content, report, language):
    """The PO file, or None with the reason in ``report``."""
    try:
        text = content if isinstance(content, str) else content.decode("utf-8")
        # polib reads a string that names an existing file as that file: never let an upload
        # do that. A real PO file always has more than one line.
        if "\n" not in text.strip():
            raise OSError(_("it has only one line"))
        po = polib.pofile(text)
    except (OSError, UnicodeDecodeError) as error:
        report.errors.append(Problem("", _("Not a readable PO file: %(error)s") % {"error": error}))
        return None
    header_language = po.metadata.get("Language", "").strip()
    report.language = language or header_language
    if language and header_language and header_language != language:
        report.errors.append(
            Problem(
                "",
                _("The file is for language “%(file)s”, not “%(asked)s”.")
                % {"file": header_language, "asked": language},
            )
        )
        return None
    if report.language not in target_languages():
        report.errors.append(
            Problem("", _("The file names no language to translate into (Language header), or one "
                          "this site does not translate into: “%(language)s”.")
                    % {"language": report.language})
        )  # fmt: skip
        return None
    return po


class _Skip(Exception):
    """An entry that is not translated or not reviewed yet: reported, not an error."""


def _check_entry(entry, seen, objects, user):
    """(item, field, clean value) for a valid entry; raise _Skip or ValidationError otherwise."""
    # First: a skipped entry is never applied, so nothing else about it can be an error.
    if entry.fuzzy:
        raise _Skip(_("still marked fuzzy (needs review)"))
    if not entry.msgstr:
        raise _Skip(_("not translated"))
    context = entry.msgctxt or ""
    found = parse_context(context)
    if found is None:
        raise ValidationError(_("unknown item or field"), code="unknown_field")
    model, pk, name = found
    if context in seen:
        raise ValidationError(_("appears twice in the file"), code="twice")
    seen.add(context)
    if not can_change(user, model):
        raise ValidationError(_("you may not change this kind of item"), code="permission")
    obj = objects.get((model, pk))  # loaded by _load
    if obj is None:
        raise ValidationError(_("unknown item: it does not exist (any more)"), code="unknown_item")
    if entry.msgid != status.text_in(obj, name, SOURCE_LANGUAGE):
        raise ValidationError(
            _("the Dutch text changed since the export: export again and translate the new text"),
            code="source_changed",
        )
    return obj, name, clean_value(field_kind(model, name), entry.msgstr)


def _where(context, entry, objects):
    """How an error names its entry: the msgctxt, and the item and field when they exist."""
    found = parse_context(context)
    obj = found and objects.get(found[:2])
    if obj is not None:
        return f"{context} ({describe(obj, found[2], with_kind=False)})"
    return context or repr(entry.msgid)
