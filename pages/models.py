from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from publishing.models import Publishable


class Kind(models.TextChoices):
    ACCESSIBILITY = "accessibility", _("Accessibility statement")
    PRIVACY = "privacy", _("Privacy statement")
    CONTACT = "contact", _("Contact")


class Page(Publishable):
    """One service page per kind. Its address is fixed by its kind (``/nl/info/toegankelijkheid/``)
    rather than by an editable slug: other sites and the law link to these addresses, and the
    footer links to them on every page without a database query.

    A full content type (``publishing``): drafts, publication window, locking, history, roles,
    translation status and preview, like themes and topics."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"))
    last_reviewed = models.DateField(
        _("last reviewed"), help_text=_("When the text was last checked to be correct.")
    )

    class Meta:
        ordering = ["order", "kind"]
        verbose_name = _("service page")
        verbose_name_plural = _("service pages")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"pages:{self.kind}")
