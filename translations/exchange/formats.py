"""Units written to and read from PO (polib), XLIFF 1.2 and XLIFF 2.0 (translate-toolkit).

A PO entry carries a paragraph's tags as the text placeholders ``{1}…{/1}`` and ``{2/}``; XLIFF
carries them as its own inline elements, which translation tools protect: ``<g id="1">…</g>``
and ``<x id="2"/>`` in 1.2, ``<pc id="1">…</pc>`` and ``<ph id="2"/>`` in 2.0. Reading turns
them back into the text placeholders, so everything after reading is the same for every format.

Which units a translator has not finished (never imported as they are):
- PO: ``fuzzy``;
- XLIFF 1.2: a target whose ``state`` is ``new`` or ``needs-…``, or without a state, a unit
  with ``approved="no"``;
- XLIFF 2.0: a segment whose ``state`` is ``initial``.
"""

import re

import polib
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree
from translate.storage import xliff, xliff2

from publishing.languages import SOURCE_LANGUAGE

from .segments import PLACEHOLDER
from .units import Unit

PO, XLIFF_12, XLIFF_20 = "po", "xliff12", "xliff20"
FORMATS = {
    PO: ("po", "text/x-gettext-translation; charset=utf-8"),
    XLIFF_12: ("xlf", "application/xliff+xml; charset=utf-8"),
    XLIFF_20: ("xlf", "application/xliff+xml; charset=utf-8"),
}
ORIGINAL = "gent-strategie"

# translate-toolkit's XLIFF 1.x skeleton says 1.1; ours is 1.2 (the version tools expect).
XLIFF_12_SKELETON = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="{ORIGINAL}" source-language="{{source}}" target-language="{{target}}"
 datatype="plaintext"><body></body></file>
</xliff>"""

# The inline elements of each XLIFF version: (paired, standalone).
INLINE = {XLIFF_12: ("g", "x"), XLIFF_20: ("pc", "ph")}
NOT_FINISHED_12 = re.compile(r"^(new|needs-.*)$")


class FileError(Exception):
    """The file cannot be read as an exchange file; the message says why."""


# --- Writing ---------------------------------------------------------------------------------


def write(units: list[Unit], language: str, kind: str = PO) -> str:
    if kind == PO:
        return _write_po(units, language)
    return _write_xliff(units, language, kind)


def _write_po(units, language):
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
    for unit in units:
        entry = polib.POEntry(
            msgctxt=unit.context, msgid=unit.source, msgstr=unit.target, comment=unit.note
        )
        if unit.needs_review:
            entry.flags.append("fuzzy")
        if unit.previous_source and unit.previous_source != unit.source:
            entry.previous_msgid = unit.previous_source
        po.append(entry)
    return str(po)


def _write_xliff(units, language, kind):
    if kind == XLIFF_12:
        skeleton = XLIFF_12_SKELETON.format(source=SOURCE_LANGUAGE, target=language)
        store = xliff.xlifffile.parsestring(skeleton.encode())
    else:
        store = xliff2.Xliff2File()
        store.setsourcelanguage(SOURCE_LANGUAGE)
        store.settargetlanguage(language)
    for unit in units:
        if kind == XLIFF_12:
            node = store.addsourceunit(unit.source, filename=ORIGINAL)
        else:
            node = store.addsourceunit(unit.source)
        node.setid(unit.context)
        if unit.target:
            node.target = unit.target
            if kind == XLIFF_12:
                node.markfuzzy(unit.needs_review)
            else:
                node.xmlelement.set("state", "initial" if unit.needs_review else "translated")
        _with_inline(node, "source", unit.source, kind)
        _with_inline(node, "target", unit.target, kind)
        note = unit.note
        if unit.previous_source and unit.previous_source != unit.source:
            note += "\n" + _("The Dutch this translation was made for: %(text)s") % {
                "text": unit.previous_source
            }
        _add_note(node, note, kind)
        if kind == XLIFF_20:
            _space_on_unit(node)
    # Units are made in translate-toolkit's default (1.1) namespace and moved into the file's;
    # the old declaration would stay on each unit.
    etree.cleanup_namespaces(store.document)
    return bytes(store).decode("utf-8")


def _space_on_unit(node):
    """XLIFF 2.0 allows ``xml:space`` on the unit, not on the segment where translate-toolkit
    puts it."""
    space = "{http://www.w3.org/XML/1998/namespace}space"
    value = node.xmlelement.attrib.pop(space, None)
    if value:
        node.getunitelement().set(space, value)


def _add_note(node, text, kind):
    if kind == XLIFF_12:
        node.addnote(text, origin="developer")
        return
    # XLIFF 2.0 keeps notes on the unit, before its segments (translate-toolkit puts them in
    # the segment, which the 2.0 schema does not allow).
    unit_element = node.getunitelement()
    notes = etree.Element(node.namespaced("notes"))
    note = etree.SubElement(notes, node.namespaced("note"), category="description")
    note.text = text
    unit_element.insert(0, notes)


def _with_inline(node, which, text, kind):
    """Replace the text of ``node``'s source or target by the same text with the placeholders
    as XLIFF inline elements; text whose placeholders do not nest stays as it is."""
    element = node.xmlelement.find(node.namespaced(which))
    if element is None or not PLACEHOLDER.search(text) or not _well_nested(text):
        return
    paired, standalone = INLINE[kind]
    for child in list(element):
        element.remove(child)
    element.text = ""
    stack, position = [element], 0
    for match in PLACEHOLDER.finditer(text):
        _append_text(stack[-1], text[position : match.start()])
        position = match.end()
        closing, number, lone = match.groups()
        if lone:
            etree.SubElement(stack[-1], node.namespaced(standalone), id=number)
        elif closing:
            stack.pop()
        else:
            stack.append(etree.SubElement(stack[-1], node.namespaced(paired), id=number))
    _append_text(stack[-1], text[position:])


def _append_text(parent, text):
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _well_nested(text):
    stack = []
    for closing, number, lone in PLACEHOLDER.findall(text):
        if lone:
            continue
        if not closing:
            stack.append(number)
        elif not stack or stack.pop() != number:
            return False
    return not stack


# --- Reading ---------------------------------------------------------------------------------


def is_xliff(content: str) -> bool:
    return content.lstrip().startswith("<")


def read(content: str) -> tuple[str, list[Unit]]:
    """(the target language the file names, its units); FileError when it cannot be read."""
    if is_xliff(content):
        return _read_xliff(content)
    return _read_po(content)


def _read_po(text):
    # polib reads a string that names an existing file as that file: never let an upload do
    # that. A real PO file always has more than one line.
    if "\n" not in text.strip():
        reason = _("it has only one line")
        raise FileError(_("Not a readable PO file: %(error)s") % {"error": reason})
    try:
        po = polib.pofile(text)
    except OSError as error:
        raise FileError(_("Not a readable PO file: %(error)s") % {"error": error}) from None
    units = [
        Unit(
            context=entry.msgctxt or "",
            source=entry.msgid,
            target=entry.msgstr,
            needs_review=entry.fuzzy,
            previous_source=entry.previous_msgid or "",
        )
        for entry in po
        if not entry.obsolete
    ]
    return po.metadata.get("Language", "").strip(), units


def _read_xliff(text):
    data = text.encode("utf-8")
    version = _xliff_version(data)
    try:
        if version.startswith("2."):
            store, kind = xliff2.Xliff2File.parsestring(data), XLIFF_20
        else:
            store, kind = xliff.xlifffile.parsestring(data), XLIFF_12
    except (etree.XMLSyntaxError, ValueError, AssertionError) as error:
        raise FileError(_("Not a readable XLIFF file: %(error)s") % {"error": error}) from None
    units = []
    for node in store.units:
        if kind == XLIFF_12 and node.getrestype() == "x-gettext-domain-header":
            continue
        units.append(
            Unit(
                context=_xliff_id(node, kind),
                source=_inline_text(node, "source", kind),
                target=_inline_text(node, "target", kind),
                needs_review=_not_finished(node, kind),
            )
        )
    return (store.gettargetlanguage() or "").strip(), units


def _xliff_version(data):
    try:
        root = etree.fromstring(
            data, parser=etree.XMLParser(resolve_entities=False, no_network=True)
        )
    except etree.XMLSyntaxError as error:
        raise FileError(_("Not a readable XLIFF file: %(error)s") % {"error": error}) from None
    if etree.QName(root).localname != "xliff":
        raise FileError(_("Not a readable XLIFF file: %(error)s") % {"error": _("no <xliff> root")})
    return root.get("version", "")


def _xliff_id(node, kind):
    if kind == XLIFF_12:
        return node.xmlelement.get("id") or ""
    return node.getunitelement().get("id") or ""


def _not_finished(node, kind):
    if not node.target:
        return False
    if kind == XLIFF_20:
        return node.xmlelement.get("state") == "initial"
    target = node.xmlelement.find(node.namespaced("target"))
    state = target.get("state") if target is not None else None
    if state:
        return bool(NOT_FINISHED_12.match(state))
    return node.xmlelement.get("approved") == "no"


def _inline_text(node, which, kind):
    """The text of ``node``'s source or target, its inline elements as text placeholders."""
    element = node.xmlelement.find(node.namespaced(which))
    if element is None:
        return ""
    paired, standalone = INLINE[kind]

    def flatten(parent):
        pieces = [parent.text or ""]
        for child in parent:
            if not isinstance(child.tag, str):  # a comment, processing instruction or entity
                pieces.append(child.tail or "")
                continue
            name, number = etree.QName(child).localname, child.get("id", "")
            if name == paired:
                pieces.append(f"{{{number}}}{flatten(child)}{{/{number}}}")
            elif name == standalone:
                pieces.append(f"{{{number}/}}")
            else:  # a marker a tool added (mrk): its text counts, the marker does not
                pieces.append(flatten(child))
            pieces.append(child.tail or "")
        return "".join(pieces)

    return flatten(element)
