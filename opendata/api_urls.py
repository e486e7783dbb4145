"""Versioned, not language-prefixed: the data holds every language at once."""

from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("v1/strategy", views.strategy_json, name="strategy"),
    path("v1/strategy.csv", views.strategy_csv, name="strategy-csv"),
    path("v1/strategy.schema.json", views.strategy_schema, name="strategy-schema"),
]
