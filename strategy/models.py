"""The city's mission and strategy: one mission page, four themes, their sub-topics.

Every text a visitor reads is translated with django-modeltranslation (see ``translation.py``):
each field ``x`` below becomes ``x_nl`` and ``x_en`` in the database, and reading ``obj.x`` gives
the active language, falling back to Dutch.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .images import validate_image_upload
from .languages import SOURCE_LANGUAGE, field_in, language_codes


def can_preview(user):
    """Staff who may see content in the admin may also preview drafts on the site."""
    return bool(user and user.is_active and user.is_staff)


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def validate_header_image(obj):
    """An image that is not decorative needs alt text in every language; say which is missing."""
    if not obj.image or obj.image_decorative:
        return
    errors = {}
    for code in language_codes():
        if not (getattr(obj, field_in("image_alt", code), None) or "").strip():
            errors[field_in("image_alt", code)] = ValidationError(
                _(
                    "Describe the image in %(language)s for people who cannot see it, "
                    "or tick “decorative image” if it adds nothing to the text."
                ),
                code="alt_required",
                params={"language": _language_name(code)},
            )
    if errors:
        raise ValidationError(errors)


def _language_name(code):
    from django.conf import settings

    return dict(settings.LANGUAGES)[code]


class PublishableQuerySet(models.QuerySet):
    def viewable_by(self, user, at=None):
        """What ``user`` may open on the site: staff preview everything, visitors the published."""
        if can_preview(user):
            return self.all()
        return self.published(at)

    def published(self, at=None):
        """What a visitor may see: published, and inside its publication window if it has one."""
        moment = at or timezone.now()
        return self.filter(
            Q(status=Status.PUBLISHED),
            Q(publish_from__isnull=True) | Q(publish_from__lte=moment),
            Q(publish_until__isnull=True) | Q(publish_until__gt=moment),
        )

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


class ThemeQuerySet(PublishableQuerySet):
    def with_published_topics(self):
        """Attach each theme's visible topics as ``published_topics`` in one extra query."""
        return self.prefetch_related(
            models.Prefetch(
                "topics", queryset=Topic.objects.published(), to_attr="published_topics"
            )
        )


class TopicQuerySet(PublishableQuerySet):
    def visible(self, at=None):
        """Published topics of published themes: a topic is only reachable through its theme."""
        return self.published(at).filter(theme__in=Theme.objects.published(at))

    def visible_to(self, user, at=None):
        """Topics ``user`` may open: staff preview all of them, visitors the visible ones."""
        return self.all() if can_preview(user) else self.visible(at)

    def in_theme(self, theme_slug):
        return self.filter(theme__in=Theme.objects.with_slug(theme_slug))


class Publishable(models.Model):
    """What themes and topics share: publication state and window, order, image, timestamps."""

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
    image = models.ImageField(
        _("image"), upload_to="images/%Y/", blank=True, validators=[validate_image_upload]
    )
    image_alt = models.CharField(
        _("image alt text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    image_decorative = models.BooleanField(
        _("decorative image"),
        default=False,
        help_text=_("Tick when the image adds nothing for a screen reader; no alt text needed."),
    )
    image_credit = models.CharField(_("image credit"), max_length=200, blank=True)
    # Filled on save by strategy.images.prepare_header_image: sizes and rendition paths.
    image_renditions = models.JSONField(default=dict, blank=True, editable=False)
    # A stable name for what the shipped content created, so loading it again finds it.
    seed_key = models.CharField(max_length=100, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def is_visible(self, at=None):
        return type(self).objects.filter(pk=self.pk).published(at).exists()

    def is_live(self, at=None):
        """``is_visible`` without a query, for list views: published and inside its window."""
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
        validate_header_image(self)


class Mission(models.Model):
    """The page's own texts; there is one."""

    title = models.CharField(_("page title"), max_length=200)
    mission_heading = models.CharField(_("mission heading"), max_length=200)
    mission_intro = models.TextField(_("mission introduction"))
    strategy_heading = models.CharField(_("strategy heading"), max_length=200)
    strategy_intro = models.TextField(_("strategy introduction"))
    image = models.ImageField(
        _("header image"), upload_to="images/%Y/", blank=True, validators=[validate_image_upload]
    )
    image_alt = models.CharField(_("header image alt text"), max_length=250, blank=True)
    image_decorative = models.BooleanField(_("decorative image"), default=False)
    image_credit = models.CharField(_("image credit"), max_length=200, blank=True)
    image_renditions = models.JSONField(default=dict, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("mission")
        verbose_name_plural = _("mission")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("strategy:home")

    def clean(self):
        super().clean()
        validate_header_image(self)


class MissionLine(models.Model):
    """One line of the mission statement; the page shows them one per line, in order."""

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="lines", verbose_name=_("mission")
    )
    text = models.CharField(_("text"), max_length=300)
    order = models.PositiveIntegerField(_("order"), default=0, db_index=True)
    seed_key = models.CharField(max_length=100, blank=True, editable=False)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("mission line")
        verbose_name_plural = _("mission lines")

    def __str__(self):
        return self.text


class Theme(Publishable):
    objects = ThemeQuerySet.as_manager()

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=200, help_text=_("The last part of the page's web address.")
    )
    intro = models.TextField(_("introduction"))
    body = models.TextField(_("body"), blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(fields=["slug_nl"], name="theme_unique_slug_nl"),
            models.UniqueConstraint(
                fields=["slug_en"],
                condition=~Q(slug_en=""),
                name="theme_unique_slug_en",
            ),
        ]

    def clean(self):
        super().clean()
        # /nl/zoeken/, /en/search/, /nl/info/ … come before the theme pattern in the URLconf, so a
        # theme with such a slug could never be reached in that language.
        from findability.reserved import reserved_slugs

        reserved = reserved_slugs()
        errors = {
            field_in("slug", code): _("This address is used by another page of the site.")
            for code in language_codes()
            if getattr(self, field_in("slug", code), None) in reserved
        }
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse("strategy:theme", kwargs={"theme_slug": self.slug})


class Topic(Publishable):
    objects = TopicQuerySet.as_manager()

    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="topics", verbose_name=_("theme")
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=200, help_text=_("The last part of the page's web address.")
    )
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(fields=["theme", "slug_nl"], name="topic_unique_slug_nl"),
            models.UniqueConstraint(
                fields=["theme", "slug_en"],
                condition=~Q(slug_en=""),
                name="topic_unique_slug_en",
            ),
        ]

    def get_absolute_url(self):
        return reverse(
            "strategy:topic", kwargs={"theme_slug": self.theme.slug, "topic_slug": self.slug}
        )


class SeedRecord(models.Model):
    """Which shipped items were loaded once, so that one an editor deleted stays deleted."""

    key = models.CharField(max_length=150, unique=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.key
