"""Export content to PO, translate it in any tool, import it back: validated, versioned,
recorded in the history and all-or-nothing."""

import polib
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from reversion.models import Version

from publishing.reserved import reserved_slugs
from publishing.writes import STALE_MESSAGE
from strategy.models import Mission, MissionLine, Theme, Topic
from tests.admin_helpers import errors_of, form_data
from tests.factories import (
    MissionFactory,
    MissionLineFactory,
    PageFactory,
    ThemeFactory,
    TopicFactory,
    UserFactory,
)
from translations import exchange, status
from translations.status import State

pytestmark = pytest.mark.django_db


ENGLISH = {"Accept-Language": "en"}


@pytest.fixture(autouse=True)
def english_messages():
    """Reports are in the active language (Dutch by default); these tests read the English."""
    with translation.override("en"):
        yield


@pytest.fixture
def theme():
    """A theme whose English is missing for every field, with one topic, also untranslated."""
    theme = ThemeFactory(
        title_nl="Stad van de toekomst",
        slug_nl="stad-van-de-toekomst",
        intro_nl="Gent bouwt aan morgen.",
        body_nl='<p>Lees het <a href="https://stad.gent/plan">plan</a>.</p>',
        image_alt_nl="Een brug over de Leie",
        title_en="",
        slug_en="",
        intro_en="",
    )
    TopicFactory(theme=theme, title_nl="wonen", slug_nl="wonen", title_en="", slug_en="")
    return theme


def exported(objects=None, everything=False):
    """The export as a translator's tool reads it."""
    objects = list(Theme.objects.all()) + list(Topic.objects.all()) if objects is None else objects
    return polib.pofile(str(exchange.export_po(objects, "en", everything=everything)))


def translate(po, translations):
    for entry in po:
        if entry.msgctxt in translations:
            entry.msgstr = translations[entry.msgctxt]
            if entry.fuzzy:
                entry.flags.remove("fuzzy")
    return str(po)


def snapshot():
    return sorted(
        (model.__name__, obj.pk, column, getattr(obj, column))
        for model in (Theme, Topic)
        for obj in model.objects.all()
        for column in ("title_en", "slug_en", "intro_en", "body_en", "image_alt_en")
        if hasattr(obj, column)
    )


def test_export_lists_what_needs_translating_with_context_source_and_comment(theme):
    po = exported()
    by_context = {entry.msgctxt: entry for entry in po}
    topic = theme.topics.get()
    assert set(by_context) == {
        f"strategy.theme:{theme.pk}:title",
        f"strategy.theme:{theme.pk}:slug",
        f"strategy.theme:{theme.pk}:intro",
        f"strategy.theme:{theme.pk}:body:1",
        f"strategy.theme:{theme.pk}:image_alt",
        f"strategy.topic:{topic.pk}:title",
        f"strategy.topic:{topic.pk}:slug",
    }
    assert by_context[f"strategy.theme:{theme.pk}:body:1"].msgid == "Lees het {1}plan{/1}."
    intro = by_context[f"strategy.theme:{theme.pk}:intro"]
    assert intro.msgid == "Gent bouwt aan morgen."
    assert intro.msgstr == ""
    assert "Stad van de toekomst" in intro.comment
    assert f"/admin/strategy/theme/{theme.pk}/change/" in intro.comment
    assert po.metadata["Language"] == "en"


def test_export_marks_outdated_entries_fuzzy_with_the_previous_dutch():
    theme = ThemeFactory(intro_nl="Oude inleiding.", intro_en="Old introduction.")
    theme.intro_nl = "Nieuwe inleiding."
    theme.save()
    (entry,) = exported()
    assert entry.msgctxt == f"strategy.theme:{theme.pk}:intro"
    assert entry.fuzzy
    assert entry.msgid == "Nieuwe inleiding."
    assert entry.previous_msgid == "Oude inleiding."
    assert entry.msgstr == "Old introduction."


def test_export_all_includes_up_to_date_entries():
    theme = ThemeFactory()
    assert len(exported()) == 0
    po = exported(everything=True)
    assert {e.msgctxt for e in po} == {
        f"strategy.theme:{theme.pk}:{f}" for f in ("title", "slug", "intro")
    }
    assert not any(e.fuzzy for e in po)


def test_round_trip_of_every_field_type(theme):
    topic = theme.topics.get()
    content = translate(
        exported(),
        {
            f"strategy.theme:{theme.pk}:title": "City of the future",
            f"strategy.theme:{theme.pk}:slug": "city-of-the-future",
            f"strategy.theme:{theme.pk}:intro": "Ghent builds for tomorrow.",
            f"strategy.theme:{theme.pk}:body:1": "Read the {1}plan{/1}.",
            f"strategy.theme:{theme.pk}:image_alt": "A bridge over the Leie",
            f"strategy.topic:{topic.pk}:title": "housing",
            f"strategy.topic:{topic.pk}:slug": "housing",
        },
    )

    report = exchange.import_po(content)

    assert report.ok, report.errors
    assert report.applied
    assert len(report.changed) == 7
    theme.refresh_from_db()
    topic.refresh_from_db()
    assert theme.title_en == "City of the future"
    assert theme.slug_en == "city-of-the-future"
    assert theme.intro_en == "Ghent builds for tomorrow."
    assert theme.body_en == (
        '<p>Read the <a href="https://stad.gent/plan" rel="noopener noreferrer">plan</a>.</p>'
    )
    assert theme.image_alt_en == "A bridge over the Leie"
    assert (topic.title_en, topic.slug_en) == ("housing", "housing")
    states = {
        s.state for s in status.statuses_of(theme, ["en"]) + status.statuses_of(topic, ["en"])
    }
    assert states == {State.CURRENT}
    assert len(exported()) == 0  # nothing left to translate


def test_mission_and_its_lines_round_trip():
    mission = MissionFactory(mission_intro_en="")
    line = MissionLineFactory(mission=mission, text_nl="Samen maken we de stad.", text_en="")
    content = translate(
        exported([mission, line]),
        {
            f"strategy.mission:{mission.pk}:mission_intro": "Where are we heading?",
            f"strategy.missionline:{line.pk}:text": "Together we make the city.",
        },
    )
    assert exchange.import_po(content).ok
    mission.refresh_from_db()
    line.refresh_from_db()
    assert mission.mission_intro_en == "Where are we heading?"
    assert line.text_en == "Together we make the city."


def test_importing_an_unchanged_outdated_translation_confirms_it():
    theme = ThemeFactory(intro_en="Introduction.")
    theme.intro_nl = "Een licht gewijzigde inleiding."
    theme.save()
    content = translate(exported(), {f"strategy.theme:{theme.pk}:intro": "Introduction."})
    report = exchange.import_po(content)
    assert [c.context for c in report.confirmed] == [f"strategy.theme:{theme.pk}:intro"]
    assert report.confirmed[0].label == f"theme “{theme.title_en}” · introduction"
    assert report.changed == []
    assert {s.state for s in status.statuses_of(theme, ["en"])} == {State.CURRENT}


def test_empty_and_fuzzy_entries_are_skipped_not_applied():
    theme = ThemeFactory(intro_en="Old.")
    theme.intro_nl = "Nieuw."
    theme.save()
    po = exported()
    report = exchange.import_po(str(po))  # the translator left the fuzzy entry as it was
    assert report.ok
    assert report.skipped == [
        f"theme “{theme.title_en}” · introduction: still marked fuzzy (needs review)"
    ]
    assert state_of(Theme.objects.get(), "intro") == State.OUTDATED


@pytest.fixture
def theme_translator(db):
    """Someone who may change themes but not service pages (a group of their own)."""
    group = Group.objects.create(name="Themavertalers")
    group.permissions.set(Permission.objects.filter(codename__in=["change_theme", "view_theme"]))
    return UserFactory(groups=["Themavertalers"])


def odd_entries(case, theme):
    """Entries that are wrong in some way besides being fuzzy, by case."""
    intro = f"strategy.theme:{theme.pk}:intro"
    if case == "for an item since deleted":
        gone = ThemeFactory()
        context, source = f"strategy.theme:{gone.pk}:intro", gone.intro_nl
        gone.delete()
        return [(context, source, "Gone.")]
    if case == "appearing twice":
        return [(intro, theme.intro_nl, "Ghent."), (intro, theme.intro_nl, "Ghent again.")]
    if case == "left empty":
        return [(intro, theme.intro_nl, "")]
    if case == "made for an older Dutch text":
        return [(intro, "Gent bouwde aan gisteren.", "Ghent built for yesterday.")]
    if case == "with markup that is not allowed":
        return [(f"strategy.theme:{theme.pk}:body", theme.body_nl, "<script>steal()</script>")]
    page = PageFactory(title_en="")  # "of a kind the user may not change"
    return [(f"pages.page:{page.pk}:title", page.title_nl, "Contact")]


@pytest.mark.parametrize(
    "case",
    [
        "for an item since deleted",
        "appearing twice",
        "left empty",
        "made for an older Dutch text",
        "with markup that is not allowed",
        "of a kind the user may not change",
    ],
)
def test_a_fuzzy_entry_is_always_skipped_never_an_error(theme, theme_translator, case):
    """The import page says fuzzy entries are skipped: whatever else is wrong with one, it is
    never applied, so it must not stop the rest of the file."""
    odd = odd_entries(case, theme)
    po = exported([theme])
    for entry in [e for e in po if e.msgctxt in {context for context, _s, _t in odd}]:
        po.remove(entry)  # the export's own (empty) entry for that field
    for context, source, text in odd:
        po.append(polib.POEntry(msgctxt=context, msgid=source, msgstr=text, flags=["fuzzy"]))
    content = translate(po, valid_changes(theme))  # unflags only the entries it translates

    report = exchange.import_po(content, user=theme_translator)

    assert report.ok, report.errors
    assert report.applied
    assert Theme.objects.get(pk=theme.pk).title_en == "City of the future"
    assert [line.message for line in report.skipped if "fuzzy" in line] == [
        "still marked fuzzy (needs review)" for _odd in odd
    ]


def test_an_empty_entry_for_a_kind_the_user_may_not_change_is_skipped(theme, theme_translator):
    page = PageFactory(title_en="")
    po = exported([theme])
    po.append(polib.POEntry(msgctxt=f"pages.page:{page.pk}:title", msgid=page.title_nl))
    report = exchange.import_po(translate(po, valid_changes(theme)), user=theme_translator)
    assert report.ok, report.errors
    assert f"pages.page:{page.pk}:title: not translated" in report.skipped


def test_a_translated_entry_for_a_kind_the_user_may_not_change_is_refused(theme, theme_translator):
    page = PageFactory(title_en="")
    po = exported([theme])
    po.append(polib.POEntry(msgctxt=f"pages.page:{page.pk}:title", msgid=page.title_nl))
    content = translate(po, {**valid_changes(theme), f"pages.page:{page.pk}:title": "Contact"})
    before = snapshot()
    report = exchange.import_po(content, user=theme_translator)
    assert report.errors == [f"pages.page:{page.pk}:title: you may not change this kind of item"]
    assert snapshot() == before


def state_of(obj, field_name):
    (found,) = [s for s in status.statuses_of(obj, ["en"]) if s.field == field_name]
    return found.state


def body(theme):
    return f"strategy.theme:{theme.pk}:body"


def whole_body(po, theme):
    """``po`` with the whole rich text as one entry instead of its paragraphs."""
    for entry in [e for e in po if e.msgctxt.startswith(body(theme) + ":")]:
        po.remove(entry)
    po.append(polib.POEntry(msgctxt=body(theme), msgid=theme.body_nl))
    return po


def refused(content, *fragments):
    before = snapshot()
    report = exchange.import_po(content)
    assert not report.applied
    assert snapshot() == before, "the database changed"
    for fragment in fragments:
        assert any(fragment in error for error in report.errors), report.errors
    return report


def valid_changes(theme):
    """A good translation of the title, which must not be applied when another entry is bad."""
    return {f"strategy.theme:{theme.pk}:title": "City of the future"}


def test_import_refuses_an_entry_whose_dutch_changed_since_the_export(theme):
    po = exported()
    theme.intro_nl = "Gent bouwt vandaag aan morgen."
    theme.save()
    content = translate(po, {**valid_changes(theme), f"strategy.theme:{theme.pk}:intro": "Ghent."})
    report = refused(
        content,
        "theme “Stad van de toekomst” · introduction: the Dutch text changed since the export",
    )
    assert report.errors[0].url == f"/admin/strategy/theme/{theme.pk}/change/"


@pytest.mark.parametrize(
    "context",
    ["strategy.theme:999999:title", "strategy.theme:{pk}:colour", "auth.user:1:username", "junk"],
)
def test_import_refuses_unknown_items_and_fields(theme, context):
    po = exported()
    po.append(polib.POEntry(msgctxt=context.format(pk=theme.pk), msgid="x", msgstr="y"))
    refused(translate(po, valid_changes(theme)), "unknown item")


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ("<p>Hi</p><script>alert(1)</script>", "<script>"),
        ('<p onclick="steal()">Hi</p>', "onclick"),
        ('<p><a href="javascript:alert(1)">Hi</a></p>', "javascript:alert(1)"),
        ('<p><img src="x" onerror="steal()"></p>', "<img>"),
        ('<p style="position:fixed">Hi</p>', "style"),
    ],
)
def test_import_refuses_hostile_html(theme, html, problem):
    """A whole rich text in HTML (as files exported before paragraphs) is still accepted, and
    checked against the allow-list."""
    content = translate(whole_body(exported(), theme), {**valid_changes(theme), body(theme): html})
    refused(content, "markup that is not allowed", problem)


def test_import_refuses_markup_in_plain_text_fields(theme):
    content = translate(
        exported(), {f"strategy.theme:{theme.pk}:image_alt": 'A bridge<img src=x onerror="x()">'}
    )
    refused(content, "HTML markup in a plain-text field")


def test_plain_text_may_contain_a_less_than_sign(theme):
    content = translate(exported(), {f"strategy.theme:{theme.pk}:intro": "Less than 5 < 6 & more."})
    assert exchange.import_po(content).ok
    assert Theme.objects.get().intro_en == "Less than 5 < 6 & more."


def test_import_refuses_a_slug_another_theme_has(theme):
    ThemeFactory(title_en="Taken", slug_en="taken")
    content = translate(
        exported([theme]),
        {
            f"strategy.theme:{theme.pk}:title": "T" * 201,  # too long, and
            f"strategy.theme:{theme.pk}:slug": "taken",
        },
    )
    report = refused(content)
    assert report.errors == [
        "theme “Stad van de toekomst” · title: "
        "Ensure this value has at most 200 characters (it has 201).",
        "theme “Stad van de toekomst” · slug: the slug “taken” is already in use "
        "(Constraint “theme_unique_slug_en” is violated.)",
    ]


def test_import_refuses_two_topics_of_a_theme_with_one_slug(theme):
    other = TopicFactory(theme=theme, title_nl="werk", slug_nl="werk", title_en="", slug_en="")
    first = theme.topics.get(slug_nl="wonen")
    content = translate(
        exported([first, other]),
        {f"strategy.topic:{first.pk}:slug": "living", f"strategy.topic:{other.pk}:slug": "living"},
    )
    report = refused(content)
    assert report.errors == [
        "topic “werk” · slug: the slug “living” is already in use "
        "(Constraint “topic_unique_slug_en” is violated.)"
    ]


def test_topics_of_different_themes_may_share_an_english_slug(theme):
    TopicFactory(title_en="housing", slug_en="housing")
    topic = theme.topics.get()
    content = translate(exported([topic]), {f"strategy.topic:{topic.pk}:slug": "housing"})
    assert exchange.import_po(content).ok


@pytest.mark.parametrize("slug", ["City of the future", "stad/gent", "ça-va"])
def test_import_refuses_a_malformed_slug(theme, slug):
    content = translate(exported([theme]), {f"strategy.theme:{theme.pk}:slug": slug})
    refused(content, "theme “Stad van de toekomst” · slug: Enter a valid “slug”")


def test_import_refuses_a_reserved_slug_with_the_admin_forms_words(client, editor, theme):
    """The search page is /en/search/: a theme there could never be reached in English."""
    assert "search" in reserved_slugs()
    url = reverse("admin:strategy_theme_change", args=[theme.pk])
    data = form_data(client.get(url, headers=ENGLISH))
    data.update(title_en="Search", slug_en="search")
    admin_errors = errors_of(client.post(url, data, headers=ENGLISH))
    assert len(admin_errors) == 1  # the admin form refuses it ...

    content = translate(exported([theme]), {f"strategy.theme:{theme.pk}:slug": "search"})
    report = refused(content)  # ... and so does the import, for that entry

    assert report.errors == [f"theme “Stad van de toekomst” · slug: {admin_errors[0]}"]


def test_import_reports_an_error_of_a_field_it_did_not_change_for_the_item(theme):
    """The item as a whole must be valid to be saved, as in the admin form."""
    now = timezone.now()
    Theme.objects.filter(pk=theme.pk).update(publish_from=now, publish_until=now)
    content = translate(exported([theme]), valid_changes(theme))
    report = refused(content)
    assert report.errors == [
        "theme “City of the future” · publish until: "
        "“Publish until” must be later than “publish from”."
    ]


def test_import_refuses_a_file_for_another_language(theme):
    po = exported()
    po.metadata["Language"] = "de"
    refused(translate(po, valid_changes(theme)), "de")


def test_import_refuses_what_is_not_a_po_file():
    refused('this is not\na PO file\n"', "Not a readable PO file")


def test_import_never_reads_a_file_named_by_the_upload(tmp_path):
    """polib treats a string naming an existing file as that file; an upload must not."""
    secret = tmp_path / "secret.po"
    secret.write_text('msgctxt "strategy.theme:1:title"\nmsgid "x"\nmsgstr "y"\n')
    report = refused(str(secret), "Not a readable PO file")
    assert report.skipped == []


def test_dry_run_reports_the_changes_and_changes_nothing(theme):
    content = translate(exported(), valid_changes(theme))
    before = snapshot()
    report = exchange.import_po(content, dry_run=True)
    assert report.ok
    assert not report.applied
    assert [(c.context, c.old, c.new) for c in report.changed] == [
        (f"strategy.theme:{theme.pk}:title", "", "City of the future")
    ]
    assert snapshot() == before
    assert state_of(Theme.objects.get(pk=theme.pk), "title") == State.MISSING


# --- Versioned and recorded, like an admin save --------------------------------------------------

IMPORT_COMMENT = "Imported from a PO file (English)"


def test_a_form_opened_before_the_import_is_refused_after_it(client, translator, theme):
    url = reverse("admin:strategy_theme_change", args=[theme.pk])
    data = form_data(client.get(url, headers=ENGLISH))
    intro = f"strategy.theme:{theme.pk}:intro"
    assert exchange.import_po(translate(exported([theme]), {intro: "Ghent."}), user=translator).ok

    data["title_en"] = "Typed in the form opened before"
    response = client.post(url, data, headers=ENGLISH)

    assert response.status_code == 200
    assert str(STALE_MESSAGE) in errors_of(response)
    theme.refresh_from_db()
    assert (theme.intro_en, theme.title_en) == ("Ghent.", "")


def test_the_import_is_one_revision_in_each_items_history(client, translator, soup, theme):
    topic = theme.topics.get()
    content = translate(
        exported(),
        {
            f"strategy.theme:{theme.pk}:title": "City of the future",
            f"strategy.topic:{topic.pk}:title": "housing",
        },
    )
    exchange.import_po(content, user=translator)

    (theme_version, topic_version) = (
        Version.objects.get_for_object(obj).first() for obj in (theme, topic)
    )
    assert theme_version.revision == topic_version.revision
    assert theme_version.revision.user == translator
    assert theme_version.revision.comment == IMPORT_COMMENT
    assert theme_version.field_dict["title_en"] == "City of the future"
    assert topic_version.field_dict["title_en"] == "housing"
    history = reverse("admin:strategy_theme_history", args=[theme.pk])
    rows = soup(client.get(history, headers=ENGLISH)).select("#change-history tbody tr")
    assert translator.username in rows[0].get_text()
    assert IMPORT_COMMENT in rows[0].get_text()


def test_a_mission_line_import_versions_and_records_its_mission(client, translator):
    mission = MissionFactory()
    line = MissionLineFactory(mission=mission, text_nl="Samen.", text_en="")
    url = reverse("admin:strategy_mission_change", args=[mission.pk])
    data = form_data(client.get(url, headers=ENGLISH))
    content = translate(exported([line]), {f"strategy.missionline:{line.pk}:text": "Together."})

    assert exchange.import_po(content, user=translator).applied

    latest = Version.objects.get_for_object(mission).first()
    assert latest.revision.comment == IMPORT_COMMENT
    (recorded_line,) = [
        v for v in latest.revision.version_set.all() if v.content_type.model_class() is MissionLine
    ]
    assert recorded_line.field_dict["text_en"] == "Together."
    data["mission_intro_en"] = "Typed in the form opened before"
    response = client.post(url, data, headers=ENGLISH)
    assert str(STALE_MESSAGE) in errors_of(response)
    assert Mission.objects.get().mission_intro_en == mission.mission_intro_en


def test_confirming_an_unchanged_translation_saves_no_new_version():
    theme = ThemeFactory(intro_en="Introduction.")
    theme.intro_nl = "Een licht gewijzigde inleiding."
    theme.save()
    before = (Theme.objects.get().version, Version.objects.get_for_object(theme).count())
    exchange.import_po(translate(exported(), {f"strategy.theme:{theme.pk}:intro": "Introduction."}))
    assert (Theme.objects.get().version, Version.objects.get_for_object(theme).count()) == before
    assert state_of(Theme.objects.get(), "intro") == State.CURRENT


# --- The management commands ----------------------------------------------------------------------


def test_export_and_import_commands_round_trip(theme, tmp_path, capsys):
    path = tmp_path / "en.po"
    call_command("export_translations", "-o", str(path))
    po = polib.pofile(str(path))
    assert len(po) == 7
    path.write_text(translate(po, valid_changes(theme)), encoding="utf-8")

    call_command("import_translations", str(path), "--dry-run")
    assert "would change 1" in capsys.readouterr().out
    assert Theme.objects.get().title_en == ""

    call_command("import_translations", str(path))
    assert "changed 1" in capsys.readouterr().out
    assert Theme.objects.get().title_en == "City of the future"


def test_export_command_all(theme, tmp_path):
    ThemeFactory()
    path = tmp_path / "all.po"
    call_command("export_translations", "--all", "--language", "en", "-o", str(path))
    assert len(polib.pofile(str(path))) == 7 + 3


def test_import_command_fails_and_lists_errors(theme, tmp_path):
    po = exported()
    po.append(polib.POEntry(msgctxt="strategy.theme:999999:title", msgid="x", msgstr="y"))
    path = tmp_path / "bad.po"
    path.write_text(translate(po, valid_changes(theme)), encoding="utf-8")
    with pytest.raises(CommandError, match=r"strategy\.theme:999999:title: unknown item"):
        call_command("import_translations", str(path))
    assert Theme.objects.get().title_en == ""


def test_export_command_refuses_the_source_language(tmp_path):
    with pytest.raises(CommandError, match="nl"):
        call_command("export_translations", "--language", "nl", "-o", str(tmp_path / "x.po"))


def test_import_command_validates_versions_and_records_like_the_admin(theme, tmp_path):
    """A command may change every item, but through the same write path (without a user)."""
    path = tmp_path / "en.po"
    call_command("export_translations", "-o", str(path))
    po = polib.pofile(str(path))
    slug = f"strategy.theme:{theme.pk}:slug"
    path.write_text(translate(po, {slug: "search"}), encoding="utf-8")
    with pytest.raises(CommandError, match=r"slug: This address is used by another page"):
        call_command("import_translations", str(path))
    assert Theme.objects.get().slug_en == ""

    version = Theme.objects.get().version
    path.write_text(translate(po, {slug: "city-of-the-future"}), encoding="utf-8")
    call_command("import_translations", str(path))

    theme = Theme.objects.get()
    assert theme.slug_en == "city-of-the-future"
    assert theme.version > version
    latest = Version.objects.get_for_object(theme).first()
    assert latest.revision.user is None
    assert latest.revision.comment == IMPORT_COMMENT


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ("<p>Hi</p><style>p { color: red }<p>The rest.</p>", "<style>"),
        ("<p>Hi</p><script>alert(1)<p>The rest.</p>", "<script>"),
        ("<p>Hi</p><!-- a note <p>The rest.</p>", "Everything after “<!--” would be lost"),
    ],
)
def test_import_refuses_an_unclosed_element_instead_of_dropping_the_rest(theme, html, problem):
    """Before: an open comment made the sanitiser drop the rest, and the import succeeded."""
    content = translate(whole_body(exported(), theme), {**valid_changes(theme), body(theme): html})
    refused(content, "theme “Stad van de toekomst” · body", problem)


# --- Large files: a size limit, queries that do not grow with the entries, a summary -------------

IMPORT_URL = "/admin/translations/fieldtranslation/import/"


def post_import(client, content, language="en"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {"file": SimpleUploadedFile("en.po", content.encode()), "dry_run": "on"}
    return client.post(IMPORT_URL, data, headers={"Accept-Language": language})


def unknown_entries(count, first=900_000):
    po = polib.POFile()
    po.metadata = {"Language": "en", "Content-Type": "text/plain; charset=UTF-8"}
    for pk in range(first, first + count):
        po.append(polib.POEntry(msgctxt=f"strategy.theme:{pk}:title", msgid="x", msgstr="y"))
    return po


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    client, translator, soup, settings
):
    settings.PO_IMPORT_MAX_BYTES = 4096
    content = str(unknown_entries(100))
    assert len(content.encode()) > 4096
    page = soup(post_import(client, content, language="nl"))
    errors = page.select_one(".errorlist").get_text()
    assert "te groot" in errors and "4,0" in errors, errors
    assert page.select_one(".tr-report") is None, "the file was not read"


def test_a_file_within_the_size_limit_is_read(client, translator, soup, settings):
    settings.PO_IMPORT_MAX_BYTES = 64 * 1024
    page = soup(post_import(client, str(unknown_entries(100))))
    assert "Nothing was imported" in page.select_one(".tr-report").get_text()


def queries_of(content, user=None):
    """The import's queries; not those recording the redirect of an English slug that changed,
    which cost a few per changed address (tests/test_redirects.py), not per entry."""
    with CaptureQueriesContext(connection) as queries:
        report = exchange.import_po(content, user=user, dry_run=True)
    return len([q for q in queries if "redirects_redirect" not in q["sql"]]), report


def test_unknown_entries_cost_no_query_each():
    """Before: one query per entry naming an unknown item (a 2 MB file ran for half a minute)."""
    few, report = queries_of(str(unknown_entries(10)))
    assert len(report.errors) == 10
    many, report = queries_of(str(unknown_entries(2_000)))
    assert len(report.errors) == 2_000
    assert many - few <= 2, "at most one more query per 999 items (SQLite's batch size)"


def everything_translated(objects):
    po = exported(objects, everything=True)
    for entry in po:
        entry.msgstr = f"{entry.msgid}-en" if entry.msgctxt.endswith(":slug") else entry.msgid + "!"
        entry.flags = []
    return po


def test_a_valid_import_costs_queries_per_item_not_per_entry(translator):
    themes = [ThemeFactory(body_nl="<p>Tekst.</p>", image_alt_nl="Brug") for _ in range(12)]
    whole = everything_translated(themes[:6])
    assert len(whole) == 6 * 5
    titles_only = polib.POFile()
    titles_only.metadata = whole.metadata
    for entry in whole:
        if entry.msgctxt.endswith(":title"):
            titles_only.append(entry)
    doubled = everything_translated(themes)

    queries_of(str(titles_only), translator)  # caches warm (permissions, content types)
    by_titles, report = queries_of(str(titles_only), translator)
    assert report.ok and len(report.changed) == 6, report.errors
    by_fields, report = queries_of(str(whole), translator)
    assert report.ok and len(report.changed) == 30, report.errors
    by_items, report = queries_of(str(doubled), translator)
    assert report.ok and len(report.changed) == 60, report.errors

    assert by_fields == by_titles, "five times the entries, the same queries"
    per_item = (by_items - by_fields) / 6
    # 12: one of them is the redirects app's look at the item's public address before the save.
    assert per_item <= 12, f"{per_item} queries per saved item"


def test_thousands_of_problems_are_summarised_by_kind(client, translator, soup, settings):
    theme = ThemeFactory()
    po = unknown_entries(1_200)
    intro = f"strategy.theme:{theme.pk}:intro"
    po.append(polib.POEntry(msgctxt=intro, msgid=theme.intro_nl, msgstr="<b>"))
    for pk in range(5):
        po.append(polib.POEntry(msgctxt=f"strategy.theme:{pk}:colour", msgid="x", msgstr="y"))
    page = soup(post_import(client, str(po)))
    report = page.select_one(".tr-report")
    text = " ".join(report.get_text().split())
    assert "Fix these 1206 problems" in text
    headings = [" ".join(h.get_text().split()) for h in report.select("h3")]
    assert headings == [
        "Unknown item: it does not exist (any more) (1200)",
        "HTML markup in a plain-text field (1)",
        "Unknown item or field (5)",
    ]
    assert len(report.select(".errorlist li")) == 50
    assert "… and 1150 more." in text
