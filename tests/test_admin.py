"""The editors' admin: lists, filters, language tabs, the admin language, optimistic locking."""

import pytest
import reversion
from django.contrib import admin
from django.urls import reverse

from publishing import registry
from publishing.admin import ContentAdmin
from tests.admin_helpers import errors_of, form_data
from tests.factories import (
    MissionFactory,
    MissionLineFactory,
    ThemeFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def test_every_content_admin_edits_a_registered_content_type():
    """ContentAdmin leaves the history registration (what a revision follows) to the registry,
    so an admin for a model that never registered would fail at its first save."""
    content_admins = [
        model for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ContentAdmin)
    ]  # fmt: skip
    assert content_admins
    for model in content_admins:
        assert registry.is_content(model) and reversion.is_registered(model), model


def test_theme_list_shows_status_order_last_change_and_translation_state(client, editor, soup):
    ThemeFactory(title_nl="Klimaat", title_en="Climate")
    ThemeFactory(title_nl="Wonen", title_en="", slug_en="", intro_en="")
    response = client.get(reverse("admin:strategy_theme_changelist"))
    assert response.status_code == 200
    page = soup(response)
    headers = [th.get_text(" ", strip=True) for th in page.select("thead th")]
    assert any("Status" in h for h in headers)
    assert any("Laatst gewijzigd" in h or "Last changed" in h for h in headers)
    rows = {
        row.select_one("th").get_text(strip=True): row.select_one(".field-translation_status")
        for row in page.select("#result_list tbody tr")
    }
    assert set(rows) == {"Klimaat", "Wonen"}
    assert rows["Klimaat"].select_one(".tr-badge--current")  # English complete
    assert rows["Wonen"].select_one(".tr-badge--missing")  # English missing


def test_translation_filter_lists_only_items_with_english_missing(client, editor, soup):
    ThemeFactory(title_nl="Klimaat", title_en="Climate")
    ThemeFactory(title_nl="Wonen", title_en="", slug_en="", intro_en="")
    url = reverse("admin:strategy_theme_changelist")
    missing = soup(client.get(url, {"translation": "needed"})).select_one("#result_list").get_text()
    complete = (
        soup(client.get(url, {"translation": "current"})).select_one("#result_list").get_text()
    )
    assert "Wonen" in missing and "Klimaat" not in missing
    assert "Klimaat" in complete and "Wonen" not in complete


def test_topic_list_filters_by_theme_and_status_and_searches_both_languages(client, editor, soup):
    climate = ThemeFactory(title_nl="Klimaat")
    TopicFactory(theme=climate, title_nl="fietsen", title_en="cycling", status="draft")
    TopicFactory(title_nl="wonen", title_en="housing")
    url = reverse("admin:strategy_topic_changelist")
    by_theme = soup(client.get(url, {"theme__id__exact": climate.pk})).select_one("#result_list")
    assert "fietsen" in by_theme.get_text() and "wonen" not in by_theme.get_text()
    drafts = soup(client.get(url, {"status__exact": "draft"})).select_one("#result_list")
    assert "fietsen" in drafts.get_text() and "wonen" not in drafts.get_text()
    found = soup(client.get(url, {"q": "housing"})).select_one("#result_list")
    assert "wonen" in found.get_text() and "fietsen" not in found.get_text()


def test_change_form_has_a_tab_per_language_with_dutch_required(client, editor, soup):
    theme = ThemeFactory()
    page = soup(client.get(reverse("admin:strategy_theme_change", args=[theme.pk])))
    title_nl = page.select_one("[name=title_nl]")
    title_en = page.select_one("[name=title_en]")
    assert "mt" in title_nl["class"] and "mt" in title_en["class"]
    assert title_nl.has_attr("required") and not title_en.has_attr("required")
    # Topics are edited inline, and can be opened on their own.
    assert page.select_one("[name='topics-TOTAL_FORMS']") is not None


def test_mission_has_its_lines_inline_in_order(client, editor, soup):
    mission = MissionFactory()
    MissionLineFactory(mission=mission, text_nl="Tweede", order=2)
    MissionLineFactory(mission=mission, text_nl="Eerste", order=1)
    page = soup(client.get(reverse("admin:strategy_mission_change", args=[mission.pk])))
    texts = [i["value"] for i in page.select("input[name$='-text_nl']") if i.get("value")]
    assert texts == ["Eerste", "Tweede"]
    # There is one mission: no second one can be added.
    assert client.get(reverse("admin:strategy_mission_add")).status_code == 403


def test_editor_saves_a_theme_in_both_languages(client, editor):
    theme = ThemeFactory(title_nl="Oud", title_en="Old")
    url = reverse("admin:strategy_theme_change", args=[theme.pk])
    data = form_data(client.get(url))
    data.update(title_nl="Nieuw", title_en="New")
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    theme.refresh_from_db()
    assert (theme.title_nl, theme.title_en) == ("Nieuw", "New")


def test_admin_speaks_the_language_the_editor_chooses(client, editor):
    index = reverse("admin:index")
    client.post(reverse("set_language"), {"language": "en", "next": index})
    assert "Edit the website" in client.get(index).content.decode()
    response = client.post(reverse("set_language"), {"language": "nl", "next": index})
    assert response.status_code == 302 and response["Location"] == index
    page = client.get(index).content.decode()
    assert "De website bewerken" in page
    assert 'name="language"' in page  # the choice is in the admin header


def test_admin_follows_the_browser_language_until_the_editor_chooses(client, editor):
    page = client.get(reverse("admin:index"), headers={"Accept-Language": "en"})
    assert "Edit the website" in page.content.decode()


# --- Optimistic locking ---------------------------------------------------------------------------


def test_a_stale_form_is_refused_and_keeps_the_editors_text(client, editor, soup):
    theme = ThemeFactory(title_nl="Begin", intro_nl="Eerste tekst.")
    url = reverse("admin:strategy_theme_change", args=[theme.pk])
    loaded = form_data(client.get(url))  # two editors open the same form
    assert loaded["loaded_version"] == str(theme.version)

    first = {**loaded, "intro_nl": "Tekst van de eerste redacteur."}
    assert client.post(url, first).status_code == 302
    theme.refresh_from_db()
    assert theme.version == loaded_version_plus(loaded, 1)

    second = {**loaded, "intro_nl": "Tekst van de tweede redacteur."}
    response = client.post(url, second)
    assert response.status_code == 200
    page = soup(response)
    assert any("Someone else saved" in e or "Iemand anders" in e for e in errors_of(response))
    assert page.select_one("[name=intro_nl]").get_text().strip() == "Tekst van de tweede redacteur."
    theme.refresh_from_db()
    assert theme.intro_nl == "Tekst van de eerste redacteur."  # nothing overwritten
    assert theme.version == loaded_version_plus(loaded, 1)


def test_a_form_without_its_version_is_refused(client, editor):
    theme = ThemeFactory(title_nl="Begin")
    url = reverse("admin:strategy_theme_change", args=[theme.pk])
    data = form_data(client.get(url))
    del data["loaded_version"]
    data["title_nl"] = "Anders"
    assert client.post(url, data).status_code == 200
    theme.refresh_from_db()
    assert theme.title_nl == "Begin"


def loaded_version_plus(data, n):
    return int(data["loaded_version"]) + n


def test_anonymous_visitors_cannot_reach_the_admin(client):
    response = client.get(reverse("admin:strategy_theme_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_mission_list_says_when_a_mission_line_lacks_english(client, editor, soup):
    mission = MissionFactory()
    MissionLineFactory(mission=mission, text_nl="Gent is van iedereen", text_en="")
    state = soup(client.get(reverse("admin:strategy_mission_changelist"))).select_one(
        ".field-translation_status"
    )
    assert state.select_one(".tr-badge--missing")


def test_a_topic_changed_inline_refuses_an_older_topic_form(client, editor):
    topic = TopicFactory(title_nl="wonen")
    topic_url = reverse("admin:strategy_topic_change", args=[topic.pk])
    opened_before = form_data(client.get(topic_url))
    theme_url = reverse("admin:strategy_theme_change", args=[topic.theme.pk])
    data = form_data(client.get(theme_url))
    key = next(k for k, v in data.items() if k.endswith("-title_nl") and v == "wonen")
    data[key] = "wonen en leven"
    assert client.post(theme_url, data).status_code == 302
    response = client.post(topic_url, {**opened_before, "title_nl": "betaalbaar wonen"})
    assert response.status_code == 200
    topic.refresh_from_db()
    assert topic.title_nl == "wonen en leven"


@pytest.mark.parametrize(("field", "slug"), [("slug_nl", "zoeken"), ("slug_en", "search")])
def test_a_theme_cannot_take_the_address_of_another_page(client, editor, field, slug):
    theme = ThemeFactory(title_nl="Thema")
    url = reverse("admin:strategy_theme_change", args=[theme.pk])
    data = form_data(client.get(url))
    data[field] = slug
    response = client.post(url, data)
    assert response.status_code == 200
    assert any("used by another page" in e or "andere pagina" in e for e in errors_of(response))
    theme.refresh_from_db()
    assert getattr(theme, field) != slug


def test_publication_date_and_time_inputs_have_labels_naming_their_field(client, editor, soup):
    theme = ThemeFactory()
    page = soup(client.get(reverse("admin:strategy_theme_change", args=[theme.pk])))
    for input_id in ("id_publish_from_0", "id_publish_from_1", "id_publish_until_0"):
        label = page.select_one(f"label[for={input_id}]")
        assert label is not None, input_id
    date_label = page.select_one("label[for=id_publish_from_0]").get_text(" ", strip=True)
    time_label = page.select_one("label[for=id_publish_until_1]").get_text(" ", strip=True)
    assert date_label.startswith("Publish from") or date_label.startswith("Publiceren vanaf")
    assert date_label.endswith(("Date:", "Datum:"))
    assert time_label.endswith(("Time:", "Tijd:"))
