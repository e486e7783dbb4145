from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SUGGESTION_MAX_LENGTH = 2000


class FeedbackQuerySet(models.QuerySet):
    def unhandled(self):
        return self.filter(handled=False)

    def for_page(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


class Feedback(models.Model):
    """One answer to "Was this page useful?". Nothing about the person: no IP address, no
    account, no cookie; the suggestion is what they chose to write."""

    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("page type"),
    )
    object_id = models.PositiveBigIntegerField(_("page id"), null=True, blank=True)
    page = GenericForeignKey("content_type", "object_id")
    # The page as the visitor saw it, kept when the page is renamed or deleted later.
    page_title = models.CharField(_("page title"), max_length=300)
    path = models.CharField(_("page address"), max_length=500, db_index=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    helpful = models.BooleanField(_("helpful"))
    suggestion = models.TextField(_("suggestion"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    handled = models.BooleanField(_("handled"), default=False, db_index=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        # Local time, as the admin's list and fields show it (stored in UTC: USE_TZ).
        return f"{self.page_title} ({timezone.localtime(self.created_at):%Y-%m-%d %H:%M})"
