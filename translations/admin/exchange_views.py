"""The overview's export and import pages, and the PO download the list actions share.

Both go through ``translations.exchange``: an export holds only what the user may change, an
import is checked and saved with the user's permissions, as the admin form would save it.
"""

import io
import zipfile

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from publishing.registry import target_languages

from ..exchange import all_content, export_po, import_po
from ..status import NEEDS_TRANSLATION


def po_response(request, objects, languages, name, everything, states=None):
    """One PO file, or a zip of one per language when the site translates into several; only
    the items the requesting user may change."""
    objects = list(objects)
    files = {
        f"{name}-{language}.po": str(
            export_po(objects, language, user=request.user, everything=everything, states=states)
        )
        for language in languages
    }
    if len(files) == 1:
        ((filename, content),) = files.items()
        response = HttpResponse(content, content_type="text/x-gettext-translation; charset=utf-8")
    else:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for filename, content in files.items():
                archive.writestr(filename, content)
        filename = f"{name}.zip"
        response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Translated PO file"),
        help_text=_("A file exported here or with manage.py export_translations."),
    )
    dry_run = forms.BooleanField(
        label=_("Only show what would change (dry run)"), required=False, initial=True
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Checked before reading: a large file would take longer to check than a worker may run
        # (settings.PO_IMPORT_MAX_BYTES; the whole site's export is a few dozen kB).
        if upload.size > settings.PO_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _(
                    "This file is too large (%(size)s): at most %(max)s can be imported at once. "
                    "Split it into smaller files, or export only what needs translating."
                ),
                code="too_large",
                params={
                    "size": filesizeformat(upload.size),
                    "max": filesizeformat(settings.PO_IMPORT_MAX_BYTES),
                },
            )
        try:
            return upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from None


class ExchangeViewsMixin:
    """``export_view`` and ``import_view`` of the overview admin (which routes to them)."""

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        everything = request.GET.get("all") == "1"
        languages = target_languages()
        if request.GET.get("language") in languages:
            languages = [request.GET["language"]]
        # ?state=missing or ?state=outdated: only that part of what needs translating.
        state = request.GET.get("state")
        states = {state} if state in NEEDS_TRANSLATION else None
        name = "translations" + ("-all" * everything) + (f"-{state}" if states else "")
        return po_response(request, all_content(), languages, name, everything, states)

    def import_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        report = None
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            dry_run = form.cleaned_data["dry_run"]
            report = import_po(form.cleaned_data["file"], dry_run=dry_run, user=request.user)
            if report.applied:
                self.message_user(
                    request,
                    ngettext(
                        "Imported: %(count)d translation changed.",
                        "Imported: %(count)d translations changed.",
                        len(report.changed),
                    )
                    % {"count": len(report.changed)},
                    messages.SUCCESS,
                )
        context = self.page_context(
            request,
            title=_("Import translations"),
            form=form,
            report=report,
            dry_run=bool(report and not report.applied and report.ok),
        )
        return TemplateResponse(request, "admin/translations/import.html", context)
