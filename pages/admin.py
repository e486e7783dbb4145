from django.contrib import admin

from publishing.admin import PUBLICATION, ContentAdmin
from translations.admin import TranslationStatusMixin

from .models import Page


@admin.register(Page)
class PageAdmin(TranslationStatusMixin, ContentAdmin):
    """Service pages are a full content type: language tabs, the rich-text editor, drafts and a
    publication window, preview, optimistic locking, history with restore, a translator's
    read-only Dutch side, and the translation status."""

    list_display = ("title", "kind", "status_label", "last_reviewed", "last_change")
    list_filter = ["status"]
    fieldsets = [
        (None, {"fields": ["kind", "title", "body", "last_reviewed", "loaded_version"]}),
        PUBLICATION,
    ]
