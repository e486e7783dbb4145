from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.utils.translation import gettext_lazy as _


class RedirectsConfig(AppConfig):
    name = "redirects"
    verbose_name = _("Redirects")

    def ready(self):
        from publishing import roles

        from . import recording
        from .models import Redirect

        # Every save of a registered content type, whichever door it came through (the write
        # path, a restore, a loader): the receivers ignore models that are not content.
        pre_save.connect(recording.remember_addresses, dispatch_uid="redirects-pre-save")
        post_save.connect(recording.record_after_save, dispatch_uid="redirects-post-save")
        pre_delete.connect(recording.remember_addresses, dispatch_uid="redirects-pre-delete")
        post_delete.connect(recording.record_after_delete, dispatch_uid="redirects-post-delete")
        # Editors see, add and remove redirects; translators only edit texts.
        roles.declare(Redirect, {roles.EDITOR_GROUP: ("view", "add", "change", "delete")})
