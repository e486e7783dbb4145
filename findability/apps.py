from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FindabilityConfig(AppConfig):
    """Search, the sitemap, robots.txt and the page metadata (Open Graph, JSON-LD)."""

    name = "findability"
    verbose_name = _("Findability")
