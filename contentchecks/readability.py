"""Readability of plain text: Flesch-Douma for Dutch, Flesch reading ease for English.

Both formulas count words per sentence and syllables per word. Syllables are counted with the
hyphenation dictionaries pyphen ships (one more syllable than there are hyphenation points, with
no minimum length at the word's ends), which is close enough for advice. textstat was not used:
it counts English syllables with NLTK's CMU dictionary, which it downloads at run time.
"""

import re
from dataclasses import dataclass
from functools import cache

import pyphen

# The city writes in plain language ("klare taal", level B1): 60 and up reads "fairly easy" on
# both scales.
READABILITY_TARGET = 60
# Fewer words than this say nothing about readability.
MIN_WORDS = 20
# Plain-language guides for the city advise sentences of at most about 20 words.
LONG_SENTENCE_WORDS = 20

# (base, per word in a sentence, per syllable in a word)
FORMULAS = {
    "nl": (206.835, 0.93, 77.0),  # Flesch-Douma
    "en": (206.835, 1.015, 84.6),  # Flesch reading ease
    "fr": (207.0, 1.015, 73.6),  # Kandel & Moles, for a third language (docs/translators.md)
}
DICTIONARIES = {"nl": "nl_NL", "en": "en_US", "fr": "fr_FR"}

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?…:;])\s+|\n+")


@dataclass(frozen=True)
class Readability:
    score: float
    words: int
    sentences: int
    target: int = READABILITY_TARGET

    @property
    def meets_target(self):
        return self.score >= self.target


@cache
def _dictionary(language):
    return pyphen.Pyphen(lang=DICTIONARIES.get(language, "nl_NL"), left=1, right=1)


def words(text):
    return WORD.findall(text)


def sentences(text):
    """The sentences of ``text`` that hold at least one word (a heading or list item counts as
    one: the text's blocks are separated by line breaks)."""
    return [s.strip() for s in SENTENCE_END.split(text) if words(s)]


def syllables(word, language):
    return len(_dictionary(language).positions(word.lower())) + 1


def readability(text, language):
    """The score of ``text`` in ``language``, or None when it is too short to measure."""
    parts = sentences(text)
    all_words = [w for s in parts for w in words(s)]
    if len(all_words) < MIN_WORDS:
        return None
    base, per_word, per_syllable = FORMULAS.get(language, FORMULAS["nl"])
    syllable_count = sum(syllables(w, language) for w in all_words)
    score = (
        base
        - per_word * (len(all_words) / len(parts))
        - per_syllable * (syllable_count / len(all_words))
    )
    return Readability(round(score, 1), len(all_words), len(parts))


def longest_sentences(text, limit=3):
    """The sentences longer than ``LONG_SENTENCE_WORDS`` words, longest first: (words, text)."""
    long = [(len(words(s)), s) for s in sentences(text)]
    long = [item for item in long if item[0] > LONG_SENTENCE_WORDS]
    return sorted(long, key=lambda item: -item[0])[:limit]
