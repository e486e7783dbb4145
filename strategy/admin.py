"""The editors' admin of the mission, themes and topics, built on the publishing core's content
admin (tabs per language, history with restore and compare, optimistic locking, rich text, a
read-only Dutch side for translators) and the translations app's status column.
"""

from adminsortable2.admin import SortableAdminBase, SortableInlineAdminMixin
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from contentchecks.admin import ContentChecksMixin
from contentchecks.editing import EditorComfortMixin
from publishing.admin import (
    PUBLICATION,
    ContentAdmin,
    SortableContentAdmin,
    TranslatorInlineMixin,
)
from publishing.forms import ContentRowForm
from publishing.languages import field_in, language_codes
from translations.admin import TranslationStatusMixin

from .images import prepare_header_image
from .models import Mission, MissionLine, Theme, Topic

admin.site.site_header = _("City of Ghent: mission and strategy")
admin.site.site_title = _("Mission and strategy admin")
admin.site.index_title = _("Edit the website")

INLINE_TEMPLATE = "adminsortable2/edit_inline/tabular-django-5.2.html"

HEADER_IMAGE = (
    _("Header image"),
    {
        "fields": ["image", "image_alt", "image_decorative", "image_credit"],
        "description": _(
            "JPEG, PNG or WebP, at most 10 MB, 40 megapixels and 16,383 pixels on a side."
        ),
    },
)


class IllustratedAdminMixin:
    """Header images: the renditions are made before the save (which validates the upload)."""

    def save_model(self, request, obj, form, change):
        if "image" in form.changed_data:
            prepare_header_image(obj)
        super().save_model(request, obj, form, change)


class MissionLineInline(TranslatorInlineMixin, SortableInlineAdminMixin, TranslationTabularInline):
    model = MissionLine
    template = INLINE_TEMPLATE
    fields = ["text", "order"]
    extra = 0


@admin.register(Mission)
class MissionAdmin(
    EditorComfortMixin,
    ContentChecksMixin,
    TranslationStatusMixin,
    IllustratedAdminMixin,
    SortableAdminBase,
    ContentAdmin,
):
    inlines = [MissionLineInline]
    list_display = ["title", "unpublished_changes", "last_change"]
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
    # Each row carries the version it was loaded at: a topic saved elsewhere since is not
    # overwritten by its row (optimistic locking, as in the topic's own form).
    form = ContentRowForm
    template = INLINE_TEMPLATE
    fields = ["title", "slug", "status", "order", "loaded_version"]
    extra = 0
    show_change_link = True


@admin.register(Theme)
class ThemeAdmin(
    EditorComfortMixin,
    ContentChecksMixin,
    TranslationStatusMixin,
    IllustratedAdminMixin,
    SortableContentAdmin,
):
    dutch_article = "het"  # het thema
    inlines = [TopicInline]
    list_display = ["title", "status_label", "unpublished_changes", "order", "last_change"]
    list_filter = ["status"]
    search_fields = [
        field_in(name, code) for name in ("title", "intro") for code in language_codes()
    ]
    prepopulated_fields = {field_in("slug", c): [field_in("title", c)] for c in language_codes()}
    fieldsets = [
        (None, {"fields": ["title", "slug", "intro", "body", "loaded_version"]}),
        PUBLICATION,
        HEADER_IMAGE,
    ]


@admin.register(Topic)
class TopicAdmin(
    EditorComfortMixin,
    ContentChecksMixin,
    TranslationStatusMixin,
    IllustratedAdminMixin,
    SortableContentAdmin,
):
    dutch_article = "het"  # het subthema
    list_display = ["title", "theme", "status_label", "unpublished_changes", "order", "last_change"]
    list_filter = ["status", "theme"]
    list_select_related = ["theme"]
    order_within = "theme_id"

    def get_ordering(self, request):
        # All topics: grouped by theme, in each theme's order (dragging is off: it would move a
        # topic among other themes' topics). Filtered to one theme: by order, and draggable.
        if "theme__id__exact" in request.GET:
            return ["order", "pk"]
        return ["theme__order", "theme_id", "order", "pk"]

    search_fields = [
        field_in(name, code) for name in ("title", "summary") for code in language_codes()
    ]
    prepopulated_fields = {field_in("slug", c): [field_in("title", c)] for c in language_codes()}
    fieldsets = [
        (None, {"fields": ["theme", "title", "slug", "summary", "body", "loaded_version"]}),
        PUBLICATION,
        HEADER_IMAGE,
    ]
