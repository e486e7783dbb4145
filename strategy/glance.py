"""The strategy at a glance: the home page's picture of the mission, the themes and their topics,
laid out here from the content and drawn by ``templates/components/glance.html`` as inline SVG.

A new theme or topic appears in the picture without a designer: every box's size follows its
wrapped text. The picture is several SVGs (the mission, then one per theme) that the stylesheet
lays out side by side or one under the other, so it reflows from a 320 px phone to a wide screen
and the text keeps a readable size (one SVG scaled to a phone would shrink its text).
All coordinates are in SVG user units, about a CSS pixel at the width the stylesheet gives.
"""

import textwrap
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.text import capfirst

THEME_WIDTH = 320
MARGIN = 8
SPINE_X = 26
TOPIC_X = 46

# Characters per line that fit a box at its font size (Fira Sans averages about half an em).
THEME_CHARS, THEME_FONT, THEME_LINE = 24, 19, 23
TOPIC_CHARS, TOPIC_FONT, TOPIC_LINE = 27, 17, 21
MISSION_CHARS = {"narrow": (32, 320), "wide": (72, 720)}
MISSION_FONT, MISSION_LINE = 16, 21
BOX_PADDING = 8
GAP = 10


def wrap(text, width):
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=True) or [""]


@dataclass
class Box:
    x: int
    y: int
    width: int
    lines: list[str]
    line_height: int
    font_size: int
    url: str = ""
    height: int = field(init=False)

    def __post_init__(self):
        self.height = 2 * BOX_PADDING + self.line_height * len(self.lines)

    @property
    def bottom(self):
        return self.y + self.height

    @property
    def middle(self):
        return self.y + self.height // 2

    @property
    def text_x(self):
        return self.x + 12

    @property
    def baselines(self):
        """(baseline y, line) for each line: the text sits in the middle of its line box."""
        first = self.y + BOX_PADDING + round(self.line_height * 0.5 + self.font_size * 0.35)
        return [(first + i * self.line_height, line) for i, line in enumerate(self.lines)]


@dataclass
class ThemePicture:
    theme: object
    number: int
    box: Box
    topics: list[Box]
    height: int
    width: int = THEME_WIDTH
    spine_x: int = SPINE_X

    @property
    def colour(self):
        """One of the stylesheet's four theme colours, in turn."""
        return (self.number - 1) % 4 + 1

    @property
    def connectors(self):
        """The SVG path of the line from the theme down its topics, and a branch to each."""
        if not self.topics:
            return ""
        spine = f"M{self.spine_x} {self.box.bottom}V{self.topics[-1].middle}"
        return spine + "".join(f"M{self.spine_x} {t.middle}H{t.x}" for t in self.topics)


@dataclass
class MissionPicture:
    heading: Box
    lines: Box
    width: int
    height: int


def theme_picture(theme, number):
    box = Box(
        MARGIN,
        MARGIN,
        THEME_WIDTH - 2 * MARGIN,
        wrap(theme.title, THEME_CHARS),
        THEME_LINE,
        THEME_FONT,
        url=theme.get_absolute_url(),
    )
    topics, y = [], box.bottom + GAP
    for topic in theme.published_topics:
        url = reverse("strategy:topic", kwargs={"theme_slug": theme.slug, "topic_slug": topic.slug})
        title = wrap(capfirst(topic.title), TOPIC_CHARS)
        topic_box = Box(
            TOPIC_X, y, THEME_WIDTH - TOPIC_X - MARGIN, title, TOPIC_LINE, TOPIC_FONT, url=url
        )
        topics.append(topic_box)
        y = topic_box.bottom + GAP
    return ThemePicture(theme, number, box, topics, height=y - GAP + MARGIN)


def mission_picture(mission, layout):
    chars, width = MISSION_CHARS[layout]
    heading = Box(MARGIN, MARGIN, width - 2 * MARGIN, [mission.mission_heading], 24, 20)
    lines = [row for line in mission.lines.all() for row in wrap(line.text, chars)]
    body = Box(MARGIN, heading.bottom - BOX_PADDING, width - 2 * MARGIN, lines, MISSION_LINE, 16)
    return MissionPicture(heading, body, width, body.bottom + MARGIN)


def strategy_at_a_glance(mission, themes):
    """The layout of the whole picture: themes need ``published_topics``, as on the home page."""
    return {
        "missions": [mission_picture(mission, layout) for layout in MISSION_CHARS]
        if mission
        else [],
        "themes": [theme_picture(theme, number) for number, theme in enumerate(themes, 1)],
    }
