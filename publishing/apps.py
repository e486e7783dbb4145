from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    """The publishing core: what every content type shares. It names no feature app; the apps
    register their content types with it (``publishing.registry``)."""

    name = "publishing"
    verbose_name = _("Publishing")

    def ready(self):
        from django.contrib import admin
        from reversion.models import Revision, Version

        from . import roles
        from .admin.changelist import guard_change_lists
        from .models import WorkingCopy

        # Every app's admin is registered by now (django.contrib.admin comes first and runs the
        # autodiscovery in its own ready()).
        guard_change_lists(admin.site)

        roles.declare(Revision, roles.HISTORY_ROLES)
        roles.declare(Version, roles.HISTORY_ROLES)
        roles.declare(WorkingCopy, roles.WORKING_COPY_ROLES)
        post_migrate.connect(roles.sync_roles_after_migrate, dispatch_uid="publishing-roles")
