from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    """What visitors tell us: "Was this page useful?" on every theme and topic page."""

    name = "participation"
    verbose_name = _("Feedback")

    def ready(self):
        from publishing import roles

        from .models import Feedback

        # Editors read and tidy what visitors said; feedback is never added by hand.
        roles.declare(Feedback, {roles.EDITOR_GROUP: ("view", "change", "delete")})
