"""Keyboard use: the skip link comes first, every control is reachable and visibly focused, and the
language switcher works without a mouse."""

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from .conftest import VIEWPORTS
from .pages import PUBLIC_PAGES

pytestmark = pytest.mark.browser

# Everything a keyboard user must be able to reach, numbered so that focus can be followed.
MARK_INTERACTIVE = """() => {
  const selector =
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
  const visible = (el) =>
    el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  // A group of radio buttons is one Tab stop (arrow keys move inside it): its checked button, or
  // the first one when none is checked.
  const tabStopOfGroup = (el) => {
    if (el.type !== 'radio' || !el.name) return true;
    const group = [...el.form.querySelectorAll(`input[type=radio][name="${el.name}"]`)];
    return el === (group.find((radio) => radio.checked) || group[0]);
  };
  const found = [...document.querySelectorAll(selector)]
    .filter((el) => el.tabIndex >= 0 && !el.disabled)
    .filter(tabStopOfGroup)
    .filter((el) => visible(el) || el.classList.contains('skip-link'));
  found.forEach((el, index) => { el.dataset.kbd = index; });
  return found.map((el) => el.outerHTML.slice(0, 120));
}"""

# How the focused element is drawn: what `:focus-visible` may change.
FOCUS_STYLE = """(el) => {
  const s = getComputedStyle(el);
  return {outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
          outlineWidth: parseFloat(s.outlineWidth) || 0, outlineStyle: s.outlineStyle,
          shadow: s.boxShadow};
}"""

FOCUSED = """() => {
  const el = document.activeElement;
  return el && el.dataset.kbd !== undefined ? Number(el.dataset.kbd) : null;
}"""


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(visit):
    page = visit(PUBLIC_PAGES[0])
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_class("skip-link")
    box = skip.bounding_box()
    assert box and box["y"] >= 0 and box["height"] > 0, "the focused skip link must be on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab continues inside main, not back at the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
@pytest.mark.parametrize("target", PUBLIC_PAGES, ids=str)
def test_every_control_is_reachable_by_tab_and_visibly_focused(visit, target, viewport):
    page = visit(target, viewport)
    interactive = page.evaluate(MARK_INTERACTIVE)
    assert interactive, "a page with nothing to reach is not what this test is for"
    unfocused = {
        index: page.locator(f"[data-kbd='{index}']").evaluate(FOCUS_STYLE)
        for index in range(len(interactive))
    }
    reached = []
    for _ in range(len(interactive) + 5):
        page.keyboard.press("Tab")
        index = page.evaluate(FOCUSED)
        if index is None or index in reached:
            break
        reached.append(index)
        focused = page.locator(f"[data-kbd='{index}']").evaluate(FOCUS_STYLE)
        ring = (focused["outlineStyle"] != "none" and focused["outlineWidth"] >= 2) or (
            focused["shadow"] != "none"
        )
        changed = (focused["outline"], focused["shadow"]) != (
            unfocused[index]["outline"],
            unfocused[index]["shadow"],
        )
        assert ring and changed, f"no visible focus on {interactive[index]}: {focused}"
    missing = [interactive[i] for i in range(len(interactive)) if i not in reached]
    assert not missing, f"not reachable by Tab: {missing}"
    assert reached == sorted(reached), "Tab order must follow the reading order"


@pytest.mark.parametrize("target", [p for p in PUBLIC_PAGES if p.status == 200], ids=str)
def test_language_switcher_works_by_keyboard(visit, target):
    page = visit(target)
    address = urlparse(page.url)
    start = address.path + (f"?{address.query}" if address.query else "")
    language = page.evaluate("document.documentElement.lang")
    switch = page.locator(".language-switcher a").first
    other, expected = switch.get_attribute("hreflang"), switch.get_attribute("href")
    assert other != language
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.language-switcher') !== null"):
            break
    else:
        pytest.fail("Tab never reached the language switcher")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(expected)
    assert page.evaluate("document.documentElement.lang") == other
    # The same page in the other language: its switcher points back to where we came from.
    assert page.locator(".language-switcher a").first.get_attribute("href") == start
