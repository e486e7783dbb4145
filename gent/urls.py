from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    # set_language: the admin's language choice (the admin has no language prefix).
    path("i18n/", include("django.conf.urls.i18n")),
]

# Both languages carry a prefix (/nl/, /en/); a bare "/" is redirected by LocaleMiddleware to the
# visitor's language (cookie, then Accept-Language, then Dutch).
urlpatterns += i18n_patterns(
    path("", include("strategy.urls")),
    prefix_default_language=True,
)

# A database outage gets a friendly, translated 503 page instead of the 500 page (gent/errors.py).
handler500 = "gent.errors.server_error"
