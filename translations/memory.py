"""The translation memory: earlier translations of the same or similar Dutch, from this site.

Each pair is a segment (a paragraph of rich text, or a whole plain-text field) and its
translation. Pairs are remembered when content is saved with an up-to-date translation, and
``build_from_history`` reads them from every version django-reversion kept. A segment in the
workbench is offered the pairs whose Dutch is identical (100 %) or similar (a word-level
similarity from difflib), best first.
"""

import hashlib
from collections import Counter, defaultdict
from difflib import SequenceMatcher

from django.utils import timezone
from reversion.models import Version

from publishing.languages import SOURCE_LANGUAGE, field_in
from publishing.registry import Kind, content_models, field_kind, translated_fields

from . import segments
from .models import MemoryEntry

# Below this a "similar" Dutch text is more misleading than helpful.
MIN_SIMILARITY = 0.6
MAX_SUGGESTIONS = 3


def _hash(text):
    return hashlib.sha256(text.encode()).hexdigest()


def pairs_of(kind, source, target):
    """The (Dutch segment, translation) pairs of one field's texts; none when the translation
    has another number of paragraphs than the Dutch (they cannot be paired safely)."""
    if not source.strip() or not target.strip():
        return []
    if kind != Kind.RICH:
        return [(source.strip(), target.strip())]
    source_segments, target_segments = segments.split(source), segments.split(target)
    if len(source_segments) != len(target_segments):
        return []
    return list(zip(source_segments, target_segments, strict=True))


def store(pairs, language) -> int:
    """Remember ``pairs`` for ``language``; pairs known already are kept once. One query."""
    now = timezone.now()
    rows = {
        (_hash(source), _hash(target)): MemoryEntry(
            language=language,
            source_hash=_hash(source),
            target_hash=_hash(target),
            source_text=source,
            target_text=target,
            updated_at=now,
        )
        for source, target in pairs
        if source != target
    }
    MemoryEntry.objects.bulk_create(
        rows.values(),
        update_conflicts=True,
        unique_fields=["language", "source_hash", "target_hash"],
        update_fields=["updated_at"],
    )
    return len(rows)


def remember(obj, fields_and_languages) -> int:
    """After a save: the pairs of the given (field, language) translations, now up to date."""
    by_language = {}
    for field, language in fields_and_languages:
        by_language.setdefault(language, []).extend(
            pairs_of(
                field_kind(type(obj), field),
                getattr(obj, field_in(field, SOURCE_LANGUAGE)) or "",
                getattr(obj, field_in(field, language)) or "",
            )
        )
    return sum(store(pairs, language) for language, pairs in by_language.items() if pairs)


def build_from_history(languages) -> int:
    """Remember the pairs of every stored version of every content item, and of today's
    content: what ``manage.py build_translation_memory`` runs. Returns the pairs seen."""
    count = 0
    for model in content_models():
        fields = translated_fields(model)
        kinds = {field: field_kind(model, field) for field in fields}
        snapshots = [
            version.field_dict for version in Version.objects.get_for_model(model).iterator()
        ]
        columns = [field_in(f, code) for f in fields for code in (SOURCE_LANGUAGE, *languages)]
        snapshots += list(model._default_manager.values(*columns))
        for language in languages:
            pairs = [
                pair
                for snapshot in snapshots
                for field in fields
                for pair in pairs_of(
                    kinds[field],
                    snapshot.get(field_in(field, SOURCE_LANGUAGE)) or "",
                    snapshot.get(field_in(field, language)) or "",
                )
            ]
            count += store(pairs, language) if pairs else 0
    return count


class Suggestion:
    def __init__(self, entry, similarity):
        self.source = entry.source_text
        self.target = entry.target_text
        self.similarity = similarity

    @property
    def percent(self):
        return round(self.similarity * 100)


def suggest(texts, language, exclude=()):
    """{Dutch segment: [Suggestion, …]} for each of ``texts``, best first.

    One query for the whole page. The memory of a city's strategy site is a few thousand
    segments: an index of their words finds the entries that share enough words to reach the
    threshold (the same bound as difflib's ``quick_ratio``), and only those are compared.
    ``exclude``: the (source, target) pairs already on the page (a segment's own translation is
    no suggestion).
    """
    texts = [text for text in dict.fromkeys(texts) if text.strip()]
    if not texts:
        return {}
    entries = list(MemoryEntry.objects.filter(language=language).only("source_text", "target_text"))
    words = [segments.plain_text(entry.source_text).split() for entry in entries]
    index = defaultdict(list)  # word: [(entry number, how often it has the word), …]
    for number, entry_words in enumerate(words):
        for word, count in Counter(entry_words).items():
            index[word].append((number, count))
    exclude = set(exclude)
    return {text: _suggestions(text, entries, words, index, exclude) for text in texts}


def _suggestions(text, entries, words, index, exclude):
    wanted = segments.plain_text(text).split()
    shared = Counter()  # entry number: words in common (with repeats), an upper bound of matches
    for word, count in Counter(wanted).items():
        for number, entry_count in index.get(word, ()):
            shared[number] += min(count, entry_count)
    matcher = SequenceMatcher(autojunk=False)
    matcher.set_seq2(wanted)
    found = []
    for number, common in shared.items():  # only entries with a word in common
        entry = entries[number]
        if (text, entry.target_text) in exclude:
            continue
        if entry.source_text == text:
            found.append(Suggestion(entry, 1.0))
            continue
        if 2 * common / (len(wanted) + len(words[number])) < MIN_SIMILARITY:
            continue
        matcher.set_seq1(words[number])
        if (similarity := matcher.ratio()) >= MIN_SIMILARITY:
            found.append(Suggestion(entry, similarity))
    found.sort(key=lambda suggestion: -suggestion.similarity)
    return found[:MAX_SUGGESTIONS]


def forget(pairs, language):
    """Remove ``pairs`` (a save paired today's Dutch with a translation made for older Dutch)."""
    for source, target in pairs:
        MemoryEntry.objects.filter(
            language=language, source_hash=_hash(source), target_hash=_hash(target)
        ).delete()
