"""The strategy at a glance on the home page, and the whole strategy printed by Chromium itself.

(axe-core, keyboard and reflow for the "what changed" and document pages: tests/browser/pages.py
lists them, so test_accessibility, test_keyboard and test_layout cover them.)
"""

import io

import pypdf
import pytest
from django.conf import settings
from django.utils import translation

from strategy.models import Mission, Theme

from .test_accessibility import axe_violations

pytestmark = pytest.mark.browser

PICTURE_LINKS = (
    "() => [...document.querySelectorAll('.glance svg a')].map(a => a.getAttribute('href'))"
)
BOX_STYLE = """(a) => {
  const s = getComputedStyle(a.querySelector('rect'));
  return {fill: s.fill, stroke: s.stroke, width: s.strokeWidth};
}"""


def expected_links(language):
    """Every published theme and topic, in order, as the database has them."""
    with translation.override(language):
        links = []
        for theme in Theme.objects.published().with_published_topics():
            links.append(theme.get_absolute_url())
            links += [
                f"{theme.get_absolute_url()}{topic.slug}/" for topic in theme.published_topics
            ]
        return links


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_theme_and_topic_of_the_picture_is_reached_by_tab_with_a_visible_focus(
    site, page, language
):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site.url}/{language}/")
    links = page.evaluate(PICTURE_LINKS)
    assert links == expected_links(language)
    assert len(links) == 4 + 20  # the shipped strategy: four themes, twenty topics

    page.locator(".glance__intro a").focus()  # the link just before the picture
    reached = []
    for _ in range(len(links)):
        page.keyboard.press("Tab")
        focused = page.locator(":focus")
        reached.append(focused.get_attribute("href"))
        style = focused.evaluate(BOX_STYLE)
        assert style["fill"] == "rgb(255, 219, 90)", style  # the box turns yellow
        assert style["width"] == "4px", style
        assert focused.evaluate("a => getComputedStyle(a).outlineStyle") != "none"
    assert reached == links
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.glance')") is None

    # And Enter follows the focused link.
    page.locator(".glance svg a").nth(1).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == site.url + links[1]


def test_the_picture_reflows_from_320_px_to_a_wide_screen(site, page):
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(f"{site.url}/nl/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    themes = page.locator(".glance__theme")
    boxes = [themes.nth(i).bounding_box() for i in range(themes.count())]
    assert len({round(box["x"]) for box in boxes}) == 1, "one column on a phone"
    assert page.locator(".glance__mission--narrow").is_visible()
    assert not page.locator(".glance__mission--wide").is_visible()
    # Text stays readable: a topic's label is drawn at 14 CSS px or more.
    label = page.locator(".glance__topics text").first.bounding_box()
    assert label["height"] >= 14
    for link in page.locator(".glance svg a").all():
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320

    page.set_viewport_size({"width": 1400, "height": 900})
    boxes = [themes.nth(i).bounding_box() for i in range(themes.count())]
    assert len({round(box["y"]) for box in boxes}) == 1, "four themes side by side"
    assert page.locator(".glance__mission--wide").is_visible()
    assert page.locator(".glance__topics text").first.bounding_box()["height"] >= 13


def test_the_picture_follows_the_dark_scheme_and_stays_axe_clean(site, page):
    page.goto(f"{site.url}/nl/")
    light = page.locator(".glance__topics rect").first.evaluate("r => getComputedStyle(r).fill")
    violations, report = axe_violations(page, context=".glance")
    assert not violations, report
    page.emulate_media(color_scheme="dark")
    dark = page.locator(".glance__topics rect").first.evaluate("r => getComputedStyle(r).fill")
    assert light == "rgb(255, 255, 255)"
    assert dark != light
    violations, report = axe_violations(page, context=".glance")
    assert not violations, report


def test_the_picture_prints(site, page):
    page.goto(f"{site.url}/nl/")
    page.emulate_media(media="print")
    assert page.locator(".glance__theme").first.is_visible()
    assert page.locator(".glance svg a").count() == 24
    _reader, text = pdf_text(page.pdf(format="A4"))
    assert Theme.objects.published().first().title_nl in text


def page_words(pdf_page):
    return " ".join((pdf_page.extract_text() or "").split()).lower()


def pdf_text(pdf):
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return reader, "\n".join(p.extract_text() for p in reader.pages)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_chromium_prints_the_whole_strategy_on_a4_with_every_address(site, page, language):
    with translation.override(language):
        from django.urls import reverse

        path = reverse("strategy:document")
    page.goto(site.url + path)
    reader, text = pdf_text(page.pdf(prefer_css_page_size=True, print_background=True))
    # Words as a reader finds them (topic titles are shown with a capital first letter).
    flat = " ".join(text.split()).lower()

    # A4 (595 × 842 points), several pages: each theme starts on its own.
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)
    mission = Mission.objects.get()
    with translation.override(language):
        expected = [mission.mission_heading, *[line.text for line in mission.lines.all()]]
        themes = list(Theme.objects.published().with_published_topics())
        for theme in themes:
            expected += [theme.title, theme.intro]
            expected += [topic.title for topic in theme.published_topics]
            expected.append(settings.PUBLIC_ORIGIN + theme.get_absolute_url())
    missing = [words for words in expected if " ".join(words.split()).lower() not in flat]
    assert not missing, missing
    assert len(reader.pages) > len(themes)
    # Each theme starts a page: its numbered heading ("2. …") is on a page of its own.
    starts = []
    for number, theme in enumerate(themes, 1):
        with translation.override(language):
            heading = f"{number}. {theme.title}".lower()
        found = [i for i, p in enumerate(reader.pages) if heading in page_words(p)]
        assert found, (heading, [page_words(p)[:300] for p in reader.pages])
        starts.append(found[0])
    assert len(set(starts)) == len(themes) and starts == sorted(starts), starts
    # No navigation on paper.
    assert "naar de inhoud" not in flat and "skip to main content" not in flat
    assert page.locator(".site-header").is_visible()  # on screen it is there
