"""Create the service pages with their shipped texts, safely and repeatably (as strategy's
loader): a missing page is created once, only empty fields are filled, an editor's text is never
overwritten, and a page an editor deleted is not brought back."""

from django.db import transaction

from strategy.languages import field_in
from strategy.models import SeedRecord
from strategy.richtext import sanitize_html

from .content import PAGES, PREPARED_ON
from .models import Page


@transaction.atomic
def load_pages() -> int:
    """Returns how many pages were created."""
    created = 0
    for kind, texts in PAGES.items():
        record = f"page:{kind}"
        page = Page.objects.filter(kind=kind).first()
        if page is None:
            if SeedRecord.objects.filter(key=record).exists():
                continue
            page = Page(kind=kind, last_reviewed=PREPARED_ON)
            created += 1
        changed = page.pk is None
        for name, values in texts.items():
            for language, value in values.items():
                column = field_in(name, language)
                if not getattr(page, column):
                    text = " ".join(value.split()) if name == "body" else value
                    setattr(page, column, sanitize_html(text) if name == "body" else text)
                    changed = True
        if changed:
            page.save()
        SeedRecord.objects.get_or_create(key=record)
    return created
