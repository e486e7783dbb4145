"""Translation status in the admin: a column, a filter and actions for the content admins, and
the "Vertaalstatus" overview with export and import.

The content admins live in ``strategy/admin.py``; each gets the column, the filter, the
actions and the change form's status section by adding one mixin, first in its bases::

    class ThemeAdmin(TranslationStatusMixin, TabbedTranslationAdmin): ...

The overview is this app's own admin page (the "Translation status" entry on the admin index),
so it needs no URL outside the admin.
"""

import io
import zipfile
from difflib import SequenceMatcher

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext_lazy as _

from publishing.registry import (
    content_models,
    model_for_key,
    model_key,
    target_languages,
    with_parts,
)

from . import exchange, status
from .models import FieldTranslation
from .status import NEEDS_TRANSLATION, State

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def language_name(code):
    return get_language_info(code)["name_translated"]


def state_badge(state, text):
    """A badge whose words say the state; the colour only repeats it (WCAG 1.4.1)."""
    return format_html('<span class="tr-badge tr-badge--{}">{}</span>', state, text)


def po_response(objects, languages, name, everything):
    """One PO file, or a zip of one per language when the site translates into several."""
    files = {
        f"{name}-{language}.po": str(exchange.export_po(objects, language, everything=everything))
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


class NeedsTranslationFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [("needed", _("needs translation")), ("current", _("up to date"))]

    def queryset(self, request, queryset):
        if self.value() not in {"needed", "current"}:
            return queryset
        # Computed in Python from one query per model: fine for tens of items, and it reads the
        # same rules as the column and the overview.
        pks = status.pks_needing_translation(queryset, target_languages())
        if self.value() == "needed":
            return queryset.filter(pk__in=pks)
        return queryset.exclude(pk__in=pks)


@admin.action(description=_("Export selected for translation (PO)"), permissions=["view"])
def export_translations_po(modeladmin, request, queryset):
    return po_response(
        with_parts(queryset), target_languages(), f"translations-{modeladmin.opts.model_name}", True
    )


@admin.action(
    description=_("Mark translation as up to date (the Dutch change needs no new translation)"),
    permissions=["change"],
)
def mark_translations_up_to_date(modeladmin, request, queryset):
    count = sum(bool(status.mark_all_up_to_date(obj, target_languages())) for obj in queryset)
    modeladmin.message_user(
        request,
        ngettext(
            "The translation of %(count)d item is marked as up to date.",
            "The translations of %(count)d items are marked as up to date.",
            count,
        )
        % {"count": count},
        messages.SUCCESS,
    )


class TranslationStatusMixin:
    """Adds to a content ModelAdmin: the "Translation" column, the "needs translation" filter,
    the export and "mark as up to date" actions, and on the change form a "Translation status"
    section: each field's state per language, with what changed in the Dutch."""

    STATUS_FIELD = "translation_status_detail"

    class Media:
        css = {"all": ["translations/admin.css"]}

    def get_list_display(self, request):
        return [*super().get_list_display(request), "translation_status"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), NeedsTranslationFilter]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.actions is None or IS_POPUP_VAR in request.GET:  # as ModelAdmin: no actions here
            return actions
        for action in (export_translations_po, mark_translations_up_to_date):
            if all(
                getattr(self, f"has_{permission}_permission")(request)
                for permission in action.allowed_permissions
            ):
                actions[action.__name__] = (action, action.__name__, action.short_description)
        return actions

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, self.STATUS_FIELD] if obj is not None else fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != self.STATUS_FIELD]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is None:
            return fieldsets
        return [*fieldsets, (_("Translation status"), {"fields": [self.STATUS_FIELD]})]

    @admin.display(description=_("Per field"))
    def translation_status_detail(self, obj):
        languages = target_languages()
        found = status.statuses_with_parts([obj], languages)[(type(obj), obj.pk)]
        if not found:
            return _("Nothing to translate.")
        rows = _rows(type(obj), found, languages, only_needed=False, label_parts=True)
        return render_to_string(
            "admin/translations/field_status.html",
            {"rows": rows, "languages": [language_name(code) for code in languages]},
        )

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # The states of the whole page in one query, instead of one per row.
        rows = list(changelist.result_list)
        found = status.statuses_with_parts(rows, target_languages())
        for obj in rows:
            obj._translation_statuses = found[(type(obj), obj.pk)]
        return changelist

    @admin.display(description=_("Translation"))
    def translation_status(self, obj):
        field_statuses = getattr(obj, "_translation_statuses", None)
        if field_statuses is None:
            field_statuses = status.statuses_with_parts([obj], target_languages())[
                (type(obj), obj.pk)
            ]
        counts = status.summary(field_statuses)
        badges = []
        for language in target_languages():
            states = counts.get(language, {})
            problems = [(s, states[s]) for s in (State.MISSING, State.OUTDATED) if states.get(s)]
            if problems:
                text = ", ".join(f"{state.label} ({count})" for state, count in problems)
                badges.append(state_badge(problems[0][0], f"{language_name(language)}: {text}"))
            else:
                badges.append(
                    state_badge(State.CURRENT, f"{language_name(language)}: {State.CURRENT.label}")
                )
        return format_html_join(" ", "{}", ((badge,) for badge in badges))


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
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 2 MB)."))
        try:
            return upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from None


@admin.register(FieldTranslation)
class TranslationOverviewAdmin(admin.ModelAdmin):
    """The "Vertaalstatus" page: every item, every field, every language, with links to edit.

    Staff only (the admin itself refuses everyone else); import also needs the permission to
    change each kind of item it touches.
    """

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
            path("", wrap(self.changelist_view), name=f"{prefix}_changelist"),
        ]

    def _context(self, request, **extra):
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
                        "outdated": any(s.state == State.OUTDATED for s in field_statuses)
                        and exchange.can_change(request.user, model),
                        "url": exchange.admin_path(obj),
                        "fields": _rows(model, field_statuses, languages, only_needed),
                    }
                )
            sections.append({"name": model._meta.verbose_name_plural, "items": items})
        context = self._context(
            request,
            title=_("Translation status"),
            sections=sections,
            totals=[(state, state.label, totals[state]) for state in State],
            only_needed=only_needed,
            **(extra_context or {}),
        )
        return TemplateResponse(request, "admin/translations/overview.html", context)

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        everything = request.GET.get("all") == "1"
        languages = target_languages()
        if request.GET.get("language") in languages:
            languages = [request.GET["language"]]
        return po_response(
            list(exchange.all_content()),
            languages,
            "translations" + ("-all" * everything),
            everything,
        )

    def mark_view(self, request):
        """POST: the translator checked an outdated item; its translations fit today's Dutch."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        key, _sep, pk = request.POST.get("item", "").rpartition(":")
        model = model_for_key(key)
        obj = model and pk.isdigit() and model._default_manager.filter(pk=pk).first()
        if not obj:
            raise Http404
        if not exchange.can_change(request.user, model):
            raise PermissionDenied
        status.mark_all_up_to_date(obj, target_languages())
        self.message_user(
            request,
            _("The translation of “%(item)s” is marked as up to date.") % {"item": obj},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:translations_fieldtranslation_changelist"))

    def import_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        report = None
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            dry_run = form.cleaned_data["dry_run"]
            report = exchange.import_po(
                form.cleaned_data["file"], dry_run=dry_run, user=request.user
            )
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
        context = self._context(
            request,
            title=_("Import translations"),
            form=form,
            report=report,
            dry_run=bool(report and not report.applied and report.ok),
        )
        return TemplateResponse(request, "admin/translations/import.html", context)


def _rows(model, field_statuses, languages, only_needed, label_parts=False):
    """One row per field: its name and the state in each target language. With ``label_parts``,
    the fields of an item's parts (a mission's lines) are named by their part."""
    by_field = {}
    for item in field_statuses:
        by_field.setdefault((type(item.obj), item.obj.pk, item.field), {})[item.language] = item
    rows = []
    for (part_model, _pk, field), per_language in by_field.items():
        if only_needed and not any(s.state in NEEDS_TRANSLATION for s in per_language.values()):
            continue
        changed = [
            s for s in per_language.values() if s.state == State.OUTDATED and s.previous_source
        ]
        rows.append(
            {
                "name": (
                    exchange.describe(next(iter(per_language.values())).obj, field, False)
                    if label_parts and part_model is not model
                    else part_model._meta.get_field(field).verbose_name
                ),
                "states": [per_language.get(language) for language in languages],
                "diff": word_diff(changed[0].previous_source, changed[0].source) if changed else "",
            }
        )
    return rows


def word_diff(old, new):
    """The Dutch as it is now, with the words removed since the translation struck through
    (<del>) and the words added underlined (<ins>): what a translator must check."""
    before, after = old.split(), new.split()
    parts = []
    for op, i1, i2, j1, j2 in SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(conditional_escape(" ".join(after[j1:j2])))
        if op in {"delete", "replace"}:
            parts.append(format_html("<del>{}</del>", " ".join(before[i1:i2])))
        if op in {"insert", "replace"}:
            parts.append(format_html("<ins>{}</ins>", " ".join(after[j1:j2])))
    return mark_safe(" ".join(parts))  # every part is escaped above
