"""Reading the shipped content: ``content/seed-nl.txt`` (the city's text) and its translations.

The files keep the city's own layout, blocks separated by blank lines:

    header image label / page title / mission heading / mission intro / mission lines /
    strategy heading / strategy intro / then per theme: title, intro, bullet list of topics.

A translation (``seed-en.txt``) has exactly the same shape, so every block lines up with its
Dutch source.
"""

from dataclasses import dataclass, field
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent / "content"
BULLET = "•"


@dataclass
class SeedTheme:
    title: str
    intro: str
    topics: list[str] = field(default_factory=list)


@dataclass
class SeedContent:
    image_label: str
    title: str
    mission_heading: str
    mission_intro: str
    mission_lines: list[str]
    strategy_heading: str
    strategy_intro: str
    themes: list[SeedTheme]


class SeedFormatError(ValueError):
    pass


def _blocks(text: str) -> list[list[str]]:
    blocks, current = [], []
    for raw in text.splitlines():
        line = raw.strip()
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def parse_seed(text: str) -> SeedContent:
    blocks = _blocks(text)
    if len(blocks) < 7 or (len(blocks) - 7) % 3:
        raise SeedFormatError(f"expected 7 page blocks and 3 per theme, found {len(blocks)}")
    head, themes = blocks[:7], blocks[7:]
    single = [b for i, b in enumerate(head) if i != 4]
    if any(len(block) != 1 for block in single):
        raise SeedFormatError("page blocks other than the mission lines must be one line each")
    parsed_themes = []
    for title, intro, bullets in (themes[i : i + 3] for i in range(0, len(themes), 3)):
        if len(title) != 1 or len(intro) != 1:
            raise SeedFormatError(f"theme {title[0]!r}: title and intro must be one line each")
        if not all(line.startswith(BULLET) for line in bullets):
            raise SeedFormatError(f"theme {title[0]!r}: topics must be a bullet list")
        topics = [line.removeprefix(BULLET).strip() for line in bullets]
        parsed_themes.append(SeedTheme(title=title[0], intro=intro[0], topics=topics))
    return SeedContent(
        image_label=head[0][0],
        title=head[1][0],
        mission_heading=head[2][0],
        mission_intro=head[3][0],
        mission_lines=head[4],
        strategy_heading=head[5][0],
        strategy_intro=head[6][0],
        themes=parsed_themes,
    )


def load_seed(language: str) -> SeedContent:
    return parse_seed((CONTENT_DIR / f"seed-{language}.txt").read_text(encoding="utf-8"))
