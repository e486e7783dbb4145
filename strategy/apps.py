from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    name = "strategy"
    verbose_name = _("Mission and strategy")

    def ready(self):
        from publishing import registry

        from .loader import load_content
        from .models import Mission, MissionLine, Theme, Topic

        # In the order a translator reads the site. A mission's revision follows its lines.
        registry.register(Mission, follow=["lines"])
        registry.register(MissionLine, part_of="mission")
        registry.register(Theme, rich_text=["body"])
        registry.register(Topic, rich_text=["body"])
        registry.register_loader(load_content)
