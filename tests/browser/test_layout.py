"""Reflow (WCAG 1.4.10): at 200 % zoom and at 320 px nothing scrolls sideways or is cut off."""

import pytest

from .pages import PUBLIC_PAGES

pytestmark = pytest.mark.browser

# 200 % zoom of a 1280 px window lays the page out in 640 CSS px; 320 px is WCAG's reflow width
# (and what 400 % zoom of 1280 px gives).
NARROW = {
    "zoom-200": {"width": 640, "height": 400},
    "320px": {"width": 320, "height": 640},
}

# Elements whose content is wider than their box while overflow hides it, or whose box sticks out
# of the viewport: text a visitor cannot see. The skip link hides off-screen on purpose.
CLIPPED = """() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.skip-link') || !el.getClientRects().length) continue;
    // Visually hidden on purpose (a label read only by screen readers, the feedback honeypot):
    // a 1 px box with its content clipped is how such text is hidden, not content a visitor lost.
    const box = el.getBoundingClientRect();
    if (el.closest('[aria-hidden="true"]') || (box.width <= 1 && box.height <= 1)) continue;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    if (rect.right > width + 1 || rect.left < -1) {
      problems.push(`outside the viewport: ${el.outerHTML.slice(0, 100)}`);
    } else if (['hidden', 'clip'].includes(style.overflowX)
               && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`cut off: ${el.outerHTML.slice(0, 100)}`);
    }
  }
  return problems;
}"""


@pytest.mark.parametrize("viewport", NARROW.values(), ids=NARROW.keys())
@pytest.mark.parametrize("target", PUBLIC_PAGES, ids=str)
def test_no_horizontal_scrolling_or_clipped_content(visit, target, viewport):
    page = visit(target, viewport)
    scroll = page.evaluate(
        "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    assert scroll[0] <= scroll[1], f"the page scrolls sideways: {scroll[0]} px in {scroll[1]} px"
    assert page.evaluate(CLIPPED) == []
