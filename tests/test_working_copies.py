"""Working copies: a change to a live page is a draft until it is published, with review."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from publishing.models import Status, WorkflowStep, WorkingCopy
from publishing.workingcopies import copy_for
from strategy.models import Theme
from tests.admin_helpers import PUBLISH, form_data
from tests.factories import (
    MissionFactory,
    MissionLineFactory,
    PageFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def changes_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_changes", args=[obj.pk])


def edit(client, obj, publish=False, **changes):
    data = form_data(client.get(change_url(obj)), press=None)
    data.update(changes)
    if publish:
        # Posted even where the form does not offer the button (review on, not a reviewer).
        data[PUBLISH] = "1"
    return client.post(change_url(obj), data)


@pytest.fixture
def reviewer(db):
    return UserFactory(username="eindredacteur", groups=["Eindredacteur"])


@pytest.fixture
def review_on(settings):
    settings.REVIEW_REQUIRED = True


def test_a_live_page_keeps_its_text_while_a_draft_is_edited_reviewed_sent_back_and_published(
    client, editor, reviewer, review_on, soup
):
    theme = ThemeFactory(title_nl="Klimaat", intro_nl="De live inleiding.")
    live_url = theme.get_absolute_url()

    response = edit(client, theme, intro_nl="De nieuwe inleiding.")
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.intro_nl == "De live inleiding."
    assert "De live inleiding." in client.get(live_url).content.decode()

    # The form opens with the draft; the public page shows it only as a staff preview.
    assert "De nieuwe inleiding." in client.get(change_url(theme)).content.decode()
    preview = client.get(live_url, {"draft": "1"})
    assert "De nieuwe inleiding." in preview.content.decode()
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    client.logout()
    assert "De live inleiding." in client.get(live_url, {"draft": "1"}).content.decode()

    # The editor submits; the reviewer is told.
    client.force_login(editor)
    client.post(changes_url(theme), {"action": "submit"})
    assert copy_for(theme).state == WorkingCopy.State.IN_REVIEW
    assert [m.to for m in mail.outbox] == [[reviewer.email]]
    assert changes_url(theme) in mail.outbox[0].body

    # With review on, the editor may not publish.
    client.post(changes_url(theme), {"action": "publish"})
    theme.refresh_from_db()
    assert theme.intro_nl == "De live inleiding."

    # The reviewer sends it back with a comment; the author is told.
    client.force_login(reviewer)
    page = soup(client.get(changes_url(theme)))
    changed = [row.th.get_text(strip=True) for row in page.select(".compare-table tbody tr")]
    assert changed == ["Inleiding"] or changed == ["Introduction"]  # only what the draft changes
    assert "De nieuwe inleiding." in page.select_one(".compare-table").get_text()
    client.post(changes_url(theme), {"action": "send_back", "comment": "Korter graag."})
    copy = copy_for(theme)
    assert copy.state == WorkingCopy.State.DRAFT and copy.review_comment == "Korter graag."
    assert mail.outbox[-1].to == [editor.email]
    assert "Korter graag." in mail.outbox[-1].body

    # The editor sees the comment, edits again, submits; the reviewer publishes.
    client.force_login(editor)
    assert "Korter graag." in client.get(change_url(theme)).content.decode()
    edit(client, theme, intro_nl="Kort.")
    client.post(changes_url(theme), {"action": "submit"})
    client.force_login(reviewer)
    client.post(changes_url(theme), {"action": "publish"})

    theme.refresh_from_db()
    assert theme.intro_nl == "Kort."
    assert copy_for(theme) is None
    client.logout()
    assert "Kort." in client.get(live_url).content.decode()
    assert mail.outbox[-1].to == [editor.email]
    steps = list(WorkflowStep.objects.filter(object_id=theme.pk).values_list("action", flat=True))
    assert steps[:2] == ["published", "submitted"] and "sent_back" in steps

    # Every step is in the item's history.
    client.force_login(editor)
    history = client.get(reverse("admin:strategy_theme_history", args=[theme.pk])).content.decode()
    assert "Korter graag." in history
    assert "Published the changes" in history or "Wijzigingen gepubliceerd" in history


def test_without_review_an_editor_saves_and_publishes_in_one_step(client, editor):
    theme = ThemeFactory(intro_nl="Oud.")
    response = edit(client, theme, publish=True, intro_nl="Nieuw.")
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.intro_nl == "Nieuw." and copy_for(theme) is None


def test_with_review_the_publish_button_is_refused_for_an_editor(client, editor, review_on):
    theme = ThemeFactory(intro_nl="Oud.")
    edit(client, theme, publish=True, intro_nl="Nieuw.")
    theme.refresh_from_db()
    assert theme.intro_nl == "Oud."
    assert copy_for(theme).values["intro_nl"] == "Nieuw."


def test_a_draft_item_is_still_edited_directly(client, editor):
    theme = ThemeFactory(status=Status.DRAFT, intro_nl="Oud.")
    edit(client, theme, intro_nl="Nieuw.")
    theme.refresh_from_db()
    assert theme.intro_nl == "Nieuw." and copy_for(theme) is None


def test_a_copy_made_from_an_older_version_is_refused(client, editor):
    theme = ThemeFactory(intro_nl="Oud.")
    edit(client, theme, intro_nl="Mijn wijziging.")
    Theme.objects.filter(pk=theme.pk).update(version=theme.version + 5, intro_nl="Collega.")
    response = client.post(changes_url(theme), {"action": "publish"}, follow=True)
    theme.refresh_from_db()
    assert theme.intro_nl == "Collega."
    assert "was changed after these changes were started" in response.content.decode() or (
        "gewijzigd" in response.content.decode()
    )


def test_mission_lines_are_part_of_the_draft(client, editor):
    mission = MissionFactory()
    first = MissionLineFactory(mission=mission, text_nl="Eerste regel", order=1)
    MissionLineFactory(mission=mission, text_nl="Tweede regel", order=2)
    data = form_data(client.get(change_url(mission)), press=None)
    prefix = next(key for key in data if key.endswith("-0-id")).removesuffix("-0-id")
    data[f"{prefix}-0-text_nl"] = "Eerste regel, herschreven"
    data[f"{prefix}-1-DELETE"] = "on"
    client.post(change_url(mission), data)

    assert list(mission.lines.values_list("text_nl", flat=True)) == [
        "Eerste regel",
        "Tweede regel",
    ]
    home = client.get(mission.get_absolute_url(), {"draft": "1"}).content.decode()
    assert "Eerste regel, herschreven" in home and "Tweede regel" not in home
    # The form shows the draft's lines.
    form = client.get(change_url(mission)).content.decode()
    assert "Eerste regel, herschreven" in form and "Tweede regel" not in form

    client.post(changes_url(mission), {"action": "publish"})
    assert list(mission.lines.values_list("pk", "text_nl")) == [
        (first.pk, "Eerste regel, herschreven")
    ]


def test_service_page_changes_wait_too(client, editor):
    page = PageFactory(status=Status.PUBLISHED)
    old_title = page.title_nl
    edit(client, page, title_nl="Nieuwe titel")
    page.refresh_from_db()
    assert page.title_nl == old_title and copy_for(page) is not None


def test_scheduled_changes_are_published_by_the_command(client, editor):
    theme = ThemeFactory(intro_nl="Oud.")
    edit(client, theme, intro_nl="Later.")
    soon = timezone.localtime() + datetime.timedelta(hours=1)
    client.post(
        changes_url(theme),
        {
            "action": "schedule",
            "publish_at_0": soon.strftime("%d/%m/%Y"),
            "publish_at_1": soon.strftime("%H:%M"),
        },
    )
    copy = copy_for(theme)
    assert copy.state == WorkingCopy.State.APPROVED and copy.publish_at is not None

    call_command("publish_scheduled_changes")
    theme.refresh_from_db()
    assert theme.intro_nl == "Oud."

    WorkingCopy.objects.filter(pk=copy.pk).update(publish_at=timezone.now())
    call_command("publish_scheduled_changes")
    theme.refresh_from_db()
    assert theme.intro_nl == "Later." and copy_for(theme) is None


def test_the_list_shows_which_items_have_unpublished_changes(client, editor, soup):
    changed = ThemeFactory(title_nl="Gewijzigd")
    ThemeFactory(title_nl="Ongewijzigd")
    edit(client, changed, intro_nl="Nieuw.")
    page = soup(client.get(reverse("admin:strategy_theme_changelist")))
    rows = {
        row.select_one("th, td.field-title").get_text(strip=True): row
        for row in page.select("#result_list tbody tr")
    }
    assert rows["Gewijzigd"].select_one(".field-unpublished_changes img[alt=True]")
    assert rows["Ongewijzigd"].select_one(".field-unpublished_changes img[alt=False]")


def test_discarding_leaves_the_live_page(client, editor):
    theme = ThemeFactory(intro_nl="Oud.")
    edit(client, theme, intro_nl="Weg ermee.")
    client.post(changes_url(theme), {"action": "discard"})
    theme.refresh_from_db()
    assert theme.intro_nl == "Oud." and copy_for(theme) is None
    assert client.get(changes_url(theme)).status_code == 404


def test_saving_the_draft_again_after_a_colleagues_change_keeps_that_change(client, editor):
    theme = ThemeFactory(title_nl="Titel", intro_nl="Oud.")
    edit(client, theme, intro_nl="Mijn inleiding.")
    # A colleague publishes another change meanwhile (here: the title, directly).
    edit(client, theme, publish=True, title_nl="Titel van een collega", intro_nl="Oud.")
    theme.refresh_from_db()
    assert theme.title_nl == "Titel van een collega"
    # That publication took the editor's draft with it (one working copy per item): start again.
    edit(client, theme, intro_nl="Mijn inleiding.")
    Theme.objects.filter(pk=theme.pk).update(title_nl="Nog later", version=theme.version + 1)
    response = client.post(changes_url(theme), {"action": "publish"}, follow=True)
    assert copy_for(theme) is not None  # refused: made from an older version
    assert response.status_code == 200
    # Saved again from the form (which shows the newer title), it publishes on top of it.
    edit(client, theme, intro_nl="Mijn inleiding.")
    client.post(changes_url(theme), {"action": "publish"})
    theme.refresh_from_db()
    assert (theme.title_nl, theme.intro_nl) == ("Nog later", "Mijn inleiding.")


def test_bad_workflow_input_is_refused_with_a_message_never_a_500(
    client, editor, reviewer, review_on
):
    theme = ThemeFactory(intro_nl="Oud.")
    edit(client, theme, intro_nl="Nieuw.")
    client.post(changes_url(theme), {"action": "submit"})
    client.force_login(reviewer)
    for data in (
        {"action": "schedule", "publish_at_0": "31/02/2026", "publish_at_1": "25:99"},
        {"action": "schedule", "publish_at_0": "01/01/2020", "publish_at_1": "10:00"},
        {"action": "send_back", "comment": "   "},
        {"action": "nonsense"},
        {"action": "publish\x00"},
    ):
        response = client.post(changes_url(theme), data)
        assert response.status_code in (200, 400), data
    assert copy_for(theme).state == WorkingCopy.State.IN_REVIEW
    theme.refresh_from_db()
    assert theme.intro_nl == "Oud."
    assert client.get(changes_url(theme).replace(str(theme.pk), "999999")).status_code == 404


def test_a_mail_server_that_is_down_does_not_undo_the_step(
    client, editor, reviewer, review_on, monkeypatch
):
    import smtplib

    from publishing import workingcopies

    def down(*args, **kwargs):
        raise smtplib.SMTPConnectError(421, "unavailable")

    monkeypatch.setattr(workingcopies, "send_mail", down)
    theme = ThemeFactory()
    edit(client, theme, intro_nl="Nieuw.")
    assert client.post(changes_url(theme), {"action": "submit"}).status_code == 302
    assert copy_for(theme).state == WorkingCopy.State.IN_REVIEW


def test_side_by_side_preview_of_any_item_in_either_language(client, editor, soup):
    draft = ThemeFactory(status=Status.DRAFT, title_nl="Nog niet online")
    form = soup(client.get(change_url(draft)))
    link = form.find("a", href=reverse("admin:strategy_theme_preview", args=[draft.pk]))
    assert link is not None
    page = soup(client.get(link["href"], {"lang": "en"}))
    frames = page.select(".preview-frames iframe")
    assert len(frames) == 2
    assert {frame["src"] for frame in frames} == {f"{draft.get_absolute_url()}?draft=1"} or all(
        frame["src"].startswith("/en/") for frame in frames
    )
    assert all(frame.get("title") for frame in frames)
    framed = client.get(frames[0]["src"])
    assert framed.status_code == 200 and framed["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in framed["Content-Security-Policy"]
    assert client.get(reverse("admin:strategy_theme_preview", args=[999999])).status_code == 404


def test_a_line_added_in_the_draft_survives_saving_the_draft_again(client, editor):
    mission = MissionFactory()
    MissionLineFactory(mission=mission, text_nl="Bestaande regel", order=1)
    data = form_data(client.get(change_url(mission)), press=None)
    prefix = next(key for key in data if key.endswith("-TOTAL_FORMS")).removesuffix("-TOTAL_FORMS")
    data[f"{prefix}-TOTAL_FORMS"] = "2"
    data[f"{prefix}-1-text_nl"] = "Nieuwe regel"
    data[f"{prefix}-1-order"] = "2"
    client.post(change_url(mission), data)
    assert mission.lines.count() == 1

    # Opened and saved again untouched: the new line is still in the draft.
    again = form_data(client.get(change_url(mission)), press=None)
    assert "Nieuwe regel" in again.values()
    client.post(change_url(mission), again)
    client.post(changes_url(mission), {"action": "publish"})
    assert list(mission.lines.values_list("text_nl", flat=True)) == [
        "Bestaande regel",
        "Nieuwe regel",
    ]


def test_a_live_topic_changed_in_its_themes_rows_waits_too(client, editor):
    from strategy.models import Topic
    from tests.factories import TopicFactory

    theme = ThemeFactory()
    topic = TopicFactory(theme=theme, title_nl="Wonen", order=1)
    TopicFactory(theme=theme, order=2)
    data = form_data(client.get(change_url(theme)), press=None)
    prefix = next(key for key in data if key.endswith("-0-title_nl")).removesuffix("-0-title_nl")
    row = next(
        i for i in range(2) if data[f"{prefix}-{i}-id"] == str(topic.pk)
    )  # the rows follow the topics' order
    data[f"{prefix}-{row}-title_nl"] = "Betaalbaar wonen"
    data[f"{prefix}-{row}-order"] = "3"
    client.post(change_url(theme), data)

    topic.refresh_from_db()
    assert topic.title_nl == "Wonen"  # live text unchanged
    assert topic.order == 3  # its place in the list is not part of a change
    assert copy_for(topic).values == {"title_nl": "Betaalbaar wonen"}

    client.post(changes_url(topic), {"action": "publish"})
    assert Topic.objects.get(pk=topic.pk).title_nl == "Betaalbaar wonen"


def test_a_topic_row_saved_elsewhere_since_the_form_opened_is_not_overwritten(client, editor):
    from strategy.models import Topic
    from tests.admin_helpers import errors_of
    from tests.factories import TopicFactory

    theme = ThemeFactory(status=Status.DRAFT)
    topic = TopicFactory(theme=theme, status=Status.DRAFT, title_nl="Wonen")
    data = form_data(client.get(change_url(theme)))
    prefix = next(key for key in data if key.endswith("-0-title_nl")).removesuffix("-0-title_nl")
    Topic.objects.filter(pk=topic.pk).update(title_nl="Van een collega", version=topic.version + 1)
    data[f"{prefix}-0-title_nl"] = "Mijn titel"
    response = client.post(change_url(theme), data)
    assert response.status_code == 200
    assert any("Iemand anders" in e or "Someone else" in e for e in errors_of(response))
    assert Topic.objects.get(pk=topic.pk).title_nl == "Van een collega"
    # Unchanged rows are not checked: the same form without the row change saves.
    data[f"{prefix}-0-title_nl"] = "Van een collega"
    data[f"{prefix}-0-loaded_version"] = str(topic.version)
    assert client.post(change_url(theme), data).status_code == 302


def test_a_change_note_written_with_a_draft_appears_when_the_change_is_published(client, editor):
    from publishing.models import ChangeNote

    theme = ThemeFactory(intro_nl="Oud.")
    edit(
        client,
        theme,
        intro_nl="Een herschreven doel.",
        significant_change="on",
        change_note_nl="Het doel is herschreven.",
    )
    assert not ChangeNote.objects.exists()  # the live page did not change yet
    client.post(changes_url(theme), {"action": "publish"})
    note = ChangeNote.objects.get()
    assert note.item == theme and note.text_nl == "Het doel is herschreven."
    assert note.author == editor


def test_a_saved_draft_comes_back_to_the_form_with_the_lists_filters(client, editor):
    theme = ThemeFactory()
    url = change_url(theme) + "?_changelist_filters=q%3DKlimaat"
    data = form_data(client.get(url), press=None)
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == url
