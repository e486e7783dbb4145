"""Quality checks on a translated text: what advises the translator, what refuses the text."""

import pytest
from django.utils import translation

from translations.checks import ERROR, WARNING, check_translation, errors


def codes(findings):
    return {finding.code: finding.severity for finding in findings}


def test_a_faithful_translation_has_no_findings():
    source = '<p>In 2030 heeft <a href="https://stad.gent">Gent</a> <strong>5</strong> parken.</p>'
    target = '<p>In 2030 <a href="https://stad.gent">Ghent</a> has <strong>5</strong> parks.</p>'
    assert check_translation(source, target) == []


@pytest.mark.parametrize(
    "target",
    [
        "<p>Ghent has <strong>parks.</p>",  # an element left open
        "<p>Ghent has <strong>parks.</p></strong>",  # mis-nested
        '<p>Ghent has <strong>parks</strong>.</p><a hre="',  # a tag cut off
    ],
)
def test_a_broken_tag_structure_is_an_error(target):
    findings = check_translation("<p>Gent heeft <strong>parken</strong>.</p>", target)
    assert codes(findings)["tag_structure"] == ERROR
    assert errors(findings)
    assert "xmltags" not in codes(findings)  # one finding for one problem


@pytest.mark.parametrize(
    "target",
    [
        "<p>Ghent has parks.</p>",  # an element lost
        "<p>Ghent has <em>new</em> <strong>parks</strong>.</p>",  # an element added
    ],
)
def test_tags_lost_or_added_only_advise(target):
    findings = check_translation("<p>Gent heeft <strong>parken</strong>.</p>", target)
    assert codes(findings) == {"xmltags": WARNING}


def test_tags_in_another_order_or_with_other_attributes_only_advise():
    source = '<p>Een <a href="/nl/over">link</a> en <em>nadruk</em>.</p>'
    target = '<p><em>Emphasis</em> and a <a href="/en/about">link</a>.</p>'
    findings = check_translation(source, target)
    assert codes(findings) == {"xmltags": WARNING}
    assert errors(findings) == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Hallo %(naam)s.", "Hello."),
        ("Hallo {naam}.", "Hello."),
        ("Hallo %s.", "Hello."),
    ],
)
def test_a_lost_placeholder_is_a_warning(source, target):
    findings = check_translation(source, target)
    placeholder = [
        finding
        for finding in findings
        if finding.code in ("printf", "pythonbraceformat", "variables")
    ]
    assert len(placeholder) == 1
    assert placeholder[0].severity == WARNING


def test_changed_numbers_are_a_warning():
    assert codes(check_translation("In 2030 zijn er 5 parken.", "In 2031 there are 5 parks.")) == {
        "numbers": WARNING
    }


def test_doubled_spaces_are_a_warning():
    assert codes(check_translation("Twee spaties.", "Two  spaces.")) == {"doublespacing": WARNING}


def test_different_end_punctuation_is_a_warning():
    assert codes(check_translation("Een zin.", "A sentence")) == {"endpunc": WARNING}


def test_text_identical_to_the_source_is_flagged():
    assert codes(check_translation("Stadsvernieuwing in Gent", "Stadsvernieuwing in Gent")) == {
        "unchanged": WARNING
    }


def test_lost_web_and_mail_addresses_are_warnings():
    findings = codes(
        check_translation("Zie https://stad.gent of mail info@stad.gent.", "See the site.")
    )
    assert findings == {"urls": WARNING, "emails": WARNING}


def test_an_empty_translation_is_missing_not_wrong():
    assert check_translation("Een zin.", "") == []
    assert check_translation("Een zin.", "   ") == []


def test_a_glossary_term_not_used_is_a_warning():
    glossary = [("stadsvernieuwing", "urban renewal")]
    findings = check_translation(
        "Stadsvernieuwing loont.", "City renovation pays.", glossary=glossary
    )
    assert codes(findings) == {"glossary": WARNING}
    assert "urban renewal" in findings[0].message
    assert (
        check_translation("Stadsvernieuwing loont.", "Urban renewal pays.", glossary=glossary) == []
    )


def test_a_glossary_term_matches_whole_words_only():
    glossary = [("park", "park")]
    assert check_translation("Een parking.", "A car park.", glossary=glossary) == []


def test_messages_are_translated_into_the_active_language():
    with translation.override("nl"):
        (finding,) = check_translation("Een zin.", "A sentence")
    with translation.override("en"):
        (english,) = check_translation("Een zin.", "A sentence")
    assert finding.message != english.message


def test_end_punctuation_is_checked_inside_the_markup():
    assert codes(check_translation("<p>Een zin.</p>", "<p>A sentence</p>")) == {"endpunc": WARNING}
    assert check_translation("<p>Een zin.</p>", "<p>A sentence.</p>") == []
