"""Rich text cut into the units a translator works in: its block-level elements.

A body of five paragraphs is five segments, so a change to one paragraph of the Dutch leaves the
other four up to date, and the translation memory can offer a paragraph translated elsewhere.
Top-level blocks are kept whole (a list is one segment with its items): the markup inside a block
stays with its text, and joining the segments gives back the rich text.
"""

from difflib import SequenceMatcher
from html import unescape
from html.parser import HTMLParser

from .checks import VOID_ELEMENTS

INLINE_ELEMENTS = frozenset({"a", "abbr", "b", "em", "i", "strong", "span", "code"})


class _Blocks(HTMLParser):
    def __init__(self, text):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.depth = 0
        self.start = None
        self.spans = []

    def position(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if self.depth == 0:
            self.start = self.position()
        if tag in VOID_ELEMENTS:
            if self.depth == 0:
                self._close_at(self.position() + len(self.get_starttag_text()))
            return
        self.depth += 1

    def handle_startendtag(self, tag, attrs):
        if self.depth == 0:
            self.start = self.position()
            self._close_at(self.position() + len(self.get_starttag_text()))

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS or self.depth == 0:
            return
        self.depth -= 1
        if self.depth == 0:
            end = self.text.index(">", self.position()) + 1
            self._close_at(end)

    def _close_at(self, end):
        self.spans.append((self.start, end))
        self.start = None


def split(html):
    """The top-level blocks of ``html``, each as its own HTML; text outside any block, and a
    block left open, are segments too, so joining the segments loses nothing."""
    if not html.strip():
        return []
    parser = _Blocks(html)
    parser.feed(html)
    parser.close()
    spans = parser.spans
    if parser.start is not None:  # an element left open runs to the end
        spans = [*spans, (parser.start, len(html))]
    segments, position = [], 0
    for start, end in spans:
        if html[position:start].strip():
            segments.append(html[position:start].strip())
        segments.append(html[start:end])
        position = end
    if html[position:].strip():
        segments.append(html[position:].strip())
    return segments


def join(segments):
    return "\n".join(segment.strip() for segment in segments if segment.strip())


def plain_text(html):
    """The words of a segment without its markup: what the diff and the memory compare."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join(unescape("".join(parser.parts)).split())


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_entityref(self, name):
        self.parts.append(f"&{name};")

    def handle_charref(self, name):
        self.parts.append(f"&#{name};")

    def handle_starttag(self, tag, attrs=None):
        if tag not in INLINE_ELEMENTS:  # "<p>a</p><p>b</p>" is two words, "<b>Gent</b>." one
            self.parts.append(" ")

    handle_endtag = handle_starttag


def align(previous, current):
    """For each segment of ``current``, the index of the segment of ``previous`` it continues
    (unchanged, or changed in place), or None for a segment that is new.

    Paragraphs added or removed in the Dutch shift the others: matching the sequences (rather
    than the positions) keeps each translated paragraph next to the Dutch it translates.
    """
    result = [None] * len(current)
    matcher = SequenceMatcher(a=previous, b=current, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in {"equal", "replace"}:
            for offset in range(min(i2 - i1, j2 - j1)):
                result[j1 + offset] = i1 + offset
    return result
