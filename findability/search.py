"""Site search across the mission, mission lines, themes and topics, in the page's language.

One API, two engines: on PostgreSQL the full-text search of the language ('dutch' / 'english'
configuration: stemming, stop words, ranking, ``ts_headline`` snippets); on SQLite (tests, one
laptop) a plain case-insensitive substring match. Both run one query per content type (four in
all, whatever the amount of content), search only what a visitor may see, fall back to the Dutch
text where the English one is empty, and return the same ``SearchResult`` objects.

Highlighting is done without ever trusting text as HTML: the engine marks matches with two
private-use characters, the text is stripped of tags and *escaped*, and only then are the markers
turned into ``<mark>`` elements.
"""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, Q, TextField, Value
from django.db.models.functions import Coalesce, Concat, NullIf
from django.urls import reverse
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from publishing.languages import SOURCE_LANGUAGE, field_in, shown_language
from strategy.models import Mission, MissionLine, Theme, Topic

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
SNIPPET_CHARS = 220
# Match markers: private-use code points, which never occur in editors' text in practice and
# survive PostgreSQL's ts_headline untouched.
START, STOP = "\ue000", "\ue001"
# PostgreSQL's text search configuration per language; a language without one uses "simple".
CONFIGS = {"nl": "dutch", "en": "english", "fr": "french", "de": "german"}

_MARKED = re.compile(f"{START}(.*?){STOP}", re.DOTALL)
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class CleanQuery:
    text: str  # what is searched for and shown back (escaped by the template)
    terms: tuple[str, ...]  # the words, for the substring engine and the highlighter
    truncated: bool = False

    def __bool__(self):
        return bool(self.terms)


def clean_query(raw: str | None) -> CleanQuery:
    """Make any visitor input safe to search with: no control characters (PostgreSQL refuses
    NUL), one space between words, at most MAX_QUERY_LENGTH characters and MAX_TERMS words."""
    text = "".join(ch if ch.isprintable() else " " for ch in (raw or ""))
    text = " ".join(text.replace(START, " ").replace(STOP, " ").split())
    truncated = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH].strip()
    terms = []
    for word in _WORD.findall(text):
        if word.lower() not in terms:
            terms.append(word.lower())
    return CleanQuery(text=text, terms=tuple(terms[:MAX_TERMS]), truncated=truncated)


@dataclass
class SearchResult:
    kind: str
    title_html: SafeString
    snippet_html: SafeString
    url: str
    lang: str  # the language the title is shown in (Dutch when English falls back)
    snippet_lang: str
    title_hit: bool
    rank: float
    order: tuple = field(default=(0, 0))


def localized(name: str, language: str):
    """``name`` in ``language``, or the Dutch text where that one is empty (as pages show it)."""
    own = Coalesce(F(field_in(name, SOURCE_LANGUAGE)), Value(""), output_field=TextField())
    if language == SOURCE_LANGUAGE:
        return own
    return Coalesce(
        NullIf(F(field_in(name, language)), Value("")),
        own,
        output_field=TextField(),
    )


def joined(*expressions):
    parts = []
    for expression in expressions:
        parts += [expression, Value(" ")]
    return Concat(*parts[:-1], output_field=TextField())


def plain(text: str) -> str:
    """Editor rich text as the words a reader sees: no tags, entities decoded, spaces squeezed."""
    return " ".join(html.unescape(strip_tags(text or "")).split())


def render_marked(text: str) -> SafeString:
    """Escape ``text`` and turn the START/STOP markers into ``<mark>``; stray markers vanish."""
    out, position = [], 0
    for match in _MARKED.finditer(text):
        out.append(escape(text[position : match.start()].replace(START, "").replace(STOP, "")))
        out.append(f"<mark>{escape(match.group(1))}</mark>")
        position = match.end()
    out.append(escape(text[position:].replace(START, "").replace(STOP, "")))
    return mark_safe("".join(out))


def mark_terms(text: str, terms) -> str:
    if not terms:
        return text
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.I)
    return pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", text)


def excerpt(text: str, terms) -> str:
    """About SNIPPET_CHARS of ``text`` around the first matching word, cut at word boundaries."""
    lowered = text.lower()
    hits = [lowered.find(t) for t in terms if lowered.find(t) >= 0]
    start = max(0, min(hits) - SNIPPET_CHARS // 3) if hits else 0
    if start:
        start = text.find(" ", start) + 1 or start
    end = start + SNIPPET_CHARS
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    piece = text[start:end]
    return ("… " if start else "") + piece + (" …" if end < len(text) else "")


@dataclass(frozen=True)
class Source:
    """One content type as search sees it."""

    queryset: Callable  # what a visitor may see of it, asked at search time (the clock moves)
    title: str
    body: tuple[str, ...]
    label: str
    url: Callable


def _home(anchor=""):
    return lambda obj: reverse("strategy:home") + anchor


# The mission has no publication state (it is the home page); themes and topics are searched
# through ``published()``, the one visibility rule (a topic's includes its theme's state).
SOURCES = (
    Source(
        Mission.objects.all,
        "title",
        ("mission_heading", "mission_intro", "strategy_heading", "strategy_intro"),
        _("Mission and strategy"),
        _home(),
    ),
    Source(MissionLine.objects.all, "text", (), _("Our mission"), _home("#mission-heading")),
    Source(Theme.objects.published, "title", ("intro", "body"), _("Theme"), Theme.get_absolute_url),
    Source(
        lambda: Topic.objects.published().select_related("theme"),
        "title",
        ("summary", "body"),
        _("Topic"),
        Topic.get_absolute_url,
    ),
)


def search(raw_query, language=None) -> list[SearchResult]:
    """The visitor's matches, best first: title matches before text matches, then by rank."""
    query = raw_query if isinstance(raw_query, CleanQuery) else clean_query(raw_query)
    language = language or get_language() or SOURCE_LANGUAGE
    if not query:
        return []
    engine = _postgres_matches if connection.vendor == "postgresql" else _substring_matches
    results = []
    for position, source in enumerate(SOURCES):
        body = source.body
        title_expr = localized(source.title, language)
        body_expr = joined(*(localized(name, language) for name in body)) if body else Value("")
        for obj, title_marked, snippet_marked, rank in engine(
            source.queryset(), title_expr, body_expr, query, language
        ):
            results.append(
                SearchResult(
                    kind=str(source.label),
                    title_html=render_marked(title_marked),
                    snippet_html=render_marked(snippet_marked),
                    url=source.url(obj),
                    lang=shown_language(obj, source.title, language),
                    snippet_lang=shown_language(obj, body[0], language) if body else language,
                    title_hit=START in title_marked,
                    rank=rank,
                    order=(position, getattr(obj, "order", 0)),
                )
            )
    results.sort(key=lambda r: (not r.title_hit, -r.rank, r.order))
    return results


def _substring_matches(queryset, title_expr, body_expr, query, language):
    """SQLite: every word must occur in the title or the text (``icontains`` escapes % and _)."""
    queryset = queryset.annotate(search_title=title_expr, search_body=body_expr)
    for term in query.terms:
        queryset = queryset.filter(Q(search_title__icontains=term) | Q(search_body__icontains=term))
    for obj in queryset:
        title_text = plain(obj.search_title)
        body_text = plain(obj.search_body)
        lowered_title, lowered_body = title_text.lower(), body_text.lower()
        rank = sum(3 * lowered_title.count(t) + lowered_body.count(t) for t in query.terms)
        yield (
            obj,
            mark_terms(title_text, query.terms),
            mark_terms(excerpt(body_text, query.terms), query.terms),
            float(rank),
        )


def _postgres_matches(queryset, title_expr, body_expr, query, language):
    """PostgreSQL: the language's text-search configuration, the title weighted above the text."""
    from django.contrib.postgres.search import (
        SearchHeadline,
        SearchQuery,
        SearchRank,
        SearchVector,
    )

    config = CONFIGS.get(language, "simple")
    # websearch_to_tsquery accepts anything a person types (quotes, -words, "or") without errors.
    ts_query = SearchQuery(query.text, search_type="websearch", config=config)
    vector = SearchVector(title_expr, weight="A", config=config) + SearchVector(
        body_expr, weight="B", config=config
    )
    headline = {"config": config, "start_sel": START, "stop_sel": STOP}
    queryset = (
        queryset.annotate(
            document=vector,
            rank=SearchRank(vector, ts_query),
            title_marked=SearchHeadline(title_expr, ts_query, highlight_all=True, **headline),
            snippet_marked=SearchHeadline(
                body_expr,
                ts_query,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
                **headline,
            ),
        )
        .filter(document=ts_query)
        .order_by("-rank")
    )
    for obj in queryset:
        # ts_headline keeps the text as stored: strip editors' tags around the markers.
        yield obj, plain(obj.title_marked), plain(obj.snippet_marked), float(obj.rank)
