"""The one write path: every change to content goes through ``save_content`` / ``delete_content``.

Admin forms and inlines, the PO import, the loaders and management commands all call it, so a
change is handled the same whichever door it came through:

1. validated with the model's own rules (``full_clean``: field formats, unique slugs, reserved
   slugs, publication window, alt texts), unless the caller's form already did exactly that;
2. checked against the optimistic-lock version the writer started from (``expected_version``),
   with the row locked, and given the next version number;
3. recorded as a history revision with its user and comment (django-reversion);
4. saved; the registered signals then record the translation status (translations app) and
   make cached pages miss after the commit (``freshness.bump_after_commit``).

Everything happens in one transaction: a refused change leaves nothing behind.
"""

from contextlib import contextmanager

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

STALE_MESSAGE = _(
    "Someone else saved this item after you opened it, so your changes were not saved. "
    "Your text is still in the form below. Open the item again in a new tab to see the latest "
    "version, copy your changes into it and save there."
)


class StaleVersion(ValidationError):
    """The item changed since the writer loaded it (optimistic locking)."""

    def __init__(self):
        super().__init__(STALE_MESSAGE, code="stale")


@contextmanager
def revision(user=None, comment=""):
    """A history revision around the block, or the one already open (the admin opens its own)."""
    if reversion.is_active():
        if user is not None and reversion.get_user() is None:
            reversion.set_user(user)
        if comment and not reversion.get_comment():
            reversion.set_comment(str(comment))
        yield
        return
    with reversion.create_revision():
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(str(comment))
        yield


def _language_views(model):
    """modeltranslation's ``title`` is a view of the active language's column (``title_nl``):
    validating both would report one error twice, in whichever language happens to be active."""
    try:
        return list(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return []


def current_version(obj, lock=False):
    """The version stored for ``obj`` (None for a new or deleted item); ``lock`` holds the row
    until the transaction ends, so two writers cannot both pass the check."""
    if obj.pk is None or not hasattr(obj, "version"):
        return None
    rows = type(obj)._base_manager.filter(pk=obj.pk)
    if lock:
        rows = rows.select_for_update()
    return rows.values_list("version", flat=True).first()


def check_version(obj, expected_version):
    """Raise ``StaleVersion`` unless ``obj`` is still at ``expected_version`` (rows locked)."""
    stored = current_version(obj, lock=True)
    if obj.pk is not None and (expected_version is None or stored != expected_version):
        raise StaleVersion


def save_content(
    obj,
    *,
    user=None,
    comment="",
    expected_version=None,
    validate=True,
    exclude=(),
    version_floor=0,
):
    """Validate, version, record and save ``obj``; see the module docstring.

    ``expected_version``: the version the writer loaded (None: do not check, e.g. a loader).
    ``validate=False`` only where a ModelForm has just run the same ``full_clean``.
    ``version_floor``: the version before a restore, which wrote an old number back to the row.
    Raises ``ValidationError`` (``StaleVersion`` for a stale edit); nothing is saved then.
    """
    with transaction.atomic():
        if expected_version is not None:
            check_version(obj, expected_version)
        if validate:
            obj.full_clean(exclude=[*exclude, *_language_views(type(obj))] or None)
        if hasattr(obj, "version") and obj.pk is not None:
            # Never a number used before, so a form opened at any earlier moment is refused.
            obj.version = max(obj.version, current_version(obj) or 0, version_floor) + 1
        with revision(user, comment):
            obj.save()
    return obj


def delete_content(obj, *, user=None, comment=""):
    """Delete ``obj``; reversion keeps its last version for "recover deleted items"."""
    with transaction.atomic(), revision(user, comment):
        obj.delete()


def reordered(model):
    """After ``QuerySet.update()`` / ``bulk_update()`` of the order (no signals are sent)."""
    from .freshness import bump_after_commit

    bump_after_commit()
