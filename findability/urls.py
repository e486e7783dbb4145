"""Language-prefixed routes of the findability app (included in i18n_patterns before strategy's
theme pattern, so that ``/nl/zoeken/`` is the search page and not a theme called "zoeken")."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import changes, views

app_name = "findability"

urlpatterns = [
    path(_("search/"), views.search, name="search"),
    path(_("what-changed/"), changes.changes_page, name="changes"),
    path(_("what-changed/feed/"), changes.changes_feed, name="changes-feed"),
]
