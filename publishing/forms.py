"""The admin's content form: optimistic locking and rich text sanitising, for every content type.

Optimistic locking: the form carries the ``version`` the editor loaded, as a hidden field. Saving
checks it against the row (locked with SELECT … FOR UPDATE inside the admin's transaction); if
someone saved in between (in the admin, a PO import or a loader: all go through
``publishing.writes``, which adds one to the version), the form is shown again with the editor's
text in it and a clear error, instead of silently overwriting the other person's work.

Rich text arrives as the editor's HTML (``<p>…</p><p>…</p>``). When the editor's script did not
load, the field is a plain text box: text without any markup is then read as typed, blank lines
between paragraphs and line breaks within them, so the paragraphs do not run together on the site.
Text with an element or comment left open (``<style>`` without ``</style>``), after which the
sanitiser would drop everything, is refused with a message instead of being saved cut short.
"""

import re

from django import forms
from django.utils.functional import cached_property
from django.utils.html import linebreaks
from django.utils.translation import gettext_lazy as _

from .changes import ChangeNoteFields, clean_change_note
from .registry import rich_text_columns
from .richtext import check_nothing_lost, sanitize_html
from .writes import StaleVersion, check_version

# The start of an HTML tag or comment: the text came from the rich-text editor (or is HTML).
MARKUP = re.compile(r"<[a-zA-Z/!]")


def typed_text_as_html(value):
    """Text typed without the editor as paragraphs; the editor's HTML as it is."""
    if MARKUP.search(value):
        return value
    return linebreaks(value.strip(), autoescape=True)


SAVE_FAILED_MESSAGE = _(
    "Your changes could not be saved just now: the database was busy or unavailable. Nothing "
    "was saved, and your text is still in the form below. Please wait a moment and save again."
)


class ContentForm(forms.ModelForm, ChangeNoteFields):
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Set by the admin when the database refused the save of this very input
    # (ContentAdmin.changeform_view): the form is then shown again, refused, with the message.
    save_failed = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and hasattr(self.instance, "version"):
            self.fields["loaded_version"].initial = self.instance.version

    def needs_version_check(self):
        return self.instance.pk is not None and hasattr(self.instance, "version")

    def clean(self):
        cleaned = super().clean()
        # Whatever the widget (or a hand-made POST) sends, only allow-listed HTML is stored.
        for name in rich_text_columns(self._meta.model) & cleaned.keys():
            if cleaned[name]:
                html = typed_text_as_html(cleaned[name])
                try:
                    check_nothing_lost(html)
                except forms.ValidationError as error:
                    self.add_error(name, error)  # the field keeps what the editor typed
                    continue
                cleaned[name] = sanitize_html(html)
        clean_change_note(self, cleaned)
        if self.save_failed:
            raise forms.ValidationError(SAVE_FAILED_MESSAGE, code="save_failed")
        if self.needs_version_check():
            try:
                check_version(self.instance, cleaned.get("loaded_version"))
            except StaleVersion as stale:
                raise forms.ValidationError(stale.messages[0], code="stale") from None
        return cleaned


class ContentRowForm(ContentForm):
    """A row of content items edited in another item's form (a theme's topics): a changed row
    is refused when its item was saved by someone else since the form was opened; an unchanged
    row is not saved, so it needs no check."""

    @cached_property
    def changed_data(self):
        # The version a row was loaded at is bookkeeping: on its own it does not make the row a
        # change to save (or to check).
        return [name for name in super().changed_data if name != "loaded_version"]

    def needs_version_check(self):
        return super().needs_version_check() and self.has_changed()
