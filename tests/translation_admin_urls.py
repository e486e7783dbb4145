"""The admin as it will be once the integrator adds ``TranslationStatusMixin`` to the strategy
admins (one line each in strategy/admin.py). Used by tests/test_translation_admin.py through
``@pytest.mark.urls``, so the tests do not depend on that line being there yet.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from strategy.models import Mission, Theme, Topic
from translations.admin import TranslationOverviewAdmin, TranslationStatusMixin
from translations.models import FieldTranslation

site = admin.AdminSite(name="admin")
for model in (Mission, Theme, Topic):
    base = type(admin.site._registry[model])  # whatever strategy/admin.py registers
    if not issubclass(base, TranslationStatusMixin):
        base = type(base.__name__, (TranslationStatusMixin, base), {})
    site.register(model, base)
site.register(FieldTranslation, TranslationOverviewAdmin)

urlpatterns = [path("admin/", site.urls)]
urlpatterns += i18n_patterns(path("", include("strategy.urls")), prefix_default_language=True)
