"""Record the old addresses of content, from every save and delete of a registered type.

A signal rather than explicit calls (as ``publishing.freshness`` and the translations app do):
an address changes through the admin, a restore, the PO import (an English slug) or a loader,
and a redirect that misses one of them leaves a broken link. The receivers only compare the
addresses before and after and call the explicit functions below, which also work on their own
(the admin uses ``add_redirect``).

Each language's address comes from the object's own ``get_absolute_url`` under
``translation.override`` (``publishing.alternates``), so a translated slug and a topic moved to
another theme are both seen.
"""

from django.db import transaction
from django.urls import NoReverseMatch

from publishing.alternates import alternates_for
from publishing.models import Publishable
from publishing.registry import is_content

from .models import MAX_HOPS, Redirect


def addresses(obj) -> dict[str, str]:
    """``{"nl": "/nl/thema/", "en": "/en/theme/"}``; a language without an address is left out."""
    try:
        return {alt.language: alt.path for alt in alternates_for(obj)}
    except (NoReverseMatch, AttributeError, ValueError):
        return {}


def is_visible(obj) -> bool:
    """What a visitor sees, by the model's own rule (a topic needs its theme)."""
    if not isinstance(obj, Publishable) or obj.pk is None:
        return False
    return type(obj)._default_manager.filter(pk=obj.pk).published().exists()


def parent_of(obj):
    """The content item above ``obj`` (a topic's theme): its first foreign key to content with
    an address of its own."""
    for field in obj._meta.concrete_fields:
        related = field.related_model if field.many_to_one else None
        if related is not None and is_content(related) and hasattr(related, "get_absolute_url"):
            return getattr(obj, field.name, None)
    return None


def _tracked(sender, raw=False):
    return not raw and is_content(sender) and hasattr(sender, "get_absolute_url")


def remember_addresses(sender, instance, raw=False, **kwargs):
    """pre_save / pre_delete: the stored item's addresses and whether visitors could see it."""
    if not _tracked(sender, raw) or instance.pk is None or instance._state.adding:
        return
    stored = sender._base_manager.filter(pk=instance.pk).first()
    if stored is None:
        return
    instance._redirects_before = (addresses(stored), is_visible(stored))


def record_after_save(sender, instance, created, raw=False, **kwargs):
    if not _tracked(sender, raw) or created:
        return
    before, was_visible = getattr(instance, "_redirects_before", ({}, False))
    instance.__dict__.pop("_redirects_before", None)
    after = addresses(instance)
    if is_visible(instance):
        for path in after.values():
            address_is_live(path)
        for language, old in before.items():
            # An old address that was public (now, or before it was taken offline) moves along.
            moved = after.get(language) and after[language] != old
            if moved and (was_visible or Redirect.objects.filter(old_path=old).exists()):
                add_redirect(old, after[language])
    elif was_visible:
        # Taken offline: its last public addresses (the old ones, if it moved too) are gone.
        _record_gone(before, instance)


def record_after_delete(sender, instance, **kwargs):
    if not _tracked(sender):
        return
    before, was_visible = getattr(instance, "_redirects_before", ({}, False))
    if was_visible:
        _record_gone(before, instance)


def _record_gone(paths_by_language, obj):
    parent = parent_of(obj)
    parent_paths = addresses(parent) if parent is not None else {}
    for language, path in paths_by_language.items():
        mark_gone(path, parent_paths.get(language, ""))


@transaction.atomic
def add_redirect(old_path, new_path, *, automatic=True):
    """``old_path`` answers 301 to ``new_path`` from now on; returns the record.

    Chains are collapsed (whatever pointed to ``old_path`` now points to ``new_path`` directly)
    and a record that would send ``new_path`` elsewhere is dropped: that address is live now.
    """
    if old_path == new_path:
        return None
    address_is_live(new_path)
    for earlier in Redirect.objects.pointing_into(old_path):
        earlier.new_path = new_path + earlier.new_path[len(old_path) :]
        if earlier.new_path == earlier.old_path:
            earlier.delete()
        else:
            earlier.save(update_fields=["new_path"])
    record, _created = Redirect.objects.update_or_create(
        old_path=old_path,
        defaults={"new_path": new_path, "parent_path": "", "automatic": automatic},
    )
    return record


def mark_gone(path, parent_path=""):
    """``path`` answers 410 (taken offline), linking to ``parent_path`` and home."""
    record, _created = Redirect.objects.update_or_create(
        old_path=path, defaults={"new_path": "", "parent_path": parent_path, "automatic": True}
    )
    return record


def address_is_live(path):
    """A page answers at ``path`` again: a record for it would only hide a loop."""
    Redirect.objects.filter(old_path=path).delete()


def resolve(path):
    """Where ``path`` leads after every stored redirect: ``(record, target)``, target "" for a
    page taken offline; ``(None, None)`` when no record matches. Stops at ``MAX_HOPS``."""
    first = record = Redirect.objects.matching(path)
    if record is None:
        return None, None
    target, seen = record.target_for(path), {path}
    for _hop in range(MAX_HOPS):
        if not target or target in seen:
            break
        seen.add(target)
        following = Redirect.objects.matching(target)
        if following is None:
            break
        record, target = following, following.target_for(target)
    return (record if not target else first), target
