"""The city's mission and strategy: one mission page, four themes, their sub-topics.

Every text a visitor reads is translated with django-modeltranslation (see ``translation.py``):
each field ``x`` below becomes ``x_nl`` and ``x_en`` in the database, and reading ``obj.x`` gives
the active language, falling back to Dutch.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from publishing.languages import field_in, language_codes
from publishing.models import Publishable, PublishableQuerySet, Versioned
from publishing.reserved import reserved_slugs

from .images import validate_image_upload


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


def _translations():
    """The languages content is translated into (settings.LANGUAGES but Dutch)."""
    return [code for code in language_codes() if code != "nl"]


def _language_name(code):
    from django.conf import settings

    return dict(settings.LANGUAGES)[code]


class ThemeQuerySet(PublishableQuerySet):
    def with_published_topics(self):
        """Attach each theme's published topics as ``published_topics`` in one extra query.

        The theme itself may be a draft shown to staff as a preview, so its topics are filtered
        by their own state only."""
        return self.prefetch_related(
            models.Prefetch(
                "topics",
                queryset=Topic.objects.published_ignoring_theme(),
                to_attr="published_topics",
            )
        )


class TopicQuerySet(PublishableQuerySet):
    def published(self, at=None):
        """Published topics of published themes: a topic is only reachable through its theme."""
        return self.published_ignoring_theme(at).filter(theme__in=Theme.objects.published(at))

    def published_ignoring_theme(self, at=None):
        return super().published(at)

    def in_theme(self, theme_slug):
        return self.filter(theme__in=Theme.objects.with_slug(theme_slug))


class Illustrated(models.Model):
    """A header image with its alt text (or "decorative"), credit and renditions; a shipped key."""

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

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        validate_header_image(self)


class Mission(Versioned):
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


class Theme(Publishable, Illustrated):
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
            # One per translation (settings.LANGUAGES): an empty slug is a missing translation.
            *(
                models.UniqueConstraint(
                    fields=[f"slug_{code}"],
                    condition=~Q(**{f"slug_{code}": ""}),
                    name=f"theme_unique_slug_{code}",
                )
                for code in _translations()
            ),
        ]

    def clean(self):
        super().clean()
        # /nl/zoeken/, /en/search/, /nl/info/ … come before the theme pattern in the URLconf, so a
        # theme with such a slug could never be reached in that language.
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


class Topic(Publishable, Illustrated):
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
            *(
                models.UniqueConstraint(
                    fields=["theme", f"slug_{code}"],
                    condition=~Q(**{f"slug_{code}": ""}),
                    name=f"topic_unique_slug_{code}",
                )
                for code in _translations()
            ),
        ]

    def get_absolute_url(self):
        return reverse(
            "strategy:topic", kwargs={"theme_slug": self.theme.slug, "topic_slug": self.slug}
        )
