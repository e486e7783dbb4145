from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from contentchecks.admin import ContentChecksMixin
from contentchecks.editing import EditorComfortMixin
from publishing.admin import PUBLICATION, ContentAdmin
from publishing.forms import ContentForm
from translations.admin import TranslationStatusMixin

from .models import Page


class PageForm(ContentForm):
    class Meta:
        model = Page
        fields = "__all__"
        error_messages = {
            "kind": {
                "unique": _(
                    "There is already a service page of this kind. Each kind has one page, at "
                    "its own fixed address: change that page instead."
                )
            }
        }


@admin.register(Page)
class PageAdmin(EditorComfortMixin, ContentChecksMixin, TranslationStatusMixin, ContentAdmin):
    """Service pages are a full content type: language tabs, the rich-text editor, drafts and a
    publication window, preview, optimistic locking, history with restore, a translator's
    read-only Dutch side, and the translation status."""

    form = PageForm
    list_display = (
        "title",
        "kind",
        "status_label",
        "unpublished_changes",
        "last_reviewed",
        "last_change",
    )
    list_filter = ["status"]
    fieldsets = [
        (None, {"fields": ["kind", "title", "body", "last_reviewed", "loaded_version"]}),
        PUBLICATION,
    ]
