"""The editors' groups: "Redacteur" edits and publishes, "Vertaler" translates into English.

Permissions are normally created after all migrations ran (post_migrate), so they are created
here first; running this again (or after new models) only adds what is missing.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_MODELS = ["mission", "missionline", "theme", "topic"]


def create_groups(apps, schema_editor):
    for app_label in ("strategy", "reversion"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def perms(app_label, models, actions):
        codenames = [f"{action}_{model}" for model in models for action in actions]
        return Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )

    editor, _ = Group.objects.get_or_create(name="Redacteur")
    editor.permissions.add(
        *perms("strategy", CONTENT_MODELS, ["add", "change", "delete", "view"]),
        *perms("reversion", ["revision", "version"], ["view"]),
    )
    translator, _ = Group.objects.get_or_create(name="Vertaler")
    translator.permissions.add(*perms("strategy", CONTENT_MODELS, ["change", "view"]))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Redacteur", "Vertaler"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0002_image_renditions_and_validators"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
