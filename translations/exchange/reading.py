"""Reading a translated PO file and checking each entry before anything is saved.

An entry left empty or still marked fuzzy is skipped first, whatever else is in it: it is never
applied, so an item since deleted, one the user may not change or a Dutch text that changed
again does not make it an error. Every other entry must name a translated field of an existing
item the user may change, be made for today's Dutch and hold only allowed markup.
"""

import polib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from publishing.languages import SOURCE_LANGUAGE
from publishing.registry import field_kind, target_languages

from .. import status
from .entries import can_change, describe, parse_context
from .markup import clean_value


def read(content, report, language, user):
    """The valid entries as {obj: {field: (context, value)}}; every problem goes into ``report``
    (its ``errors`` and ``skipped``), and the file's language into ``report.language``."""
    po = _parse(content, report, language)
    pending, seen, objects = {}, set(), {}
    for entry in po or ():
        if entry.obsolete:
            continue
        context = entry.msgctxt or ""
        try:
            obj, name, value = _check_entry(entry, seen, objects, user)
        except _Skip as skip:
            report.skipped.append(f"{context or repr(entry.msgid)}: {skip}")
        except ValidationError as error:
            report.errors.append(f"{_where(context, entry, objects)}: {'; '.join(error.messages)}")
        else:
            pending.setdefault(obj, {})[name] = (context, value)
    return pending


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
        report.errors.append(_("Not a readable PO file: %(error)s") % {"error": error})
        return None
    header_language = po.metadata.get("Language", "").strip()
    report.language = language or header_language
    if language and header_language and header_language != language:
        report.errors.append(
            _("The file is for language “%(file)s”, not “%(asked)s”.")
            % {"file": header_language, "asked": language}
        )
        return None
    if report.language not in target_languages():
        report.errors.append(
            _("The file names no language to translate into (Language header), or one this site "
              "does not translate into: “%(language)s”.") % {"language": report.language}
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
        raise ValidationError(_("unknown item or field"))
    model, pk, name = found
    if context in seen:
        raise ValidationError(_("appears twice in the file"))
    seen.add(context)
    if not can_change(user, model):
        raise ValidationError(_("you may not change this kind of item"))
    if (model, pk) not in objects:
        objects[(model, pk)] = model._default_manager.filter(pk=pk).first()
    obj = objects[(model, pk)]
    if obj is None:
        raise ValidationError(_("unknown item: it does not exist (any more)"))
    if entry.msgid != status.text_in(obj, name, SOURCE_LANGUAGE):
        raise ValidationError(
            _("the Dutch text changed since the export: export again and translate the new text")
        )
    return obj, name, clean_value(field_kind(model, name), entry.msgstr)


def _where(context, entry, objects):
    """How an error names its entry: the msgctxt, and the item and field when they exist."""
    found = parse_context(context)
    obj = found and objects.get(found[:2])
    if obj is not None:
        return f"{context} ({describe(obj, found[2], with_kind=False)})"
    return context or repr(entry.msgid)
