"""Roles: Redacteur edits and publishes; Vertaler changes English only. Login is throttled."""

import json

import pytest
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from reversion.models import Version

from publishing.models import Status
from strategy.models import Theme
from tests.admin_helpers import errors_of, form_data
from tests.factories import (
    MissionFactory,
    MissionLineFactory,
    ThemeFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_the_groups_exist_with_their_permissions():
    editor = set(Group.objects.get(name="Redacteur").permissions.values_list("codename", flat=True))
    translator = set(
        Group.objects.get(name="Vertaler").permissions.values_list("codename", flat=True)
    )
    for model in ("mission", "missionline", "theme", "topic"):
        assert {f"add_{model}", f"change_{model}", f"delete_{model}", f"view_{model}"} <= editor
        assert {f"change_{model}", f"view_{model}"} <= translator
        assert f"add_{model}" not in translator and f"delete_{model}" not in translator
    assert "view_version" in editor


def test_an_editor_can_add_publish_and_delete(client):
    client.force_login(UserFactory(groups=["Redacteur"]))
    url = reverse("admin:strategy_theme_add")
    data = form_data(client.get(url))
    data.update(title_nl="Nieuw thema", slug_nl="nieuw-thema", intro_nl="Iets.", status="published")
    assert client.post(url, data).status_code == 302
    theme = Theme.objects.get(slug_nl="nieuw-thema")
    assert theme.status == Status.PUBLISHED
    delete = reverse("admin:strategy_theme_delete", args=[theme.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not Theme.objects.filter(pk=theme.pk).exists()


def test_a_translator_sees_dutch_fields_read_only(client, translator, soup):
    theme = ThemeFactory(title_nl="Klimaat")
    page = soup(client.get(reverse("admin:strategy_theme_change", args=[theme.pk])))
    assert page.select_one("[name=title_nl]") is None
    assert page.select_one("[name=status]") is None
    assert page.select_one("[name=title_en]") is not None
    assert "Klimaat" in page.select_one(".field-title_nl").get_text()


def test_a_translator_cannot_change_a_dutch_field_even_by_posting_it(client, translator):
    theme = ThemeFactory(title_nl="Klimaat", title_en="", status=Status.DRAFT)
    url = reverse("admin:strategy_theme_change", args=[theme.pk])
    data = form_data(client.get(url))
    data.update(
        title_nl="Gehackt", intro_nl="Gehackt.", slug_nl="gehackt", status="published",
        title_en="Climate", slug_en="climate",
    )  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    theme.refresh_from_db()
    assert (theme.title_nl, theme.status) == ("Klimaat", Status.DRAFT)
    assert theme.slug_nl != "gehackt" and theme.intro_nl != "Gehackt."
    assert theme.title_en == "Climate"


def test_a_translator_cannot_change_dutch_inline_rows_either(client, translator):
    mission = MissionFactory()
    line = MissionLineFactory(mission=mission, text_nl="Gent is van iedereen", text_en="")
    url = reverse("admin:strategy_mission_change", args=[mission.pk])
    data = form_data(client.get(url))
    assert not any(key.endswith("-text_nl") for key in data)
    prefix = next(
        key[: -len("-id")]
        for key, value in data.items()
        if key.endswith("-id") and value == str(line.pk)
    )
    data[f"{prefix}-text_nl"] = "Gehackt"
    data[f"{prefix}-text_en"] = "Ghent belongs to everyone"
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    line.refresh_from_db()
    assert (line.text_nl, line.text_en) == ("Gent is van iedereen", "Ghent belongs to everyone")


def test_a_translator_cannot_add_delete_reorder_or_restore(client, translator):
    theme = ThemeFactory()
    other = ThemeFactory()
    assert client.get(reverse("admin:strategy_theme_add")).status_code == 403
    assert (
        client.post(
            reverse("admin:strategy_theme_delete", args=[theme.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    response = client.post(
        reverse("admin:strategy_theme_sortable_update"),
        data=json.dumps({"updatedItems": [[other.pk, 1], [theme.pk, 2]]}),
        content_type="application/json",
    )
    assert response.status_code == 403
    client.post(
        reverse("admin:strategy_theme_changelist"),
        {"action": "move_up", "_selected_action": [other.pk], "index": 0},
    )
    assert list(Theme.objects.values_list("pk", flat=True)) == [theme.pk, other.pk]
    # A restore would rewrite the Dutch text too.
    editor = UserFactory(groups=["Redacteur"])
    client.force_login(editor)
    url = reverse("admin:strategy_theme_change", args=[theme.pk])
    client.post(url, form_data(client.get(url)))
    version = Version.objects.get_for_object(theme).first()
    client.force_login(translator)
    revision = reverse("admin:strategy_theme_revision", args=[theme.pk, version.pk])
    assert client.get(revision).status_code == 403
    assert Theme.objects.filter(pk=theme.pk).exists()


def test_a_translator_sees_what_is_left_to_translate(client, translator, soup):
    TopicFactory(title_nl="fietsen", title_en="")
    page = soup(client.get(reverse("admin:strategy_topic_changelist"), {"translation": "missing"}))
    assert "fietsen" in page.select_one("#result_list").get_text()


# --- Login ----------------------------------------------------------------------------------------


def login(client, username, password):
    return client.post(
        reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"}
    )


def test_admin_login_is_throttled_after_repeated_failures(client, settings):
    user = UserFactory(username="redacteur", groups=["Redacteur"])
    assert login(client, "redacteur", "een-lang-wachtwoord-2026").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = login(client, "redacteur", "fout-wachtwoord")
    assert response.status_code in (403, 429)
    # Locked out: even the right password is refused now.
    response = login(client, "redacteur", "een-lang-wachtwoord-2026")
    assert response.status_code in (403, 429)
    assert "_auth_user_id" not in client.session
    assert user.is_active


def test_weak_passwords_are_refused():
    user = UserFactory.build(username="redacteur")
    for weak in ("kort", "123456789012", "password1234", "redacteur123"):
        with pytest.raises(ValidationError):
            validate_password(weak, user)
    validate_password("Belfort-Gravensteen-2026", user)


def test_the_test_clients_login_still_works(client):
    UserFactory(username="redacteur2", groups=["Redacteur"])
    assert client.login(username="redacteur2", password="een-lang-wachtwoord-2026")
    assert client.get(reverse("admin:index")).status_code == 200
