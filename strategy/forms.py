"""The admin's content form: optimistic locking and rich text sanitising, for every content model.

Optimistic locking: the form carries the ``version`` the editor loaded, as a hidden field. Saving
checks it against the row (locked with SELECT … FOR UPDATE inside the admin's transaction); if
someone saved in between, the form is shown again with the editor's text in it and a clear error,
instead of silently overwriting the other person's work.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .languages import field_in, language_codes
from .richtext import sanitize_html

RICH_TEXT_FIELDS = ("body",)

STALE_MESSAGE = _(
    "Someone else saved this item after you opened it, so your changes were not saved. "
    "Your text is still in the form below. Open the item again in a new tab to see the latest "
    "version, copy your changes into it and save there."
)


def rich_text_field_names():
    return {field_in(field, code) for field in RICH_TEXT_FIELDS for code in language_codes()}


class ContentForm(forms.ModelForm):
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and hasattr(self.instance, "version"):
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        # Whatever the widget (or a hand-made POST) sends, only allow-listed HTML is stored.
        for name in rich_text_field_names() & cleaned.keys():
            if cleaned[name]:
                cleaned[name] = sanitize_html(cleaned[name])
        self._check_version(cleaned.get("loaded_version"))
        return cleaned

    def _check_version(self, loaded):
        if self.instance.pk is None or not hasattr(self.instance, "version"):
            return
        current = (
            type(self.instance)
            ._base_manager.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if loaded is None or current is None or loaded != current:
            raise forms.ValidationError(STALE_MESSAGE, code="stale")
