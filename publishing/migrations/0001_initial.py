from django.db import migrations, models


class Migration(migrations.Migration):
    """SeedRecord moves from strategy to the core; its table (strategy_seedrecord) stays."""

    initial = True

    dependencies = [("strategy", "0003_editor_groups")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SeedRecord",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("key", models.CharField(max_length=150, unique=True)),
                        ("loaded_at", models.DateTimeField(auto_now_add=True)),
                    ],
                    options={"db_table": "strategy_seedrecord"},
                )
            ],
            database_operations=[],
        )
    ]
