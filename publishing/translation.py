from modeltranslation.translator import TranslationOptions, register

from .models import ChangeNote


@register(ChangeNote)
class ChangeNoteTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = {"nl": ("text",)}
