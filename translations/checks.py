"""Quality checks for one translated text against its source, as Weblate and pofilter run them.

The checks themselves are translate-toolkit's (``translate.filters.checks.StandardChecker``):
placeholders, HTML tags, numbers, URLs and e-mail addresses kept, no doubled spaces, the same end
punctuation, text not left identical to the source. Only the tag *structure* is ours: the toolkit
flags any difference in tags (a lost emphasis, a changed link target, tags in another order),
which a translation may have for a reason, while a tag left open, closed in the wrong order or
cut off breaks the page's markup. So broken markup is an error (the text is refused) and
everything else a warning (the translator decides).
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.translation import gettext as _
from translate.filters import checks as toolkit_checks
from translate.storage.pypo import pounit

from publishing.languages import SOURCE_LANGUAGE
from publishing.roles import TRANSLATION_LANGUAGE

ERROR = "error"
WARNING = "warning"

# Elements that never have an end tag: <br> is complete on its own.
VOID_ELEMENTS = frozenset({"br", "hr", "img", "wbr", "source", "track", "col", "area", "input"})


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    severity: str

    @property
    def is_error(self):
        return self.severity == ERROR


def _toolkit_messages():
    # Our own wording (translated) per toolkit check; the toolkit's English messages are not.
    return {
        "xmltags": _(
            "The HTML tags differ from the Dutch (a tag lost or added, other attributes or order)."
        ),
        "variables": _("A placeholder of the Dutch is missing or changed."),
        "printf": _("A placeholder of the Dutch is missing or changed."),
        "pythonbraceformat": _("A placeholder of the Dutch is missing or changed."),
        "numbers": _("The numbers differ from the Dutch."),
        "urls": _("The web addresses differ from the Dutch."),
        "emails": _("The e-mail addresses differ from the Dutch."),
        "doublespacing": _("The translation has doubled spaces."),
        "endpunc": _("The punctuation at the end differs from the Dutch."),
        "unchanged": _("The translation is identical to the Dutch: is it translated?"),
    }


# The toolkit's check names this module runs, in the order findings are reported.
TOOLKIT_CHECKS = (
    "variables",
    "printf",
    "pythonbraceformat",
    "xmltags",
    "numbers",
    "urls",
    "emails",
    "doublespacing",
    "endpunc",
    "unchanged",
)


class _TagStructure(HTMLParser):
    """Whether the elements of a text nest properly."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.well_nested = True

    def handle_starttag(self, tag, attrs):
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            return
        if not self.stack or self.stack[-1] != tag:
            self.well_nested = False
            return
        self.stack.pop()

    @classmethod
    def of(cls, text):
        parser = cls()
        parser.feed(text)
        # A tag cut off ("<a hre=") is still unparsed here; close() would pass it on as text.
        if parser.rawdata.lstrip().startswith("<"):
            parser.well_nested = False
        parser.close()
        if parser.stack:  # an element left open
            parser.well_nested = False
        return parser


def tag_structure_broken(source, target):
    """True when the target's markup is broken (an element left open, closed in the wrong
    order or a tag cut off) where the source's is not. Tags lost, added or changed only differ
    from the source: the toolkit's ``xmltags`` warns about those."""
    return _TagStructure.of(source).well_nested and not _TagStructure.of(target).well_nested


# Checks of the words only: "<p>Zin.</p>" ends in "." for a reader, not in ">".
TEXT_CHECKS = frozenset({"doublespacing", "endpunc", "unchanged"})
TAG = re.compile(r"<[^>]*>")


def _failures(source, target, target_lang):
    """The names of the toolkit's checks that fail: those about words on the text without its
    tags, the others on the text as it is."""
    checker = _checker(target_lang)
    failures = set()
    for texts, names in (
        ((source, target), set(TOOLKIT_CHECKS) - TEXT_CHECKS),
        ((TAG.sub("", source), TAG.sub("", target)), TEXT_CHECKS),
    ):
        unit = pounit(texts[0])
        unit.target = texts[1]
        failures |= set(checker.run_filters(unit)) & names
    return failures


def _checker(target_lang):
    config = toolkit_checks.CheckerConfig(targetlanguage=target_lang)
    return toolkit_checks.StandardChecker(config, limitfilters=list(TOOLKIT_CHECKS))


def check_translation(
    source,
    target,
    *,
    source_lang=SOURCE_LANGUAGE,
    target_lang=TRANSLATION_LANGUAGE,
    glossary=(),
):
    """What is wrong with ``target`` as a translation of ``source``: a list of Findings.

    An empty target is not checked (it is missing, not wrong). The toolkit's checks do not
    depend on the source language; ``source_lang`` is there for callers that know it.
    ``glossary`` is an iterable of (source term, agreed translation) pairs; a term of the source
    whose agreed translation is not in the target gives a warning.
    """
    if not target.strip() or not source.strip():
        return []
    findings = []
    broken = tag_structure_broken(source, target)
    if broken:
        findings.append(
            Finding(
                "tag_structure",
                _("The HTML is broken: a tag is left open, closed in the wrong order or cut off."),
                ERROR,
            )
        )
    failures = _failures(source, target, target_lang)
    messages = _toolkit_messages()
    reported = set()
    for name in TOOLKIT_CHECKS:
        if name not in failures or (name == "xmltags" and broken):
            continue
        message = messages[name]
        if message in reported:  # three placeholder syntaxes, one finding
            continue
        reported.add(message)
        findings.append(Finding(name, message, WARNING))
    findings.extend(glossary_findings(source, target, glossary))
    return findings


def glossary_findings(source, target, glossary):
    """A warning per glossary term in the source whose agreed translation the target lacks."""
    findings = []
    for term, translation in glossary:
        if has_words(source, term) and not has_words(target, translation):
            findings.append(
                Finding(
                    "glossary",
                    _("“%(term)s” is translated as “%(translation)s” in the glossary.")
                    % {"term": term, "translation": translation},
                    WARNING,
                )
            )
    return findings


def has_words(text, words):
    # Whole words, any case: "park" is not found in "parking".
    return re.search(rf"(?<!\w){re.escape(words.strip())}(?!\w)", text, re.IGNORECASE) is not None


def errors(findings):
    return [finding for finding in findings if finding.is_error]
