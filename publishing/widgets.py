"""The rich text editor widget for theme and topic bodies (django-prose-editor, served locally).

The toolbar offers exactly what ``publishing.richtext`` keeps: headings h2–h4, paragraphs, lists,
links, bold, italic and quotes. The server sanitises whatever arrives anyway (see forms.py).
"""

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django_prose_editor.widgets import AdminProseEditorWidget

RICH_TEXT_EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "HardBreak": True,
    "History": True,
}


class RichTextWidget(AdminProseEditorWidget):
    """django-prose-editor's admin widget without the inline import map (see prose-editor.js)."""

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, config={"extensions": RICH_TEXT_EXTENSIONS}, preset="gent")

    @property
    def media(self):
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "django_prose_editor/overrides.css",
                    "strategy/admin/prose-editor.css",
                ]
            },
            js=[forms.Script("strategy/admin/prose-editor.js", type="module")],
        )


class LabelledSplitDateTime(AdminSplitDateTime):
    """The admin's date + time widget with a <label> for each input (Django's has bare text)."""

    template_name = "publishing/widgets/split_datetime.html"

    def __init__(self, attrs=None, field_label=""):
        super().__init__(attrs=attrs)
        self.field_label = field_label

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["field_label"] = self.field_label
        return context
