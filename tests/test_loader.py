"""The content loader: complete, idempotent, and never overwriting an editor's work."""

import pytest
from django.core.management import call_command
from django.utils import translation
from reversion.models import Revision, Version

from pages.models import Page
from publishing.writes import save_content
from strategy.loader import load_content
from strategy.models import Mission, MissionLine, Theme, Topic
from strategy.seed import SeedFormatError, load_seed, parse_seed

pytestmark = pytest.mark.django_db


def counts():
    return (
        Mission.objects.count(),
        MissionLine.objects.count(),
        Theme.objects.count(),
        Topic.objects.count(),
    )


def test_loads_the_whole_source_published():
    report = load_content()
    assert counts() == (1, 9, 4, 20)
    assert report.created == 34
    assert Theme.objects.published().count() == 4
    assert Topic.objects.published().count() == 20
    wonen = Topic.objects.get(slug_nl="wonen")
    assert (wonen.title_nl, wonen.title_en, wonen.slug_en) == ("wonen", "housing", "housing")
    assert wonen.theme.slug_en == "city-of-the-future"


def test_running_twice_changes_nothing(capsys):
    call_command("load_content")
    before = [
        (t.pk, t.title_nl, t.title_en, t.slug_nl, t.slug_en, t.order, t.updated_at)
        for t in Topic.objects.all()
    ]
    call_command("load_content")
    after = [
        (t.pk, t.title_nl, t.title_en, t.slug_nl, t.slug_en, t.order, t.updated_at)
        for t in Topic.objects.all()
    ]
    assert counts() == (1, 9, 4, 20)
    assert after == before
    assert "0 items created, 0 empty fields filled" in capsys.readouterr().out


def test_keeps_an_editors_change():
    load_content()
    theme = Theme.objects.get(slug_nl="stad-van-kansen")
    theme.intro_nl = "Een tekst van de redactie."
    theme.status = "draft"
    theme.order = 99
    theme.save()
    mission = Mission.objects.get()
    mission.title_en = "Mission and strategy of Ghent"
    mission.save()

    load_content()
    theme.refresh_from_db()
    assert (theme.intro_nl, theme.status, theme.order) == (
        "Een tekst van de redactie.",
        "draft",
        99,
    )
    assert Mission.objects.get().title_en == "Mission and strategy of Ghent"


def test_fills_a_translation_that_is_still_empty():
    load_content()
    Topic.objects.filter(slug_nl="wonen").update(title_en="", slug_en="")
    report = load_content()
    wonen = Topic.objects.get(slug_nl="wonen")
    assert (wonen.title_en, wonen.slug_en) == ("housing", "housing")
    assert report.filled == 2


def test_a_deleted_shipped_item_stays_deleted():
    load_content()
    Topic.objects.get(slug_nl="toerisme").delete()
    report = load_content()
    assert not Topic.objects.filter(slug_nl="toerisme").exists()
    assert report.kept_deleted == 1


def shipped_items():
    return [
        Mission.objects.get(),
        *MissionLine.objects.all(),
        *Theme.objects.all(),
        *Topic.objects.all(),
        *Page.objects.all(),
    ]


def comments(obj):
    return [v.revision.comment for v in Version.objects.get_for_object(obj)]


def test_every_shipped_item_has_the_shipped_text_as_its_first_version():
    with translation.override("en"):
        call_command("load_content", verbosity=0)
    items = shipped_items()
    assert len(items) == 1 + 9 + 4 + 20 + 3
    for obj in items:
        assert comments(obj) == ["Shipped content"], obj
    # The mission's version holds its lines: restoring the mission restores them.
    [mission_version] = Version.objects.get_for_object(Mission.objects.get())
    lines_in_revision = mission_version.revision.version_set.filter(
        content_type__model="missionline"
    )
    assert lines_in_revision.count() == 9


def test_content_loaded_before_history_existed_gets_a_first_version_once(capsys):
    call_command("load_content", verbosity=0)
    Version.objects.all().delete()
    Revision.objects.all().delete()
    capsys.readouterr()
    with translation.override("en"):
        call_command("load_content")
    strategy, pages = capsys.readouterr().out.splitlines()
    assert strategy.endswith("34 first history versions recorded.")
    assert pages.endswith("3 first history versions recorded.")
    for obj in shipped_items():
        [comment] = comments(obj)
        assert comment.startswith("Shipped content"), obj
    revisions = Revision.objects.count()
    call_command("load_content", verbosity=0)
    assert Revision.objects.count() == revisions
    assert all(len(comments(obj)) == 1 for obj in shipped_items())


def test_parser_keeps_every_line_exactly():
    seed = load_seed("nl")
    assert seed.mission_lines[0] == "Gent is een fiere stad"
    assert (
        seed.mission_lines[-1]
        == "En maken voor de volgende generaties de omslag naar een nog beter Gent."
    )
    assert seed.image_label == "Header Klaartje"
    assert seed.themes[1].topics == [
        "werk",
        "kinderopvang en onderwijs",
        "armoede",
        "welzijn en gezondheid",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Label\n\nTitel\n",
        "L\n\nT\n\nM\n\nI\n\nregel\n\nS\n\nSI\n\nThema\n\nIntro\n\nniet een lijst\n",
    ],
)
def test_parser_refuses_a_malformed_file(text):
    with pytest.raises(SeedFormatError):
        parse_seed(text)


def test_an_item_edited_before_history_existed_gets_the_shipped_text_as_first_version():
    """A database from before history: an editor's change is the oldest version, and the text as
    shipped is nowhere. The next load puts it first, so it can be restored."""
    call_command("load_content", verbosity=0)
    Version.objects.all().delete()
    Revision.objects.all().delete()
    theme = Theme.objects.get(slug_nl="stad-van-de-toekomst")
    shipped_title = theme.title_nl
    theme.title_nl = "Gewijzigd door een redacteur"
    save_content(theme, comment="edit")

    with translation.override("en"):
        call_command("load_content", verbosity=0)

    first, edit = Version.objects.get_for_object(theme).order_by("revision__date_created")
    assert edit.revision.comment == "edit"
    assert first.revision.comment.startswith("Shipped content")
    assert first.field_dict["title_nl"] == shipped_title
    first.revision.revert()
    theme.refresh_from_db()
    assert theme.title_nl == shipped_title
