"""The editors' admin: tabs per language, drag-and-drop order, history with restore and compare,
optimistic locking, rich text, validated images, and a read-only Dutch side for translators.

Each content admin combines django-admin-sortable2 (ordering), django-reversion (history) and
django-modeltranslation (language tabs). Reorders are written with ``QuerySet.update()`` /
``bulk_update()``, which send no signals, so they bump the content version explicitly.
"""

import reversion
from adminsortable2.admin import SortableAdminBase, SortableAdminMixin, SortableInlineAdminMixin
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline
from reversion.admin import VersionAdmin
from reversion.models import Version

from translations.admin import TranslationStatusMixin

from .compare import compare_versions
from .forms import ContentForm, rich_text_field_names
from .freshness import bump_content_version
from .images import prepare_header_image
from .languages import language_codes
from .models import Mission, MissionLine, Status, Theme, Topic
from .roles import is_translator, translator_readonly_fields
from .widgets import LabelledSplitDateTime, RichTextWidget

# Registered here rather than by VersionAdmin's inline introspection, so that a theme's revision
# does not follow (and a restore does not roll back) its topics. A mission follows its lines.
reversion.register(MissionLine)
reversion.register(Mission, follow=["lines"])
reversion.register(Theme)
reversion.register(Topic)

admin.site.site_header = _("City of Ghent: mission and strategy")
admin.site.site_title = _("Mission and strategy admin")
admin.site.index_title = _("Edit the website")

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

INLINE_TEMPLATE = "adminsortable2/edit_inline/tabular-django-5.2.html"

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
HEADER_IMAGE = (
    _("Header image"),
    {
        "fields": ["image", "image_alt", "image_decorative", "image_credit"],
        "description": _("JPEG, PNG or WebP, at most 10 MB and 40 megapixels."),
    },
)


class TranslatorInlineMixin:
    """Inline rows of a translator: only the English fields can be changed."""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if is_translator(request.user):
            fields += translator_readonly_fields(self.model, fields)
        return fields


class ContentAdmin(TranslationStatusMixin, VersionAdmin, TabbedTranslationAdmin):
    """What every content admin shares; subclasses add list columns, inlines and ordering.

    TranslationStatusMixin (translations app) adds the translation column (missing, outdated, up
    to date), the "needs translation" filter, the PO export and "mark as up to date" actions.
    """

    form = ContentForm
    history_latest_first = True

    # Extends the mixin's Media (its stylesheet), which a plain inner Media would shadow.
    class Media(TranslationStatusMixin.Media):
        js = LANGUAGE_TABS_JS

    object_history_template = "admin/strategy/object_history.html"

    # --- Columns ----------------------------------------------------------------------------

    @admin.display(description=_("last changed"), ordering="updated_at")
    def last_change(self, obj):
        return obj.updated_at

    @admin.display(description=_("preview"))
    def preview_links(self, obj):
        """Links to the item's real page in each language; staff see drafts there as previews."""
        if obj is None or obj.pk is None:
            return "-"
        links = []
        for code in language_codes():
            with translation.override(code):
                links.append((obj.get_absolute_url(), code, translation.get_language_info(code)))
        return format_html_join(
            " · ",
            '<a href="{}" hreflang="{}" target="_blank" rel="noopener">{}</a>',
            ((url, code, info["name_local"].capitalize()) for url, code, info in links),
        )

    # --- Forms ------------------------------------------------------------------------------

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name in rich_text_field_names():
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

    def get_prepopulated_fields(self, request, obj=None):
        prepopulated = super().get_prepopulated_fields(request, obj)
        if is_translator(request.user):
            # Only the English slug is theirs to fill in.
            return {k: v for k, v in prepopulated.items() if k.endswith("_en")}
        return prepopulated

    def save_model(self, request, obj, form, change):
        if "image" in form.changed_data:
            prepare_header_image(obj)
        if change:
            # Never go below the version before a restore (reversion writes back the old number).
            floor = getattr(request, "_content_version_floor", 0)
            obj.version = max(obj.version, floor) + 1
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        # A topic changed in its theme's inline is a new version too, so a topic form opened
        # before it is refused rather than overwriting the inline change.
        for inline_form in formset.forms:
            instance = inline_form.instance
            if instance.pk and hasattr(instance, "version") and inline_form.has_changed():
                instance.version += 1
        super().save_formset(request, form, formset, change)

    # --- History ----------------------------------------------------------------------------

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if is_translator(request.user):
            # A restore rewrites the Dutch text too, which a translator may not change.
            raise PermissionDenied
        current = self.model._base_manager.filter(pk=object_id).values_list("version", flat=True)
        request._content_version_floor = current.first() or 0
        return super().revision_view(request, object_id, version_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        versions = Version.objects.get_for_object_reference(self.model, object_id)
        extra_context = {
            **(extra_context or {}),
            "versions": versions.select_related("revision__user").order_by(
                "-revision__date_created"
            ),
        }
        return super().history_view(request, object_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if is_translator(request.user):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{opts.app_label}_{opts.model_name}_compare",
            ),
            *super().get_urls(),
        ]

    def compare_view(self, request, object_id):
        """Two revisions of one item side by side, field by field, for each language."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = get_object_or_404(self.model, pk=object_id)
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        try:
            old = versions.get(pk=request.GET.get("from"))
            new = versions.get(pk=request.GET.get("to"))
        except (Version.DoesNotExist, ValueError):
            raise Http404(_("Choose two versions of this item to compare.")) from None
        if old.revision.date_created > new.revision.date_created:
            old, new = new, old
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "object": obj,
            "title": _("Compare versions of “%(item)s”") % {"item": obj},
            "old": old,
            "new": new,
            "differences": compare_versions(self.model, old, new),
            "history_url": reverse(
                f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk]
            ),
        }
        return TemplateResponse(request, "admin/strategy/compare.html", context)


class SortableContentAdmin(SortableAdminMixin, ContentAdmin):
    """Drag-and-drop ordering in the list; reorders are bulk writes, so bump the version.

    Dragging needs a mouse or touch, so "Move up" / "Move down" actions do the same from the
    keyboard: tick the items, choose the action, press Go.
    """

    actions = ["move_up", "move_down"]
    # Items are ordered among these siblings (topics within their theme).
    order_within = None

    @admin.action(description=_("Move the selected items up"), permissions=["change"])
    def move_up(self, request, queryset):
        self._move(request, queryset, -1)

    @admin.action(description=_("Move the selected items down"), permissions=["change"])
    def move_down(self, request, queryset):
        self._move(request, queryset, +1)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if is_translator(request.user):
            for name in list(actions):
                if name.startswith("move_"):
                    del actions[name]
        return actions

    def _move(self, request, queryset, step):
        if is_translator(request.user):
            raise PermissionDenied
        selected = set(queryset.values_list("pk", flat=True))
        groups = {
            getattr(obj, self.order_within) if self.order_within else None for obj in queryset
        }
        for group in groups:
            siblings = self.model.objects.order_by("order", "pk")
            if self.order_within:
                siblings = siblings.filter(**{self.order_within: group})
            items = list(siblings)
            # Move each selected item one place, past an unselected neighbour only, so a block
            # of selected items moves together.
            indexes = range(len(items)) if step < 0 else range(len(items) - 1, -1, -1)
            for index in indexes:
                target = index + step
                if (
                    items[index].pk in selected
                    and 0 <= target < len(items)
                    and items[target].pk not in selected
                ):
                    items[index], items[target] = items[target], items[index]
            for position, item in enumerate(items, start=1):
                item.order = position
            self.model.objects.bulk_update(items, ["order"])
        bump_content_version()

    def _update_order(self, updated_items, extra_model_filters):
        result = super()._update_order(updated_items, extra_model_filters)
        bump_content_version()
        return result

    def _bulk_move(self, request, queryset, method):
        super()._bulk_move(request, queryset, method)
        bump_content_version()

    def update_order(self, request):
        if is_translator(request.user):
            raise PermissionDenied
        return super().update_order(request)


class MissionLineInline(TranslatorInlineMixin, SortableInlineAdminMixin, TranslationTabularInline):
    model = MissionLine
    template = INLINE_TEMPLATE
    fields = ["text", "order"]
    extra = 0


@admin.register(Mission)
class MissionAdmin(SortableAdminBase, ContentAdmin):
    inlines = [MissionLineInline]
    list_display = ["title", "last_change"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "mission_heading",
                    "mission_intro",
                    "strategy_heading",
                    "strategy_intro",
                    "preview_links",
                    "loaded_version",
                ]
            },
        ),
        HEADER_IMAGE,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("lines")

    def has_add_permission(self, request):
        # There is one mission page; the shipped content creates it.
        return super().has_add_permission(request) and not Mission.objects.exists()


class TopicInline(TranslatorInlineMixin, SortableInlineAdminMixin, TranslationTabularInline):
    model = Topic
    template = INLINE_TEMPLATE
    fields = ["title", "slug", "status", "order"]
    extra = 0
    show_change_link = True


@admin.register(Theme)
class ThemeAdmin(SortableContentAdmin):
    inlines = [TopicInline]
    list_display = ["title", "status_label", "order", "last_change"]
    list_filter = ["status"]
    search_fields = ["title_nl", "title_en", "intro_nl", "intro_en"]
    prepopulated_fields = {"slug_nl": ["title_nl"], "slug_en": ["title_en"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "intro", "body", "loaded_version"]}),
        PUBLICATION,
        HEADER_IMAGE,
    ]

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj):
        return status_label(obj)


@admin.register(Topic)
class TopicAdmin(SortableContentAdmin):
    list_display = ["title", "theme", "status_label", "order", "last_change"]
    list_filter = ["status", "theme"]
    list_select_related = ["theme"]
    order_within = "theme_id"
    search_fields = ["title_nl", "title_en", "summary_nl", "summary_en"]
    prepopulated_fields = {"slug_nl": ["title_nl"], "slug_en": ["title_en"]}
    fieldsets = [
        (None, {"fields": ["theme", "title", "slug", "summary", "body", "loaded_version"]}),
        PUBLICATION,
        HEADER_IMAGE,
    ]

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj):
        return status_label(obj)


def status_label(obj):
    """Draft / Published, and whether a published item is actually online right now."""
    if obj.status != Status.PUBLISHED:
        return obj.get_status_display()
    if obj.is_live():
        return format_html("{} ✓", _("Online"))
    return _("Published, scheduled")
