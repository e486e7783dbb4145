"""The translator's workbench in Chromium: axe finds nothing, and a translator using only the
keyboard tabs to a paragraph, translates it and saves."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from .conftest import VIEWPORTS
from .test_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in_as_translator(page, site):
    from tests.factories import UserFactory

    user = UserFactory(groups=["Vertaler"])
    client = Client()
    client.force_login(get_user_model().objects.get(pk=user.pk))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": site.url}]
    )


def tab_to(page, selector, limit=80):
    """Press Tab until ``selector`` has the focus; fail if it never gets it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} is not reachable with the keyboard")


def test_a_translator_translates_a_paragraph_with_the_keyboard_only(
    page, live_server, settings, transactional_db
):
    from strategy.models import Theme
    from tests.factories import ThemeFactory
    from translations.models import GlossaryTerm

    settings.CSRF_TRUSTED_ORIGINS = [live_server.url]
    GlossaryTerm.objects.create(source_term="scholen", language="en", translation="schools")
    theme = ThemeFactory(
        title_nl="Lerende stad",
        title_en="Learning city",
        body_nl="<p>Gent groeit.</p>\n<p>De stad bouwt <strong>scholen</strong>.</p>",
        body_en="<p>Ghent grows.</p>\n<p>The city builds <strong>schools</strong>.</p>",
    )
    theme.body_nl = "<p>Gent groeit snel.</p>\n<p>De stad bouwt <strong>scholen</strong>.</p>"
    theme.save()
    # Translated before elsewhere: the memory offers it for the changed paragraph.
    ThemeFactory(body_nl="<p>Gent groeit snel.</p>", body_en="<p>Ghent grows fast.</p>")
    log_in_as_translator(page, live_server)
    url = (
        f"{live_server.url}/admin/translations/fieldtranslation/work/strategy.theme/{theme.pk}/en/"
    )
    assert page.goto(url).status == 200

    for viewport in VIEWPORTS.values():
        page.set_viewport_size(viewport)
        violations, report = axe_violations(page)
        assert not violations, report

    title = f'textarea[name="strategy.theme:{theme.pk}:title:0"]'
    tab_to(page, title)
    page.keyboard.press("Control+A")
    page.keyboard.type("City that learns")
    tab_to(page, "button[data-use-suggestion]")
    page.keyboard.press("Enter")  # the suggestion goes into the paragraph, which gets the focus
    first = f'textarea[name="strategy.theme:{theme.pk}:body:0"]'
    assert page.evaluate("(s) => document.activeElement.matches(s)", first)
    assert page.locator(first).input_value() == "<p>Ghent grows fast.</p>"
    tab_to(page, "input[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.locator(".messagelist .success").count() == 1
    theme.refresh_from_db()
    assert theme.title_en == "City that learns"
    assert theme.body_en == (
        "<p>Ghent grows fast.</p>\n<p>The city builds <strong>schools</strong>.</p>"
    )
    assert Theme.objects.get(pk=theme.pk).body_nl.startswith("<p>Gent groeit snel.")
    violations, report = axe_violations(page)
    assert not violations, report


def test_the_progress_page_has_no_axe_violations(page, live_server, transactional_db):
    from tests.factories import ThemeFactory

    ThemeFactory(title_en="", slug_en="", intro_en="")
    log_in_as_translator(page, live_server)
    response = page.goto(f"{live_server.url}/admin/translations/fieldtranslation/progress/")
    assert response.status == 200
    for viewport in VIEWPORTS.values():
        page.set_viewport_size(viewport)
        violations, report = axe_violations(page)
        assert not violations, report
