"""The language-prefixed page about the open data; the data itself is at /api/v1/ (gent/urls.py)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "opendata"

urlpatterns = [
    path(_("open-data/"), views.about, name="about"),
]
