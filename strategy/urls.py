from django.urls import path

from . import views

app_name = "strategy"

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:theme_slug>/", views.theme_detail, name="theme"),
    path("<slug:theme_slug>/<slug:topic_slug>/", views.topic_detail, name="topic"),
]
