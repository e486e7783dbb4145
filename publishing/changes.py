"""Change notes: an editor marks a save as a significant change and says, per language, what
changed (``ChangeNote``). Everything that tells a visitor "this changed" follows the notes only:

- each page's "last changed on" date and the sitemap's ``lastmod`` (``with_last_change``);
- the "what changed" page and its Atom feeds (``latest_notes``), which list notes of visible
  items only, by each type's own ``published`` rule.

A save without a note (a typo fix) stays silent. The admin's content form carries the fields
(``ChangeNoteFields``) and ``ContentAdmin.save_model`` records the note (``record_change_note``)
in the same transaction as the item.
"""

from django import forms
from django.conf import settings
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import OuterRef, Q, Subquery
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .languages import SOURCE_LANGUAGE, field_in, language_codes
from .models import ChangeNote
from .registry import content_types


def _type_filter(model, prefix="content_type__"):
    return {f"{prefix}app_label": model._meta.app_label, f"{prefix}model": model._meta.model_name}


def noted_models():
    """The content types a note can be about: the registered types edited on their own page
    (a mission line is noted on its mission)."""
    return [entry.model for entry in content_types() if entry.part_of is None]


def _visible(model, at=None):
    rows = model._default_manager.all()
    # A type without a publication state (the mission) is always visible.
    return rows.published(at) if hasattr(rows, "published") else rows


def noted_item_filter(at=None):
    """``Q`` for notes whose item a visitor may see at ``at``: one subquery per content type."""
    condition = Q(pk__in=[])
    for model in noted_models():
        condition |= Q(**_type_filter(model), object_id__in=_visible(model, at).values("pk"))
    return condition


def with_last_change(queryset):
    """Annotate each item with ``last_significant_change``: its newest note's date (or None),
    a subquery in the same query as the items."""
    notes = ChangeNote.objects.filter(**_type_filter(queryset.model), object_id=OuterRef("pk"))
    return queryset.annotate(
        last_significant_change=Subquery(notes.order_by("-noted_at").values("noted_at")[:1])
    )


def latest_notes(limit=100, at=None):
    """The newest notes of visible items, newest first, each with its ``item`` loaded: a query
    for the notes and one per content type, however many notes there are."""
    # select_related(): every non-null foreign key, e.g. a topic's theme for its address.
    items = [_visible(model, at).select_related() for model in noted_models()]
    return list(
        ChangeNote.objects.published(at)
        .prefetch_related(GenericPrefetch("item", items))
        .order_by("-noted_at", "-pk")[:limit]
    )


def _note_fields():
    fields = {
        "significant_change": forms.BooleanField(
            label=_("Significant change"),
            required=False,
            help_text=_(
                "Tick for a change visitors should know about; leave it for a typo fix. The note "
                "appears on the “What changed” page and in its feed, and the page shows the date."
            ),
        )
    }
    language_names = dict(settings.LANGUAGES)
    for code in language_codes():
        fields[f"change_note_{code}"] = forms.CharField(
            label=format_lazy(_("What changed ({language})"), language=language_names[code]),
            required=False,
            max_length=500,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
    return fields


# The form fields of a change note, one per language (built from settings.LANGUAGES).
ChangeNoteFields = type("ChangeNoteFields", (forms.Form,), _note_fields())
CHANGE_NOTE_FIELDS = tuple(_note_fields())

CHANGE_NOTE = (
    _("Change note"),
    {
        "fields": list(CHANGE_NOTE_FIELDS),
        "description": _(
            "Only for a significant change: say briefly, in each language, what changed."
        ),
    },
)


def clean_change_note(form, cleaned):
    """A ticked change needs a Dutch note; a note without the tick would be lost: say so."""
    notes = {code: (cleaned.get(f"change_note_{code}") or "").strip() for code in language_codes()}
    if cleaned.get("significant_change") and not notes[SOURCE_LANGUAGE]:
        form.add_error(
            f"change_note_{SOURCE_LANGUAGE}",
            forms.ValidationError(
                _("Say in Dutch what changed, or untick “significant change”."),
                code="note_required",
            ),
        )
    elif not cleaned.get("significant_change") and any(notes.values()):
        form.add_error(
            "significant_change",
            forms.ValidationError(
                _("Tick “significant change” to publish the note, or empty the note."),
                code="note_without_change",
            ),
        )


def record_change_note(obj, cleaned, user=None):
    """Record the note of a significant change to ``obj`` (saved), if the editor wrote one."""
    if not cleaned.get("significant_change"):
        return None
    texts = {
        field_in("text", code): (cleaned.get(f"change_note_{code}") or "").strip()
        for code in language_codes()
    }
    return ChangeNote.objects.create(
        item=obj, author=user if user and user.is_authenticated else None, **texts
    )
