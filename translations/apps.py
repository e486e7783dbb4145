from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = _("Translations")

    def ready(self):
        from publishing import roles

        from . import receivers
        from .models import GlossaryTerm

        every_action = ("add", "change", "delete", "view")
        roles.declare(
            GlossaryTerm, {roles.EDITOR_GROUP: every_action, roles.TRANSLATOR_GROUP: every_action}
        )

        # Every save of a registered content type, whichever door it came through (the core's
        # write path, a restore, a shell): the receivers ignore models that are not content.
        pre_save.connect(receivers.remember_before, dispatch_uid="translations-pre-save")
        post_save.connect(receivers.record_after_save, dispatch_uid="translations-post-save")
        post_delete.connect(receivers.forget_deleted, dispatch_uid="translations-delete")
