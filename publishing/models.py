"""What every content type shares: the publication state, window and order, the optimistic-lock
version, and the ONE visibility rule (``PublishableQuerySet.published`` / ``visible_to``).

Pages, the open-data API, the sitemap, search and structured data all ask these two methods; a
content type that is only reachable through another one (a topic through its theme) narrows
``published`` in its own queryset, so every reader gets the narrower rule without knowing it.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .languages import SOURCE_LANGUAGE, field_in


def can_preview(user):
    """Staff who may see content in the admin may also preview drafts on the site."""
    return bool(user and user.is_active and user.is_staff)


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PublishableQuerySet(models.QuerySet):
    def published(self, at=None):
        """What a visitor may see: published, and inside its publication window if it has one."""
        moment = at or timezone.now()
        return self.filter(
            Q(status=Status.PUBLISHED),
            Q(publish_from__isnull=True) | Q(publish_from__lte=moment),
            Q(publish_until__isnull=True) | Q(publish_until__gt=moment),
        )

    def visible_to(self, user, at=None):
        """What ``user`` may open on the site: staff preview everything, visitors the published."""
        return self.all() if can_preview(user) else self.published(at)

    def with_slug(self, slug, language=None):
        """Find by the slug of ``language`` (the active one by default).

        A page whose English slug is still empty is served under its Dutch slug (that is the URL
        its ``get_absolute_url`` gives under fallback), so the lookup accepts that too.
        """
        language = language or get_language() or SOURCE_LANGUAGE
        own_slug = field_in("slug", language)
        if language == SOURCE_LANGUAGE:
            return self.filter(**{own_slug: slug})
        untranslated = Q(**{f"{own_slug}__isnull": True}) | Q(**{own_slug: ""})
        return self.filter(Q(**{own_slug: slug}) | (untranslated & Q(slug_nl=slug)))


class Versioned(models.Model):
    """The optimistic-lock version: every write through ``publishing.writes`` adds one, and a
    form that was opened at an older version is refused instead of overwriting newer work."""

    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        abstract = True


class Publishable(Versioned):
    """Publication state and window, order and timestamps; see ``PublishableQuerySet``."""

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_from = models.DateTimeField(
        _("publish from"), null=True, blank=True, help_text=_("Leave empty to publish at once.")
    )
    publish_until = models.DateTimeField(
        _("publish until"), null=True, blank=True, help_text=_("Leave empty to keep it online.")
    )
    order = models.PositiveIntegerField(_("order"), default=0, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_visible(self, at=None):
        return type(self)._default_manager.filter(pk=self.pk).published(at).exists()

    def is_live(self, at=None):
        """The item's own window without a query, for list views; the queryset rule of a content
        type that narrows ``published`` (a topic's theme) is checked by the caller."""
        moment = at or timezone.now()
        return (
            self.status == Status.PUBLISHED
            and (self.publish_from is None or self.publish_from <= moment)
            and (self.publish_until is None or self.publish_until > moment)
        )

    def clean(self):
        super().clean()
        if self.publish_from and self.publish_until and self.publish_until <= self.publish_from:
            raise ValidationError(
                {
                    "publish_until": ValidationError(
                        _("“Publish until” must be later than “publish from”."),
                        code="publish_window",
                    )
                }
            )


class SeedRecord(models.Model):
    """Which shipped items were loaded once, so that one an editor deleted stays deleted."""

    key = models.CharField(max_length=150, unique=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Created by strategy's first migration; moved here without touching the table.
        db_table = "strategy_seedrecord"

    def __str__(self):
        return self.key


class ChangeNoteQuerySet(models.QuerySet):
    def published(self, at=None):
        """Notes about what a visitor may see: each item asks its own type's visibility rule
        (``published``), so a note never shows a draft, or a topic of a hidden theme."""
        from .changes import noted_item_filter

        return self.filter(noted_item_filter(at))


class ChangeNote(models.Model):
    """A significant change, in the editor's words, to one content item (any registered type).

    Saving an item without a note is a silent change (a typo fix): its pages' "last changed" date,
    the "what changed" page, the feeds and the sitemap's lastmod only follow these notes.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    text = models.TextField(_("what changed"))
    noted_at = models.DateTimeField(_("changed on"), default=timezone.now, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )

    objects = ChangeNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-noted_at", "-pk"]
        verbose_name = _("change note")
        verbose_name_plural = _("change notes")
        indexes = [models.Index(fields=["content_type", "object_id", "-noted_at"])]

    def __str__(self):
        return self.text


class WorkingCopy(models.Model):
    """A prepared change to a live item: the item's field values as the editor left them (every
    language, and its parts, such as a mission's lines), kept apart until it is published.

    One per item. Publishing applies it through ``publishing.writes.save_content`` (see
    ``publishing.workingcopies``), so the change gets a version, a history revision, a translation
    status and fresh caches like any other write; a copy made from an older version of the item
    than the live one is refused then, instead of undoing a colleague's change.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("Waiting for review")
        APPROVED = "approved", _("Approved, scheduled")

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("item"))
    item = GenericForeignKey("content_type", "object_id")
    values = models.JSONField(_("changed values"), default=dict)
    parts = models.JSONField(_("changed parts"), default=dict)
    base_version = models.PositiveIntegerField(_("made from version"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="working_copies",
        verbose_name=_("author"),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(_("publish the changes at"), null=True, blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)
    # The note of a significant change the editor wrote with it (``publishing.changes``): it is
    # recorded when the change is published, not before.
    change_note = models.JSONField(_("change note"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("unpublished change")
        verbose_name_plural = _("unpublished changes")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_working_copy_per_item"
            )
        ]
        permissions = [("review_workingcopy", _("Can publish or send back a reviewed change"))]

    def __str__(self):
        return str(self.item or self.object_id)


class WorkflowStep(models.Model):
    """One step of an item's change workflow (saved as draft, submitted, sent back, published…),
    shown in the item's history next to its versions."""

    class Action(models.TextChoices):
        SAVED = "saved", _("Saved a draft of changes")
        SUBMITTED = "submitted", _("Submitted the changes for review")
        SENT_BACK = "sent_back", _("Sent the changes back")
        SCHEDULED = "scheduled", _("Scheduled the changes")
        PUBLISHED = "published", _("Published the changes")
        DISCARDED = "discarded", _("Discarded the changes")

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    comment = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.get_action_display()
