"""Editors see, add and remove redirects; the site records most of them itself."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Redirect
from .recording import add_redirect


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ("old_path", "answer", "language", "automatic", "created_at")
    list_filter = ("automatic",)
    search_fields = ("old_path", "new_path")
    fields = ("old_path", "new_path", "parent_path", "automatic", "created_at")
    readonly_fields = ("parent_path", "automatic", "created_at")

    @admin.display(description=_("answer"), ordering="new_path")
    def answer(self, obj):
        return obj.new_path or _("Taken offline (410)")

    @admin.display(description=_("language"))
    def language(self, obj):
        return obj.language.upper()

    def save_model(self, request, obj, form, change):
        if obj.new_path:
            # Through the recorder, so that what pointed to the old address is collapsed onto the
            # new one (no chains), as for the redirects the site records itself.
            saved = add_redirect(obj.old_path, obj.new_path, automatic=obj.automatic)
            if change and saved.pk != obj.pk:
                Redirect.objects.filter(pk=obj.pk).delete()
            obj.pk = saved.pk
        else:
            super().save_model(request, obj, form, change)
