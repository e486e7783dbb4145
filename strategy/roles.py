"""The editors' roles. The groups themselves are created by migration 0003_editor_groups.

"Redacteur" edits and publishes everything. "Vertaler" translates: they may change the English
fields only. Their Dutch fields (and publication, order and images) are read-only in the admin,
and read-only fields are not part of the form, so a posted Dutch value is ignored by the server.
"""

from axes.backends import AxesStandaloneBackend
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


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check, skipped when there is no request to throttle.

    Every web login (the admin's login form) passes the request, so it is throttled. Calls
    without one (``Client.login`` in tests, scripts) have no address to lock and would otherwise
    fail with AxesBackendRequestParameterRequired; they go straight to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
