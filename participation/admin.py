import csv

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from publishing.registry import content_models
from publishing.spreadsheets import safe_cell

from .models import Feedback


class PageTypeFilter(admin.RelatedFieldListFilter):
    """The page types feedback can be about (the registered content models), not every table
    Django has a content type for (sessions, axes, reversion…)."""

    def field_choices(self, field, request, model_admin):
        types = ContentType.objects.get_for_models(*content_models())
        return [(types[model].pk, capfirst(model._meta.verbose_name)) for model in types]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    """Read what visitors said, page by page; mark it handled; export it. Editors cannot add or
    change what a visitor wrote, only whether it is handled."""

    list_display = ("created_at", "page_link", "language", "helpful", "short_suggestion", "handled")
    list_filter = ("handled", "helpful", "language", ("content_type", PageTypeFilter), "path")
    search_fields = ("suggestion", "page_title", "path")
    date_hierarchy = "created_at"
    actions = ["mark_handled", "mark_unhandled", "export_csv"]
    fields = ("page_title", "path", "language", "helpful", "suggestion", "created_at", "handled")
    readonly_fields = ("page_title", "path", "language", "helpful", "suggestion", "created_at")
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("page"), ordering="page_title")
    def page_link(self, obj):
        return format_html('{} <a href="{}">↗</a>', obj.page_title, obj.path)

    @admin.display(description=_("suggestion"))
    def short_suggestion(self, obj):
        return Truncator(obj.suggestion).chars(80)

    @admin.action(description=_("Mark selected feedback as handled"), permissions=["change"])
    def mark_handled(self, request, queryset):
        count = queryset.update(handled=True)
        self.message_user(
            request,
            ngettext("%(count)d answer marked handled.", "%(count)d answers marked handled.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark selected feedback as not handled"), permissions=["change"])
    def mark_unhandled(self, request, queryset):
        queryset.update(handled=False)

    @admin.action(description=_("Export selected feedback as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="feedback-{stamp}.csv"'
        response.write("\ufeff")  # so Excel reads it as UTF-8
        writer = csv.writer(response, lineterminator="\r\n")
        writer.writerow(
            ["received", "page", "address", "language", "helpful", "suggestion", "handled"]
        )
        for item in queryset.order_by("created_at"):
            row = [
                timezone.localtime(item.created_at).isoformat(timespec="seconds"),
                item.page_title,
                item.path,
                item.language,
                "yes" if item.helpful else "no",
                item.suggestion,
                "yes" if item.handled else "no",
            ]
            writer.writerow([safe_cell(cell) for cell in row])
        return response
