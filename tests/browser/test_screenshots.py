"""Screenshots of the main page types, both languages, phone and desktop, for people to look at.

Written to artifacts/screenshots/ (CI keeps the folder); the README shows a copy from
docs/screenshots/ (refresh it with `make screenshots`). Viewport-sized, not full-page: small files.
"""

import pytest

from .conftest import VIEWPORTS
from .pages import PAGES

pytestmark = pytest.mark.browser

SHOWN = [page for page in PAGES if page.name.split("-")[0] in {"home", "theme", "topic"}]


@pytest.mark.parametrize("viewport", VIEWPORTS.keys())
@pytest.mark.parametrize("target", SHOWN, ids=str)
def test_screenshot_in_the_city_typeface(visit, artifacts, target, viewport):
    page = visit(target, VIEWPORTS[viewport])
    page.evaluate("document.fonts.ready")
    # What the screenshot shows is the page as designed: Fira Sans, not a fallback font.
    assert page.evaluate("""() => document.fonts.check('700 16px "Fira Sans"')
                                  && document.fonts.check('400 16px "Fira Sans"')""")
    assert page.evaluate("[...document.fonts].some((f) => f.status === 'loaded')")
    path = artifacts / f"{target.name}-{viewport}.png"
    page.screenshot(path=path, animations="disabled", caret="hide")
    assert path.stat().st_size > 5_000


@pytest.mark.parametrize("viewport", VIEWPORTS.keys())
@pytest.mark.parametrize("language", ["nl", "en"])
def test_screenshot_of_the_strategy_at_a_glance(visit, artifacts, language, viewport):
    home = next(page for page in PAGES if page.name == f"home-{language}")
    page = visit(home, VIEWPORTS[viewport])
    page.evaluate("document.fonts.ready")
    picture = page.locator(".glance")
    assert picture.count() == 1
    path = artifacts / f"glance-{language}-{viewport}.png"
    picture.screenshot(path=path, animations="disabled", caret="hide")
    assert path.stat().st_size > 5_000
