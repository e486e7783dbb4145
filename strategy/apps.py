from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "strategy"
    verbose_name = _("Mission and strategy")

    def ready(self):
        # A signal rather than explicit calls: the content changes through the admin, inlines,
        # the loader and restores, and a cache that misses one of them serves stale pages.
        # (QuerySet.update() sends no signal: callers of it call bump_content_version().)
        from .freshness import bump_on_change
        from .models import Mission, MissionLine, Theme, Topic

        for model in (Mission, MissionLine, Theme, Topic):
            post_save.connect(bump_on_change, sender=model, dispatch_uid=f"bump-{model.__name__}")
            post_delete.connect(
                bump_on_change, sender=model, dispatch_uid=f"bump-{model.__name__}-del"
            )
