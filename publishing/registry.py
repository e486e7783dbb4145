"""The content types: each app registers its own, once, in ``AppConfig.ready()``.

The core never names a content model. What it knows of one comes from its registration:

    registry.register(Theme, rich_text=["body"])
    registry.register(MissionLine, part_of="mission")      # edited inside the mission's page

Registering a type makes it a full member of publishing: every save and delete makes cached pages
miss after the commit (``freshness``), its history is recorded (django-reversion), its
translation status is kept (the translations app listens), the roles get their permissions
(``roles``), and the PO exchange, the schedule and the loaders include it. The translated fields
come from its modeltranslation registration; the languages from ``settings.LANGUAGES``.
"""

from dataclasses import dataclass, field
from enum import StrEnum

import reversion
from django.db import models
from django.db.models.signals import post_delete, post_save
from modeltranslation.translator import translator

from . import roles
from .freshness import bump_after_commit
from .languages import SOURCE_LANGUAGE, field_in, language_codes


@dataclass(frozen=True)
class ContentType:
    model: type
    # Fields whose text is editor HTML (rendered through the ``rich_text`` filter); every other
    # text field is plain text and must not contain markup.
    rich_text: tuple[str, ...] = ()
    # An item edited inside another item's admin page (a mission line in the mission's), and the
    # way back to it: the owner's list shows, exports and confirms its parts too.
    part_of: str | None = None
    parts: tuple[str, ...] = field(default=())


_registry: dict[str, ContentType] = {}
_loaders: list = []


def register(model, *, rich_text=(), part_of=None, follow=(), role_actions=None):
    """Make ``model`` a content type; see the module docstring. Idempotent."""
    key = model_key(model)
    if key in _registry:
        return _registry[key]
    entry = ContentType(model=model, rich_text=tuple(rich_text), part_of=part_of)
    _registry[key] = entry
    if part_of:
        owner_model = model._meta.get_field(part_of).related_model
        related = model._meta.get_field(part_of).remote_field.get_accessor_name()
        owner_key = model_key(owner_model)
        if owner_key in _registry:
            owner_entry = _registry[owner_key]
            _registry[owner_key] = ContentType(
                owner_entry.model,
                owner_entry.rich_text,
                owner_entry.part_of,
                (*owner_entry.parts, related),
            )
    if not reversion.is_registered(model):
        # A theme's revision does not follow (and a restore does not roll back) its topics; a
        # mission follows its lines (``follow``).
        reversion.register(model, follow=follow)
    uid = f"publishing-{key}"
    post_save.connect(bump_after_commit, sender=model, dispatch_uid=f"{uid}-save")
    post_delete.connect(bump_after_commit, sender=model, dispatch_uid=f"{uid}-delete")
    roles.declare(model, role_actions or roles.CONTENT_ROLES)
    return entry


def register_loader(loader):
    """``loader()`` loads an app's shipped content (see ``load_content``); runs in order."""
    if loader not in _loaders:
        _loaders.append(loader)


def loaders():
    return list(_loaders)


def content_types() -> list[ContentType]:
    return list(_registry.values())


def content_models():
    """Every registered content model, in the order a translator reads the site."""
    return [entry.model for entry in _registry.values()]


def is_content(model) -> bool:
    return model_key(model) in _registry


def entry_for(model) -> ContentType | None:
    return _registry.get(model_key(model))


def publishable_models():
    from .models import Publishable

    return [m for m in content_models() if issubclass(m, Publishable)]


class Kind(StrEnum):
    PLAIN = "plain"
    RICH = "rich"
    SLUG = "slug"


def model_key(model) -> str:
    """``strategy.theme``: how exported files and the status table name a model."""
    return model._meta.label_lower


def with_parts(objects) -> list:
    """``objects`` followed by the items edited inside them (a mission's lines)."""
    result = []
    for obj in objects:
        result.append(obj)
        entry = entry_for(type(obj))
        for related in entry.parts if entry else ():
            result.extend(getattr(obj, related).all())
    return result


def owner(obj):
    """The item whose admin page edits ``obj``: itself, or the mission of a mission line."""
    entry = entry_for(type(obj))
    return getattr(obj, entry.part_of) if entry and entry.part_of else obj


def model_for_key(key: str):
    entry = _registry.get(key)
    return entry.model if entry else None


def translated_fields(model) -> list[str]:
    """The translated fields of ``model`` in reading order: the model's field order, with the
    image texts last (modeltranslation keeps them as an unordered set, and themes and topics
    inherit their image fields, which puts them first in the model's order)."""
    order = [f.name for f in model._meta.fields]
    names = translator.get_options_for_model(model).fields
    return sorted(names, key=lambda name: (name.startswith("image_"), order.index(name)))


def field_kind(model, field: str) -> Kind:
    entry = entry_for(model)
    if entry and field in entry.rich_text:
        return Kind.RICH
    if isinstance(model._meta.get_field(field), models.SlugField):
        return Kind.SLUG
    return Kind.PLAIN


def target_languages(languages=None) -> list[str]:
    """Every configured language except the source (Dutch), in settings order."""
    return [code for code in (languages or language_codes()) if code != SOURCE_LANGUAGE]


def rich_text_columns(model) -> set[str]:
    """The database columns of ``model``'s rich-text fields in every language (``body_en``)."""
    entry = entry_for(model)
    fields = entry.rich_text if entry else ()
    return {field_in(name, code) for name in fields for code in language_codes()}
