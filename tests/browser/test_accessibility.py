"""axe-core finds no WCAG 2.0/2.1 A/AA or best-practice violation on any page, phone or desktop."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import VIEWPORTS
from .pages import PAGES

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# Django's own admin markup that we do not write and should not fork; on admin pages these parts
# are checked separately with the rules below switched off, everything else gets every rule.
# - `.inline-group .tabular`: TabularInline puts each form field in a table cell with the column
#   header as its only caption (no <label>, no aria-label), leaves the "original" header cell
#   empty, and styles "View on site" as grey link text without underline.
# (The split date/time widget had bare "Date:"/"Time:" text; strategy.widgets.LabelledSplitDateTime
# gives its inputs real labels, so `.datetime` gets every rule now.)
DJANGO_ADMIN_MARKUP = [".inline-group .tabular"]
DJANGO_ADMIN_RULES_OFF = [
    "label",
    "select-name",
    "label-title-only",
    "empty-table-header",
    "link-in-text-block",
]


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
    if not target.admin:
        violations, report = axe_violations(page)
        assert not violations, report
        return
    present = [selector for selector in DJANGO_ADMIN_MARKUP if page.locator(selector).count()]
    violations, report = axe_violations(
        page, context={"exclude": [[selector] for selector in present]} if present else None
    )
    assert not violations, report
    if present:
        violations, report = axe_violations(
            page,
            context={"include": [[selector] for selector in present]},
            rules_off=DJANGO_ADMIN_RULES_OFF,
        )
        assert not violations, report


@pytest.mark.parametrize("target", [page for page in PAGES if not page.admin], ids=str)
def test_dark_colour_scheme_has_no_axe_violations(visit, target):
    """The stylesheet has a dark palette (prefers-color-scheme): its contrast is checked too."""
    page = visit(target)
    page.emulate_media(color_scheme="dark")
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    violations, report = axe_violations(page)
    assert not violations, report
