"""Translators always know, per field, whether the English is missing, outdated or up to date."""

import polib
import pytest

from publishing.registry import target_languages
from strategy.models import Mission, Theme, Topic
from tests.factories import MissionLineFactory, ThemeFactory, TopicFactory
from translations import status
from translations.models import FieldTranslation
from translations.status import State

pytestmark = pytest.mark.django_db


def state_of(obj, field, language="en"):
    obj = type(obj).objects.get(pk=obj.pk)  # as a fresh request would see it
    found = [s for s in status.statuses_of(obj, [language]) if s.field == field]
    return found[0].state if found else None


def test_status_moves_from_missing_to_up_to_date_to_outdated_and_back():
    theme = ThemeFactory(title_nl="Zorgzame stad", title_en="", slug_en="", intro_en="")
    assert state_of(theme, "title") == State.MISSING

    theme.title_en = "Caring city"
    theme.save()
    assert state_of(theme, "title") == State.CURRENT

    theme.title_nl = "Zorgzame en warme stad"  # the Dutch changes, the English does not
    theme.save()
    assert state_of(theme, "title") == State.OUTDATED

    theme.title_en = "Caring and warm city"
    theme.save()
    assert state_of(theme, "title") == State.CURRENT

    theme.title_en = ""
    theme.save()
    assert state_of(theme, "title") == State.MISSING


def test_a_dutch_change_leaves_the_other_fields_up_to_date():
    theme = ThemeFactory()
    theme.intro_nl = "Een nieuwe inleiding."
    theme.save()
    assert state_of(theme, "intro") == State.OUTDATED
    assert state_of(theme, "title") == State.CURRENT
    assert state_of(theme, "slug") == State.CURRENT


def test_changing_dutch_and_english_together_is_up_to_date():
    topic = TopicFactory(summary_nl="Oud.", summary_en="Old.")
    topic.summary_nl, topic.summary_en = "Nieuw.", "New."
    topic.save()
    assert state_of(topic, "summary") == State.CURRENT


def test_saving_without_changes_does_not_confirm_an_outdated_translation():
    theme = ThemeFactory()
    theme.intro_nl = "Gewijzigd."
    theme.save()
    Theme.objects.get(pk=theme.pk).save()  # e.g. the editor saves the form again, English untouched
    assert state_of(theme, "intro") == State.OUTDATED


def test_field_without_dutch_text_has_nothing_to_translate():
    topic = TopicFactory(body_nl="", body_en="")
    assert state_of(topic, "body") is None
    assert state_of(topic, "title") == State.CURRENT


def test_mark_as_up_to_date_confirms_the_translation_for_the_new_dutch():
    line = MissionLineFactory(text_nl="We zijn trots.", text_en="We are proud.")
    line.text_nl = "We zijn fier."
    line.save()
    assert state_of(line, "text") == State.OUTDATED

    status.mark_all_up_to_date(line, ["en"])
    assert state_of(line, "text") == State.CURRENT


def test_mark_as_up_to_date_cannot_confirm_a_missing_translation():
    theme = ThemeFactory(title_en="", slug_en="", intro_en="")
    assert status.mark_all_up_to_date(theme, ["en"]) == 0
    assert state_of(theme, "title") == State.MISSING


def test_loaded_content_starts_up_to_date(content):
    mission = Mission.objects.get()
    items = [mission, *mission.lines.all(), *Theme.objects.all(), *Topic.objects.all()]
    found = status.statuses(items, ["en"])
    states = {s.state for field_statuses in found.values() for s in field_statuses}
    assert states == {State.CURRENT}
    # 1 mission with 5 texts, 9 lines, 4 themes with 3 (title, slug, intro), 20 topics with 2.
    assert sum(len(v) for v in found.values()) == 5 + 9 + 4 * 3 + 20 * 2


def test_needs_translation_finds_missing_and_outdated_items():
    current = ThemeFactory()
    missing = ThemeFactory(title_en="", slug_en="", intro_en="")
    outdated = ThemeFactory()
    outdated.intro_nl = "Anders."
    outdated.save()
    found = status.pks_needing_translation(Theme.objects.all(), ["en"])
    assert sorted(found) == sorted([missing.pk, outdated.pk])
    assert current.pk not in found


def test_statuses_of_many_items_take_one_query_per_model(django_assert_num_queries):
    themes = ThemeFactory.create_batch(5)
    topics = TopicFactory.create_batch(5)
    items = [*Theme.objects.all(), *Topic.objects.all()]
    assert len(items) == len(themes) + len(topics) * 2  # each topic has its own theme
    with django_assert_num_queries(2):
        status.statuses(items, ["en"])


def test_deleting_an_item_forgets_its_translation_state():
    topic = TopicFactory()
    assert FieldTranslation.objects.filter(object_id=topic.pk).exists()
    topic.delete()
    assert not FieldTranslation.objects.filter(field="title", object_id=topic.pk).exists()


def test_summary_counts_states_per_language():
    theme = ThemeFactory(intro_en="")
    counts = status.summary(status.statuses_of(theme, ["en"]))
    assert counts == {"en": {State.MISSING: 1, State.OUTDATED: 0, State.CURRENT: 2}}


def test_target_languages_follow_the_settings(settings):
    assert target_languages() == ["en"]
    settings.LANGUAGES = [("nl", "Nederlands"), ("en", "English"), ("fr", "Français")]
    assert target_languages() == ["en", "fr"]
    assert target_languages(["nl", "de"]) == ["de"]


# --- A third language: nothing here may assume English is the only target -----------------------


def test_no_target_language_is_hard_coded_in_the_translations_app():
    """The status, export and import code takes its languages from settings.LANGUAGES."""
    import re
    from pathlib import Path

    import translations

    root = Path(translations.__file__).parent
    sources = [
        p for p in root.rglob("*") if p.suffix in {".py", ".html"} and "migrations" not in p.parts
    ]
    assert sources
    for source in sources:
        assert not re.search(r"""["']en["']""", source.read_text()), source


def test_status_and_export_work_for_any_number_of_target_languages(settings):
    """French has no database columns without a migration, so the object carries them in memory:
    enough to show that the code handles every configured target language the same way."""
    from translations import exchange

    theme = ThemeFactory(title_nl="Groene stad", title_en="Green city")
    settings.LANGUAGES = [("nl", "Nederlands"), ("en", "English"), ("fr", "Français")]
    theme.title_fr, theme.slug_fr, theme.intro_fr = "Ville verte", "", ""
    theme.body_fr = theme.image_alt_fr = theme.image_credit_fr = ""
    languages = target_languages()
    assert languages == ["en", "fr"]

    found = {(s.field, s.language): s.state for s in status.statuses_of(theme, languages)}
    assert found[("title", "en")] == State.CURRENT
    assert (
        found[("title", "fr")] == State.OUTDATED
    )  # French text, but never recorded for this Dutch
    assert found[("slug", "fr")] == State.MISSING

    status.mark_up_to_date(theme, [("title", "fr")])
    found = {(s.field, s.language): s.state for s in status.statuses_of(theme, languages)}
    assert found[("title", "fr")] == State.CURRENT
    assert found[("title", "en")] == State.CURRENT

    po = polib.pofile(exchange.export_po([theme], "fr"))
    assert po.metadata["Language"] == "fr"
    assert {e.msgctxt for e in po} == {
        f"strategy.theme:{theme.pk}:slug",
        f"strategy.theme:{theme.pk}:intro",
    }


def test_translations_made_before_the_app_existed_start_up_to_date():
    """The data migration records what is in the database when the app is installed."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "translations.migrations.0002_existing_translations_up_to_date"
    )
    theme = ThemeFactory(body_nl="<p>Tekst</p>", body_en="")
    FieldTranslation.objects.all().delete()  # as before the app existed
    assert state_of(theme, "title") == State.OUTDATED

    migration.record_existing(apps, None)

    assert state_of(theme, "title") == State.CURRENT
    assert state_of(theme, "body") == State.MISSING
