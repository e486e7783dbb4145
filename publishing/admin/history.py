"""History in the content admin: django-reversion's list with restore, and a comparison of two
versions field by field. A translator may look but not restore (a restore rewrites the Dutch)."""

from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from ..compare import compare_parts, compare_versions, part_versions
from ..models import WorkflowStep
from ..registry import entry_for
from ..roles import is_translator


class HistoryAdminMixin:
    object_history_template = "admin/strategy/object_history.html"
    history_latest_first = True

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if is_translator(request.user):
            # A restore rewrites the Dutch text too, which a translator may not change.
            raise PermissionDenied
        # Reverting writes the old version number back to the row: remember today's, so the
        # restored item gets a newer one than any form opened before (``save_model``).
        current = self.model._base_manager.filter(pk=object_id)
        request.version_floor = current.values_list("version", flat=True).first() or 0
        if hasattr(self.model, "order"):
            # A restore brings back the text, not the place the item had in the list then.
            request.keep_order = current.values_list("order", flat=True).first()
        return super().revision_view(request, object_id, version_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        # An id that is not one (a NUL byte fails PostgreSQL's text lookup of the history) or an
        # item that is gone: a 404, before any history query runs.
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404(_("This item does not exist (any more)."))
        versions = Version.objects.get_for_object_reference(self.model, object_id)
        steps = WorkflowStep.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=object_id
        ).select_related("user")
        extra_context = {
            **(extra_context or {}),
            "workflow_steps": steps[:200],
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
        # ModelAdmin.get_object: None (so a 404) for an id that is not one, such as "abc".
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("This item does not exist (any more)."))
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        try:
            old = versions.get(pk=request.GET.get("from"))
            new = versions.get(pk=request.GET.get("to"))
        except (Version.DoesNotExist, ValueError):
            raise Http404(_("Choose two versions of this item to compare.")) from None
        if old.revision.date_created > new.revision.date_created:
            old, new = new, old
        differences = compare_versions(self.model, old, new)
        entry = entry_for(self.model)
        for accessor in entry.parts if entry else ():
            part_model = getattr(self.model, accessor).rel.related_model
            differences += compare_parts(
                part_model,
                part_versions(old.revision, part_model),
                part_versions(new.revision, part_model),
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "object": obj,
            "title": _("Compare versions of “%(item)s”") % {"item": obj},
            "old": old,
            "new": new,
            "differences": differences,
            "history_url": reverse(
                f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk]
            ),
        }
        return TemplateResponse(request, "admin/strategy/compare.html", context)
