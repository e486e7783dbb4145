"""The admin's content form: optimistic locking and rich text sanitising, for every content type.

Optimistic locking: the form carries the ``version`` the editor loaded, as a hidden field. Saving
checks it against the row (locked with SELECT … FOR UPDATE inside the admin's transaction); if
someone saved in between (in the admin, a PO import or a loader: all go through
``publishing.writes``, which adds one to the version), the form is shown again with the editor's
text in it and a clear error, instead of silently overwriting the other person's work.
"""

from django import forms

from .registry import rich_text_columns
from .richtext import sanitize_html
from .writes import StaleVersion, check_version


class ContentForm(forms.ModelForm):
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and hasattr(self.instance, "version"):
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        # Whatever the widget (or a hand-made POST) sends, only allow-listed HTML is stored.
        for name in rich_text_columns(self._meta.model) & cleaned.keys():
            if cleaned[name]:
                cleaned[name] = sanitize_html(cleaned[name])
        if self.instance.pk is not None and hasattr(self.instance, "version"):
            try:
                check_version(self.instance, cleaned.get("loaded_version"))
            except StaleVersion as stale:
                raise forms.ValidationError(stale.messages[0], code="stale") from None
        return cleaned
