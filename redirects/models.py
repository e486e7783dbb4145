"""Old addresses that answer 301 (moved) or 410 (taken offline), for good.

The site records them itself when an item's address changes or a published item goes offline
(``recording``); editors see, add and remove them in the admin. They are consulted only when a
path would otherwise be a 404 (``middleware``), so a live page always wins over an old record and
a normal page costs no query.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# A redirect chain longer than this is refused; the recorder collapses chains, so a real one is 1.
MAX_HOPS = 10
NOT_FOR_REDIRECTS = ("/admin/", "/static/", "/media/", "/api/")


def validate_site_path(value):
    """A path on this site: "/nl/oud-thema/". Never another host ("//evil.example")."""
    if not value.startswith("/") or value.startswith("//") or "\\" in value:
        raise ValidationError(
            _("Enter an address on this site that starts with a slash, like /nl/thema/."),
            code="not_a_path",
        )
    if any(ch.isspace() for ch in value) or "?" in value or "#" in value:
        raise ValidationError(
            _("An address may not contain spaces, a question mark or a hash sign."),
            code="not_a_path",
        )


def path_prefixes(path):
    """``/nl/a/b/`` → ``["/nl/a/b/", "/nl/a/"]``: the path and the addresses above it, longest
    first, without the language root (a redirect of ``/nl/`` would take the whole site)."""
    parts = [p for p in path.split("/") if p]
    prefixes = [path]
    for end in range(len(parts) - 1, 1, -1):
        prefixes.append("/" + "/".join(parts[:end]) + "/")
    return prefixes


class RedirectQuerySet(models.QuerySet):
    def matching(self, path):
        """The record for ``path``: its own, else the nearest address above it (a topic of a
        renamed theme follows the theme's record). One query."""
        candidates = path_prefixes(path)
        found = {r.old_path: r for r in self.filter(old_path__in=candidates)}
        for candidate in candidates:
            if candidate in found:
                return found[candidate]
        return None

    def pointing_into(self, path):
        """Records whose target is ``path`` or an address below it."""
        return self.filter(Q(new_path=path) | Q(new_path__startswith=path.rstrip("/") + "/"))


class Redirect(models.Model):
    old_path = models.CharField(
        _("old address"),
        max_length=300,
        unique=True,
        validators=[validate_site_path],
        help_text=_("The address that no longer works, e.g. /nl/oud-thema/."),
    )
    new_path = models.CharField(
        _("new address"),
        max_length=300,
        blank=True,
        validators=[validate_site_path],
        help_text=_(
            "Where visitors go instead, e.g. /nl/nieuw-thema/. Leave empty for a page that was "
            "taken offline: visitors then see that it is gone (410)."
        ),
    )
    # A page taken offline links to the page above it (a topic's theme) as well as home.
    parent_path = models.CharField(_("page above it"), max_length=300, blank=True)
    automatic = models.BooleanField(
        _("made by the site"),
        default=False,
        help_text=_("Recorded when an address changed or a page was taken offline."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = RedirectQuerySet.as_manager()

    class Meta:
        verbose_name = _("redirect")
        verbose_name_plural = _("redirects")
        ordering = ["old_path"]
        constraints = [
            # The simplest loop, refused by the database whatever door a write comes through.
            models.CheckConstraint(
                condition=~Q(old_path=F("new_path")), name="redirect_not_to_itself"
            ),
        ]

    def __str__(self):
        return f"{self.old_path} → {self.new_path or '410'}"

    @property
    def is_gone(self):
        return not self.new_path

    @property
    def language(self):
        return translation.get_language_from_path(self.old_path) or ""

    def target_for(self, path):
        """Where ``path`` goes under this record (a path below ``old_path`` keeps its rest)."""
        if self.is_gone:
            return ""
        return self.new_path + path[len(self.old_path) :]

    def clean(self):
        super().clean()
        if self.old_path.startswith(NOT_FOR_REDIRECTS):
            message = _("The admin, the API and files cannot be redirected.")
            raise ValidationError({"old_path": ValidationError(message, code="reserved")})
        if self.new_path and self.new_path == self.old_path:
            message = _("An address cannot redirect to itself.")
            raise ValidationError({"new_path": ValidationError(message, code="loop")})
        if self.new_path and self.old_path and self.leads_back():
            message = _(
                "This would make a loop: the new address leads back to the old one through "
                "other redirects."
            )
            raise ValidationError({"new_path": ValidationError(message, code="loop")})

    def leads_back(self):
        """Whether following ``new_path`` through the stored redirects reaches ``old_path``
        (or an address below it, which this record would send further down forever)."""
        if (self.new_path + "/").startswith(self.old_path.rstrip("/") + "/"):
            return True
        others = Redirect.objects.exclude(pk=self.pk)
        path, seen = self.new_path, {self.old_path}
        for _hop in range(MAX_HOPS):
            record = others.matching(path)
            if record is None or record.is_gone:
                return False
            path = record.target_for(path)
            if path in seen or path == self.old_path:
                return True
            seen.add(path)
        return True
