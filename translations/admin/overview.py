"""The "Vertaalstatus" page: every item, every field, every language, with links to edit, and
"mark as up to date" for an outdated item. It is the admin of ``FieldTranslation``, so it needs
no URL outside the admin; its rows are never added, changed or deleted by hand."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from publishing.registry import (
    content_models,
    entry_for,
    model_for_key,
    model_key,
    target_languages,
)

from .. import status
from ..exchange.entries import admin_path, can_change
from ..models import FieldTranslation
from ..status import NEEDS_TRANSLATION, State
from ..workbench import may_translate
from .display import field_rows, language_name
from .exchange_views import ExchangeViewsMixin
from .workbench import WorkbenchViewsMixin, workbench_url


@admin.register(FieldTranslation)
class TranslationOverviewAdmin(WorkbenchViewsMixin, ExchangeViewsMixin, admin.ModelAdmin):
    """Staff only (the admin itself refuses everyone else); marking, exporting and importing
    also need the permission to change each kind of item concerned."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("export/", wrap(self.export_view), name=f"{prefix}_export"),
            path("import/", wrap(self.import_view), name=f"{prefix}_import"),
            path("mark/", wrap(self.mark_view), name=f"{prefix}_mark"),
            path("progress/", wrap(self.progress_view), name=f"{prefix}_progress"),
            path(
                "work/<str:key>/<int:pk>/<str:language>/",
                wrap(self.workbench_view),
                name=f"{prefix}_workbench",
            ),
            path("", wrap(self.changelist_view), name=f"{prefix}_changelist"),
        ]

    def page_context(self, request, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "languages": [(code, language_name(code)) for code in target_languages()],
            **extra,
        }

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        only_needed = request.GET.get("show") != "all"
        languages = target_languages()
        sections, totals = [], dict.fromkeys(State, 0)
        for model in content_models():
            objects = list(model._default_manager.all())
            found = status.statuses(objects, languages)
            may_change = can_change(request.user, model)
            translatable = [
                code
                for code in languages
                # A mission line is translated on its mission's page.
                if not entry_for(model).part_of and may_translate(request.user, model, code)
            ]
            items = []
            for obj in objects:
                field_statuses = found[(model, obj.pk)]
                for item in field_statuses:
                    totals[item.state] += 1
                if only_needed and not any(s.state in NEEDS_TRANSLATION for s in field_statuses):
                    continue
                items.append(
                    {
                        "obj": obj,
                        "key": f"{model_key(model)}:{obj.pk}",
                        "outdated": may_change
                        and any(s.state == State.OUTDATED for s in field_statuses),
                        "url": admin_path(obj),
                        "workbench": [
                            (workbench_url(obj, code), language_name(code)) for code in translatable
                        ],
                        "fields": field_rows(model, field_statuses, languages, only_needed),
                    }
                )
            sections.append({"name": model._meta.verbose_name_plural, "items": items})
        context = self.page_context(
            request,
            title=_("Translation status"),
            sections=sections,
            totals=[(state, state.label, totals[state]) for state in State],
            only_needed=only_needed,
            **(extra_context or {}),
        )
        return TemplateResponse(request, "admin/translations/overview.html", context)

    def mark_view(self, request):
        """POST: the translator checked an outdated item; its translations fit today's Dutch."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        key, _sep, pk = request.POST.get("item", "").rpartition(":")
        model = model_for_key(key)
        obj = model and pk.isdigit() and model._default_manager.filter(pk=pk).first()
        if not obj:
            raise Http404
        if not can_change(request.user, model):
            raise PermissionDenied
        status.mark_all_up_to_date(obj, target_languages())
        self.message_user(
            request,
            _("The translation of “%(item)s” is marked as up to date.") % {"item": obj},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:translations_fieldtranslation_changelist"))
