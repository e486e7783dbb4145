"""What a content admin gets from ``TranslationStatusMixin``: the "Translation" column, the
"needs translation" filter, the export and "mark as up to date" actions, and the change form's
"Translation status" section. ``strategy/admin.py`` and ``pages/admin.py`` use it."""

from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from publishing.registry import target_languages, with_parts

from .. import status
from ..status import State
from .display import field_rows, language_name, state_badge
from .exchange_views import po_response
from .form_checks import TranslationChecksFormMixin
from .workbench import workbench_url


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


# "change", not "view": an export is for translating, and a file with items its user may not
# change could not be imported back.
@admin.action(description=_("Export selected for translation (PO)"), permissions=["change"])
def export_translations_po(modeladmin, request, queryset):
    name = f"translations-{modeladmin.opts.model_name}"
    return po_response(request, with_parts(queryset), target_languages(), name, everything=True)


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
    the export and "mark as up to date" actions, on the change form a "Translation status"
    section (each field's state per language, with what changed in the Dutch), and the quality
    checks on a changed translation when the form is saved (``form_checks``)."""

    STATUS_FIELD = "translation_status_detail"

    class Media:
        css = {"all": ["translations/admin.css"]}

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (TranslationChecksFormMixin, form), {})

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for warning in getattr(form, "translation_warnings", ()):
            self.message_user(request, warning, messages.WARNING)

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
        rows = field_rows(type(obj), found, languages, only_needed=False, label_parts=True)
        return render_to_string(
            "admin/translations/field_status.html",
            {
                "rows": rows,
                "languages": [language_name(code) for code in languages],
                "workbench": [
                    (workbench_url(obj, code), language_name(code)) for code in languages
                ],
            },
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
