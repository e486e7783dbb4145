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


class MemoryEntry(models.Model):
    """One Dutch segment and a translation of it, from the site's own content and history.

    Filled when content is saved (``memory.remember``) and from the history by
    ``manage.py build_translation_memory``; the workbench offers these as suggestions.
    """

    language = models.CharField(max_length=15)
    source_hash = models.CharField(max_length=64)
    target_hash = models.CharField(max_length=64)
    source_text = models.TextField()
    target_text = models.TextField()
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("translation memory entry")
        verbose_name_plural = _("translation memory")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "source_hash", "target_hash"], name="memory_unique_pair"
            )
        ]
        indexes = [models.Index(fields=["language", "source_hash"], name="memory_source")]

    def __str__(self):
        return self.source_text[:60]


class GlossaryTerm(models.Model):
    """A term the city always translates the same way (``stadsvernieuwing``: urban renewal)."""

    source_term = models.CharField(_("Dutch term"), max_length=200)
    language = models.CharField(_("language"), max_length=15)
    translation = models.CharField(_("agreed translation"), max_length=200)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")
        ordering = ["source_term", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_term", "language"], name="glossary_unique_term_language"
            )
        ]

    def __str__(self):
        return f"{self.source_term} → {self.translation}"
