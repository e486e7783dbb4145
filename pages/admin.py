from django import forms
from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin
from reversion.admin import VersionAdmin

from strategy.admin import LANGUAGE_TABS_JS
from strategy.richtext import sanitize_html
from translations.admin import TranslationStatusMixin

from .models import Page


class PageForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = ["kind", "title", "body", "last_reviewed"]

    def clean(self):
        cleaned = super().clean()
        # Stored as it will be shown: the allow-list applies on the way in (and again on output).
        for name, value in cleaned.items():
            if name.startswith("body_") and value:
                cleaned[name] = sanitize_html(value)
        return cleaned


@admin.register(Page)
class PageAdmin(TranslationStatusMixin, VersionAdmin, TabbedTranslationAdmin):
    """Service pages get what the strategy content gets: language tabs, history with restore,
    and the translation status (column, filter, export) of the translations app."""

    form = PageForm

    # Extends the mixin's Media (its stylesheet), which a plain inner Media would shadow.
    class Media(TranslationStatusMixin.Media):
        js = LANGUAGE_TABS_JS

    list_display = ("title", "kind", "last_reviewed", "updated_at")
    readonly_fields = ("updated_at",)
    fields = ("kind", "title", "body", "last_reviewed", "updated_at")
