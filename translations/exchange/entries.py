"""How a PO entry names one field of one item, and who may change which items."""

import re

from django.contrib.auth import get_permission_codename
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from publishing.registry import Kind, field_kind, model_for_key, model_key, owner, translated_fields

# A field: "strategy.theme:12:intro"; a rich text's third paragraph: "strategy.theme:12:body:3".
CONTEXT = re.compile(
    r"^(?P<model>[a-z0-9_]+\.[a-z0-9_]+):(?P<pk>[0-9]+):(?P<field>[a-z0-9_]+)"
    r"(?::(?P<paragraph>[1-9][0-9]{0,5}))?$"
)


def context_for(obj, field_name) -> str:
    return f"{model_key(type(obj))}:{obj.pk}:{field_name}"


def parse_context(context):
    """(model, pk, field, paragraph) for a context naming a registered model's translated field
    (``paragraph``: the number of a rich text's paragraph, or None for the whole field), else
    None."""
    match = CONTEXT.match(context or "")
    model = match and model_for_key(match["model"])
    if not model or match["field"] not in translated_fields(model):
        return None
    paragraph = int(match["paragraph"]) if match["paragraph"] else None
    if paragraph is not None and field_kind(model, match["field"]) != Kind.RICH:
        return None
    return model, int(match["pk"]), match["field"], paragraph


def can_change(user, model) -> bool:
    """Whether ``user`` may change items of ``model``: what the admin form would allow."""
    if user is None:  # a management command: whoever runs it may
        return True
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{get_permission_codename('change', opts)}")


def admin_path(obj) -> str:
    """The admin page that edits ``obj`` (a mission line's is its mission's)."""
    target = owner(obj)
    opts = target._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[target.pk])
    except NoReverseMatch:
        return ""


def describe(obj, field_name, with_kind=True) -> str:
    """`theme “Stad van de toekomst” · introduction (plain text)`: for a translator's eyes."""
    model = type(obj)
    verbose = model._meta.get_field(field_name).verbose_name
    if not with_kind:
        return f"{model._meta.verbose_name} “{obj}” · {verbose}"
    kind = {
        Kind.PLAIN: _("plain text"),
        Kind.RICH: _("rich text (HTML)"),
        Kind.SLUG: _("slug: lowercase letters, digits and hyphens"),
    }[field_kind(model, field_name)]
    return f"{model._meta.verbose_name} “{obj}” · {verbose} ({kind})"
