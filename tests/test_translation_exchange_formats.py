"""A rich text exchanged per paragraph with its tags as placeholders, and the same exchange as
XLIFF 1.2 and 2.0: exported, translated in a tool, imported back validated and versioned."""

import polib
import pytest
from django.utils import translation
from lxml import etree
from reversion.models import Version

from strategy.models import Theme
from tests.factories import ThemeFactory
from translations import exchange, status
from translations.exchange import segments
from translations.status import State

pytestmark = pytest.mark.django_db

BODY_NL = (
    '<h2>Waarom &amp; hoe</h2>\n<p>Lees het <a href="https://stad.gent/plan">plan</a> en '
    "<strong>doe mee</strong>.<br>Nu.</p><ul><li>wonen</li><li>werken</li></ul>"
)


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield


@pytest.fixture
def theme():
    return ThemeFactory(
        title_nl="Stad van de toekomst", title_en="", body_nl=BODY_NL, body_en="", intro_en=""
    )


def body(theme, number):
    return f"strategy.theme:{theme.pk}:body:{number}"


ENGLISH_PARAGRAPHS = [
    "Why & how",
    "Read the {1}plan{/1} and {2}take part{/2}.{3/}Now.",
    "housing",
    "work",
]


# --- Paragraphs and placeholders -------------------------------------------------------------


def test_a_rich_text_splits_into_paragraphs_with_placeholders_and_back():
    split = segments.split(BODY_NL)
    assert [s.text for s in split.segments] == [
        "Waarom & hoe",
        "Lees het {1}plan{/1} en {2}doe mee{/2}.{3/}Nu.",
        "wonen",
        "werken",
    ]
    assert segments.rebuild(BODY_NL, [s.text for s in split.segments]) == BODY_NL


def test_the_export_holds_one_entry_per_paragraph_text_not_markup(theme):
    po = polib.pofile(exchange.export_po([theme], "en"))
    paragraphs = [e for e in po if e.msgctxt.startswith(f"strategy.theme:{theme.pk}:body:")]
    assert [e.msgid for e in paragraphs] == [s.text for s in segments.split(BODY_NL).segments]
    assert "paragraph 2 of 4" in paragraphs[1].comment
    assert "<" not in "".join(e.msgid for e in paragraphs)


def po_with(theme, translations, objects=None):
    po = polib.pofile(exchange.export_po(objects or [theme], "en"))
    for entry in po:
        if entry.msgctxt in translations:
            entry.msgstr = translations[entry.msgctxt]
            entry.flags = []
    return str(po)


def all_paragraphs(theme, texts=ENGLISH_PARAGRAPHS):
    return {body(theme, number): text for number, text in enumerate(texts, 1)}


def test_translated_paragraphs_are_rebuilt_with_the_dutch_tags(theme):
    report = exchange.import_po(po_with(theme, all_paragraphs(theme)))
    assert report.ok, report.errors
    theme.refresh_from_db()
    assert theme.body_en == (
        '<h2>Why &amp; how</h2>\n<p>Read the <a href="https://stad.gent/plan" '
        'rel="noopener noreferrer">plan</a> and <strong>take part</strong>.<br>Now.</p>'
        "<ul><li>housing</li><li>work</li></ul>"
    )
    (change,) = report.changed
    assert change.label == "theme “Stad van de toekomst” · body"
    assert change.new_text == "Why & how\nRead the plan and take part.Now.\nhousing\nwork"
    assert {s.state for s in status.statuses_of(theme, ["en"]) if s.field == "body"} == {
        State.CURRENT
    }


def test_a_paragraph_is_text_not_markup(theme):
    texts = [*ENGLISH_PARAGRAPHS]
    texts[0] = "Why 5 < 6 & how"
    assert exchange.import_po(po_with(theme, all_paragraphs(theme, texts))).ok
    assert Theme.objects.get().body_en.startswith("<h2>Why 5 &lt; 6 &amp; how</h2>")


def test_tags_typed_into_a_paragraph_stay_text_with_a_warning(theme):
    texts = [*ENGLISH_PARAGRAPHS]
    texts[0] = "Why <script>alert(1)</script> how"
    report = exchange.import_po(po_with(theme, all_paragraphs(theme, texts)))
    assert report.applied
    assert Theme.objects.get().body_en.startswith(
        "<h2>Why &lt;script&gt;alert(1)&lt;/script&gt; how</h2>"
    )
    assert [w.where for w in report.warnings] == [
        "theme “Stad van de toekomst” · body · paragraph 1"
    ]


def test_broken_markup_typed_into_a_paragraph_is_refused(theme):
    texts = [*ENGLISH_PARAGRAPHS]
    texts[0] = "Why <b>how"
    report = exchange.import_po(po_with(theme, all_paragraphs(theme, texts)))
    assert not report.applied
    assert Theme.objects.get().body_en == ""


@pytest.mark.parametrize(
    ("english", "problem"),
    [
        ("Read the plan and {2}take part{/2}.{3/}Now.", "placeholders must be the Dutch's"),
        ("Read the {1}plan{/1}{1}{/1} and {2}take part{/2}.{3/}Now.", "each once"),
        ("Read the {1}plan and {2}take{/1} part{/2}.{3/}Now.", "nested like the Dutch's"),
        ("Read the {/1}plan{1} and {2}take part{/2}.{3/}Now.", "nested like the Dutch's"),
        ("Read the {1}plan{/1} {7}and{/7} {2}take part{/2}.{3/}Now.", "not in the Dutch: {7}"),
    ],
)
def test_a_broken_placeholder_structure_refuses_the_file(theme, english, problem):
    texts = [*ENGLISH_PARAGRAPHS]
    texts[1] = english
    report = exchange.import_po(po_with(theme, all_paragraphs(theme, texts)))
    assert not report.applied
    assert Theme.objects.get().body_en == ""
    (error,) = report.errors
    assert error.where == "theme “Stad van de toekomst” · body · paragraph 2"
    assert problem in error.message


def test_placeholders_may_move_with_the_words(theme):
    texts = [*ENGLISH_PARAGRAPHS]
    texts[1] = "{2}Take part{/2} and read the {1}plan{/1}.{3/}Now."
    assert exchange.import_po(po_with(theme, all_paragraphs(theme, texts))).ok
    assert "<p><strong>Take part</strong> and read the <a" in Theme.objects.get().body_en


def test_a_text_with_some_paragraphs_untranslated_is_skipped_not_half_applied(theme):
    translations = all_paragraphs(theme)
    del translations[body(theme, 3)]
    report = exchange.import_po(po_with(theme, translations))
    assert report.ok
    assert Theme.objects.get().body_en == ""
    assert (
        "theme “Stad van de toekomst” · body: 3 of its 4 paragraphs are translated: a text is "
        "imported once all its paragraphs are"
    ) in report.skipped


def test_an_outdated_text_needs_review_only_where_its_dutch_changed(theme):
    assert exchange.import_po(po_with(theme, all_paragraphs(theme))).ok
    theme = Theme.objects.get()
    theme.body_nl = BODY_NL.replace("werken", "ondernemen")
    theme.save()
    po = polib.pofile(exchange.export_po([theme], "en"))
    by_context = {e.msgctxt: e for e in po}
    assert [by_context[body(theme, n)].fuzzy for n in range(1, 5)] == [False, False, False, True]
    assert by_context[body(theme, 4)].previous_msgid == "werken"
    assert by_context[body(theme, 4)].msgstr == "work"

    by_context[body(theme, 4)].msgstr = "business"
    by_context[body(theme, 4)].flags = []
    assert exchange.import_po(str(po)).ok
    assert Theme.objects.get().body_en.endswith("<li>housing</li><li>business</li></ul>")


def test_an_english_link_keeps_its_own_address(theme):
    theme = ThemeFactory(
        body_nl='<p>Lees het <a href="https://stad.gent/plan">plan</a>.</p>',
        body_en='<p>Read the <a href="https://stad.gent/en/plan" hreflang="en">plan</a>.</p>',
    )
    po = polib.pofile(exchange.export_po([theme], "en", everything=True))
    (entry,) = [e for e in po if e.msgctxt == body(theme, 1)]
    assert entry.msgstr == "Read the {1}plan{/1}."
    entry.msgstr = "Read the whole {1}plan{/1}."
    assert exchange.import_po(str(po)).ok
    assert Theme.objects.get(pk=theme.pk).body_en == (
        '<p>Read the whole <a href="https://stad.gent/en/plan" hreflang="en" '
        'rel="noopener noreferrer">plan</a>.</p>'
    )


def test_a_translation_with_its_tags_in_another_order_comes_back_unchanged(theme):
    english = (  # as the sanitiser stores it
        '<p><strong>Take part</strong> and read the <a href="https://x.be/" '
        'rel="noopener noreferrer">plan</a>.</p>'
    )
    theme = ThemeFactory(
        body_nl='<p>Lees het <a href="https://x.be/">plan</a> en <strong>doe mee</strong>.</p>',
        body_en=english,
    )
    po = polib.pofile(exchange.export_po([theme], "en", everything=True))
    (entry,) = [e for e in po if e.msgctxt == body(theme, 1)]
    assert entry.msgid == "Lees het {1}plan{/1} en {2}doe mee{/2}."
    assert entry.msgstr == "{2}Take part{/2} and read the {1}plan{/1}."  # the Dutch numbers
    report = exchange.import_po(str(po))
    assert report.ok and not report.changed, report.errors
    assert Theme.objects.get(pk=theme.pk).body_en == english


# --- Quality checks on import ----------------------------------------------------------------


def test_quality_warnings_are_listed_and_do_not_stop_the_import(theme):
    report = exchange.import_po(
        po_with(theme, {f"strategy.theme:{theme.pk}:title": "City of  the future"})
    )
    assert report.applied
    assert [(w.where, w.message) for w in report.warnings] == [
        ("theme “Stad van de toekomst” · title", "The translation has doubled spaces.")
    ]


def test_a_broken_tag_structure_in_a_whole_rich_text_refuses_the_file(theme):
    po = polib.pofile(exchange.export_po([theme], "en"))
    po.append(
        polib.POEntry(
            msgctxt=f"strategy.theme:{theme.pk}:body",
            msgid=BODY_NL,
            msgstr="<h2>Why</h2><p>Read the <strong>plan</p></strong>",
        )
    )
    report = exchange.import_po(str(po))
    assert not report.applied
    assert any("The HTML is broken" in e for e in report.errors), report.errors


# --- XLIFF 1.2 and 2.0 -----------------------------------------------------------------------

NAMESPACES = {
    exchange.XLIFF_12: "urn:oasis:names:tc:xliff:document:1.2",
    exchange.XLIFF_20: "urn:oasis:names:tc:xliff:document:2.0",
}


def translate_xliff(content, kind, translations):
    """Fill in targets as a translation tool does: ``translations`` maps unit ids to the
    target's XML content (inline elements included)."""
    ns = NAMESPACES[kind]
    root = etree.fromstring(content.encode())
    unit_tag = "trans-unit" if kind == exchange.XLIFF_12 else "unit"
    for unit in root.iter(f"{{{ns}}}{unit_tag}"):
        if unit.get("id") not in translations:
            continue
        holder = unit if kind == exchange.XLIFF_12 else unit.find(f"{{{ns}}}segment")
        for old in holder.findall(f"{{{ns}}}target"):
            holder.remove(old)
        target = etree.fromstring(f'<target xmlns="{ns}">{translations[unit.get("id")]}</target>')
        holder.find(f"{{{ns}}}source").addnext(target)
        if kind == exchange.XLIFF_12:
            target.set("state", "translated")
            unit.attrib.pop("approved", None)
        else:
            holder.set("state", "translated")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8").decode()


INLINE = {
    exchange.XLIFF_12: 'Read the <g id="1">plan</g> and <g id="2">take part</g>.<x id="3"/>Now.',
    exchange.XLIFF_20: (
        'Read the <pc id="1">plan</pc> and <pc id="2">take part</pc>.<ph id="3"/>Now.'
    ),
}


@pytest.mark.parametrize("kind", [exchange.XLIFF_12, exchange.XLIFF_20])
def test_xliff_export_names_versions_languages_and_carries_tags_as_inline_elements(theme, kind):
    content = exchange.export_file([theme], "en", kind=kind)
    root = etree.fromstring(content.encode())
    assert root.tag == f"{{{NAMESPACES[kind]}}}xliff"
    if kind == exchange.XLIFF_12:
        assert root.get("version") == "1.2"
        file = root[0]
        assert (file.get("source-language"), file.get("target-language")) == ("nl", "en")
        assert (
            INLINE[kind]
            .replace("Read the", "Lees het")
            .replace(" and ", " en ")
            .replace("take part", "doe mee")
            .replace("Now.", "Nu.")
            in content
        )
    else:
        assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == (
            "2.0",
            "nl",
            "en",
        )
        assert '<pc id="1">plan</pc>' in content and '<ph id="3"/>' in content
    assert "xliff:document:1.1" not in content


@pytest.mark.parametrize("kind", [exchange.XLIFF_12, exchange.XLIFF_20])
def test_xliff_round_trip_changes_the_content_versioned_and_in_the_history(theme, kind, translator):
    version = theme.version
    content = translate_xliff(
        exchange.export_file([theme], "en", kind=kind),
        kind,
        {
            f"strategy.theme:{theme.pk}:title": "City of the future",
            body(theme, 1): "Why &amp; how",
            body(theme, 2): INLINE[kind],
            body(theme, 3): "housing",
            body(theme, 4): "work",
        },
    )
    dry = exchange.import_file(content, dry_run=True, user=translator)
    assert dry.ok and not dry.applied, dry.errors
    assert Theme.objects.get().title_en == ""

    report = exchange.import_file(content, user=translator)

    assert report.applied, report.errors
    theme = Theme.objects.get()
    assert theme.title_en == "City of the future"
    assert '<p>Read the <a href="https://stad.gent/plan" rel="noopener noreferrer">plan</a>' in (
        theme.body_en
    )
    assert theme.version > version
    latest = Version.objects.get_for_object(theme).first()
    assert latest.revision.user == translator
    assert latest.revision.comment == "Imported from an XLIFF file (English)"
    assert {s.state for s in status.statuses_of(theme, ["en"]) if s.field == "title"} == {
        State.CURRENT
    }


@pytest.mark.parametrize("kind", [exchange.XLIFF_12, exchange.XLIFF_20])
def test_xliff_import_is_all_or_nothing(theme, kind):
    content = translate_xliff(
        exchange.export_file([theme], "en", kind=kind),
        kind,
        {
            f"strategy.theme:{theme.pk}:title": "City of the future",
            f"strategy.theme:{theme.pk}:intro": "Ghent &lt;b&gt;builds",
        },
    )
    report = exchange.import_file(content)
    assert not report.applied
    assert report.errors == [
        "theme “Stad van de toekomst” · introduction: HTML markup in a plain-text field"
    ]
    assert Theme.objects.get().title_en == ""


@pytest.mark.parametrize("kind", [exchange.XLIFF_12, exchange.XLIFF_20])
def test_xliff_units_needing_review_are_skipped(theme, kind):
    assert exchange.import_po(po_with(theme, {f"strategy.theme:{theme.pk}:intro": "Old."})).ok
    theme = Theme.objects.get()
    theme.intro_nl = "Nieuwe inleiding."
    theme.save()
    content = exchange.export_file([theme], "en", kind=kind)
    report = exchange.import_file(content)
    assert report.ok
    assert "theme “Stad van de toekomst” · introduction: still marked fuzzy (needs review)" in (
        report.skipped
    )
    assert Theme.objects.get().intro_en == "Old."


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("<xliff", "Not a readable XLIFF file"),
        ("<html><body>hi</body></html>", "no <xliff> root"),
    ],
)
def test_a_broken_xliff_file_is_refused(theme, content, problem):
    report = exchange.import_file(content)
    assert not report.applied
    assert problem in " ".join(report.errors)


def test_an_xliff_file_never_reads_an_external_entity(theme):
    content = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="nl" '
        f'trgLang="en"><file id="f"><unit id="strategy.theme:{theme.pk}:title"><segment '
        'state="translated"><source>Stad van de toekomst</source><target>City &e;</target>'
        "</segment></unit></file></xliff>"
    )
    exchange.import_file(content)
    assert "root:" not in Theme.objects.get().title_en
