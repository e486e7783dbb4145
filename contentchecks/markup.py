"""What the checks need from an editor's rich text: its text by blocks, headings and links."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "ul", "ol", "div"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass
class Link:
    href: str
    text: str = ""
    label: str = ""  # aria-label or title


@dataclass
class Body:
    text: str = ""
    headings: list[tuple[int, str]] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks, self.headings, self.links = [], [], []
        self.heading, self.link = None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in BLOCKS:
            self.chunks.append("\n")
        if tag in HEADINGS:
            self.heading = [int(tag[1]), ""]
        elif tag == "a":
            self.link = Link(
                attrs.get("href") or "", label=attrs.get("aria-label") or attrs.get("title") or ""
            )

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.chunks.append("\n")
        if tag in HEADINGS and self.heading is not None:
            self.headings.append((self.heading[0], self.heading[1].strip()))
            self.heading = None
        elif tag == "a" and self.link is not None:
            self.link.text = self.link.text.strip()
            self.links.append(self.link)
            self.link = None

    def handle_data(self, data):
        self.chunks.append(data)
        if self.heading is not None:
            self.heading[1] += data
        if self.link is not None:
            self.link.text += data


def read(html) -> Body:
    reader = _Reader()
    reader.feed(html or "")
    reader.close()
    return Body("".join(reader.chunks), reader.headings, reader.links)
