"""The overview's export and import pages, and the download the list actions share.

Both go through ``translations.exchange``: an export holds only what the user may change, an
import is checked and saved with the user's permissions, as the admin form would save it.

A dry run that found no problem keeps the file in the user's session (``PendingImport``), so
the translator applies it with one button instead of uploading it again. Applying runs the whole
import again against the content as it is then: whatever changed since the dry run (the Dutch,
a version) is checked anew, and nothing is applied on a problem.
"""

import io
import secrets
import time
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

from ..exchange import PO, XLIFF_12, XLIFF_20, all_content, export_file, import_file
from ..exchange.formats import FORMATS
from ..status import NEEDS_TRANSLATION

FORMAT_NAMES = {PO: "PO", XLIFF_12: "XLIFF 1.2", XLIFF_20: "XLIFF 2.0"}


def exchange_response(request, objects, languages, name, everything, kind=PO, states=None):
    """One file, or a zip of one per language when the site translates into several; only
    the items the requesting user may change."""
    objects = list(objects)
    extension, content_type = FORMATS[kind]
    files = {
        f"{name}-{language}.{extension}": export_file(
            objects, language, user=request.user, everything=everything, states=states, kind=kind
        )
        for language in languages
    }
    if len(files) == 1:
        ((filename, content),) = files.items()
        response = HttpResponse(content, content_type=content_type)
    else:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for filename, content in files.items():
                archive.writestr(filename, content)
        filename = f"{name}.zip"
        response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def po_response(request, objects, languages, name, everything, states=None):
    return exchange_response(request, objects, languages, name, everything, PO, states)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Translated file (PO or XLIFF)"),
        help_text=_(
            "A PO, XLIFF 1.2 or XLIFF 2.0 file exported here or with manage.py export_translations."
        ),
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


class PendingImport:
    """The file of a successful dry run, kept in the user's session until it is applied.

    One per session: a new dry run replaces it. It is found by a random token the page carries
    (so a page of an older dry run cannot apply a newer file) and expires after
    ``settings.PO_IMPORT_PENDING_SECONDS``. Its size is the upload's, already within
    ``PO_IMPORT_MAX_BYTES``; the session lives in the database, never in a cookie.
    """

    KEY = "translations_pending_import"

    @classmethod
    def keep(cls, request, content) -> str:
        token = secrets.token_urlsafe(24)
        request.session[cls.KEY] = {"token": token, "content": content, "at": time.time()}
        return token

    @classmethod
    def take(cls, request, token) -> str | None:
        """The file kept under ``token``, or None when there is none, another or it expired."""
        pending = request.session.get(cls.KEY)
        if not pending or not secrets.compare_digest(str(token), pending["token"]):
            return None
        if time.time() - pending["at"] > settings.PO_IMPORT_PENDING_SECONDS:
            cls.forget(request)
            return None
        return pending["content"]

    @classmethod
    def forget(cls, request):
        request.session.pop(cls.KEY, None)


class ExchangeViewsMixin:
    """``export_view`` and ``import_view`` of the overview admin (which routes to them)."""

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        everything = request.GET.get("all") == "1"
        kind = request.GET.get("format") if request.GET.get("format") in FORMATS else PO
        languages = target_languages()
        if request.GET.get("language") in languages:
            languages = [request.GET["language"]]
        # ?state=missing or ?state=outdated: only that part of what needs translating.
        state = request.GET.get("state")
        states = {state} if state in NEEDS_TRANSLATION else None
        name = "translations" + ("-all" * everything) + (f"-{state}" if states else "")
        return exchange_response(request, all_content(), languages, name, everything, kind, states)

    def import_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        report, token, expired = None, None, False
        if request.method == "POST" and "apply" in request.POST:
            form = ImportForm()
            content = PendingImport.take(request, request.POST.get("apply", ""))
            if content is None:
                expired = True
            else:
                report = import_file(content, dry_run=False, user=request.user)
                if report.applied:
                    PendingImport.forget(request)
        else:
            form = ImportForm(request.POST or None, request.FILES or None)
            if request.method == "POST" and form.is_valid():
                content, dry_run = form.cleaned_data["file"], form.cleaned_data["dry_run"]
                report = import_file(content, dry_run=dry_run, user=request.user)
                if dry_run and report.ok:
                    token = PendingImport.keep(request, content)
        if report and report.applied:
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
            apply_token=token,
            expired=expired,
        )
        return TemplateResponse(
            request, "admin/translations/import.html", context, status=400 if expired else 200
        )
