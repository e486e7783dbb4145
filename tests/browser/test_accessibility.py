"""axe-core finds no WCAG 2.0/2.1 A/AA or best-practice violation on any page, phone or desktop."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import VIEWPORTS
from .pages import PAGES

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# Admin pages get every rule too. Django's own markup needed help for that, given by our static
# files (no fork of Django's templates): the tabular inlines' inputs are labelled by their column
# header and row, and their empty title column header is named (tabular-inline-labels.js); the
# split date/time widget labels its inputs (publishing.widgets.LabelledSplitDateTime); the language
# tabs put the tab role on the link, not the list item, and the language select has a label
# (language-tabs.js); the rich text area takes its field's label (prose-editor.js).


def axe_violations(page, context=None, rules_off=()):
    options = {
        "runOnly": {"type": "tag", "values": AXE_TAGS},
        "rules": {rule: {"enabled": False} for rule in rules_off},
        "resultTypes": ["violations"],
    }
    results = Axe().run(page, context=context, options=options)
    return results.response["violations"], results.generate_report()


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
@pytest.mark.parametrize("target", PAGES, ids=str)
def test_page_has_no_axe_violations(visit, target, viewport):
    page = visit(target, viewport)
    violations, report = axe_violations(page)
    assert not violations, report


@pytest.mark.parametrize("target", [page for page in PAGES if not page.admin], ids=str)
def test_dark_colour_scheme_has_no_axe_violations(visit, target):
    """The stylesheet has a dark palette (prefers-color-scheme): its contrast is checked too."""
    page = visit(target)
    page.emulate_media(color_scheme="dark")
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    violations, report = axe_violations(page)
    assert not violations, report
