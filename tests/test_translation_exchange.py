"""Export content to PO, translate it in any tool, import it back: validated and all-or-nothing."""

import polib
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from strategy.models import Theme, Topic
from tests.factories import MissionFactory, MissionLineFactory, ThemeFactory, TopicFactory
from translations import exchange, status
from translations.status import State

pytestmark = pytest.mark.django_db


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
        f"strategy.theme:{theme.pk}:body",
        f"strategy.theme:{theme.pk}:image_alt",
        f"strategy.topic:{topic.pk}:title",
        f"strategy.topic:{topic.pk}:slug",
    }
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
            f"strategy.theme:{theme.pk}:body": '<p>Read the <a href="https://stad.gent/plan">plan</a>.</p>',
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
    assert report.confirmed == [f"strategy.theme:{theme.pk}:intro"]
    assert report.changed == []
    assert {s.state for s in status.statuses_of(theme, ["en"])} == {State.CURRENT}


def test_empty_and_fuzzy_entries_are_skipped_not_applied():
    theme = ThemeFactory(intro_en="Old.")
    theme.intro_nl = "Nieuw."
    theme.save()
    po = exported()
    report = exchange.import_po(str(po))  # the translator left the fuzzy entry as it was
    assert report.ok
    assert report.skipped == [f"strategy.theme:{theme.pk}:intro: still marked fuzzy (needs review)"]
    assert state_of(Theme.objects.get(), "intro") == State.OUTDATED


def state_of(obj, field_name):
    (found,) = [s for s in status.statuses_of(obj, ["en"]) if s.field == field_name]
    return found.state


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
    refused(
        content,
        f"strategy.theme:{theme.pk}:intro (theme “Stad van de toekomst” · introduction): "
        "the Dutch text changed since the export",
    )


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
    content = translate(
        exported(), {**valid_changes(theme), f"strategy.theme:{theme.pk}:body": html}
    )
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
        f"strategy.theme:{theme.pk}:title: "
        "Ensure this value has at most 200 characters (it has 201).",
        f"strategy.theme:{theme.pk}:slug: the slug “taken” is already in use "
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
        f"strategy.topic:{other.pk}:slug: the slug “living” is already in use "
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
    refused(content, f"strategy.theme:{theme.pk}:slug: Enter a valid “slug”")


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
