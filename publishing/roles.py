"""The editors' roles, declared once per model and kept in step with the groups.

"Redacteur" edits and publishes everything; with review switched on (``DJANGO_REVIEW_REQUIRED``)
their changes to live pages wait for an "Eindredacteur", who may also publish them or send them back
(``publishing.workingcopies``). "Vertaler" translates: they may change the fields of the target
languages only (English, and any other in ``settings.LANGUAGES`` but Dutch). Their Dutch fields
(and publication, order and images) are read-only in the admin, and read-only fields are not part
of the form, so a posted Dutch value is ignored by the server.

Every content type gets ``CONTENT_ROLES`` when it is registered (``registry.register``); other
models declare what each role may do with them (``declare(Feedback, {...})``). ``sync_roles``
gives each group exactly the declared permissions: it runs in a data migration and after every
``migrate``, so a declaration added later reaches existing databases with the next deploy.
"""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.management import create_permissions
from modeltranslation.translator import translator

from .languages import SOURCE_LANGUAGE, language_codes

EDITOR_GROUP = "Redacteur"
TRANSLATOR_GROUP = "Vertaler"
REVIEWER_GROUP = "Eindredacteur"
# The first target language (English unless settings.LANGUAGES says otherwise): the default of
# what takes one target language. A Vertaler may change every target language's fields.
TRANSLATION_LANGUAGE = next(
    (code for code in language_codes() if code != SOURCE_LANGUAGE), SOURCE_LANGUAGE
)

CONTENT_ROLES = {
    EDITOR_GROUP: ("add", "change", "delete", "view"),
    REVIEWER_GROUP: ("add", "change", "delete", "view"),
    TRANSLATOR_GROUP: ("change", "view"),
}
# Editors read the history of what they edit; restoring is a change of the item itself.
HISTORY_ROLES = {
    EDITOR_GROUP: ("view",),
    REVIEWER_GROUP: ("view",),
    TRANSLATOR_GROUP: ("view",),
}
# Unpublished changes: everyone who edits sees them; an Eindredacteur publishes reviewed ones.
WORKING_COPY_ROLES = {EDITOR_GROUP: ("view",), REVIEWER_GROUP: ("view", "review")}

# {group: {(app_label, model_name): {action, …}}}
_declared: dict[str, dict[tuple[str, str], set[str]]] = {}


def declare(model, actions_by_role):
    """What each role may do with ``model``: ``{"Redacteur": ("view", "change"), …}``."""
    key = (model._meta.app_label, model._meta.model_name)
    # An Eindredacteur is a Redacteur who may also publish others' changes: whatever a model lets
    # a Redacteur do, it lets an Eindredacteur do too (feedback, redirects, notes, the glossary).
    if EDITOR_GROUP in actions_by_role:
        actions_by_role = {REVIEWER_GROUP: actions_by_role[EDITOR_GROUP], **actions_by_role}
    for group, actions in actions_by_role.items():
        _declared.setdefault(group, {}).setdefault(key, set()).update(actions)


def declared_permissions():
    """{group: {(app_label, codename), …}}: what ``sync_roles`` gives each group."""
    return {
        group: {
            (app, f"{action}_{model}")
            for (app, model), actions in models.items()
            for action in actions
        }
        for group, models in _declared.items()
    }


def sync_roles(apps=None, verbosity=0):
    """Give every declared group exactly its declared permissions (creating what is missing).

    ``apps`` is the migration state's registry in a data migration, the real one otherwise.
    """
    if apps is None:
        from django.apps import apps
    labels = {app for perms in declared_permissions().values() for app, _code in perms}
    for label in labels:
        try:
            app_config = apps.get_app_config(label)
        except LookupError:  # an app not migrated yet in this migration state
            continue
        # Permissions are normally created after all migrations ran (post_migrate); a migration
        # state's app config has no models module, which create_permissions requires.
        had_module = getattr(app_config, "models_module", None)
        app_config.models_module = had_module or True
        create_permissions(app_config, apps=apps, verbosity=verbosity)
        app_config.models_module = had_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in declared_permissions().items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = [
            permission
            for permission in Permission.objects.filter(
                codename__in={code for _app, code in wanted}
            ).select_related("content_type")
            if (permission.content_type.app_label, permission.codename) in wanted
        ]
        group.permissions.set(permissions)


def sync_roles_after_migrate(sender, **kwargs):
    """post_migrate receiver: once per ``migrate``, after the last app's permissions exist."""
    from django.apps import apps

    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if with_models and sender is with_models[-1]:
        sync_roles(kwargs.get("apps") or apps)


def is_translator(user):
    if not user.is_authenticated or user.is_superuser:
        return False
    if not hasattr(user, "_is_translator"):
        user._is_translator = user.groups.filter(name=TRANSLATOR_GROUP).exists()
    return user._is_translator


def translator_readonly_fields(model, already=()):
    """Every editable field of ``model`` except the translations (every language but Dutch)."""
    targets = tuple(f"_{code}" for code in language_codes() if code != SOURCE_LANGUAGE)
    originals = set(translator.get_options_for_model(model).fields)
    return [
        field.name
        for field in model._meta.fields
        if field.editable
        and not field.primary_key
        and field.name not in originals
        and not field.name.endswith(targets)
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
