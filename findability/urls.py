"""Language-prefixed routes of the findability app (included in i18n_patterns before strategy's
theme pattern, so that ``/nl/zoeken/`` is the search page and not a theme called "zoeken")."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "findability"

urlpatterns = [
    path(_("search/"), views.search, name="search"),
]
