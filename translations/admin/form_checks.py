"""The quality checks on the content admin's own form, as in the workbench: a translation the
editor or translator changed is checked against its Dutch when the form is saved. Broken markup
refuses the form (an error on the field); the other findings are shown as warnings after the
save. A translation nobody changed is not checked, so a change to the Dutch alone never blocks
an editor."""

from publishing.languages import SOURCE_LANGUAGE, field_in
from publishing.registry import Kind, field_kind, target_languages, translated_fields

from ..checks import check_translation
from ..models import GlossaryTerm
from .display import language_name


class TranslationChecksFormMixin:
    """Put first in the bases of the admin's form class (``TranslationStatusMixin.get_form``)."""

    def clean(self):
        self.translation_warnings = []
        model = self._meta.model
        glossary = None
        for field in translated_fields(model):
            if field_kind(model, field) == Kind.SLUG:
                continue
            source_column = field_in(field, SOURCE_LANGUAGE)
            source = self.cleaned_data.get(source_column, getattr(self.instance, source_column))
            for language in target_languages():
                column = field_in(field, language)
                target = self.cleaned_data.get(column)
                if column not in self.changed_data or not target or not source:
                    continue
                if glossary is None:  # one query, only for a form that changed a translation
                    glossary = list(
                        GlossaryTerm.objects.values_list("language", "source_term", "translation")
                    )
                terms = [(term, agreed) for code, term, agreed in glossary if code == language]
                for finding in check_translation(
                    source, target, target_lang=language, glossary=terms
                ):
                    if finding.is_error:
                        self.add_error(column, finding.message)
                    else:
                        label = model._meta.get_field(field).verbose_name
                        self.translation_warnings.append(
                            f"{label} ({language_name(language)}): {finding.message}"
                        )
        return super().clean()
