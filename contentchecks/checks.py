"""Checks of an item's text before it is published, per language. They advise; they never block.

- readability against the plain-language target (``readability``);
- the longest sentences;
- heading order in the rich text (the page's title is the h1, so the text starts at h2 and
  never skips a level) and links without text;
- alt texts that say nothing (a file name, "afbeelding", "image");
- links to pages of this site that lead nowhere (not published, or no such address).

The accessibility check of the rendered preview (axe-core) runs in the editor's browser
(``static/contentchecks/checks.js``).
"""

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils.translation import get_language_from_path, get_language_info, override
from django.utils.translation import gettext_lazy as _

from publishing.alternates import alternates_for
from publishing.languages import field_in, language_codes
from publishing.models import Publishable
from publishing.registry import (
    Kind,
    content_models,
    field_kind,
    translated_fields,
    with_parts,
)

from . import markup
from .readability import LONG_SENTENCE_WORDS, longest_sentences, readability

# Alt texts that name the kind of thing rather than what it shows.
EMPTY_ALT_WORDS = {
    "afbeelding", "beeld", "foto", "figuur", "illustratie", "plaatje", "header", "banner",
    "image", "img", "photo", "picture", "illustration", "figure", "logo", "graphic",
}  # fmt: skip
FILE_NAME = re.compile(r"\.(jpe?g|png|gif|webp|svg|avif|tiff?|bmp|heic)$", re.IGNORECASE)
CAMERA_NAME = re.compile(r"^(img|dsc|dscn|pxl|photo|image|foto|screenshot)[\s_-]*\d+", re.I)
NOT_CHECKED = ("/media/", "/static/")


@dataclass
class Finding:
    title: str
    passed: bool
    message: str
    items: list[str] = field(default_factory=list)


@dataclass
class LanguageReport:
    language: str
    name: str
    findings: list[Finding]

    @property
    def advice_count(self):
        return sum(not f.passed for f in self.findings)


# --- The text of an item ----------------------------------------------------------------------


def texts_of(obj, language):
    """(plain text, rich-text bodies) of ``obj`` and the items edited inside it (a mission's
    lines) in ``language``, without falling back to another language."""
    plain, rich = [], []
    for item in with_parts([obj]):
        model = type(item)
        for name in translated_fields(model):
            if name.startswith("image_") or field_kind(model, name) == Kind.SLUG:
                continue
            value = getattr(item, field_in(name, language), "") or ""
            if field_kind(model, name) == Kind.RICH:
                rich.append(value)
            else:
                plain.append(value)
    return "\n".join(plain), rich


def image_alt_texts(obj, language):
    """(alt text, file name) of the item's image, if it has one that is not decorative."""
    image = getattr(obj, "image", None)
    if not image or getattr(obj, "image_decorative", False):
        return []
    return [(getattr(obj, field_in("image_alt", language), "") or "", image.name)]


# --- Checks -------------------------------------------------------------------------------------


def check_readability(text, language):
    score = readability(text, language)
    title = _("Readability")
    if score is None:
        return Finding(title, True, _("The text is too short to measure."))
    formula = _("Flesch-Douma") if language == "nl" else _("Flesch reading ease")
    values = {"formula": formula, "score": score.score, "target": score.target}
    if score.meets_target:
        message = _("%(formula)s: %(score)s. Meets the city's target of %(target)s.") % values
    else:
        message = (
            _(
                "%(formula)s: %(score)s, below the city's target of %(target)s. Use shorter "
                "sentences and shorter, everyday words."
            )
            % values
        )
    return Finding(title, score.meets_target, message)


def check_sentences(text):
    long = longest_sentences(text)
    title = _("Long sentences")
    if not long:
        return Finding(
            title,
            True,
            _("No sentence is longer than %(count)s words.") % {"count": LONG_SENTENCE_WORDS},
        )
    items = [
        _("%(count)s words: %(sentence)s") % {"count": count, "sentence": sentence}
        for count, sentence in long
    ]
    message = _("Sentences longer than %(count)s words are hard to read; split them.") % {
        "count": LONG_SENTENCE_WORDS
    }
    return Finding(title, False, message, items)


def check_structure(bodies):
    """Heading order and links without text in the rich text."""
    problems, previous = [], 1
    for body in bodies:
        for level, text in body.headings:
            if level == 1:
                problems.append(
                    _("“%(heading)s” is a level 1 heading: the page’s title is already one.")
                    % {"heading": text}
                )
            elif level > previous + 1:
                problems.append(
                    _("“%(heading)s” skips from level %(from)s to level %(to)s.")
                    % {"heading": text, "from": previous, "to": level}
                )
            if not text:
                problems.append(_("A heading has no text."))
            previous = level
        for link in body.links:
            if not (link.text or link.label):
                problems.append(_("A link to %(href)s has no text.") % {"href": link.href or "…"})
            elif not link.href:
                problems.append(_("The link “%(text)s” leads nowhere.") % {"text": link.text})
    title = _("Headings and links")
    if not problems:
        return Finding(title, True, _("Headings are in order and every link has text."))
    return Finding(title, False, _("Fix these for readers who use a screen reader."), problems)


def says_nothing(alt, file_name):
    words = re.sub(r"[^\w\s]", " ", alt.lower()).split()
    stem = PurePosixPath(file_name).stem.lower()
    return (
        not words
        or all(word in EMPTY_ALT_WORDS for word in words)
        or bool(FILE_NAME.search(alt.strip()))
        or bool(CAMERA_NAME.match(alt.strip()))
        or alt.strip().lower() in {stem, PurePosixPath(file_name).name.lower()}
    )


def check_alt_texts(alts):
    title = _("Alt text")
    bad = [alt or "…" for alt, file_name in alts if says_nothing(alt, file_name)]
    if not alts:
        return Finding(title, True, _("No image that needs an alt text."))
    if not bad:
        return Finding(title, True, _("The alt text describes the image."))
    message = _("Say what the image shows, in a sentence: not a file name or the word “image”.")
    return Finding(title, False, message, [f"“{alt}”" for alt in bad])


def site_addresses():
    """(published, every): the addresses of all content in every language, from the items' own
    ``get_absolute_url``. Two queries per content type, whatever the amount of content."""
    published, every = set(), set()
    for model in content_models():
        if not issubclass(model, Publishable) or not hasattr(model, "get_absolute_url"):
            continue
        parents = [
            f.name
            for f in model._meta.concrete_fields
            if f.many_to_one and f.related_model in content_models()
        ]
        rows = model._default_manager.select_related(*parents)
        live = set(rows.published().values_list("pk", flat=True))
        for item in rows:
            paths = {alt.path for alt in alternates_for(item)}
            every |= paths
            if item.pk in live:
                published |= paths
    return published, every


def internal_path(href):
    """The path of a link to this site (``/nl/…`` or the public origin), else None."""
    parts = urlsplit(href)
    origin = urlsplit(settings.PUBLIC_ORIGIN)
    if parts.scheme in ("http", "https") and parts.netloc == origin.netloc:
        return parts.path or "/"
    if not parts.scheme and not parts.netloc and href.startswith("/"):
        return parts.path
    return None


def leads_nowhere(path, published, every):
    if path in published or path.startswith(NOT_CHECKED):
        return False
    if path in every:
        return True  # a page of this site that visitors cannot see (a draft, offline)
    try:
        # The language prefix only matches under its own language (i18n_patterns).
        with override(get_language_from_path(path) or settings.LANGUAGE_CODE):
            match = resolve(path)
    except Resolver404:
        return True
    # A fixed page (search, feedback) exists; an address made of slugs must be a published item.
    return bool(match.kwargs)


def check_internal_links(bodies, addresses):
    title = _("Links within the site")
    paths = [
        (link.href, internal_path(link.href)) for body in bodies for link in body.links if link.href
    ]
    paths = [(href, path) for href, path in paths if path is not None]
    if not paths:
        return Finding(title, True, _("No links to other pages of this site."))
    published, every = addresses()
    broken = [href for href, path in paths if leads_nowhere(path, published, every)]
    if not broken:
        return Finding(title, True, _("Every link leads to a published page."))
    message = _("These links lead to a page that does not exist or is not published.")
    return Finding(title, False, message, broken)


def check_item(obj) -> list[LanguageReport]:
    """Every check of ``obj`` in every language that has text."""
    reports, cached = [], {}

    def addresses():
        if "value" not in cached:
            cached["value"] = site_addresses()
        return cached["value"]

    for language in language_codes():
        text, rich = texts_of(obj, language)
        bodies = [markup.read(html) for html in rich]
        full_text = "\n".join([text, *(body.text for body in bodies)])
        if not full_text.strip():
            continue
        name = get_language_info(language)["name_translated"]
        reports.append(
            LanguageReport(
                language,
                name,
                [
                    check_readability(full_text, language),
                    check_sentences(full_text),
                    check_structure(bodies),
                    check_alt_texts(image_alt_texts(obj, language)),
                    check_internal_links(bodies, addresses),
                ],
            )
        )
    return reports
