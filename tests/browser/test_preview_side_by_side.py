"""The unpublished changes of a live page, previewed side by side at phone and desktop width."""

import pytest

from .conftest import log_in_as_superuser
from .test_accessibility import axe_violations

pytestmark = pytest.mark.browser


def speak_dutch(page, site):
    """The admin in Dutch, as the editors' guide shows it (the language cookie it sets)."""
    page.context.add_cookies([{"name": "django_language", "value": "nl", "url": site.url}])


def test_draft_is_shown_at_phone_and_desktop_width_in_either_language(site, page, artifacts):
    from django.contrib.auth import get_user_model

    from publishing import workingcopies
    from strategy.models import Theme

    theme = Theme.objects.published().first()
    live_intro = theme.intro_nl
    theme.intro_nl = "Een voorbereide nieuwe inleiding."
    theme.intro_en = "A prepared new introduction."
    log_in_as_superuser(page, site)
    speak_dutch(page, site)
    workingcopies.save_draft(theme, user=get_user_model().objects.get(username="editor"))

    page.goto(f"{site.url}/admin/strategy/theme/{theme.pk}/changes/")
    phone = page.frame_locator(".preview-phone iframe")
    desktop = page.frame_locator(".preview-desktop iframe")
    for frame in (phone, desktop):
        frame.get_by_text("Een voorbereide nieuwe inleiding.").wait_for()
    inner_width = "body => body.ownerDocument.defaultView.innerWidth"
    assert 360 <= phone.locator("body").evaluate(inner_width) <= 380
    # The desktop frame lays the page out at desktop width, drawn at half size.
    assert desktop.locator("body").evaluate(inner_width) >= 1200
    assert page.locator(".preview-desktop iframe").bounding_box()["width"] <= 660
    violations, report = axe_violations(page)
    assert not violations, report
    # For the editors' guide (docs/editors.md).
    page.screenshot(path=artifacts / "editors-changes.png", full_page=True)

    page.get_by_role("link", name="English", exact=True).click()
    phone.get_by_text("A prepared new introduction.").wait_for()

    # Visitors still see the live text.
    assert Theme.objects.get(pk=theme.pk).intro_nl == live_intro


def test_editors_start_page_has_no_axe_violations(site, page, artifacts):
    from django.contrib.auth import get_user_model

    from publishing import workingcopies
    from strategy.models import Theme

    log_in_as_superuser(page, site)
    speak_dutch(page, site)
    editor = get_user_model().objects.get(username="editor")
    workingcopies.save_draft(Theme.objects.published().first(), user=editor)
    page.goto(f"{site.url}/admin/")
    page.locator("#dashboard-drafts").wait_for()
    violations, report = axe_violations(page)
    assert not violations, report
    page.screenshot(path=artifacts / "editors-start.png")
