"""The workbench (one item side by side in one language) and the progress page per language,
routed by the overview admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from publishing.registry import entry_for, model_for_key, model_key, target_languages

from .. import progress, saving, workbench
from ..exchange.entries import admin_path
from ..segments import plain_text
from .display import language_name, word_diff


def workbench_url(obj, language):
    return reverse(
        "admin:translations_fieldtranslation_workbench",
        args=[model_key(type(obj)), obj.pk, language],
    )


class WorkbenchViewsMixin:
    def workbench_item(self, request, key, pk, language):
        model = model_for_key(key)
        entry = model and entry_for(model)
        if not model or entry.part_of or language not in target_languages():
            raise Http404
        item = model._default_manager.filter(pk=pk).first()
        if item is None:
            raise Http404
        if not workbench.may_translate(request.user, model, language):
            raise PermissionDenied
        return item

    def workbench_view(self, request, key, pk, language):
        item = self.workbench_item(request, key, pk, language)
        if request.method == "POST":
            return self.workbench_save(request, item, language)
        return self.render_workbench(request, item, language, workbench.workbench(item, language))

    def workbench_save(self, request, item, language):
        version = request.POST.get("version", "")
        if not version.isdigit():
            return HttpResponseBadRequest(_("The form is incomplete: open the page again."))
        try:
            count = saving.save(
                item,
                language,
                request.POST,
                user=request.user,
                expected_version=int(version),
                confirm=request.POST.getlist("confirm"),
            )
        except saving.Refused as refused:
            messages.error(request, refused.message)
            return self.render_workbench(request, item, language, refused.views, status=400)
        if count:
            self.message_user(request, _("The translation is saved."), messages.SUCCESS)
        else:
            self.message_user(request, _("Nothing changed."), messages.INFO)
        return HttpResponseRedirect(request.path)

    def render_workbench(self, request, item, language, views, status=200):
        for view in views:
            for segment in view.segments:
                segment.diff = (
                    word_diff(plain_text(segment.previous_source), plain_text(segment.source))
                    if segment.changed_source
                    else ""
                )
        context = self.page_context(
            request,
            title=_("Translate “%(item)s”") % {"item": item},
            item=item,
            item_key=model_key(type(item)),
            language=language,
            language_label=language_name(language),
            views=views,
            item_url=admin_path(item),
            other_languages=[
                (code, language_name(code)) for code in target_languages() if code != language
            ],
        )
        return TemplateResponse(
            request, "admin/translations/workbench.html", context, status=status
        )

    def progress_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        rows = [(row, language_name(row.language)) for row in progress.progress(target_languages())]
        context = self.page_context(request, title=_("Translation progress"), rows=rows)
        return TemplateResponse(request, "admin/translations/progress.html", context)
