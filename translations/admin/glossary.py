"""The glossary in the admin: translators and editors keep the city's fixed terms here."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from publishing.registry import target_languages

from ..models import GlossaryTerm
from .display import language_name


class GlossaryTermForm(forms.ModelForm):
    # Choices from the settings at run time, not in the migration: a language added later
    # (French) needs no migration of the glossary.
    language = forms.ChoiceField(label=_("language"))

    class Meta:
        model = GlossaryTerm
        fields = ["source_term", "language", "translation", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, language_name(code)) for code in target_languages()
        ]

    def clean_source_term(self):
        return " ".join(self.cleaned_data["source_term"].split())

    def clean_translation(self):
        return " ".join(self.cleaned_data["translation"].split())


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    form = GlossaryTermForm
    list_display = ["source_term", "translation", "language_label", "note"]
    list_filter = ["language"]
    search_fields = ["source_term", "translation"]

    @admin.display(description=_("language"), ordering="language")
    def language_label(self, term):
        return language_name(term.language)
