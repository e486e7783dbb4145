"""In Chromium with JavaScript switched off: search and feedback work, and set no cookies.

(axe-core, keyboard and reflow checks of the search, open-data, feedback and service pages come
from the central page list in pages.py.)
"""

import pytest

from participation.models import Feedback
from strategy.models import Theme

pytestmark = pytest.mark.browser


@pytest.fixture
def visitor(site, browser, browser_context_args):
    """A tab with JavaScript off: everything a citizen does must work without it."""
    context = browser.new_context(
        **browser_context_args, java_script_enabled=False, base_url=site.url
    )
    tab = context.new_page()
    yield tab
    assert context.cookies() == [], "a visitor who reads, searches or gives feedback gets no cookie"
    context.close()


def test_header_search_finds_and_highlights(visitor):
    visitor.goto("/nl/")
    visitor.fill("#site-search-q", "wonen")
    visitor.press("#site-search-q", "Enter")
    assert visitor.url.endswith("/nl/zoeken/?q=wonen")
    assert visitor.locator(".search-result mark").count() > 0


def test_feedback_form_works_without_javascript(visitor):
    visitor.goto(f"/nl/{Theme.objects.published().first().slug_nl}/")
    visitor.check("#feedback-yes")
    visitor.fill("#feedback-suggestion", "Duidelijk, dank je!")
    visitor.click("form.feedback-form button[type=submit]")
    assert visitor.locator("h1").inner_text() == "Bedankt voor je feedback"
    [item] = Feedback.objects.all()
    assert item.helpful and item.suggestion == "Duidelijk, dank je!"
