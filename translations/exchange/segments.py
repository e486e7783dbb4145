"""A rich text as a translator's tool sees it: one segment per paragraph, tags as placeholders.

An editor's rich text is split at its block tags (paragraphs, headings, list items): the runs of
text between them are the segments, everything else (the block tags themselves, the whitespace
between them) is the skeleton. Inside a segment, each inline tag becomes a numbered placeholder,
as translate-toolkit and Okapi present them:

    <p>Lees het <a href="https://stad.gent/plan">plan</a> en <strong>dit</strong>.<br></p>

    segment 1: "Lees het {1}plan{/1} en {2}dit{/2}.{3/}"

The segment is text, not markup (``&amp;`` reads as ``&``), so the translator never handles a
tag or an attribute. The translation is rebuilt into HTML from today's Dutch skeleton and tags:
the placeholders must all be there, each once, properly nested (they may move); anything else is
refused with a message, never guessed. XLIFF carries the same placeholders as its own inline
elements (``formats``).
"""

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Tags that end a segment and stay in the skeleton; every other allowed tag is inline.
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote"}
VOID_TAGS = {"br", "img", "hr", "wbr"}

# {1} opens, {/1} closes, {1/} stands alone.
PLACEHOLDER = re.compile(r"\{(/?)([0-9]+)(/?)\}")


@dataclass
class Segment:
    text: str  # with placeholders
    tags: dict[str, tuple[str, str]] = field(default_factory=dict)  # id: (start tag, end tag)

    def placeholders(self) -> list[str]:
        return sorted(m.group(0) for m in PLACEHOLDER.finditer(self.text) if _known(m, self.tags))


@dataclass
class Split:
    """A rich text as skeleton strings and segments, in order (``parts``)."""

    parts: list = field(default_factory=list)

    @property
    def segments(self) -> list[Segment]:
        return [part for part in self.parts if isinstance(part, Segment)]


def _known(match, tags):
    return match.group(2) in tags


class _Splitter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.split = Split()
        self.text = []  # the open segment's pieces, or [] when none is open
        self.tags = {}
        self.open = []  # ids of the inline tags open in the segment

    def _literal(self, markup):
        self._close_segment()
        self.split.parts.append(markup)

    def _close_segment(self):
        text = "".join(self.text)
        stripped = text.strip()
        if PLACEHOLDER.sub("", stripped).strip():
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            if lead:
                self.split.parts.append(html.escape(lead, quote=False))
            self.split.parts.append(Segment(stripped, self.tags))
            if trail:
                self.split.parts.append(html.escape(trail, quote=False))
        elif text:
            # Whitespace, or tags without text: kept as they were.
            self.split.parts.append(_rebuild(text, self.tags))
        self.text, self.tags, self.open = [], {}, []

    def handle_starttag(self, tag, attrs):
        raw = self.get_starttag_text()
        if tag in BLOCK_TAGS:
            self._literal(raw)
        elif tag in VOID_TAGS:
            number = str(len(self.tags) + 1)
            self.tags[number] = (raw, "")
            self.text.append(f"{{{number}/}}")
        else:
            number = str(len(self.tags) + 1)
            self.tags[number] = (raw, f"</{tag}>")
            self.open.append((tag, number))
            self.text.append(f"{{{number}}}")

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self._literal(self.get_starttag_text())
        else:
            number = str(len(self.tags) + 1)
            self.tags[number] = (self.get_starttag_text(), "")
            self.text.append(f"{{{number}/}}")

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self._literal(f"</{tag}>")
            return
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                number = self.open.pop(index)[1]
                self.text.append(f"{{/{number}}}")
                return
        # An end tag nothing opened (the sanitiser never stores one): kept as a lone tag.
        number = str(len(self.tags) + 1)
        self.tags[number] = (f"</{tag}>", "")
        self.text.append(f"{{{number}/}}")

    def handle_data(self, data):
        self.text.append(data)

    def close(self):
        super().close()
        self._close_segment()


def split(markup: str) -> Split:
    """The segments and skeleton of a rich text (already sanitised HTML)."""
    splitter = _Splitter()
    splitter.feed(markup or "")
    splitter.close()
    return splitter.split


def segment_texts(markup: str) -> list[str]:
    return [segment.text for segment in split(markup).segments]


def _rebuild(text, tags):
    """HTML for a segment's text: text escaped, placeholders replaced by their tags."""
    pieces, position = [], 0
    for match in PLACEHOLDER.finditer(text):
        if not _known(match, tags):
            continue
        pieces.append(html.escape(text[position : match.start()], quote=False))
        start, end = tags[match.group(2)]
        pieces.append(end if match.group(1) else start)
        position = match.end()
    pieces.append(html.escape(text[position:], quote=False))
    return "".join(pieces)


def check_placeholders(source: Segment, target: str) -> None:
    """Raise a ValidationError when ``target`` does not carry ``source``'s placeholders: each
    exactly once, an opening one before its closing one, properly nested."""
    expected = source.placeholders()
    found = [m for m in PLACEHOLDER.finditer(target) if _known(m, source.tags)]
    names = sorted(m.group(0) for m in found)
    unknown = [m.group(0) for m in PLACEHOLDER.finditer(target) if not _known(m, source.tags)]
    if unknown and not all(u in source.text for u in unknown):
        raise ValidationError(
            _("placeholders that are not in the Dutch: %(tags)s") % {"tags": " ".join(unknown)},
            code="placeholders",
        )
    if names != expected:
        missing = sorted(set(expected) - set(names)) or sorted(
            {n for n in names if names.count(n) > 1}
        )
        raise ValidationError(
            _("the placeholders must be the Dutch's, each once (%(expected)s); check %(which)s")
            % {
                "expected": " ".join(m.group(0) for m in PLACEHOLDER.finditer(source.text)),
                "which": " ".join(missing or names),
            },
            code="placeholders",
        )
    stack = []
    for match in found:
        closing, number, lone = match.group(1), match.group(2), match.group(3)
        if lone:
            continue
        if not closing:
            stack.append(number)
        elif not stack or stack.pop() != number:
            raise ValidationError(
                _("{%(number)s} and {/%(number)s} must enclose text, nested like the Dutch's")
                % {"number": number},
                code="placeholders",
            )


def rebuild(source_markup: str, targets: list[str], translated_markup: str = "") -> str:
    """The translated rich text: the Dutch skeleton with each segment replaced by its
    translation (``targets``, in order, already checked with ``check_placeholders``).

    The tags are the Dutch's, except where the current translation (``translated_markup``) has
    the same paragraphs with the same kinds of tags: then its own are kept, so an English link
    that points to an English page keeps pointing there."""
    parts = split(source_markup).parts
    before = split(translated_markup).segments
    sources = [part for part in parts if isinstance(part, Segment)]
    if len(before) != len(sources):
        before = [None] * len(sources)
    translated = iter(zip(targets, before, strict=False))
    pieces = []
    for part in parts:
        if not isinstance(part, Segment):
            pieces.append(part)
            continue
        text, old = next(translated)
        tags = dict(part.tags)
        pairing = correspondence(part, old) if old else None
        for old_id, source_id in (pairing or {}).items():
            tags[source_id] = old.tags[old_id]
        pieces.append(_rebuild(text, tags))
    return "".join(pieces)


def _tag_name(raw):
    match = re.match(r"<\s*/?\s*([A-Za-z][A-Za-z0-9]*)", raw)
    return match.group(1).lower() if match else ""


def _tag_keys(segment):
    """{id: (tag name, paired or lone, its rank among such tags)} in order of appearance."""
    counts, keys = Counter(), {}
    for match in PLACEHOLDER.finditer(segment.text):
        closing, number, lone = match.groups()
        if closing or number in keys or number not in segment.tags:
            continue
        key = (_tag_name(segment.tags[number][0]), bool(lone))
        keys[number] = (*key, counts[key])
        counts[key] += 1
    return keys


def correspondence(source: Segment, other: Segment) -> dict[str, str] | None:
    """{id in ``other``: id in ``source``}, pairing the n-th link (strong, …) of one with the
    n-th of the other; None when their tags do not pair up one to one."""
    ours, theirs = _tag_keys(source), _tag_keys(other)
    if len(ours) != len(source.tags) or len(theirs) != len(other.tags):
        return None
    if sorted(ours.values()) != sorted(theirs.values()):
        return None
    by_key = {key: number for number, key in ours.items()}
    return {number: by_key[key] for number, key in theirs.items()}


def in_source_numbers(source: Segment, other: Segment) -> str | None:
    """``other``'s text with its placeholders numbered as ``source``'s (a translation whose
    tags come in another order), or None when their tags do not pair up."""
    pairing = correspondence(source, other)
    if pairing is None:
        return None

    def renumber(match):
        closing, number, lone = match.groups()
        if number not in pairing:
            return match.group(0)
        return f"{{{closing}{pairing[number]}{lone}}}"

    return PLACEHOLDER.sub(renumber, other.text)


def as_text(markup: str) -> str:
    """A rich text for reading in a report: its text, paragraphs on their own lines, no tags."""
    return "\n".join(_without_placeholders(segment) for segment in split(markup).segments)


def _without_placeholders(segment):
    return PLACEHOLDER.sub(lambda m: "" if _known(m, segment.tags) else m.group(0), segment.text)
