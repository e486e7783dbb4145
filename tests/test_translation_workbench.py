"""The translator's workbench: one item side by side, segment by segment, saved through the
write path (versions, history, roles) with the quality checks."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from publishing.writes import save_content
from strategy.models import MissionLine, Theme
from tests.factories import MissionFactory, MissionLineFactory, ThemeFactory, UserFactory
from translations import status
from translations.status import State

pytestmark = pytest.mark.django_db

BODY_NL = "<p>Gent groeit.</p>\n<p>De stad bouwt <strong>scholen</strong>.</p>"
BODY_EN = "<p>Ghent grows.</p>\n<p>The city builds <strong>schools</strong>.</p>"


def url(obj, language="en"):
    return f"/admin/translations/fieldtranslation/work/{obj._meta.label_lower}/{obj.pk}/{language}/"


def body_field(name, theme, index):
    return f"strategy.theme:{theme.pk}:{name}:{index}"


@pytest.fixture
def theme(committed):
    with committed():
        return ThemeFactory(
            title_nl="Groene stad", title_en="Green city", body_nl=BODY_NL, body_en=BODY_EN
        )


def segments_of(page):
    return page.select(".tr-segment")


def badge_state(segment):
    (state,) = [
        c.split("--")[1] for c in segment.select_one(".tr-source .tr-badge")["class"] if "--" in c
    ]
    return state


def state_of(theme, field):
    (found,) = [
        s for s in status.statuses_of(Theme.objects.get(pk=theme.pk), ["en"]) if s.field == field
    ]
    return found.state


def test_the_page_shows_dutch_and_english_paragraph_by_paragraph(client, translator, theme, soup):
    page = soup(client.get(url(theme)))
    body = [s for s in segments_of(page) if "body" in s["id"]]
    assert [s.select_one(".tr-source pre").get_text() for s in body] == [
        "<p>Gent groeit.</p>",
        "<p>De stad bouwt <strong>scholen</strong>.</p>",
    ]
    assert [s.select_one("textarea").get_text() for s in body] == [
        "<p>Ghent grows.</p>",
        "<p>The city builds <strong>schools</strong>.</p>",
    ]
    assert body[0].select_one("textarea")["lang"] == "en"
    assert body[0].select_one("pre")["lang"] == "nl"
    # Only the English is editable: the Dutch is text, not a form field.
    assert not page.select("textarea[lang=nl]")


def test_a_changed_paragraph_is_outdated_and_the_others_stay_up_to_date(
    client, translator, theme, soup
):
    theme.body_nl = "<p>Gent groeit.</p>\n<p>De stad bouwt <strong>veel</strong> scholen.</p>"
    theme.save()
    page = soup(client.get(url(theme)))
    body = [s for s in segments_of(page) if "body" in s["id"]]
    assert [badge_state(s) for s in body] == ["current", "outdated"]
    diff = body[1].select_one(".tr-diff")
    assert diff.find("ins").get_text() == "veel"
    assert body[0].select_one(".tr-diff") is None


def test_a_paragraph_added_in_dutch_is_missing_and_keeps_the_others_in_place(
    client, translator, theme, soup
):
    theme.body_nl = "<p>Nieuw begin.</p>\n" + BODY_NL
    theme.save()
    body = [s for s in segments_of(soup(client.get(url(theme)))) if "body" in s["id"]]
    assert [s.select_one("textarea").get_text() for s in body] == [
        "",
        "<p>Ghent grows.</p>",
        "<p>The city builds <strong>schools</strong>.</p>",
    ]
    assert [badge_state(s) for s in body] == ["missing", "current", "current"]


def post_data(theme, **segments):
    data = {"version": theme.version}
    data.update({body_field("body", theme, i): text for i, text in enumerate(BODY_EN.split("\n"))})
    data.update(segments)
    return data


def test_saving_writes_the_english_through_the_write_path(client, translator, theme):
    theme.body_nl = "<p>Gent groeit snel.</p>\n<p>De stad bouwt <strong>scholen</strong>.</p>"
    theme.save()
    theme.refresh_from_db()
    version = theme.version
    data = post_data(theme, **{body_field("body", theme, 0): "<p>Ghent grows fast.</p>"})
    response = client.post(url(theme), data)
    assert response.status_code == 302
    theme.refresh_from_db()
    assert (
        theme.body_en
        == "<p>Ghent grows fast.</p>\n<p>The city builds <strong>schools</strong>.</p>"
    )
    assert theme.body_nl.startswith("<p>Gent groeit snel.")
    assert theme.version > version
    assert state_of(theme, "body") == State.CURRENT
    revision = Version.objects.get_for_object(theme).first().revision
    assert revision.user == translator
    assert "vertaalwerkplaats" in revision.get_comment()


def test_a_translator_cannot_change_the_dutch_from_here(client, translator, theme):
    data = post_data(
        theme, title_nl="Gehackt", **{f"strategy.theme:{theme.pk}:title_nl:0": "Gehackt"}
    )
    client.post(url(theme), data)
    theme.refresh_from_db()
    assert theme.title_nl == "Groene stad"


def test_someone_who_may_not_change_the_item_is_refused(client, theme):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url(theme)).status_code == 403
    assert client.post(url(theme), post_data(theme)).status_code == 403


def test_a_visitor_is_sent_to_the_login(client, theme):
    response = client.get(url(theme))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    "path",
    [
        "/admin/translations/fieldtranslation/work/strategy.theme/999999/en/",
        "/admin/translations/fieldtranslation/work/nothing.here/1/en/",
        "/admin/translations/fieldtranslation/work/strategy.missionline/1/en/",
    ],
)
def test_unknown_items_are_not_found(client, translator, path):
    assert client.get(path).status_code == 404


def test_the_dutch_is_no_target_language(client, translator, theme):
    assert client.get(url(theme, "nl")).status_code == 404


def test_a_broken_tag_structure_is_refused_and_the_typed_text_kept(client, translator, theme, soup):
    broken = "<p>The city builds <strong>schools.</p>"
    response = client.post(url(theme), post_data(theme, **{body_field("body", theme, 1): broken}))
    assert response.status_code == 400
    page = soup(response)
    assert "Er is niets bewaard" in page.get_text()
    textarea = page.find("textarea", attrs={"name": body_field("body", theme, 1)})
    assert textarea.get_text() == broken
    assert textarea["aria-invalid"] == "true"
    assert "De HTML is kapot" in page.select_one(".tr-finding--error").get_text()
    theme.refresh_from_db()
    assert theme.body_en == BODY_EN


def test_warnings_do_not_stop_a_save_and_are_shown_after_it(client, translator, theme, soup):
    response = client.post(
        url(theme), post_data(theme, **{body_field("body", theme, 0): "<p>Ghent grows</p>"})
    )
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.body_en.startswith("<p>Ghent grows</p>")
    warnings = soup(client.get(url(theme))).select(".tr-finding--warning")
    assert any("leesteken op het einde" in w.get_text() for w in warnings)


def test_a_rich_text_is_saved_whole_not_partly(client, translator, theme, soup):
    response = client.post(url(theme), post_data(theme, **{body_field("body", theme, 1): ""}))
    assert response.status_code == 400
    assert "Vertaal ook deze alinea" in soup(response).get_text()


def test_markup_the_site_does_not_allow_is_refused(client, translator, theme, soup):
    response = client.post(
        url(theme), post_data(theme, **{f"strategy.theme:{theme.pk}:intro:0": "<b>Hi</b>"})
    )
    assert response.status_code == 400
    assert "HTML-opmaak in een veld voor platte tekst" in soup(response).get_text()
    theme.refresh_from_db()
    assert theme.intro_en == "Introduction to Green city."


def test_a_save_over_someone_elses_is_refused(client, translator, theme, soup):
    data = post_data(theme, **{body_field("body", theme, 0): "<p>Ghent is growing.</p>"})
    theme.title_nl = "Groenere stad"
    save_content(theme)  # someone else, after the translator opened the page
    response = client.post(url(theme), data)
    assert response.status_code == 400
    assert "Iemand anders heeft dit item bewaard" in soup(response).get_text()
    theme.refresh_from_db()
    assert theme.body_en == BODY_EN


def test_a_missing_version_is_a_bad_request(client, translator, theme):
    data = post_data(theme)
    del data["version"]
    assert client.post(url(theme), data).status_code == 400


def test_an_outdated_translation_can_be_confirmed_without_a_change(client, translator, theme):
    theme.intro_nl = "Een nieuwe inleiding."
    theme.save()
    theme.refresh_from_db()
    assert state_of(theme, "intro") == State.OUTDATED
    data = post_data(theme, confirm=f"strategy.theme:{theme.pk}:intro")
    assert client.post(url(theme), data).status_code == 302
    assert state_of(theme, "intro") == State.CURRENT


def test_a_missions_lines_are_translated_on_its_page(client, translator, committed, soup):
    with committed():
        mission = MissionFactory()
        line = MissionLineFactory(mission=mission, text_nl="Een stad voor iedereen", text_en="")
    page = soup(client.get(url(mission)))
    name = f"strategy.missionline:{line.pk}:text:0"
    assert page.find("textarea", attrs={"name": name}) is not None
    response = client.post(url(mission), {"version": mission.version, name: "A city for everyone"})
    assert response.status_code == 302
    assert MissionLine.objects.get(pk=line.pk).text_en == "A city for everyone"


def test_the_overview_links_each_item_to_its_workbench(client, translator, theme, soup):
    page = soup(client.get("/admin/translations/fieldtranslation/?show=all"))
    assert page.find("a", href=url(theme)) is not None


def test_queries_do_not_grow_with_the_text(client, translator, committed):
    with committed():
        short = ThemeFactory(body_nl="<p>Een.</p>", body_en="")
        long = ThemeFactory(body_nl="\n".join(f"<p>Alinea {i}.</p>" for i in range(30)), body_en="")
    client.get(url(short))
    with CaptureQueriesContext(connection) as few:
        client.get(url(short))
    with CaptureQueriesContext(connection) as many:
        client.get(url(long))
    assert len(many) == len(few)


def test_the_edit_form_links_to_the_workbench(client, translator, theme, soup):
    page = soup(client.get(f"/admin/strategy/theme/{theme.pk}/change/"))
    assert page.find("a", href=url(theme)) is not None


def test_a_null_character_is_refused_not_a_server_error(client, translator, theme, soup):
    response = client.post(
        url(theme), post_data(theme, **{body_field("body", theme, 0): "<p>A\x00</p>"})
    )
    assert response.status_code == 400
    theme.refresh_from_db()
    assert theme.body_en == BODY_EN


def test_a_translator_may_translate_only_the_language_their_role_allows(
    translator, theme, monkeypatch
):
    from publishing import roles
    from translations.workbench import may_translate

    assert may_translate(translator, Theme, "en")
    # A language the Vertaler's admin form leaves read-only (as for Dutch) is refused here too.
    monkeypatch.setattr(roles, "TRANSLATION_LANGUAGE", "fr")
    assert not may_translate(translator, Theme, "en")


def test_a_paragraph_left_outdated_stays_outdated_after_a_save(client, translator, theme, soup):
    from translations.models import MemoryEntry

    theme.body_nl = "<p>Gent groeit snel.</p>\n<p>De stad bouwt <strong>veel</strong> scholen.</p>"
    theme.save()
    theme.refresh_from_db()
    data = post_data(theme, **{body_field("body", theme, 0): "<p>Ghent grows fast.</p>"})
    assert client.post(url(theme), data).status_code == 302
    body = [s for s in segments_of(soup(client.get(url(theme)))) if "body" in s["id"]]
    assert [badge_state(s) for s in body] == ["current", "outdated"]
    assert body[1].select_one(".tr-diff ins").get_text() == "veel"
    assert state_of(theme, "body") == State.OUTDATED
    # Today's Dutch is not remembered with the translation of the older Dutch.
    pairs = set(MemoryEntry.objects.values_list("source_text", "target_text"))
    assert ("<p>Gent groeit snel.</p>", "<p>Ghent grows fast.</p>") in pairs
    assert not any(source.startswith("<p>De stad bouwt <strong>veel") for source, _t in pairs)


def test_saving_without_a_change_confirms_nothing(client, translator, theme, soup):
    theme.body_nl = "<p>Gent groeit snel.</p>\n<p>De stad bouwt <strong>scholen</strong>.</p>"
    theme.save()
    theme.refresh_from_db()
    version = theme.version
    response = client.post(url(theme), post_data(theme), follow=True)
    assert response.status_code == 200
    theme.refresh_from_db()
    assert theme.version == version
    assert state_of(theme, "body") == State.OUTDATED


def test_the_translation_of_a_paragraph_removed_from_the_dutch_goes_with_it(
    client, translator, theme
):
    theme.body_nl = "<p>De stad bouwt <strong>scholen</strong>.</p>"
    theme.save()
    theme.refresh_from_db()
    data = {
        "version": theme.version,
        body_field("body", theme, 0): "<p>The city builds <strong>schools</strong>.</p>",
    }
    assert client.post(url(theme), data).status_code == 302
    theme.refresh_from_db()
    assert theme.body_en == "<p>The city builds <strong>schools</strong>.</p>"
    assert state_of(theme, "body") == State.CURRENT


# --- The same checks on the admin's own form --------------------------------------------------


def test_the_admin_form_refuses_broken_markup_in_a_changed_translation(client, translator, theme):
    from tests.admin_helpers import errors_of, form_data

    change = f"/admin/strategy/theme/{theme.pk}/change/"
    data = {**form_data(client.get(change)), "body_en": "<p>Ghent grows <strong>fast.</p>"}
    response = client.post(change, data)
    assert response.status_code == 200
    assert any("De HTML is kapot" in error for error in errors_of(response))
    theme.refresh_from_db()
    assert theme.body_en == BODY_EN


def test_the_admin_form_saves_with_warnings_shown(client, translator, theme):
    from tests.admin_helpers import form_data

    change = f"/admin/strategy/theme/{theme.pk}/change/"
    data = {**form_data(client.get(change)), "intro_en": "Introduction to Green city"}
    response = client.post(change, data, follow=True)
    theme.refresh_from_db()
    assert theme.intro_en == "Introduction to Green city"
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert any("leesteken op het einde" in warning for warning in warnings)


def test_an_editor_changing_only_the_dutch_is_not_checked(client, editor, theme):
    from tests.admin_helpers import errors_of, form_data

    change = f"/admin/strategy/theme/{theme.pk}/change/"
    data = {**form_data(client.get(change)), "intro_nl": "Nieuwe inleiding zonder punt"}
    response = client.post(change, data)
    assert response.status_code == 302, errors_of(response)


def test_a_service_page_is_translated_like_a_theme(client, translator, committed):
    from pages.models import Page
    from tests.factories import PageFactory

    with committed():
        page = PageFactory(body_nl="<p>Bel Gentinfo.</p>\n<p>Of mail ons.</p>", body_en="")
    data = {
        "version": page.version,
        f"pages.page:{page.pk}:body:0": "<p>Call Gentinfo.</p>",
        f"pages.page:{page.pk}:body:1": "<p>Or mail us.</p>",
    }
    assert client.post(url(page), data).status_code == 302
    assert Page.objects.get(pk=page.pk).body_en == "<p>Call Gentinfo.</p>\n<p>Or mail us.</p>"
