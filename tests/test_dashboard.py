"""The editors' start page: the admin index lists what waits for the person logged in."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from publishing import workingcopies
from tests.factories import FieldTranslationFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db


def section(page, id_):
    return page.select_one(f"#{id_}").find_parent("section").get_text(" ", strip=True)


def test_start_page_shows_my_drafts_reviews_schedule_recent_and_outdated_translations(
    client, settings, soup
):
    settings.REVIEW_REQUIRED = True
    editor = UserFactory(groups=["Redacteur"])
    reviewer = UserFactory(groups=["Eindredacteur"])
    mine = ThemeFactory(title_nl="Mijn thema")
    waiting = ThemeFactory(title_nl="Ter nalezing")
    ThemeFactory(title_nl="Komt later", publish_from=timezone.now() + datetime.timedelta(days=2))
    workingcopies.save_draft(mine, user=editor)
    copy = workingcopies.save_draft(waiting, user=editor)
    workingcopies.submit(copy, user=editor)
    outdated = ThemeFactory(title_nl="Verouderd", intro_en="Old introduction.")
    FieldTranslationFactory(obj=outdated, field="intro", source_text="Een vroegere inleiding.")

    client.force_login(reviewer)
    page = soup(client.get(reverse("admin:index")))
    assert "Ter nalezing" in section(page, "dashboard-review")
    assert "Komt later" in section(page, "dashboard-scheduled")
    assert "Verouderd" in section(page, "dashboard-translations")

    client.force_login(editor)
    page = soup(client.get(reverse("admin:index")))
    assert page.select_one("#dashboard-review") is None  # an editor reviews nothing
    drafts = section(page, "dashboard-drafts")
    assert "Mijn thema" in drafts and "Ter nalezing" in drafts
    # The list of models is still there.
    assert page.select_one("#content-main .app-strategy")


def test_start_page_query_count_does_not_grow_with_content(
    client, editor, django_assert_max_num_queries
):
    for _ in range(6):
        workingcopies.save_draft(ThemeFactory(), user=editor)
    with django_assert_max_num_queries(40):
        assert client.get(reverse("admin:index")).status_code == 200
