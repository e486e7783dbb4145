"""Roles: Redacteur edits and publishes; Vertaler changes English only. Login is throttled."""

import copy
import json

import pytest
import reversion
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Version

from pages.models import Kind, Page
from publishing import roles
from publishing.models import SeedRecord, Status
from strategy.models import Theme
from tests.admin_helpers import errors_of, form_data
from tests.factories import (
    MissionFactory,
    MissionLineFactory,
    PageFactory,
    ThemeFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


CONTENT = [
    ("strategy", "mission"),
    ("strategy", "missionline"),
    ("strategy", "theme"),
    ("strategy", "topic"),
    ("pages", "page"),
]
HISTORY = [("reversion", "version"), ("reversion", "revision")]
GLOSSARY = [("translations", "glossaryterm")]  # the city's fixed terms, kept by both roles


def permissions(models, actions):
    return {(app, f"{action}_{model}") for app, model in models for action in actions}


# What each role needs, written out here rather than read from the declarations it checks.
EXPECTED = {
    "Redacteur": permissions(CONTENT, ("add", "change", "delete", "view"))
    | permissions([("participation", "feedback")], ("view", "change", "delete"))
    | permissions([("publishing", "changenote")], ("view", "change", "delete"))
    | permissions([("redirects", "redirect")], ("add", "change", "delete", "view"))
    | permissions(HISTORY, ["view"])
    | permissions(GLOSSARY, ("add", "change", "delete", "view"))
    | {("publishing", "view_workingcopy")},
    # Everything a Redacteur may do, and publish others' changes.
    "Eindredacteur": permissions(CONTENT, ("add", "change", "delete", "view"))
    | permissions([("participation", "feedback")], ("view", "change", "delete"))
    | permissions([("publishing", "changenote")], ("view", "change", "delete"))
    | permissions([("redirects", "redirect")], ("add", "change", "delete", "view"))
    | permissions(HISTORY, ["view"])
    | permissions(GLOSSARY, ("add", "change", "delete", "view"))
    | {("publishing", "view_workingcopy"), ("publishing", "review_workingcopy")},
    "Vertaler": permissions(CONTENT, ("change", "view"))
    | permissions(HISTORY, ["view"])
    | permissions(GLOSSARY, ("add", "change", "delete", "view")),
}


def group_permissions(name):
    return set(
        Group.objects.get(name=name).permissions.values_list("content_type__app_label", "codename")
    )


@pytest.mark.parametrize("group", EXPECTED)
def test_each_group_has_exactly_what_its_role_needs(group):
    assert group_permissions(group) == EXPECTED[group]


def test_a_permission_added_by_hand_is_taken_away_by_the_next_migrate():
    editors = Group.objects.get(name="Redacteur")
    editors.permissions.add(Permission.objects.get(codename="delete_user"))
    Group.objects.get(name="Vertaler").permissions.clear()
    call_command("migrate", verbosity=0)
    assert group_permissions("Redacteur") == EXPECTED["Redacteur"]
    assert group_permissions("Vertaler") == EXPECTED["Vertaler"]


def test_a_role_declared_later_reaches_the_group(monkeypatch):
    monkeypatch.setattr(roles, "_declared", copy.deepcopy(roles._declared))
    roles.declare(SeedRecord, {roles.TRANSLATOR_GROUP: ["view"]})
    roles.sync_roles()
    added = ("publishing", "view_seedrecord")
    assert group_permissions("Vertaler") == EXPECTED["Vertaler"] | {added}
    assert group_permissions("Redacteur") == EXPECTED["Redacteur"]


def test_an_editor_can_add_publish_and_delete(client, editor):
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


# --- Service pages -----------------------------------------------------------------------------


def test_an_editor_lists_adds_changes_and_deletes_service_pages(client, editor, soup):
    contact = PageFactory(kind=Kind.CONTACT, title_nl="Contact")
    listing = soup(client.get(reverse("admin:pages_page_changelist")))
    assert "Contact" in listing.select_one("#result_list").get_text()

    add_url = reverse("admin:pages_page_add")
    data = form_data(client.get(add_url))
    data.update(
        kind=Kind.PRIVACY, title_nl="Privacy", body_nl="<p>Wat we bewaren.</p>",
        last_reviewed="2026-12-01", status="published",
    )  # fmt: skip
    response = client.post(add_url, data)
    assert response.status_code == 302, errors_of(response)
    privacy = Page.objects.get(kind=Kind.PRIVACY)
    assert (privacy.title_nl, privacy.status) == ("Privacy", Status.PUBLISHED)

    change_url = reverse("admin:pages_page_change", args=[contact.pk])
    data = {**form_data(client.get(change_url)), "title_nl": "Contacteer ons", "status": "draft"}
    response = client.post(change_url, data)
    assert response.status_code == 302, errors_of(response)
    contact.refresh_from_db()
    assert (contact.title_nl, contact.status) == ("Contacteer ons", Status.DRAFT)

    delete_url = reverse("admin:pages_page_delete", args=[privacy.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Page.objects.filter(pk=privacy.pk).exists()


def test_a_translator_changes_only_the_english_of_a_service_page(client, translator, soup):
    page = PageFactory(
        kind=Kind.CONTACT, title_nl="Contact", body_nl="<p>Bel Gentinfo.</p>",
        title_en="", body_en="",
    )  # fmt: skip
    url = reverse("admin:pages_page_change", args=[page.pk])
    form = soup(client.get(url))
    assert form.select_one("[name=title_nl]") is None and form.select_one("[name=kind]") is None
    data = form_data(client.get(url))
    data.update(
        title_nl="Gehackt", body_nl="<p>Gehackt.</p>", kind=Kind.PRIVACY, status="draft",
        title_en="Contact us", body_en="<p>Call Gentinfo.</p>",
    )  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    page.refresh_from_db()
    assert (page.title_nl, page.body_nl, page.kind, page.status) == (
        "Contact", "<p>Bel Gentinfo.</p>", Kind.CONTACT, Status.PUBLISHED,
    )  # fmt: skip
    assert (page.title_en, page.body_en) == ("Contact us", "<p>Call Gentinfo.</p>")


def test_a_translator_cannot_add_delete_or_restore_a_service_page(client, translator):
    page = PageFactory(kind=Kind.CONTACT, title_nl="Contact")
    with reversion.create_revision():
        page.save()
    version = Version.objects.get_for_object(page).get()
    assert client.get(reverse("admin:pages_page_add")).status_code == 403
    delete_url = reverse("admin:pages_page_delete", args=[page.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    revision_url = reverse("admin:pages_page_revision", args=[page.pk, version.pk])
    assert client.get(revision_url).status_code == 403
    assert Page.objects.filter(pk=page.pk).exists()


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


def test_a_login_without_a_request_still_checks_the_password(client):
    """Scripts and the test client log in without a request, which django-axes cannot throttle;
    they skip the throttle, not the password check."""
    UserFactory(username="redacteur2", groups=["Redacteur"])
    assert not client.login(username="redacteur2", password="fout-wachtwoord")
    assert client.login(username="redacteur2", password="een-lang-wachtwoord-2026")
    assert client.get(reverse("admin:index")).status_code == 200


def test_behind_a_proxy_failed_logins_lock_only_the_offender(client, settings):
    """Behind a load balancer every request comes from its address; django-axes must count the
    client the proxy names (DJANGO_PROXY_HOPS, as the feedback rate limit does), or one person
    guessing passwords locks every editor out of their own login."""
    settings.PROXY_HOPS = 1
    UserFactory(username="redacteur", groups=["Redacteur"])
    proxy = {"REMOTE_ADDR": "10.0.0.1"}

    def login_from(address, password):
        return client.post(
            reverse("admin:login"),
            {"username": "redacteur", "password": password, "next": "/admin/"},
            headers={"X-Forwarded-For": f"{address}"},
            **proxy,
        )

    for _ in range(settings.AXES_FAILURE_LIMIT):
        login_from("203.0.113.5", "fout-wachtwoord")
    assert login_from("203.0.113.5", "een-lang-wachtwoord-2026").status_code in (403, 429)
    # The same proxy, another client, the same username: not locked.
    response = login_from("198.51.100.7", "een-lang-wachtwoord-2026")
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
