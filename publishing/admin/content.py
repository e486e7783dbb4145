"""The content admin every registered content type builds on."""

import logging

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db import DatabaseError
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from reversion.admin import VersionAdmin

from ..changes import CHANGE_NOTE, CHANGE_NOTE_FIELDS, record_change_note
from ..forms import ContentForm
from ..languages import SOURCE_LANGUAGE, language_codes
from ..models import Status
from ..registry import rich_text_columns
from ..roles import is_translator, translator_readonly_fields
from ..widgets import LabelledSplitDateTime, RichTextWidget
from ..writes import delete_content, save_content
from .history import HistoryAdminMixin
from .workingcopy import WorkingCopyAdminMixin

logger = logging.getLogger(__name__)

# Seconds after which an editor may try a save that the database could not take.
SAVE_RETRY_AFTER = 10

# modeltranslation's tabs script, then ours, which makes its jQuery UI tabs accessible (the link
# is the tab, the "all languages" select gets a label); see static/strategy/admin/language-tabs.js.
LANGUAGE_TABS_JS = (
    "admin/js/jquery.init.js",
    "modeltranslation/js/force_jquery.js",
    settings.JQUERY_UI_URL,
    "modeltranslation/js/tabbed_translation_fields.js",
    "strategy/admin/language-tabs.js",
    "strategy/admin/tabular-inline-labels.js",
)


PUBLICATION = (
    _("Publication"),
    {
        "fields": ["status", ("publish_from", "publish_until"), "preview_links"],
        "description": _(
            "Draft: only you and your colleagues see it, as a preview. Published: visitors see "
            "it, from “publish from” until “publish until” when those are set."
        ),
    },
)


class TranslatorInlineMixin:
    """Inline rows of a translator: only the English fields can be changed."""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if is_translator(request.user):
            fields += translator_readonly_fields(self.model, fields)
        return fields


class BaseContentAdmin(HistoryAdminMixin, VersionAdmin, TabbedTranslationAdmin):
    """What every content admin shares: language tabs, history with restore and compare, the
    optimistic lock, the rich-text editor for the registered rich-text fields, preview links, a
    translator's read-only Dutch side, and every save through ``publishing.writes``.

    Feature apps add list columns, inlines and ordering, and the translations app's
    ``TranslationStatusMixin`` (the translation column, filter and actions).
    """

    form = ContentForm

    class Media:
        js = LANGUAGE_TABS_JS

    def _reversion_autoregister(self, model, follow):
        """Leave the history registration to ``publishing.registry``, which knows what an item's
        revision follows. The admin is built before the apps register their content types, and
        VersionAdmin would otherwise register the model first, following every inline: a theme's
        restore would then roll back its topics, and delete the ones added since."""

    # --- Columns ----------------------------------------------------------------------------

    @admin.display(description=_("last changed"), ordering="updated_at")
    def last_change(self, obj):
        return obj.updated_at

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj):
        return status_label(obj)

    @admin.display(description=_("preview"))
    def preview_links(self, obj):
        """Links to the item's real page in each language; staff see drafts there as previews."""
        if obj is None or obj.pk is None:
            return "-"
        # With unpublished changes: the live page's address (a changed slug is not live yet),
        # showing the changes to staff.
        draft = getattr(obj, "working_copy", None) is not None
        page = type(obj)._base_manager.get(pk=obj.pk) if draft else obj
        suffix = "?draft=1" if draft else ""
        links = []
        for code in language_codes():
            with translation.override(code):
                info = translation.get_language_info(code)
                links.append((page.get_absolute_url() + suffix, code, info))
        opts = obj._meta
        side_by_side = reverse(f"admin:{opts.app_label}_{opts.model_name}_preview", args=[obj.pk])
        return format_html(
            '{} · <a href="{}">{}</a>',
            format_html_join(
                " · ",
                '<a href="{}" hreflang="{}" target="_blank" rel="noopener">{}</a>',
                ((url, code, info["name_local"].capitalize()) for url, code, info in links),
            ),
            side_by_side,
            _("On a phone and a desktop, side by side"),
        )

    # --- Forms ------------------------------------------------------------------------------

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name in rich_text_columns(self.model):
            # Keep modeltranslation's CSS classes: the language tabs group fields by them.
            field.widget = RichTextWidget(attrs=field.widget.attrs)
        elif field is not None and isinstance(field.widget, AdminSplitDateTime):
            # Labels for the date and the time input (accessibility; see the widget).
            field.widget = LabelledSplitDateTime(field_label=capfirst(field.label))
        return field

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), "preview_links"]
        if is_translator(request.user):
            fields += translator_readonly_fields(self.model, fields)
        return fields

    def get_fieldsets(self, request, obj=None):
        # Whether a change is significant is the editor's call: a translation never is one.
        fieldsets = [
            (
                name,
                {
                    **options,
                    "fields": [f for f in options["fields"] if f not in CHANGE_NOTE_FIELDS],
                },
            )
            for name, options in super().get_fieldsets(request, obj)
        ]
        return fieldsets if is_translator(request.user) else [*fieldsets, CHANGE_NOTE]

    def get_prepopulated_fields(self, request, obj=None):
        prepopulated = super().get_prepopulated_fields(request, obj)
        if is_translator(request.user):
            # Only the translated slugs are theirs to fill in.
            source = f"_{SOURCE_LANGUAGE}"
            return {k: v for k, v in prepopulated.items() if not k.endswith(source)}
        return prepopulated

    # --- A save the database cannot take ----------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A save that fails in the database (locked for longer than the busy timeout, or any
        other database error) is rolled back whole. Instead of the site's 503 page, which would
        lose what the editor typed, the form comes back with their input and a message."""
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DatabaseError:
            if request.method != "POST":
                raise
            logger.exception("An admin save failed in the database; the form is shown again.")
        request.save_failed = True
        try:
            # Without the admin's transaction (a locked database would refuse to begin it) and
            # without a save: the form, refused by ContentForm.clean, is built from the POST.
            response = self._changeform_view(request, object_id, form_url, extra_context)
        except DatabaseError:
            logger.exception("The form could not be shown again either.")
            raise
        response.status_code = 503
        response["Retry-After"] = str(SAVE_RETRY_AFTER)
        return response

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if getattr(request, "save_failed", False):
            return type(form.__name__, (form,), {"save_failed": True})
        return form

    def save_model(self, request, obj, form, change):
        # The form ran the model's full validation and checked the version (rows locked);
        # VersionAdmin's revision is open and gets the user and the change message.
        floor = getattr(request, "version_floor", 0)
        if getattr(request, "keep_order", None) is not None:
            obj.order = request.keep_order
        save_content(obj, user=request.user, validate=False, version_floor=floor)
        record_change_note(obj, form.cleaned_data, request.user)

    def delete_model(self, request, obj):
        delete_content(obj, user=request.user)

    def save_formset(self, request, form, formset, change):
        # Inline rows are content too: versioned (a topic form opened before an inline change
        # is refused rather than overwriting it), recorded and made live like the item itself.
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            delete_content(obj, user=request.user)
        for obj in instances:
            save_content(obj, user=request.user, validate=False)
        formset.save_m2m()

    @admin.display(description=_("unpublished changes"), boolean=True)
    def unpublished_changes(self, obj):
        return bool(getattr(obj, "has_working_copy", False))


class ContentAdmin(WorkingCopyAdminMixin, BaseContentAdmin):
    """The content admin: changes to a live item are prepared in a working copy first."""


def status_label(obj):
    """Draft / Published, and whether a published item is actually online right now."""
    if obj.status != Status.PUBLISHED:
        return obj.get_status_display()
    if obj.is_live():
        return format_html("{} ✓", _("Online"))
    return _("Published, scheduled")
