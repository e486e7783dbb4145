import django.utils.timezone
from django.db import migrations, models


def publish_existing_pages(apps, schema_editor):
    """Pages that were online before drafts existed stay online."""
    apps.get_model("pages", "Page").objects.update(status="published")


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]

    operations = [
        migrations.AlterModelOptions(
            name="page",
            options={
                "ordering": ["order", "kind"],
                "verbose_name": "service page",
                "verbose_name_plural": "service pages",
            },
        ),
        migrations.AddField(
            model_name="page",
            name="status",
            field=models.CharField(
                choices=[("draft", "Draft"), ("published", "Published")],
                db_index=True,
                default="draft",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="page",
            name="publish_from",
            field=models.DateTimeField(
                blank=True,
                help_text="Leave empty to publish at once.",
                null=True,
                verbose_name="publish from",
            ),
        ),
        migrations.AddField(
            model_name="page",
            name="publish_until",
            field=models.DateTimeField(
                blank=True,
                help_text="Leave empty to keep it online.",
                null=True,
                verbose_name="publish until",
            ),
        ),
        migrations.AddField(
            model_name="page",
            name="order",
            field=models.PositiveIntegerField(db_index=True, default=0, verbose_name="order"),
        ),
        migrations.AddField(
            model_name="page",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AddField(
            model_name="page",
            name="created_at",
            field=models.DateTimeField(
                auto_now_add=True, default=django.utils.timezone.now, verbose_name="created"
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="page", name="body", field=models.TextField(verbose_name="body")
        ),
        migrations.AlterField(
            model_name="page",
            name="body_nl",
            field=models.TextField(null=True, verbose_name="body"),
        ),
        migrations.AlterField(
            model_name="page",
            name="body_en",
            field=models.TextField(null=True, verbose_name="body"),
        ),
        migrations.RunPython(publish_existing_pages, migrations.RunPython.noop),
    ]
