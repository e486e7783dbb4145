"""The published strategy as plain data, in every language, for the API and the CSV.

Texts are given per language as stored: ``{"nl": "...", "en": null}`` when there is no English
text yet (the site then shows the Dutch; reusers may choose). Addresses are the pages' own, in
each language, built like the pages' hreflang links (``publishing.alternates``). Four queries,
whatever the amount of content.
"""

import csv
import io
from pathlib import Path

from django.conf import settings

from publishing.alternates import alternates_for
from publishing.languages import field_in, language_codes
from publishing.richtext import sanitize_html
from publishing.spreadsheets import safe_cell
from strategy.models import Mission, Theme

API_VERSION = "1.0"
SCHEMA_PATH = Path(settings.BASE_DIR) / "docs" / "api" / "strategy-v1.schema.json"


def texts(obj, name, html=False):
    values = {}
    for code in language_codes():
        value = getattr(obj, field_in(name, code)) or None
        values[code] = sanitize_html(value) if (html and value) else value
    return values


def urls(obj, absolute):
    return {alt.language: absolute(alt.path) for alt in alternates_for(obj)}


def strategy_data(absolute):
    """Everything a visitor may see now (``published()``: status and publication window, a
    topic only in a published theme), as a dict matching docs/api/strategy-v1.schema.json."""
    mission = Mission.objects.prefetch_related("lines").first()
    themes = Theme.objects.published().with_published_topics()
    mission_data = None
    if mission is not None:
        mission_data = {
            "title": texts(mission, "title"),
            "mission_heading": texts(mission, "mission_heading"),
            "mission_intro": texts(mission, "mission_intro"),
            "mission_lines": [
                {"order": line.order, "text": texts(line, "text")} for line in mission.lines.all()
            ],
            "strategy_heading": texts(mission, "strategy_heading"),
            "strategy_intro": texts(mission, "strategy_intro"),
            "url": urls(None, absolute),
            "updated_at": mission.updated_at.isoformat(),
        }
    return {
        "api_version": API_VERSION,
        "publisher": "Stad Gent",
        "languages": language_codes(),
        "source_language": settings.MODELTRANSLATION_DEFAULT_LANGUAGE,
        "mission": mission_data,
        "themes": [
            {
                "id": theme.pk,
                "order": theme.order,
                "title": texts(theme, "title"),
                "slug": texts(theme, "slug"),
                "intro": texts(theme, "intro"),
                "body_html": texts(theme, "body", html=True),
                "url": urls(theme, absolute),
                "updated_at": theme.updated_at.isoformat(),
                "topics": [
                    {
                        "id": topic.pk,
                        "order": topic.order,
                        "title": texts(topic, "title"),
                        "slug": texts(topic, "slug"),
                        "summary": texts(topic, "summary"),
                        "body_html": texts(topic, "body", html=True),
                        "url": urls(topic, absolute),
                        "updated_at": topic.updated_at.isoformat(),
                    }
                    for topic in theme.published_topics
                ],
            }
            for theme in themes
        ],
    }


def strategy_csv(data) -> str:
    """Themes and topics, a row each, from ``strategy_data()``; with a BOM so Excel reads UTF-8."""
    codes = data["languages"]
    header = ["type", "id", "theme_id", "order"]
    for name in ("title", "summary", "url"):
        header += [f"{name}_{code}" for code in codes]
    header.append("updated_at")
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for theme in data["themes"]:
        rows = [("theme", theme, "", theme["intro"])]
        rows += [("topic", topic, theme["id"], topic["summary"]) for topic in theme["topics"]]
        for kind, item, theme_id, summary in rows:
            row = [kind, item["id"], theme_id, item["order"]]
            row += [item["title"][code] for code in codes]
            row += [summary[code] for code in codes]
            row += [item["url"][code] for code in codes]
            row.append(item["updated_at"])
            writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()
