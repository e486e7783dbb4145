"""The content checks panel on a content item's change form (``ContentChecksMixin``)."""

from django import forms
from django.contrib import admin
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from publishing.languages import language_codes
from publishing.preview import DRAFT_PARAMETER

from .checks import check_item

FIELD = "content_checks"


class ContentChecksMixin:
    """Adds the checks of the saved item (and its preview's accessibility check) at the top of
    its change form. They advise: nothing is refused because of them."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != FIELD]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is None or obj.pk is None:
            return fieldsets
        panel = (_("Content checks"), {"fields": [FIELD], "classes": ["content-checks"]})
        return [panel, *fieldsets]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), FIELD]

    @property
    def media(self):
        return super().media + forms.Media(
            css={"all": ["contentchecks/checks.css"]}, js=["contentchecks/checks.js"]
        )

    @admin.display(description=_("Before you publish"))
    def content_checks(self, obj):
        # A live item's form shows its working copy: check what will be published.
        query = f"?{DRAFT_PARAMETER}=1" if getattr(obj, "working_copy", None) else ""
        previews = []
        for code in language_codes():
            with translation.override(code):
                url = obj.get_absolute_url() + query
                previews.append((code, translation.get_language_info(code), url))
        return render_to_string(
            "admin/contentchecks/panel.html",
            {
                "reports": check_item(obj),
                "previews": previews,
                "axe_url": static("contentchecks/axe.min.js"),
            },
        )
