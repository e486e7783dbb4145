"""What translators see and can do in the admin: status column, filter, actions, overview."""

import polib
import pytest
from django.contrib.auth.models import Group, Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pages.models import Page
from publishing.registry import Kind, field_kind
from strategy.models import Theme
from tests.factories import (
    MissionFactory,
    MissionLineFactory,
    PageFactory,
    ThemeFactory,
    UserFactory,
)
from translations import status
from translations.exchange.entries import parse_context
from translations.models import FieldTranslation
from translations.status import State

pytestmark = pytest.mark.django_db

OVERVIEW = "/admin/translations/fieldtranslation/"


@pytest.fixture
def staff(client, translator):
    """The overview's own user: a member of the "Vertaler" group, logged in."""
    return client


@pytest.fixture
def themes():
    current = ThemeFactory(title_nl="Bruisende stad", title_en="Vibrant city")
    missing = ThemeFactory(title_nl="Zorgzame stad", title_en="", slug_en="", intro_en="")
    outdated = ThemeFactory(title_nl="Groene stad", title_en="Green city")
    outdated.intro_nl = "Een nieuwe inleiding."
    outdated.save()
    return {"current": current, "missing": missing, "outdated": outdated}


def intro_state(theme):
    (found,) = [
        s for s in status.statuses_of(Theme.objects.get(pk=theme.pk), ["en"]) if s.field == "intro"
    ]
    return found.state


# --- The overview page ----------------------------------------------------------------------------


def test_admin_index_links_to_the_overview_in_dutch(staff, soup):
    page = soup(staff.get("/admin/"))
    link = page.find("a", href=OVERVIEW)
    assert link.get_text(strip=True) == "Vertaalstatus"


def test_overview_lists_what_needs_translation_per_field_with_links(staff, soup, themes):
    response = staff.get(OVERVIEW, headers={"Accept-Language": "en"})
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Translation status"
    rows = {
        (
            tbody.th.a.get_text(strip=True),
            tr.find_all("td")[0].find(string=True, recursive=False).strip(),
        ): tr.find_all("td")[1].get_text(strip=True)
        for tbody in page.select("table.tr-table tbody")
        for tr in tbody.find_all("tr")
    }
    assert rows == {
        ("Zorgzame stad", "Title"): "missing",
        ("Zorgzame stad", "Slug"): "missing",
        ("Zorgzame stad", "Introduction"): "missing",
        ("Green city", "Introduction"): "outdated",
    }
    edit = reverse("admin:strategy_theme_change", args=[themes["missing"].pk])
    assert page.find("a", href=edit).get_text(strip=True) == "Zorgzame stad"
    assert "Vibrant city" not in page.get_text()


def test_overview_shows_everything_on_request(staff, soup, themes):
    page = soup(staff.get(OVERVIEW + "?show=all", headers={"Accept-Language": "en"}))
    assert "Vibrant city" in page.get_text()
    totals = [li.get_text(strip=True) for li in page.select(".tr-totals li")]
    assert totals == ["Missing: 3", "Outdated: 1", "Up to date: 5"]


def test_overview_links_mission_lines_to_the_mission(staff, soup):
    mission = MissionFactory()
    MissionLineFactory(mission=mission, text_nl="Samen.", text_en="")
    page = soup(staff.get(OVERVIEW, headers={"Accept-Language": "en"}))
    link = page.find("a", string="Samen.")
    assert link["href"] == reverse("admin:strategy_mission_change", args=[mission.pk])


def test_overview_is_for_staff_only(client, themes):
    assert client.get(OVERVIEW).status_code == 302  # to the login page
    User.objects.create_user("bezoeker", password="x" * 16)
    client.login(username="bezoeker", password="x" * 16)
    response = client.get(OVERVIEW)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert client.get(OVERVIEW + "export/").status_code == 302


def test_staff_without_permissions_sees_the_overview_but_cannot_change_status_rows(client, themes):
    user = User.objects.create_user("redacteur", password="x" * 16, is_staff=True)
    client.force_login(user)
    assert client.get(OVERVIEW).status_code == 200
    assert client.get(OVERVIEW + "add/").status_code in {403, 404}
    record = FieldTranslation.objects.first()
    assert client.post(OVERVIEW + f"{record.pk}/delete/").status_code in {403, 404}


def test_overview_export_downloads_a_po_file(staff, themes):
    response = staff.get(OVERVIEW + "export/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="translations-en.po"'
    po = polib.pofile(response.content.decode())
    assert len(po) == 4
    everything = polib.pofile(staff.get(OVERVIEW + "export/?all=1").content.decode())
    assert len(everything) == 9


# --- Import in the admin --------------------------------------------------------------------------


def upload(client, content, dry_run):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {"file": SimpleUploadedFile("en.po", content.encode())}
    if dry_run:
        data["dry_run"] = "on"
    return client.post(OVERVIEW + "import/", data, headers={"Accept-Language": "en"})


def translated_export(client, theme, text):
    po = polib.pofile(client.get(OVERVIEW + "export/").content.decode())
    for entry in po:
        if entry.msgctxt == f"strategy.theme:{theme.pk}:intro":
            entry.msgstr = text
            entry.flags = []
    return str(po)


def test_import_form_dry_run_then_apply(staff, soup, themes):
    content = translated_export(staff, themes["outdated"], "A new introduction.")

    page = soup(upload(staff, content, dry_run=True))
    assert "Dry run: nothing was changed yet" in page.get_text()
    assert "A new introduction." in page.select_one(".tr-report ins").get_text()
    assert Theme.objects.get(pk=themes["outdated"].pk).intro_en != "A new introduction."

    response = upload(staff, content, dry_run=False)
    assert response.status_code == 200
    assert Theme.objects.get(pk=themes["outdated"].pk).intro_en == "A new introduction."
    assert intro_state(themes["outdated"]) == State.CURRENT


def test_import_form_lists_errors_and_changes_nothing(staff, soup, themes):
    content = translated_export(staff, themes["outdated"], "<script>alert(1)</script>")
    page = soup(upload(staff, content, dry_run=False))
    assert "Nothing was imported" in page.get_text()
    errors = [li.get_text() for li in page.select(".tr-report .errorlist li")]
    assert len(errors) == 1
    assert "HTML markup in a plain-text field" in errors[0]
    assert intro_state(themes["outdated"]) == State.OUTDATED


def test_import_needs_permission_to_change_the_items(client, translator, soup, themes):
    content = translated_export(client, themes["outdated"], "A new introduction.")
    user = User.objects.create_user("lezer", password="x" * 16, is_staff=True)
    client.force_login(user)
    page = soup(upload(client, content, dry_run=False))
    assert "you may not change this kind of item" in page.get_text()
    user.user_permissions.add(Permission.objects.get(codename="change_theme"))
    client.force_login(User.objects.get(pk=user.pk))
    upload(client, content, dry_run=False)
    assert Theme.objects.get(pk=themes["outdated"].pk).intro_en == "A new introduction."


# --- Each role exports what it may change, and can import it back --------------------------------


@pytest.fixture
def theme_translator():
    """A group of its own that may translate themes and topics, but not the service pages."""
    group = Group.objects.create(name="Themavertalers")
    codenames = [
        f"{action}_{model}" for action in ("change", "view") for model in ("theme", "topic")
    ]
    group.permissions.set(Permission.objects.filter(codename__in=codenames))
    return UserFactory(groups=["Themavertalers"])


def translate_all(po):
    """Every entry translated with a value its field accepts, as a translator would."""
    for number, entry in enumerate(po):
        model, _pk, field, paragraph = parse_context(entry.msgctxt)
        if paragraph:  # one paragraph of a rich text: its placeholders kept
            entry.msgstr = f"{entry.msgid} ({number})"
            entry.flags = []
            continue
        entry.msgstr = {
            Kind.SLUG: f"translated-{number}",
            Kind.RICH: f"<p>Translated {number}.</p>",
            Kind.PLAIN: f"Translated {number}",
        }[field_kind(model, field)]
        entry.flags = []
    return str(po)


@pytest.mark.parametrize(
    ("group", "exported_models"),
    [
        ("Redacteur", {"strategy.theme", "pages.page"}),
        ("Vertaler", {"strategy.theme", "pages.page"}),
        ("Themavertalers", {"strategy.theme"}),
    ],
)
def test_each_roles_export_holds_what_it_may_change_and_imports_back(
    client, soup, themes, theme_translator, group, exported_models
):
    page = PageFactory(title_en="", body_en="")
    client.force_login(
        theme_translator if group == "Themavertalers" else UserFactory(groups=[group])
    )
    po = polib.pofile(client.get(OVERVIEW + "export/").content.decode())
    assert {entry.msgctxt.split(":")[0] for entry in po} == exported_models

    response = upload(client, translate_all(po), dry_run=False)

    assert "Imported" in soup(response).select_one(".tr-report h2").get_text()
    theme = Theme.objects.get(pk=themes["missing"].pk)
    assert theme.title_en.startswith("Translated")
    assert Page.objects.get(pk=page.pk).title_en.startswith("Translated") == (
        "pages.page" in exported_models
    )


def test_a_colleagues_file_is_not_refused_for_untranslated_items_the_user_may_not_change(
    client, soup, editor, themes, theme_translator
):
    """An editor's export holds the service page, untranslated (empty, or fuzzy when outdated):
    a translator without the page's permission imports their part of it."""
    PageFactory(title_en="")
    page = Page.objects.get()
    page.body_nl = "<p>Bel Gentinfo op 09 210 10 10.</p>"
    page.save()  # the English body is now outdated: fuzzy in the export
    po = polib.pofile(client.get(OVERVIEW + "export/").content.decode())
    assert {e.msgctxt for e in po.fuzzy_entries()} >= {f"pages.page:{page.pk}:body:1"}
    for entry in po:
        if entry.msgctxt == f"strategy.theme:{themes['missing'].pk}:title":
            entry.msgstr = "Caring city"

    client.force_login(theme_translator)
    report = soup(upload(client, str(po), dry_run=False)).select_one(".tr-report")

    assert report.h2.get_text(strip=True) == "Imported"
    skipped = report.find("h3", string=lambda text: text and text.startswith("Skipped"))
    assert f"pages.page:{page.pk}:body:1: still marked fuzzy" in skipped.find_next("ul").get_text()
    assert Theme.objects.get(pk=themes["missing"].pk).title_en == "Caring city"


def test_the_export_action_needs_the_permission_to_change(client, soup, themes):
    def offered_actions(user):
        client.force_login(user)
        page = soup(client.get(CHANGELIST))
        return {option["value"] for option in page.select("select[name=action] option")}

    reader = User.objects.create_user("lezer", password="x" * 16, is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_theme"))
    assert "export_translations_po" not in offered_actions(reader)
    assert "export_translations_po" in offered_actions(UserFactory(groups=["Vertaler"]))


# --- The mixin on a content admin (as strategy/admin.py will use it) ------------------------------

CHANGELIST = "/admin/strategy/theme/"


def rows_by_title(page, titles):
    """The changelist rows by the title they show (whatever columns strategy/admin.py adds)."""
    rows = {}
    for tr in page.select("#result_list tbody tr"):
        text = tr.get_text(" ", strip=True)
        (title,) = [t for t in titles if t in text]
        rows[title] = tr
    return rows


TITLES = ["Vibrant city", "Zorgzame stad", "Green city"]


def test_changelist_shows_a_translation_column_with_words(staff, soup, themes):
    page = soup(staff.get(CHANGELIST, headers={"Accept-Language": "en"}))
    badges = {
        title: tr.select_one(".tr-badge").get_text(strip=True)
        for title, tr in rows_by_title(page, TITLES).items()
    }
    assert badges == {
        "Vibrant city": "English: up to date",
        "Zorgzame stad": "English: missing (3)",
        "Green city": "English: outdated (1)",
    }


def test_changelist_column_in_dutch(staff, soup, themes):
    page = soup(staff.get(CHANGELIST))
    texts = [b.get_text(strip=True) for b in page.select("#result_list .tr-badge")]
    assert "Engels: ontbreekt (3)" in texts
    assert "Vertaling" in page.select_one("#result_list thead").get_text()
    stylesheets = [link["href"] for link in page.select("link[rel=stylesheet]")]
    assert "/static/translations/admin.css" in stylesheets
    assert any(
        "tabbed_translation_fields" in script.get("src", "") for script in page.select("script")
    )


def test_changelist_column_costs_the_same_queries_for_any_number_of_rows(staff, themes):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert staff.get(CHANGELIST).status_code == 200
        return len(captured)

    staff.get(CHANGELIST)  # warm up sessions and content types
    few = queries()
    ThemeFactory.create_batch(10)
    assert queries() == few


def test_needs_translation_filter(staff, soup, themes):
    page = soup(staff.get(CHANGELIST + "?translation=needed", headers={"Accept-Language": "en"}))
    assert set(rows_by_title(page, TITLES)) == {"Zorgzame stad", "Green city"}
    page = soup(staff.get(CHANGELIST + "?translation=current", headers={"Accept-Language": "en"}))
    assert set(rows_by_title(page, TITLES)) == {"Vibrant city"}


def test_action_exports_the_selected_items_as_po(staff, themes):
    chosen = [themes["current"].pk, themes["outdated"].pk]
    response = staff.post(
        CHANGELIST, {"action": "export_translations_po", "_selected_action": chosen}
    )
    assert response.status_code == 200
    po = polib.pofile(response.content.decode())
    assert {e.msgctxt.split(":")[1] for e in po} == {str(pk) for pk in chosen}
    assert [e.msgctxt for e in po.fuzzy_entries()] == [
        f"strategy.theme:{themes['outdated'].pk}:intro"
    ]


def test_action_marks_outdated_translations_as_up_to_date(staff, themes):
    response = staff.post(
        CHANGELIST,
        {"action": "mark_translations_up_to_date", "_selected_action": [themes["outdated"].pk]},
    )
    assert response.status_code == 302
    assert intro_state(themes["outdated"]) == State.CURRENT
    assert intro_state(themes["missing"]) == State.MISSING


def form_data(page):
    """What a browser would submit from the admin change form as it is rendered, pressing
    "Save and publish now" where the form offers it (a live item's changes go live)."""
    form = page.select_one("form#theme_form")
    data = {"_publish": "1"} if form.select_one("input[type=submit][name=_publish]") else {}
    for field in form.select("input[name], textarea[name], select[name]"):
        kind = field.get("type", "")
        if kind in {"submit", "file", "button"} or (
            kind == "checkbox" and not field.has_attr("checked")
        ):
            continue
        if field.name == "textarea":
            text = field.get_text()  # browsers drop one newline after <textarea>
            data[field["name"]] = text[1:] if text.startswith("\n") else text
        elif field.name == "select":
            selected = field.select_one("option[selected]")
            data[field["name"]] = selected["value"] if selected else ""
        else:
            data[field["name"]] = field.get("value", "on" if kind == "checkbox" else "")
    return data


def test_editing_dutch_in_the_admin_makes_english_outdated(client, editor, soup, themes):
    staff = client
    theme = themes["current"]
    url = reverse("admin:strategy_theme_change", args=[theme.pk])
    data = form_data(soup(staff.get(url)))
    assert data["intro_en"] == theme.intro_en
    data["intro_nl"] = "Een gewijzigde inleiding."

    response = staff.post(url, data)

    assert response.status_code == 302
    assert intro_state(theme) == State.OUTDATED
    assert Theme.objects.get(pk=theme.pk).intro_nl == "Een gewijzigde inleiding."

    # A fresh form: the one above was loaded at the previous version (optimistic locking).
    data = form_data(soup(staff.get(url)))
    data["intro_en"] = "A changed introduction."
    assert staff.post(url, data).status_code == 302
    assert intro_state(theme) == State.CURRENT


# --- Confirming from the overview, and what changed -----------------------------------------------


def test_overview_shows_what_changed_in_the_dutch(staff, soup, themes):
    page = soup(staff.get(OVERVIEW, headers={"Accept-Language": "en"}))
    diff = page.select_one(".tr-diff")
    assert diff.summary.get_text(strip=True) == "What changed in the Dutch"
    assert [i.get_text() for i in diff.select("ins")] == ["Een nieuwe inleiding."]
    assert diff.select("del")  # the old introduction, struck through


def test_word_diff_marks_words_and_escapes_html():
    from translations.admin.display import word_diff

    html = word_diff("De <b>stad</b> groeit snel.", "De <b>stad</b> groeit traag.")
    assert html == "De &lt;b&gt;stad&lt;/b&gt; groeit <del>snel.</del> <ins>traag.</ins>"


def test_overview_marks_an_outdated_item_as_up_to_date(staff, soup, themes):
    page = soup(staff.get(OVERVIEW, headers={"Accept-Language": "en"}))
    (form,) = page.select("form.tr-mark")  # only the outdated item has one
    assert form.select_one("[name=item]")["value"] == f"strategy.theme:{themes['outdated'].pk}"
    assert "Mark as up to date" in form.button.get_text()

    response = staff.post(form["action"], {"item": form.select_one("[name=item]")["value"]})

    assert response.status_code == 302
    assert intro_state(themes["outdated"]) == State.CURRENT
    assert intro_state(themes["missing"]) == State.MISSING
    assert staff.get(form["action"]).status_code == 405
    assert staff.post(form["action"], {"item": "strategy.theme:999999"}).status_code == 404
    assert staff.post(form["action"], {"item": "auth.user:1"}).status_code == 404


def test_marking_needs_the_permission_to_change_the_item(client, soup, themes):
    user = User.objects.create_user("lezer", password="x" * 16, is_staff=True)
    client.force_login(user)
    page = soup(client.get(OVERVIEW))
    assert page.select("form.tr-mark") == []
    item = f"strategy.theme:{themes['outdated'].pk}"
    assert client.post(OVERVIEW + "mark/", {"item": item}).status_code == 403
    assert intro_state(themes["outdated"]) == State.OUTDATED


def test_mission_lines_are_confirmed_from_the_overview(staff):
    line = MissionLineFactory(text_nl="Oud.", text_en="Old.")
    line.text_nl = "Nieuw."
    line.save()
    staff.post(OVERVIEW + "mark/", {"item": f"strategy.missionline:{line.pk}"})
    (found,) = status.statuses_of(line, ["en"])
    assert found.state == State.CURRENT


# --- The mission's lines belong to the mission in its list ----------------------------------------


@pytest.fixture
def mission_with_outdated_line():
    mission = MissionFactory()
    line = MissionLineFactory(mission=mission, text_nl="Oud.", text_en="Old.")
    line.text_nl = "Nieuw."
    line.save()
    return mission


def test_mission_list_counts_its_lines(staff, soup, mission_with_outdated_line):
    page = soup(staff.get("/admin/strategy/mission/", headers={"Accept-Language": "en"}))
    assert page.select_one("#result_list .tr-badge").get_text(strip=True) == "English: outdated (1)"
    page = soup(staff.get("/admin/strategy/mission/?translation=needed"))
    assert len(page.select("#result_list tbody tr")) == 1


def test_mission_actions_include_its_lines(staff, mission_with_outdated_line):
    mission = mission_with_outdated_line
    response = staff.post(
        "/admin/strategy/mission/",
        {"action": "export_translations_po", "_selected_action": [mission.pk]},
    )
    po = polib.pofile(response.content.decode())
    assert [e.msgctxt for e in po.fuzzy_entries()] == [
        f"strategy.missionline:{mission.lines.get().pk}:text"
    ]
    staff.post(
        "/admin/strategy/mission/",
        {"action": "mark_translations_up_to_date", "_selected_action": [mission.pk]},
    )
    (found,) = status.statuses_of(mission.lines.get(), ["en"])
    assert found.state == State.CURRENT


# --- The change form ------------------------------------------------------------------------------


def test_change_form_shows_each_fields_translation_state(staff, soup, themes):
    url = reverse("admin:strategy_theme_change", args=[themes["outdated"].pk])
    page = soup(staff.get(url, headers={"Accept-Language": "en"}))
    section = page.select_one("table.tr-table--form")
    rows = {
        tr.th.find(string=True, recursive=False).strip(): tr.td.get_text(strip=True)
        for tr in section.select("tbody tr")
    }
    assert rows == {"Title": "up to date", "Slug": "up to date", "Introduction": "outdated"}
    assert section.select_one(".tr-diff ins").get_text() == "Een nieuwe inleiding."
    # Not on the add form: there is nothing to translate yet.
    add = soup(staff.get(reverse("admin:strategy_theme_add")))
    assert add.select_one("table.tr-table--form") is None


def test_mission_change_form_includes_its_lines(staff, soup, mission_with_outdated_line):
    mission = mission_with_outdated_line
    page = soup(
        staff.get(
            reverse("admin:strategy_mission_change", args=[mission.pk]),
            headers={"Accept-Language": "en"},
        )
    )
    names = [
        tr.th.find(string=True, recursive=False).strip()
        for tr in page.select("table.tr-table--form tbody tr")
    ]
    assert names[0] == "Page title"
    assert names[-1] == "Mission line “Old.” · text"
