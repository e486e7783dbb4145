"""Working copies in the content admin (``publishing.workingcopies``).

The change form of a live item edits its working copy: it opens with the unpublished changes
(the item's fields and its parts, such as a mission's lines) and "Save" keeps them as a draft,
leaving the live page as it is. "Save and publish" publishes at once, for whoever may publish.
The "Unpublished changes" page of an item compares the draft with the live page, shows it at
phone and desktop width in either language, and holds the workflow's buttons: submit for review,
publish now or at a moment, send back with a comment, discard.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .. import registry, workingcopies
from ..alternates import absolute_url
from ..compare import compare_values
from ..languages import language_codes
from ..widgets import LabelledSplitDateTime
from ..writes import delete_content, reordered, save_content

PUBLISH_BUTTON = "_publish"


class ScheduleForm(forms.Form):
    publish_at = forms.SplitDateTimeField(
        label=_("Publish the changes at"),
        widget=LabelledSplitDateTime(field_label=_("Publish the changes at")),
    )


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change?"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )


def _fields_by_name(model, values):
    return {
        field.name: values.get(field.attname)
        for field in model._meta.concrete_fields
        if field.attname in values
    }


class WorkingCopyAdminMixin:
    change_form_template = "admin/publishing/change_form.html"

    # --- The change form edits the working copy of a live item ----------------------------

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and getattr(request, "edits_working_copy", False):
            copy = workingcopies.copy_for(obj)
            if copy is not None:
                workingcopies.overlay(obj, copy)
        return obj

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # A restore (reversion's revision view) writes the old version itself: never a draft.
        request.edits_working_copy = object_id is not None and not hasattr(request, "version_floor")
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _create_formsets(self, request, obj, change):
        formsets, inlines = super()._create_formsets(request, obj, change)
        copy = getattr(obj, "working_copy", None)
        for formset in formsets if copy else ():
            accessor = formset.fk.remote_field.get_accessor_name()
            if accessor not in copy.parts:
                continue
            parts = workingcopies.draft_parts(obj, copy, accessor)
            formset._queryset = [part for part in parts if part.pk]
            new = [part for part in parts if not part.pk]
            if not formset.is_bound and new:
                formset.extra = len(new)
                formset.initial_extra = [
                    workingcopies.snapshot(part, with_order=True) for part in new
                ]
        return formsets, inlines

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and workingcopies.is_live(obj):
            context.update(
                working_copy=getattr(obj, "working_copy", None),
                edits_live_item=True,
                may_publish=workingcopies.may_publish(request.user),
                changes_url=self._changes_url(obj),
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        editing = getattr(request, "edits_working_copy", False)
        if change and editing and workingcopies.is_live(obj):
            request.draft_of = obj
            request.draft_parts = {}
            return
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        draft = getattr(request, "draft_of", None)
        accessor = formset.fk.remote_field.get_accessor_name() if draft is not None else None
        if draft is not None and accessor in workingcopies.parts_of(draft):
            request.draft_parts[accessor] = [
                form.instance
                for form in formset.forms
                if form.instance.pk is not None or form.has_changed()
                if not formset._should_delete_form(form)
            ]
            # Nothing was saved: the admin's change message lists no rows.
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            return
        if registry.is_content(formset.model) and not registry.entry_for(formset.model).part_of:
            self._save_content_rows(request, formset)
            return
        super().save_formset(request, form, formset, change)

    def _save_content_rows(self, request, formset):
        """Rows that are content items of their own (a theme's topics): a live one's changes
        wait in its working copy as if made in its own form; its place in the list does not."""
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            delete_content(obj, user=request.user)
        changed = {id(row.instance): row.changed_data for row in formset.forms}
        for obj in instances:
            if not workingcopies.is_live(obj):
                save_content(obj, user=request.user, validate=False)
                continue
            fields = [obj._meta.get_field(name).attname for name in changed[id(obj)]]
            if "order" in fields:
                type(obj)._base_manager.filter(pk=obj.pk).update(order=obj.order)
                reordered(type(obj))
            fields = [name for name in fields if name != "order"]
            if fields:
                copy = workingcopies.save_draft(obj, user=request.user, fields=fields)
                if PUBLISH_BUTTON in request.POST and workingcopies.may_publish(request.user):
                    try:
                        workingcopies.publish(copy, user=request.user)
                    except ValidationError as error:
                        messages.error(request, f"{obj}: {' '.join(error.messages)}")
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        draft = getattr(request, "draft_of", None)
        if draft is None:
            return
        note = {
            name: value
            for name, value in form.cleaned_data.items()
            if name == "significant_change" or name.startswith("change_note_")
        }
        copy = workingcopies.save_draft(
            draft, user=request.user, parts=request.draft_parts, change_note=note
        )
        request.draft_published = False
        if PUBLISH_BUTTON in request.POST:
            try:
                base_url = self._changes_url(draft, request)
                workingcopies.publish(copy, user=request.user, base_url=base_url)
                request.draft_published = True
            except (ValidationError, PermissionDenied) as error:
                request.draft_refused = error

    def response_change(self, request, obj):
        if getattr(request, "draft_of", None) is None:
            return super().response_change(request, obj)
        refused = getattr(request, "draft_refused", None)
        if refused is not None:
            text = (
                " ".join(refused.messages)
                if isinstance(refused, ValidationError)
                else _("You may not publish these changes; submit them for review.")
            )
            messages.error(request, text)
        elif request.draft_published:
            messages.success(request, _("The changes are published: visitors see them now."))
        else:
            messages.success(
                request,
                _(
                    "Your changes are saved as a draft. Visitors still see the live page until "
                    "the changes are published."
                ),
            )
        # Back to the form, keeping the list filters it was opened with (`_changelist_filters`).
        return HttpResponseRedirect(request.get_full_path())

    def get_queryset(self, request):
        return workingcopies.pending(super().get_queryset(request))

    @staticmethod
    def _changes_url(obj, request=None):
        opts = obj._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changes", args=[obj.pk])
        # E-mails link to the public origin, never to the request's Host header.
        return absolute_url(url) if request is not None else url

    # --- The "Unpublished changes" page ----------------------------------------------------

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/changes/",
                self.admin_site.admin_view(self.changes_view),
                name=f"{opts.app_label}_{opts.model_name}_changes",
            ),
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name=f"{opts.app_label}_{opts.model_name}_preview",
            ),
            *super().get_urls(),
        ]

    def changes_view(self, request, object_id):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        copy = workingcopies.copy_for(obj) if obj is not None else None
        if copy is None:
            raise Http404(_("This item has no unpublished changes."))
        schedule_form, send_back_form = ScheduleForm(), SendBackForm()
        if request.method == "POST":
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
            action = request.POST.get("action")
            if action == "schedule":
                schedule_form = ScheduleForm(request.POST)
            elif action == "send_back":
                send_back_form = SendBackForm(request.POST)
            done = self._workflow_action(request, obj, copy, action, schedule_form, send_back_form)
            if done:
                return HttpResponseRedirect(done)
        return TemplateResponse(
            request,
            "admin/publishing/changes.html",
            self._changes_context(request, obj, copy, schedule_form, send_back_form),
        )

    def preview_view(self, request, object_id):
        """The item's page at phone and desktop width, with its unpublished changes if any."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("This item does not exist (any more)."))
        copy = workingcopies.copy_for(obj)
        context = {
            **self.admin_site.each_context(request),
            **self._preview_context(request, obj),
            "opts": self.model._meta,
            "object": obj,
            "copy": copy,
            "title": _("Preview of “%(item)s”") % {"item": obj},
            "change_url": reverse(
                f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk]
            ),
            "changes_url": self._changes_url(obj) if copy else "",
        }
        return TemplateResponse(request, "admin/publishing/preview.html", context)

    @staticmethod
    def _preview_context(request, live):
        """The frames' address (``?draft=1``: with the unpublished changes) in the language the
        editor chose (``?lang=en``; an unknown one is the source language)."""
        language = request.GET.get("lang")
        if language not in language_codes():
            language = language_codes()[0]
        with translation.override(language):
            preview_url = f"{live.get_absolute_url()}?draft=1"
        return {
            "preview_url": preview_url,
            "preview_language": language,
            "languages": [
                (code, translation.get_language_info(code)["name_local"].capitalize())
                for code in language_codes()
            ],
        }

    def _workflow_action(self, request, obj, copy, action, schedule_form, send_back_form):
        """Run ``action``; the URL to go to next, or None to show the page again (errors)."""
        opts = obj._meta
        change_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        base_url = self._changes_url(obj, request)
        try:
            if action == "submit":
                workingcopies.submit(copy, user=request.user, base_url=base_url)
                messages.success(request, _("The changes are waiting for review."))
                return request.path
            if action == "publish":
                workingcopies.publish(copy, user=request.user, base_url=base_url)
                messages.success(request, _("The changes are published: visitors see them now."))
                return change_url
            if action == "schedule" and schedule_form.is_valid():
                at = schedule_form.cleaned_data["publish_at"]
                workingcopies.schedule(copy, user=request.user, at=at, base_url=base_url)
                messages.success(request, _("The changes will be published at the chosen moment."))
                return request.path
            if action == "send_back" and send_back_form.is_valid():
                comment = send_back_form.cleaned_data["comment"]
                workingcopies.send_back(copy, user=request.user, comment=comment, base_url=base_url)
                messages.success(request, _("The changes were sent back to their author."))
                return request.path
            if action == "discard":
                workingcopies.discard(copy, user=request.user)
                messages.success(request, _("The unpublished changes were discarded."))
                return change_url
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied:
            messages.error(request, _("You may not do this; an Eindredacteur may."))
        return None

    def _changes_context(self, request, obj, copy, schedule_form, send_back_form):
        live = type(obj)._base_manager.get(pk=obj.pk)
        differences = compare_values(
            self.model,
            _fields_by_name(self.model, workingcopies.snapshot(live)),
            # The copy holds only what differs: the rest of the draft is the live item.
            _fields_by_name(self.model, {**workingcopies.snapshot(live), **copy.values}),
        )
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "object": live,
            "copy": copy,
            "title": _("Unpublished changes to “%(item)s”") % {"item": live},
            # The item's own fields, then its parts' (a mission's lines), in one table.
            "differences": [*differences, *workingcopies.part_differences(live, copy)],
            "stale": live.version != copy.base_version,
            "review_required": workingcopies.review_required(),
            "may_publish": workingcopies.may_publish(request.user),
            "may_review": workingcopies.may_review(request.user),
            **self._preview_context(request, live),
            "schedule_form": schedule_form,
            "send_back_form": send_back_form,
            "change_url": reverse(
                f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk]
            ),
        }
