"""Content translated before this app existed starts "up to date" rather than "outdated".

Without it every translation already in the database would have no record of the Dutch it was
made for, and would show as outdated. The field lists are frozen here, as migrations must be.
"""

import hashlib

from django.conf import settings
from django.db import migrations
from django.utils import timezone

FIELDS = {
    "mission": ["title", "mission_heading", "mission_intro", "strategy_heading", "strategy_intro",
                "image_alt", "image_credit"],
    "missionline": ["text"],
    "theme": ["title", "slug", "intro", "body", "image_alt", "image_credit"],
    "topic": ["title", "slug", "summary", "body", "image_alt", "image_credit"],
}  # fmt: skip


def record_existing(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    FieldTranslation = apps.get_model("translations", "FieldTranslation")
    source = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    targets = [code for code, _name in settings.LANGUAGES if code != source]
    now = timezone.now()
    rows = []
    for model_name, fields in FIELDS.items():
        model = apps.get_model("strategy", model_name)
        if not model.objects.exists():
            continue
        content_type, _ = ContentType.objects.get_or_create(app_label="strategy", model=model_name)
        for obj in model.objects.all():
            for field in fields:
                dutch = getattr(obj, f"{field}_{source}", "") or ""
                for language in targets:
                    if dutch and getattr(obj, f"{field}_{language}", ""):
                        rows.append(
                            FieldTranslation(
                                content_type=content_type,
                                object_id=obj.pk,
                                field=field,
                                language=language,
                                source_hash=hashlib.sha256(dutch.encode()).hexdigest(),
                                source_text=dutch,
                                translated_at=now,
                            )
                        )
    FieldTranslation.objects.bulk_create(rows, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("translations", "0001_initial"),
        ("strategy", "0001_initial"),
    ]

    operations = [migrations.RunPython(record_existing, migrations.RunPython.noop)]
