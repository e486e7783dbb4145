from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.decorators.http import require_safe

from findability.sitemaps import sitemaps as findability_sitemaps
from findability.views import robots_txt
from gent import dashboard
from gent.media import serve_media
from opendata.sitemaps import sitemaps as opendata_sitemaps
from pages.sitemaps import sitemaps as pages_sitemaps
from strategy.sitemaps import sitemaps as strategy_sitemaps

# Each app lists its own pages. The search page is not listed: it is "noindex" (results pages).
sitemaps = {**strategy_sitemaps, **pages_sitemaps, **opendata_sitemaps, **findability_sitemaps}

urlpatterns = [
    # The editors' start page replaces the admin's index (gent/dashboard.py).
    path("admin/", require_safe(admin.site.admin_view(dashboard.index))),
    path("admin/", admin.site.urls),
    # set_language: the admin's language choice (the admin has no language prefix).
    path("i18n/", include("django.conf.urls.i18n")),
    # Not language-prefixed: crawlers look for them at the root.
    # GET and HEAD only: Django's sitemap view answers any method (TRACE, OPTIONS) with the body.
    path("sitemap.xml", require_safe(sitemap), {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("api/", include("opendata.api_urls")),
    # Uploaded images on one machine (gent/media.py); behind nginx, nginx answers /media/ itself.
    re_path(r"^media/(?P<path>.+)$", serve_media, name="media"),
]

# Both languages carry a prefix (/nl/, /en/); a bare "/" is redirected by LocaleMiddleware to the
# visitor's language (cookie, then Accept-Language, then Dutch).
# The fixed, translated paths (search, …) come before strategy.urls: its "<theme_slug>/" pattern
# matches any single segment, so whatever is listed first wins.
urlpatterns += i18n_patterns(
    path("", include("findability.urls")),
    path("", include("opendata.urls")),
    path("", include("participation.urls")),
    path("", include("pages.urls")),
    path("", include("strategy.urls")),
    prefix_default_language=True,
)

# Styled, translated error pages in the URL's language, the admin's own under /admin/; a database
# outage gets a 503 page instead of the 500 page (gent/errors.py).
handler400 = "gent.errors.bad_request"
handler403 = "gent.errors.permission_denied"
handler404 = "gent.errors.page_not_found"
handler500 = "gent.errors.server_error"
