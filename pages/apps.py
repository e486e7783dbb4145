from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The pages the law and visitors expect: accessibility statement, privacy, contact."""

    name = "pages"
    verbose_name = _("Service pages")

    def ready(self):
        from publishing import registry

        from .loader import load_pages
        from .models import Page

        registry.register(Page, rich_text=["body"])
        registry.register_loader(load_pages)
