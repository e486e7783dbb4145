"""The change notes in the admin: an editor corrects a note's words or removes a note.

Notes are written on the item's own form (``publishing.changes``), so there is no "add" here.
"""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from ..models import ChangeNote


@admin.register(ChangeNote)
class ChangeNoteAdmin(TranslationAdmin):
    list_display = ["text", "item_link", "noted_at", "author"]
    list_select_related = ["content_type", "author"]
    date_hierarchy = "noted_at"
    search_fields = ["text_nl", "text_en"]
    fields = ["item_link", "noted_at", "author", "text"]
    readonly_fields = ["item_link", "noted_at", "author"]

    @admin.display(description=_("page"))
    def item_link(self, note):
        item = note.item
        if item is None:
            return _("(deleted)")
        return format_html('<a href="{}">{}</a>', item.get_absolute_url(), item)

    def has_add_permission(self, request):
        return False
