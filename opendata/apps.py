from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    """The strategy as open data: versioned JSON (with a JSON Schema) and CSV."""

    name = "opendata"
    verbose_name = _("Open data")
