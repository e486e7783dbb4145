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
    if not isinstance(obj, Publishable) or obj.pk is None or not obj.is_live():
        return False
    return type(obj)._default_manager.filter(pk=obj.pk).published().exists()


def content_parent_fields(model):
    """The foreign keys of ``model`` to content with an address of its own (a topic's theme)."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.many_to_one
        and is_content(field.related_model)
        and hasattr(field.related_model, "get_absolute_url")
    ]


def parent_of(obj):
    """The content item above ``obj`` (a topic's theme), if any."""
    names = content_parent_fields(type(obj))
    return getattr(obj, names[0], None) if names else None


def _tracked(sender, raw=False):
    return (
        not raw
        and is_content(sender)
        and issubclass(sender, Publishable)
        and hasattr(sender, "get_absolute_url")
    )


def remember_addresses(sender, instance, raw=False, **kwargs):
    """pre_save / pre_delete: the public addresses of the stored item, if visitors can see it.

    One query: an item that is not public has no address to keep (a draft's slug may change
    freely)."""
    instance._redirects_before = {}
    instance._redirects_parents = None
    if not _tracked(sender, raw) or instance.pk is None or instance._state.adding:
        return
    public = (
        sender._default_manager.published()
        .select_related(*content_parent_fields(sender))
        .filter(pk=instance.pk)
        .first()
    )
    if public is not None:
        instance._redirects_before = addresses(public)
        instance._redirects_parents = _parent_ids(public)


def _parent_ids(obj):
    return [getattr(obj, f"{name}_id") for name in content_parent_fields(type(obj))]


def record_after_save(sender, instance, created, raw=False, **kwargs):
    if not _tracked(sender, raw):
        return
    before = instance.__dict__.pop("_redirects_before", {})
    parents = instance.__dict__.pop("_redirects_parents", None)
    if not before and not instance.is_live():
        return  # a draft stays a draft: nothing public changed
    if before and instance.is_live() and parents == _parent_ids(instance):
        visible = True  # public before, under the same theme, and its own window still open
    else:
        visible = is_visible(instance)
    after = addresses(instance) if visible or not before else before
    if visible and not before:
        # Public (again): a record at its addresses would only hide the page or make a loop.
        Redirect.objects.filter(old_path__in=list(after.values())).delete()
    elif visible:
        for language, old in before.items():
            if after.get(language) and after[language] != old:
                add_redirect(old, after[language])
    elif before:
        # Taken offline: its last public addresses are gone.
        _record_gone(before, instance)


def record_after_delete(sender, instance, **kwargs):
    if not _tracked(sender):
        return
    before = instance.__dict__.pop("_redirects_before", {})
    if before:
        _record_gone(before, instance)


def _record_gone(paths_by_language, obj):
    parent = parent_of(obj)
    parent_paths = addresses(parent) if parent is not None else {}
    for language, path in paths_by_language.items():
        mark_gone(path, parent_paths.get(language, ""))


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
    # Inside the writer's transaction (``save_content``, the admin's): no savepoint of its own.
    Redirect.objects.filter(old_path=old_path).delete()
    return Redirect.objects.create(old_path=old_path, new_path=new_path, automatic=automatic)


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
