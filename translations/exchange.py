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

Import rules, so that a file never leaves the content half-changed or unsafe:
- every entry is checked first; one error (unknown item or field, a Dutch source that changed
  since the export, markup where none is allowed, hostile HTML, a bad or duplicate slug) and
  nothing is applied; every error is listed;
- entries left empty or still fuzzy are skipped and reported (not translated yet);
- everything is applied in one transaction; a dry run does the same and rolls back;
- every applied entry is up to date afterwards, also when its translation did not change
  (the translator confirmed it).
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import polib
from django.contrib.auth import get_permission_codename
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from publishing.languages import SOURCE_LANGUAGE, field_in
from publishing.registry import (
    Kind,
    content_models,
    field_kind,
    model_for_key,
    model_key,
    owner,
    target_languages,
    translated_fields,
)
from publishing.richtext import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ALLOWED_URL_SCHEMES, sanitize_html

from . import status
from .status import State

CONTEXT = re.compile(r"^(?P<model>[a-z0-9_]+\.[a-z0-9_]+):(?P<pk>[0-9]+):(?P<field>[a-z0-9_]+)$")
# A tag, end tag, comment or declaration: what makes text HTML rather than "a < b".
MARKUP = re.compile(r"<\s*[/!?]?\s*[A-Za-z]")


def context_for(obj, field_name) -> str:
    return f"{model_key(type(obj))}:{obj.pk}:{field_name}"


def all_content():
    """Every translatable item, in the order a translator reads the site."""
    for model in content_models():
        yield from model._default_manager.all()


def admin_path(obj) -> str:
    target = owner(obj)
    opts = target._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[target.pk])
    except NoReverseMatch:
        return ""


def describe(obj, field_name, with_kind=True) -> str:
    """`theme “Stad van de toekomst” · introduction (plain text)`: for a translator's eyes."""
    model = type(obj)
    verbose = model._meta.get_field(field_name).verbose_name
    if not with_kind:
        return f"{model._meta.verbose_name} “{obj}” · {verbose}"
    kind = {
        Kind.PLAIN: _("plain text"),
        Kind.RICH: _("rich text (HTML)"),
        Kind.SLUG: _("slug: lowercase letters, digits and hyphens"),
    }[field_kind(model, field_name)]
    return f"{model._meta.verbose_name} “{obj}” · {verbose} ({kind})"


# --- Export ---------------------------------------------------------------------------------------


def export_po(objects, language, everything=False) -> polib.POFile:
    """A PO file for ``language``: what needs translating in ``objects``, or all of it."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "gent-strategie content",
        "POT-Creation-Date": timezone.now().strftime("%Y-%m-%d %H:%M%z"),
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Language": SOURCE_LANGUAGE,
    }
    objects = list(objects)
    found = status.statuses(objects, [language])
    for obj in objects:
        for item in found[(type(obj), obj.pk)]:
            if item.state == State.CURRENT and not everything:
                continue
            entry = polib.POEntry(
                msgctxt=context_for(obj, item.field),
                msgid=item.source,
                msgstr=item.target,
                comment="\n".join(filter(None, [describe(obj, item.field), admin_path(obj)])),
            )
            if item.state == State.OUTDATED:
                entry.flags.append("fuzzy")
                if item.previous_source and item.previous_source != item.source:
                    entry.previous_msgid = item.previous_source
            po.append(entry)
    return po


# --- Import ---------------------------------------------------------------------------------------


@dataclass
class Change:
    context: str
    old: str
    new: str


@dataclass
class ImportReport:
    language: str = ""
    changed: list[Change] = field(default_factory=list)
    confirmed: list[str] = field(default_factory=list)  # unchanged, now marked up to date
    skipped: list[str] = field(default_factory=list)  # empty or fuzzy: not translated yet
    errors: list[str] = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self):
        return not self.errors


class _MarkupCheck(HTMLParser):
    """What in a rich text the editor's allow-list (publishing.richtext) would have to remove."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"<{tag}>")
            return
        # The sanitiser itself adds rel="noopener noreferrer" to links.
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
        for name, value in attrs:
            if name not in allowed:
                self.problems.append(f"{name}=… on <{tag}>")
            elif name == "href" and urlsplit((value or "").strip()).scheme.lower() not in (
                ALLOWED_URL_SCHEMES | {""}
            ):
                self.problems.append(f"a link to {value!r}")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag not in ALLOWED_TAGS and f"<{tag}>" not in self.problems:
            self.problems.append(f"</{tag}>")

    def handle_decl(self, decl):
        self.problems.append(f"<!{decl}>")

    handle_pi = handle_decl


def clean_value(kind, value):
    """The value to store, or a ValidationError saying what is wrong with it."""
    if kind == Kind.RICH:
        checker = _MarkupCheck()
        checker.feed(value)
        checker.close()
        if checker.problems:
            raise ValidationError(
                _("markup that is not allowed: %(what)s") % {"what": ", ".join(checker.problems)}
            )
        return sanitize_html(value)
    if MARKUP.search(value):
        raise ValidationError(_("HTML markup in a plain-text field"))
    return value


def can_change(user, model):
    if user is None:  # a management command: whoever runs it may
        return True
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{get_permission_codename('change', opts)}")


def _read(content, report, language, user):
    """The valid entries as {obj: {field: value}}; every problem goes into ``report``."""
    try:
        text = content if isinstance(content, str) else content.decode("utf-8")
        # polib reads a string that names an existing file as that file: never let an upload
        # do that. A real PO file always has more than one line.
        if "\n" not in text.strip():
            raise OSError(_("it has only one line"))
        po = polib.pofile(text)
    except (OSError, UnicodeDecodeError) as error:
        report.errors.append(_("Not a readable PO file: %(error)s") % {"error": error})
        return {}
    header_language = po.metadata.get("Language", "").strip()
    report.language = language or header_language
    if language and header_language and header_language != language:
        report.errors.append(
            _("The file is for language “%(file)s”, not “%(asked)s”.")
            % {"file": header_language, "asked": language}
        )
        return {}
    if report.language not in target_languages():
        report.errors.append(
            _("The file names no language to translate into (Language header), or one this site "
              "does not translate into: “%(language)s”.") % {"language": report.language}
        )  # fmt: skip
        return {}

    pending, seen, objects = {}, set(), {}
    for entry in po:
        if entry.obsolete:
            continue
        context = entry.msgctxt or ""
        try:
            found = _check_entry(entry, seen, objects, user)
        except _Skip as skip:
            report.skipped.append(f"{context}: {skip}")
            continue
        except ValidationError as error:
            report.errors.append(f"{_where(context, entry, objects)}: {'; '.join(error.messages)}")
            continue
        obj, name, value = found
        pending.setdefault(obj, {})[name] = (context, value)
    return pending


def _where(context, entry, objects):
    """How an error names its entry: the msgctxt, and the item and field when they exist."""
    match = CONTEXT.match(context)
    model = match and model_for_key(match["model"])
    obj = model and objects.get((model, int(match["pk"])))
    if obj is not None and match["field"] in translated_fields(model):
        return f"{context} ({describe(obj, match['field'], with_kind=False)})"
    return context or repr(entry.msgid)


class _Skip(Exception):
    """An entry that is not translated yet: reported, not an error."""


def _check_entry(entry, seen, objects, user):
    """(item, field, clean value) for a valid entry; raise _Skip or ValidationError otherwise."""
    context = entry.msgctxt or ""
    match = CONTEXT.match(context)
    model = match and model_for_key(match["model"])
    if not model or match["field"] not in translated_fields(model):
        raise ValidationError(_("unknown item or field"))
    if context in seen:
        raise ValidationError(_("appears twice in the file"))
    seen.add(context)
    if not can_change(user, model):
        raise ValidationError(_("you may not change this kind of item"))
    key = (model, int(match["pk"]))
    if key not in objects:
        objects[key] = model._default_manager.filter(pk=key[1]).first()
    obj, name = objects[key], match["field"]
    if obj is None:
        raise ValidationError(_("unknown item: it does not exist (any more)"))
    if not entry.msgstr:
        raise _Skip(_("not translated"))
    if entry.fuzzy:
        raise _Skip(_("still marked fuzzy (needs review)"))
    if entry.msgid != status.text_in(obj, name, SOURCE_LANGUAGE):
        raise ValidationError(
            _("the Dutch text changed since the export: export again and translate the new text")
        )
    return obj, name, clean_value(field_kind(model, name), entry.msgstr)


def _apply(pending, report):
    """Write every valid value, validating each item with the model's own rules (slug format and
    length, unique slugs) after the items before it are saved, so that two entries claiming the
    same slug are caught too."""
    language = report.language
    for obj, values in pending.items():
        for name, (context, value) in values.items():
            old = status.text_in(obj, name, language)
            setattr(obj, field_in(name, language), value)
            if old != value:
                report.changed.append(Change(context, old, value))
            else:
                report.confirmed.append(context)
        errors = _model_errors(obj, values, language)
        if errors:
            report.errors += errors
            continue
        obj.save()
        status.mark_up_to_date(obj, [(name, language) for name in values])


def _model_errors(obj, values, language):
    """The model's own rules for the imported columns: length, slug format, unique slugs."""
    contexts = {field_in(name, language): context for name, (context, _value) in values.items()}
    errors, invalid = [], set()
    try:
        obj.clean_fields(exclude=[f.name for f in obj._meta.fields if f.name not in contexts])
    except ValidationError as error:
        for column, messages in error.message_dict.items():
            invalid.add(column)
            errors += [f"{contexts.get(column, context_for(obj, column))}: {m}" for m in messages]
    try:
        obj.validate_constraints(exclude=invalid)
    except ValidationError as error:
        # The only constraints on translated columns are the unique slugs: say so in words.
        slugs = [c for c in contexts if field_kind(type(obj), c.rsplit("_", 1)[0]) == Kind.SLUG]
        for column in slugs or [None]:
            where = contexts[column] if column else f"{model_key(type(obj))}:{obj.pk}"
            detail = "; ".join(error.messages)
            if column:
                detail = _("the slug “%(slug)s” is already in use (%(detail)s)") % {
                    "slug": getattr(obj, column),
                    "detail": detail,
                }
            errors.append(f"{where}: {detail}")
    return errors


def import_po(content, language=None, dry_run=False, user=None) -> ImportReport:
    """Read a translated PO file back; see the module docstring for the rules."""
    report = ImportReport()
    pending = _read(content, report, language, user)
    with transaction.atomic():
        if not report.errors:
            _apply(pending, report)
        if report.errors or dry_run:
            transaction.set_rollback(True)
        else:
            report.applied = True
    if report.errors:
        report.changed, report.confirmed = [], []
    return report
