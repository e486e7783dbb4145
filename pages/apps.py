from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The pages the law and visitors expect: accessibility statement, privacy, contact."""

    name = "pages"
    verbose_name = _("Service pages")

    def ready(self):
        # Like strategy's content: every write makes cached pages (which show these in the
        # footer's targets and the sitemap) miss at once.
        from strategy.freshness import bump_on_change

        from .models import Page

        post_save.connect(bump_on_change, sender=Page, dispatch_uid="bump-Page")
        post_delete.connect(bump_on_change, sender=Page, dispatch_uid="bump-Page-del")
