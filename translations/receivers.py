"""Keep the translation state in step with every save of a content model.

A signal rather than explicit calls, for the same reason as ``publishing.freshness``: content is
saved by the admin (forms and inlines), the loader, the import and restores, and a state that
misses one of them lies to translators. The receivers only collect what changed and call the
explicit service in ``status.py``. ``QuerySet.update()`` sends no signal: callers that change
translated text that way must call ``status.record_after_save`` themselves.
"""

from publishing.languages import field_in
from publishing.registry import is_content, target_languages, translated_fields

from . import memory, status


def translation_columns(model):
    return [field_in(f, lang) for f in translated_fields(model) for lang in target_languages()]


def remember_before(sender, instance, raw=False, **kwargs):
    """pre_save: the translation columns as they are in the database, to compare after the save."""
    if raw or not is_content(sender):
        return
    instance._translations_before = None
    if instance.pk is not None and not instance._state.adding:
        instance._translations_before = (
            sender._base_manager.filter(pk=instance.pk).values(*translation_columns(sender)).first()
        )


def record_after_save(sender, instance, created, raw=False, **kwargs):
    if raw or not is_content(sender):
        return
    before = None if created else getattr(instance, "_translations_before", None)
    status.record_after_save(instance, before, target_languages())
    # What was just translated is what the memory should offer next time.
    memory.remember(instance, status.changed_translations(instance, before, target_languages()))


def forget_deleted(sender, instance, **kwargs):
    if not is_content(sender):
        return
    status.forget(instance)
