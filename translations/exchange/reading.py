"""Reading a translated file (PO or XLIFF) and checking each unit before anything is saved.

A unit left empty or not finished (PO fuzzy, XLIFF needs review) is skipped first, whatever else
is in it: it is never applied, so an item since deleted, one the user may not change or a Dutch
text that changed again does not make it an error. Every other unit must name a translated field
(or paragraph) of an existing item the user may change, be made for today's Dutch, keep a
paragraph's placeholders, pass the quality checks that refuse (``translations.checks``) and hold
only allowed markup. A rich text is applied when all its paragraphs are translated; with some
missing, it is skipped and reported.

The items are loaded with one query per model before the units are checked, so a file with
thousands of units (or thousands of unknown ones) costs no more queries than a small one.
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from publishing.languages import SOURCE_LANGUAGE
from publishing.registry import Kind, field_kind, target_languages

from .. import status
from ..checks import check_translation
from . import formats, segments
from .entries import admin_path, can_change, context_for, describe, parse_context
from .markup import clean_value
from .report import Problem


def read(content, report, language, user):
    """The valid units as {obj: {field: (context, value)}}; every problem goes into ``report``
    (its ``errors``, ``warnings`` and ``skipped``), the file's language into ``report.language``."""
    units = _parse(content, report, language)
    objects = _load(units, user)
    pending, seen, paragraphs = {}, set(), defaultdict(dict)
    for unit in units:
        try:
            obj, name, paragraph, value = _check_unit(unit, seen, objects, user, report)
        except _Skip as skip:
            where, url = _where(unit, objects), _url(unit, objects)
            report.skipped.append(Problem(where, str(skip), url=url))
        except ValidationError as error:
            kind = error.error_list[0].code or error.messages[0]
            report.errors.append(
                Problem(_where(unit, objects), "; ".join(error.messages), kind, _url(unit, objects))
            )
        else:
            if paragraph is None:
                pending.setdefault(obj, {})[name] = (unit.context, value)
            else:
                paragraphs[(obj, name)][paragraph] = value
    for (obj, name), translated in paragraphs.items():
        _assemble(obj, name, translated, pending, report)
    return pending


def _assemble(obj, name, translated, pending, report):
    """Rebuild a rich text from its translated paragraphs, when the file has all of them."""
    source = status.text_in(obj, name, SOURCE_LANGUAGE)
    count = len(segments.segment_texts(source))
    where = describe(obj, name, with_kind=False)
    context = context_for(obj, name)
    if name in pending.get(obj, {}):
        report.errors.append(
            Problem(where, _("the whole text and its paragraphs are both in the file"), "twice")
        )
        return
    if len(translated) < count:
        report.skipped.append(
            Problem(
                where,
                _(
                    "%(done)d of its %(count)d paragraphs are translated: a text is imported "
                    "once all its paragraphs are"
                )
                % {"done": len(translated), "count": count},
                url=admin_path(obj),
            )
        )
        return
    html = segments.rebuild(
        source,
        [translated[number] for number in range(1, count + 1)],
        status.text_in(obj, name, report.language),
    )
    try:
        value = clean_value(Kind.RICH, html)
    except ValidationError as error:
        report.errors.append(Problem(where, "; ".join(error.messages), "markup", admin_path(obj)))
        return
    pending.setdefault(obj, {})[name] = (context, value)


def _load(units, user):
    """{(model, pk): item} for every item the units name that ``user`` may change (the skipped
    ones too, to name them by title): one query per model."""
    wanted = defaultdict(set)
    for unit in units:
        if found := parse_context(unit.context):
            wanted[found[0]].add(found[1])
    wanted = {model: pks for model, pks in wanted.items() if can_change(user, model)}
    return {
        (model, pk): obj
        for model, pks in wanted.items()
        for pk, obj in model._default_manager.in_bulk(pks).items()
    }


def _parse(content, report, language):
    """The file's units, or [] with the reason in ``report``."""
    try:
        text = content if isinstance(content, str) else content.decode("utf-8")
        report.xliff = formats.is_xliff(text)
        header_language, units = formats.read(text)
    except UnicodeDecodeError:
        report.errors.append(Problem("", _("The file is not UTF-8 text.")))
        return []
    except formats.FileError as error:
        report.errors.append(Problem("", str(error)))
        return []
    report.language = language or header_language
    if language and header_language and header_language != language:
        report.errors.append(
            Problem(
                "",
                _("The file is for language “%(file)s”, not “%(asked)s”.")
                % {"file": header_language, "asked": language},
            )
        )
        return []
    if report.language not in target_languages():
        report.errors.append(
            Problem("", _("The file names no language to translate into (Language header), or one "
                          "this site does not translate into: “%(language)s”.")
                    % {"language": report.language})
        )  # fmt: skip
        return []
    return units


class _Skip(Exception):
    """A unit that is not translated or not reviewed yet: reported, not an error."""


def _check_unit(unit, seen, objects, user, report):
    """(item, field, paragraph, clean value) for a valid unit; raise _Skip or ValidationError
    otherwise. Warnings of the quality checks go into ``report``."""
    # First: a skipped unit is never applied, so nothing else about it can be an error.
    if unit.needs_review:
        raise _Skip(_("still marked fuzzy (needs review)"))
    if not unit.target:
        raise _Skip(_("not translated"))
    found = parse_context(unit.context)
    if found is None:
        raise ValidationError(_("unknown item or field"), code="unknown_field")
    model, pk, name, paragraph = found
    if unit.context in seen:
        raise ValidationError(_("appears twice in the file"), code="twice")
    seen.add(unit.context)
    if not can_change(user, model):
        raise ValidationError(_("you may not change this kind of item"), code="permission")
    obj = objects.get((model, pk))  # loaded by _load
    if obj is None:
        raise ValidationError(_("unknown item: it does not exist (any more)"), code="unknown_item")
    dutch = status.text_in(obj, name, SOURCE_LANGUAGE)
    source = _paragraph(dutch, paragraph) if paragraph else dutch
    if source is None or unit.source != (source.text if paragraph else source):
        raise ValidationError(
            _("the Dutch text changed since the export: export again and translate the new text"),
            code="source_changed",
        )
    if paragraph:
        segments.check_placeholders(source, unit.target)
        _quality(unit.source, unit.target, unit, objects, report)
        return obj, name, paragraph, unit.target
    value = clean_value(field_kind(model, name), unit.target)  # its message is the clearer one
    _quality(unit.source, unit.target, unit, objects, report)
    return obj, name, None, value


def _paragraph(dutch, number):
    found = segments.split(dutch).segments
    return found[number - 1] if number <= len(found) else None


def _quality(source, target, unit, objects, report):
    """The quality checks: an error refuses the unit, a warning is reported."""
    findings = check_translation(
        source, target, source_lang=SOURCE_LANGUAGE, target_lang=report.language
    )
    errors = [finding for finding in findings if finding.severity == "error"]
    if errors:
        raise ValidationError(
            "; ".join(str(finding.message) for finding in errors), code=errors[0].code
        )
    for finding in findings:
        report.warnings.append(
            Problem(_where(unit, objects), str(finding.message), finding.code, _url(unit, objects))
        )


def _where(unit, objects):
    """How a problem names its unit: the item's kind and title, the field and the paragraph
    when the item exists; else what the file says."""
    found = parse_context(unit.context)
    obj = found and objects.get(found[:2])
    if obj is None:
        return unit.context or repr(unit.source)
    where = describe(obj, found[2], with_kind=False)
    if found[3]:
        where += " · " + _("paragraph %(number)d") % {"number": found[3]}
    return where


def _url(unit, objects):
    found = parse_context(unit.context)
    obj = found and objects.get(found[:2])
    return admin_path(obj) if obj is not None else ""
