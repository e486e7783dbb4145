from django.db import migrations


class Migration(migrations.Migration):
    """SeedRecord now belongs to the publishing core (publishing 0001); the table stays."""

    dependencies = [
        ("strategy", "0003_editor_groups"),
        ("publishing", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SeedRecord")],
            database_operations=[],
        )
    ]
