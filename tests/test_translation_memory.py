"""The translation memory: earlier translations of the same or similar Dutch, offered in the
workbench with their similarity, built from the site's own saves and history."""

import pytest
import reversion
from django.core.management import call_command

from tests.factories import ThemeFactory
from translations import memory
from translations.models import MemoryEntry

pytestmark = pytest.mark.django_db


def url(obj, language="en"):
    return f"/admin/translations/fieldtranslation/work/{obj._meta.label_lower}/{obj.pk}/{language}/"


def test_a_saved_translation_is_remembered_paragraph_by_paragraph():
    ThemeFactory(
        body_nl="<p>Gent groeit.</p>\n<p>De stad bouwt scholen.</p>",
        body_en="<p>Ghent grows.</p>\n<p>The city builds schools.</p>",
    )
    pairs = set(MemoryEntry.objects.filter(language="en").values_list("source_text", "target_text"))
    assert ("<p>Gent groeit.</p>", "<p>Ghent grows.</p>") in pairs
    assert ("<p>De stad bouwt scholen.</p>", "<p>The city builds schools.</p>") in pairs


def test_paragraphs_that_do_not_pair_up_are_not_remembered():
    assert memory.pairs_of("rich", "<p>Een.</p><p>Twee.</p>", "<p>One. Two.</p>") == []


def test_an_identical_dutch_text_is_suggested_at_100_percent():
    memory.store([("<p>Gent groeit.</p>", "<p>Ghent grows.</p>")], "en")
    (suggestion,) = memory.suggest(["<p>Gent groeit.</p>"], "en")["<p>Gent groeit.</p>"]
    assert suggestion.target == "<p>Ghent grows.</p>"
    assert suggestion.percent == 100


def test_a_similar_dutch_text_is_suggested_with_its_similarity():
    memory.store(
        [("De stad bouwt nieuwe scholen in elke wijk.", "The city builds new schools.")], "en"
    )
    memory.store([("Iets heel anders over parken.", "Something else.")], "en")
    found = memory.suggest(["De stad bouwt nieuwe scholen in de wijk."], "en")
    (suggestion,) = found["De stad bouwt nieuwe scholen in de wijk."]
    assert suggestion.target == "The city builds new schools."
    assert 60 <= suggestion.percent < 100


def test_suggestions_are_per_language():
    memory.store([("Gent groeit.", "Gand grandit.")], "fr")
    assert memory.suggest(["Gent groeit."], "en")["Gent groeit."] == []


def test_the_memory_is_built_from_the_history():
    with reversion.create_revision():
        theme = ThemeFactory(intro_nl="Oude inleiding.", intro_en="Old introduction.")
    MemoryEntry.objects.all().delete()
    theme.intro_nl, theme.intro_en = "Nieuwe inleiding.", "New introduction."
    theme.save()
    MemoryEntry.objects.all().delete()
    call_command("build_translation_memory", stdout=open("/dev/null", "w"))  # noqa: SIM115
    pairs = set(MemoryEntry.objects.values_list("source_text", "target_text"))
    assert ("Oude inleiding.", "Old introduction.") in pairs  # from the stored version
    assert ("Nieuwe inleiding.", "New introduction.") in pairs  # from today's content


def test_the_workbench_offers_a_suggestion_for_a_missing_segment(
    client, translator, committed, soup
):
    with committed():
        ThemeFactory(intro_nl="Samen maken we de stad.", intro_en="Together we make the city.")
        theme = ThemeFactory(intro_nl="Samen maken we de stad.", intro_en="")
    page = soup(client.get(url(theme)))
    textarea = page.find("textarea", attrs={"name": f"strategy.theme:{theme.pk}:intro:0"})
    suggestions = textarea.find_parent(class_="tr-target").select_one(".tr-suggestions")
    assert "Together we make the city." in suggestions.get_text()
    assert "100%" in suggestions.select_one(".tr-similarity").get_text()
