from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class FieldTranslation(models.Model):
    """What the source text of one field was when its translation was last written or confirmed.

    modeltranslation keeps only the current text of each language, so it cannot tell whether the
    English still matches the Dutch. This row can: when the hash of today's Dutch differs from
    ``source_hash``, the Dutch changed after the English was saved, and the English is outdated.
    Kept up to date by ``translations.status`` (see ``receivers.py``).
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=100)
    language = models.CharField(max_length=15)
    source_hash = models.CharField(max_length=64)
    # The Dutch itself, so an export can show a translator what changed (PO "previous msgid").
    source_text = models.TextField(blank=True)
    translated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("translation status")
        verbose_name_plural = _("translation status")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="translation_unique_field_language",
            )
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id}:{self.field} [{self.language}]"
