from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = _("Translations")

    def ready(self):
        from . import receivers
        from .registry import content_models

        for model in content_models():
            name = model.__name__
            pre_save.connect(receivers.remember_before, sender=model, dispatch_uid=f"tr-pre-{name}")
            post_save.connect(
                receivers.record_after_save, sender=model, dispatch_uid=f"tr-post-{name}"
            )
            post_delete.connect(
                receivers.forget_deleted, sender=model, dispatch_uid=f"tr-del-{name}"
            )
