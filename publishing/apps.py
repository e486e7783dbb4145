from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
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
        from .freshness import bump_after_commit
        from .models import ChangeNote, WorkingCopy

        # Every app's admin is registered by now (django.contrib.admin comes first and runs the
        # autodiscovery in its own ready()).
        guard_change_lists(admin.site)

        # An editor corrects or removes a change note; pages show notes, so they miss after it.
        roles.declare(ChangeNote, {roles.EDITOR_GROUP: ("view", "change", "delete")})
        post_save.connect(
            bump_after_commit, sender=ChangeNote, dispatch_uid="publishing-notes-save"
        )
        post_delete.connect(
            bump_after_commit, sender=ChangeNote, dispatch_uid="publishing-notes-delete"
        )
        roles.declare(Revision, roles.HISTORY_ROLES)
        roles.declare(Version, roles.HISTORY_ROLES)
        roles.declare(WorkingCopy, roles.WORKING_COPY_ROLES)
        post_migrate.connect(roles.sync_roles_after_migrate, dispatch_uid="publishing-roles")
