from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "strategy"

urlpatterns = [
    path("", views.home, name="home"),
    # Before the theme pattern, which matches any single segment (a reserved slug for themes).
    path(_("whole-strategy/"), views.document, name="document"),
    path("<slug:theme_slug>/", views.theme_detail, name="theme"),
    path("<slug:theme_slug>/<slug:topic_slug>/", views.topic_detail, name="topic"),
]
