from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FindabilityConfig(AppConfig):
    """Search, robots.txt and the page metadata (Open Graph, JSON-LD). Each app lists its own
    pages in the sitemap (``publishing.sitemaps``); ``gent/urls.py`` puts them together."""

    name = "findability"
    verbose_name = _("Findability")
