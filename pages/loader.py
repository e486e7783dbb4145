"""The shipped service pages (``content/``: a title per language in ``pages.json``, the bodies as
HTML files), loaded with the core's rules (``publishing.loading``): created once, empty fields
filled, never overwriting an edit, a page an editor deleted not brought back."""

import datetime
import json
from pathlib import Path

from django.db import transaction

from publishing.loading import LoadReport, ShippedContent
from publishing.models import Status
from publishing.richtext import sanitize_html

from .models import Page

CONTENT_DIR = Path(__file__).resolve().parent / "content"


def shipped_pages():
    """{kind: {"title": {language: text}, "body": {language: html}}} and the review date."""
    meta = json.loads((CONTENT_DIR / "pages.json").read_text(encoding="utf-8"))
    pages = {}
    for kind, texts in meta["pages"].items():
        bodies = {
            path.name.split(".")[1]: sanitize_html(" ".join(path.read_text("utf-8").split()))
            for path in sorted(CONTENT_DIR.glob(f"{kind}.*.html"))
        }
        pages[kind] = {"title": texts["title"], "body": bodies}
    return pages, datetime.date.fromisoformat(meta["prepared_on"])


def load_pages() -> LoadReport:
    pages, prepared_on = shipped_pages()
    loader = ShippedContent("Service pages")
    with transaction.atomic():
        for order, (kind, texts) in enumerate(pages.items(), start=1):
            by_language = {}
            for name, values in texts.items():
                for language, value in values.items():
                    by_language.setdefault(language, {})[name] = value
            loader.item(
                Page,
                f"page:{kind}",
                {"kind": kind},
                by_language,
                last_reviewed=prepared_on,
                status=Status.PUBLISHED,
                order=order * 10,
            )
        return loader.finish()
