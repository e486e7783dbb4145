"""Small comforts for editors on every content change form and list (``EditorComfortMixin``).

- the browser's spelling check on every text field, in the field's own language;
- admin messages with the right Dutch article ("Het thema", "De missie");
- history lines that name the fields in the editor's language, and say what the status became;
- the list shows when an item goes offline;
- a warning when a "publish from" date in the future takes a live page offline for a while;
- a form shown again with errors keeps the image file the editor chose (browsers never refill a
  file input): see ``keptuploads``.
"""

from django.contrib import messages
from django.db import models
from django.forms import widgets
from django.utils import formats, timezone, translation
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext_lazy as _

from publishing.languages import language_codes
from publishing.models import Publishable

from . import keptuploads

LANGUAGE_SUFFIXES = {f"_{code}": code for code in language_codes()}
TEXT_WIDGETS = (widgets.TextInput, widgets.Textarea)


def language_of_column(name):
    """``title_en`` → ``en``; None for a column that is not a translation."""
    return next((code for suffix, code in LANGUAGE_SUFFIXES.items() if name.endswith(suffix)), None)


def with_dutch_article(message, article, verbose_name):
    """Django's Dutch admin messages say "De {name}" for every model; a het-word needs "Het"."""
    if article != "het" or translation.get_language() != "nl":
        return message
    text = str(message)
    fixed = text.replace(f"De {verbose_name} ", f"Het {verbose_name} ").replace(
        "U kunt deze hieronder", "U kunt het hieronder"
    )
    return mark_safe(fixed) if isinstance(message, SafeData) else fixed


class EditorComfortMixin:
    # The Dutch article of the model's name: "het" for thema, subthema (Django assumes "de").
    dutch_article = "de"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        language = language_of_column(db_field.name)
        if field is not None and language and isinstance(field.widget, TEXT_WIDGETS):
            if db_field.name.startswith("slug"):
                field.widget.attrs["spellcheck"] = "false"
            else:
                # The rich-text editor copies these to its editing area (prose-editor.js).
                field.widget.attrs.update(spellcheck="true", lang=language)
        return field

    def message_user(self, request, message, *args, **kwargs):
        message = with_dutch_article(message, self.dutch_article, self.model._meta.verbose_name)
        return super().message_user(request, message, *args, **kwargs)

    # --- History ----------------------------------------------------------------------------

    def construct_change_message(self, request, form, formsets, add=False):
        """Django names the changed fields in English (its labels under no translation);
        here they are named in the editor's language, and a status change says what it became."""
        message = super().construct_change_message(request, form, formsets, add)
        for entry in message:
            changed = entry.get("changed")
            if changed and "name" not in changed and form.changed_data:
                changed["fields"] = [self._changed_label(form, name) for name in form.changed_data]
        return message

    @staticmethod
    def _changed_label(form, name):
        label = str(form.fields[name].label) if name in form.fields else name
        if name == "status" and hasattr(form.instance, "get_status_display"):
            return _("%(field)s to “%(value)s”") % {
                "field": label,
                "value": form.instance.get_status_display(),
            }
        return label

    # --- Lists ------------------------------------------------------------------------------

    def get_list_display(self, request):
        columns = list(super().get_list_display(request))
        if issubclass(self.model, Publishable) and "offline_from" not in columns:
            after = columns.index("status_label") + 1 if "status_label" in columns else len(columns)
            columns.insert(after, "offline_from")
        return columns

    def offline_from(self, obj):
        return obj.publish_until or "—"

    offline_from.short_description = _("offline from")
    offline_from.admin_order_field = "publish_until"

    # --- A live page taken offline by a date ------------------------------------------------

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if isinstance(obj, Publishable) and obj.is_live() and "publish_from" in form.base_fields:
            field = form.base_fields["publish_from"]
            field.help_text = _(
                "This page is online now. A date in the future takes it offline until then."
            )
        return form

    def save_model(self, request, obj, form, change):
        was_live = change and isinstance(obj, Publishable) and self._stored_is_live(obj)
        super().save_model(request, obj, form, change)
        if was_live and obj.publish_from and obj.publish_from > timezone.now():
            when = formats.date_format(timezone.localtime(obj.publish_from), "DATETIME_FORMAT")
            messages.warning(
                request,
                _(
                    "Careful: this page was online and is now offline until %(date)s, because "
                    "its “publish from” date is in the future. Clear that date to put it back "
                    "online now."
                )
                % {"date": when},
            )

    def _stored_is_live(self, obj):
        stored = type(obj)._base_manager.filter(pk=obj.pk).first()
        return stored is not None and stored.is_live()

    # --- A form with errors keeps the chosen file ------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        request.kept_uploads = self._reuse_kept_uploads(request) if request.method == "POST" else {}
        response = super().changeform_view(request, object_id, form_url, extra_context)
        if response.status_code in (301, 302, 303):
            # Saved: the kept files are now the item's own (stored again by the save).
            for stored_name in request.kept_uploads.values():
                keptuploads.discard(stored_name)
        return response

    def _file_fields(self):
        return [f.name for f in self.model._meta.concrete_fields if isinstance(f, models.FileField)]

    def _reuse_kept_uploads(self, request):
        """Put each kept file back as the upload of its field, unless a new one was chosen (it
        wins) or "clear" was ticked; {field: stored name} of the files used."""
        used = {}
        for name in self._file_fields():
            token = request.POST.get(keptuploads.token_field(name))
            if not token:
                continue
            kept = keptuploads.unpack(token, request.user, name)
            if name in request.FILES or request.POST.get(f"{name}-clear"):
                if kept:
                    keptuploads.discard(kept[0])
                continue
            if kept is None:
                messages.warning(
                    request,
                    _(
                        "The file you chose before could not be kept (it was too long ago, or "
                        "the form was not yours): choose it again."
                    ),
                )
                continue
            request.FILES[name] = keptuploads.reopen(*kept)
            used[name] = kept[0]
        return used

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        """A form shown again with errors keeps each valid upload and says so beside its field."""
        form = context.get("adminform") and context["adminform"].form
        kept = getattr(request, "kept_uploads", {})
        if request.method == "POST" and form is not None and form.is_bound:
            for name in self._file_fields():
                upload, field = form.files.get(name), form.fields.get(name)
                if field is None or not keptuploads.is_upload(upload) or name in form.errors:
                    if name in kept:
                        keptuploads.discard(kept[name])
                    continue
                token = keptuploads.keep(upload, request.user, name, stored_name=kept.get(name))
                field.widget = keptuploads.KeptFileWidget(
                    attrs=field.widget.attrs, token=token, kept_name=upload.name
                )
        return super().render_change_form(request, context, add, change, form_url, obj)
