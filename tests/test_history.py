"""History: every admin save keeps a revision; compare two; restore one; recover a deleted item."""

import pytest
from django.urls import reverse
from django.utils import translation
from reversion.models import Version

from publishing.freshness import content_version
from strategy.models import Mission, Theme, Topic
from tests.admin_helpers import errors_of, form_data
from tests.factories import MissionFactory, MissionLineFactory, ThemeFactory, TopicFactory

pytestmark = pytest.mark.django_db


def save_in_admin(client, obj, **changes):
    url = reverse(f"admin:strategy_{obj._meta.model_name}_change", args=[obj.pk])
    data = form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    return response


def test_every_save_keeps_a_revision_with_who_and_when(client, editor, soup):
    theme = ThemeFactory(title_nl="Een", title_en="One")
    save_in_admin(client, theme, title_nl="Twee", title_en="Two")
    save_in_admin(client, theme, title_nl="Drie", title_en="Three")
    versions = Version.objects.get_for_object(theme)
    assert versions.count() == 2
    assert {v.revision.user for v in versions} == {editor}
    page = soup(client.get(reverse("admin:strategy_theme_history", args=[theme.pk])))
    assert editor.username in page.select_one("#change-history").get_text()


def test_restore_brings_back_both_languages_and_is_live_at_once(client, editor):
    theme = ThemeFactory(title_nl="Een", title_en="One", intro_nl="Eerst.", intro_en="First.")
    save_in_admin(client, theme, title_nl="Een", title_en="One")  # first revision
    save_in_admin(client, theme, title_nl="Twee", title_en="Two", intro_en="Then.")
    oldest = Version.objects.get_for_object(theme).order_by("revision__date_created").first()
    revision_url = reverse("admin:strategy_theme_revision", args=[theme.pk, oldest.pk])
    data = form_data(client.get(revision_url))
    assert data["title_nl"] == "Een" and data["title_en"] == "One"
    version = content_version()
    response = client.post(revision_url, data)
    assert response.status_code == 302, errors_of(response)
    assert content_version() > version
    theme.refresh_from_db()
    assert (theme.title_nl, theme.title_en, theme.intro_en) == ("Een", "One", "First.")
    assert theme.version > oldest.field_dict["version"]
    client.logout()
    with translation.override("en"):
        assert "One" in client.get(theme.get_absolute_url()).content.decode()
    with translation.override("nl"):
        assert "Een" in client.get(theme.get_absolute_url()).content.decode()


def test_a_restore_does_not_reuse_an_old_version_number(client, editor):
    """After a restore, a form opened before it is still refused (nothing silently overwritten)."""
    theme = ThemeFactory(title_nl="Een")
    save_in_admin(client, theme, title_nl="Een")
    save_in_admin(client, theme, title_nl="Twee")
    change_url = reverse("admin:strategy_theme_change", args=[theme.pk])
    open_elsewhere = form_data(client.get(change_url))
    oldest = Version.objects.get_for_object(theme).order_by("revision__date_created").first()
    revision_url = reverse("admin:strategy_theme_revision", args=[theme.pk, oldest.pk])
    client.post(revision_url, form_data(client.get(revision_url)))
    response = client.post(change_url, {**open_elsewhere, "title_nl": "Drie"})
    assert response.status_code == 200
    theme.refresh_from_db()
    assert theme.title_nl == "Een"


def test_mission_restore_brings_back_its_lines(client, editor):
    mission = MissionFactory()
    line = MissionLineFactory(mission=mission, text_nl="Oorspronkelijk", text_en="Original")
    save_in_admin(client, mission)
    url = reverse("admin:strategy_mission_change", args=[mission.pk])
    data = form_data(client.get(url))
    for key in data:
        if key.endswith("-text_nl"):
            data[key] = "Gewijzigd"
        if key.endswith("-text_en"):
            data[key] = "Changed"
    assert client.post(url, data).status_code == 302
    line.refresh_from_db()
    assert line.text_nl == "Gewijzigd"
    oldest = Version.objects.get_for_object(mission).order_by("revision__date_created").first()
    revision_url = reverse("admin:strategy_mission_revision", args=[mission.pk, oldest.pk])
    assert client.post(revision_url, form_data(client.get(revision_url))).status_code == 302
    line.refresh_from_db()
    assert (line.text_nl, line.text_en) == ("Oorspronkelijk", "Original")
    assert Mission.objects.count() == 1


def test_the_shipped_text_is_restored_from_the_first_version(client, editor, content):
    theme = Theme.objects.get(slug_nl="stad-van-kansen")
    shipped = (theme.title_nl, theme.intro_nl, theme.title_en, theme.intro_en)
    save_in_admin(client, theme, title_nl="Kansen voor iedereen", intro_en="Rewritten.")
    [first] = Version.objects.get_for_object(theme).order_by("revision__date_created")[:1]
    revision_url = reverse("admin:strategy_theme_revision", args=[theme.pk, first.pk])
    response = client.post(revision_url, form_data(client.get(revision_url)))
    assert response.status_code == 302, errors_of(response)
    theme.refresh_from_db()
    assert (theme.title_nl, theme.intro_nl, theme.title_en, theme.intro_en) == shipped
    client.logout()
    assert shipped[0] in client.get(theme.get_absolute_url()).content.decode()


def test_restoring_a_theme_leaves_its_topics_as_they_are_now(client, editor):
    """A theme's history is the theme's own: its topics have their own history."""
    theme = ThemeFactory(title_nl="Een")
    changed = TopicFactory(theme=theme, title_nl="wonen")
    save_in_admin(client, theme)  # the version to go back to
    save_in_admin(client, changed, title_nl="betaalbaar wonen")
    added = TopicFactory(theme=theme, title_nl="fietsen")
    save_in_admin(client, theme, title_nl="Twee")
    oldest = Version.objects.get_for_object(theme).order_by("revision__date_created").first()
    revision_url = reverse("admin:strategy_theme_revision", args=[theme.pk, oldest.pk])
    response = client.post(revision_url, form_data(client.get(revision_url)))
    assert response.status_code == 302, errors_of(response)
    theme.refresh_from_db()
    assert theme.title_nl == "Een"
    assert set(theme.topics.values_list("title_nl", flat=True)) == {"betaalbaar wonen", "fietsen"}
    assert Topic.objects.filter(pk=added.pk).exists()


def test_compare_shows_field_by_field_differences_per_language(client, editor, soup):
    theme = ThemeFactory(title_nl="Een", title_en="One")
    save_in_admin(client, theme)
    save_in_admin(client, theme, title_nl="Twee", intro_en="Something new.")
    newest, oldest = Version.objects.get_for_object(theme).order_by("-revision__date_created")
    history = soup(client.get(reverse("admin:strategy_theme_history", args=[theme.pk])))
    assert history.select("input[type=radio][name=from]")
    response = client.get(
        reverse("admin:strategy_theme_compare", args=[theme.pk]),
        {"from": oldest.pk, "to": newest.pk},
    )
    assert response.status_code == 200
    rows = [
        [cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])]
        for tr in soup(response).select(".compare-table tbody tr")
    ]
    assert ["Titel", "NL", "Een", "Twee"] in rows or ["Title", "NL", "Een", "Twee"] in rows
    assert any(row[1] == "EN" and row[3] == "Something new." for row in rows)
    assert not any(row[1] == "EN" and row[2] == "One" for row in rows)  # unchanged: not listed


def test_a_deleted_theme_is_recovered_with_both_languages(client, editor, soup):
    theme = ThemeFactory(title_nl="Verloren", title_en="Lost")
    save_in_admin(client, theme)
    pk = theme.pk
    client.post(reverse("admin:strategy_theme_delete", args=[pk]), {"post": "yes"})
    assert not Theme.objects.filter(pk=pk).exists()
    recover_list = soup(client.get(reverse("admin:strategy_theme_recoverlist")))
    assert "Verloren" in recover_list.get_text()
    deleted = Version.objects.get_deleted(Theme).get(object_id=str(pk))
    recover_url = reverse("admin:strategy_theme_recover", args=[deleted.pk])
    version = content_version()
    response = client.post(recover_url, form_data(client.get(recover_url)))
    assert response.status_code == 302, errors_of(response)
    assert content_version() > version
    recovered = Theme.objects.get(pk=pk)
    assert (recovered.title_nl, recovered.title_en) == ("Verloren", "Lost")


def test_compare_needs_two_versions_of_that_item(client, editor):
    theme, other = ThemeFactory(), ThemeFactory()
    save_in_admin(client, theme)
    save_in_admin(client, other)
    foreign = Version.objects.get_for_object(other).first()
    own = Version.objects.get_for_object(theme).first()
    url = reverse("admin:strategy_theme_compare", args=[theme.pk])
    assert client.get(url, {"from": foreign.pk, "to": own.pk}).status_code == 404
    assert client.get(url, {"from": "x", "to": own.pk}).status_code == 404
    client.logout()
    assert client.get(url, {"from": own.pk, "to": own.pk}).status_code == 302  # to the login


def test_compare_of_the_mission_shows_its_lines(client, editor, soup):
    mission = MissionFactory()
    MissionLineFactory(mission=mission, text_nl="Oude regel", text_en="Old line")
    save_in_admin(client, mission)
    url = reverse("admin:strategy_mission_change", args=[mission.pk])
    data = form_data(client.get(url))
    key = next(key for key in data if key.endswith("-text_nl"))
    data[key] = "Nieuwe regel"
    assert client.post(url, data).status_code == 302
    newest, oldest = Version.objects.get_for_object(mission).order_by("-revision__date_created")
    response = client.get(
        reverse("admin:strategy_mission_compare", args=[mission.pk]),
        {"from": oldest.pk, "to": newest.pk},
    )
    rows = [
        [cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])]
        for tr in soup(response).select(".compare-table tbody tr")
    ]
    assert any(row[1:] == ["NL", "Oude regel", "Nieuwe regel"] for row in rows), rows
    assert not any(row[1] == "EN" for row in rows)  # the English line did not change


def test_a_restore_brings_back_the_text_not_the_old_place_in_the_list(client, editor):
    theme = ThemeFactory(title_nl="Een", order=1)
    ThemeFactory(order=2)
    save_in_admin(client, theme, title_nl="Een")
    save_in_admin(client, theme, title_nl="Twee")
    Theme.objects.filter(pk=theme.pk).update(order=5)  # dragged down the list since
    oldest = Version.objects.get_for_object(theme).order_by("revision__date_created").first()
    revision_url = reverse("admin:strategy_theme_revision", args=[theme.pk, oldest.pk])
    assert client.post(revision_url, form_data(client.get(revision_url))).status_code == 302
    theme.refresh_from_db()
    assert (theme.title_nl, theme.order) == ("Een", 5)
