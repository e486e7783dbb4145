"""The editors' roles. The groups themselves are created by migration 0003_editor_groups.

"Redacteur" edits and publishes everything. "Vertaler" translates: they may change the English
fields only. Their Dutch fields (and publication, order and images) are read-only in the admin,
and read-only fields are not part of the form, so a posted Dutch value is ignored by the server.
"""

from modeltranslation.translator import translator

EDITOR_GROUP = "Redacteur"
TRANSLATOR_GROUP = "Vertaler"
TRANSLATION_LANGUAGE = "en"


def is_translator(user):
    if not user.is_authenticated or user.is_superuser:
        return False
    if not hasattr(user, "_is_translator"):
        user._is_translator = user.groups.filter(name=TRANSLATOR_GROUP).exists()
    return user._is_translator


def translator_readonly_fields(model, already=()):
    """Every editable field of ``model`` except the English translations."""
    originals = set(translator.get_options_for_model(model).fields)
    return [
        field.name
        for field in model._meta.fields
        if field.editable
        and not field.primary_key
        and field.name not in originals
        and not field.name.endswith(f"_{TRANSLATION_LANGUAGE}")
        and field.name not in already
    ]
