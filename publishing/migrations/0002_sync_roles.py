from django.db import migrations


def sync_roles(apps, schema_editor):
    """Give Redacteur and Vertaler exactly what the content types declare (``publishing.roles``):
    the service pages and the feedback included, which migration strategy 0003 did not cover.
    The same sync runs after every ``migrate``, so later declarations reach existing databases."""
    from publishing.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0001_initial"),
        ("strategy", "0004_seedrecord_moves_to_publishing"),
        ("pages", "0002_page_is_publishable"),
        ("participation", "0001_initial"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
