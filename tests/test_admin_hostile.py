"""No admin URL or filter answers a malformed value with a 500 (issue 11).

A hostile review found two by hand (letters as version ids in the compare view, a five-digit
year in the feedback date filter). This walks them all instead: every URL pattern of the admin
site with hostile values in each path parameter, and every filter and date-hierarchy parameter
of every registered model's change list, plus the compare view's query parameters on a real
item. Logged in as a superuser: this is about crashes, not roles (test_roles.py does those).
"""

import re

import pytest
import reversion
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver
from reversion.models import Version

from publishing.writes import save_content
from tests.factories import ThemeFactory, UserFactory

HOSTILE = ["abc", "-1", "99999999999999999999", "%00", "../"]
# Filter values also get the ones that broke the date hierarchy (year 9999 overflows at its end).
HOSTILE_FILTER = [*HOSTILE, "9999"]
# Path converters (<int:pk>, <path:object_id>) and regex groups ((?P<app_label>auth|…)).
PARAMETER = re.compile(r"<(?:\w+:)?\w+>|\(\?P<\w+>[^)]*\)")


def admin_routes(patterns=None, prefix=""):
    """Every admin URL pattern as a route string (``auth/user/<path:object_id>/change/``)."""
    for entry in admin.site.get_urls() if patterns is None else patterns:
        route = prefix + str(entry.pattern).lstrip("^").rstrip("$")
        if isinstance(entry, URLResolver):
            yield from admin_routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


def with_values(route):
    """The route with each hostile value in every parameter at once (and, for routes with two
    parameters, a valid-looking first one and a hostile second one)."""
    if not PARAMETER.search(route):
        return [route]
    paths = [PARAMETER.sub(lambda _m, v=value: v, route) for value in HOSTILE]
    if len(PARAMETER.findall(route)) > 1:
        first = PARAMETER.sub("1", route, count=1)
        paths += [PARAMETER.sub(lambda _m, v=value: v, first) for value in HOSTILE]
    return paths


@pytest.fixture
def superuser_client(db):
    client = Client(
        raise_request_exception=False,
        headers={"X-Forwarded-Proto": "https", "Host": "testserver"},
    )
    client.force_login(UserFactory(is_superuser=True))
    return client


def crashes(client, urls):
    """The URLs (of ``urls``) the admin answers with a 500."""
    failed = []
    for url in urls:
        response = client.get(url)
        if response.status_code >= 500:
            failed.append(f"{url} -> {response.status_code}")
    return failed


def test_the_walk_covers_the_admin():
    routes = list(admin_routes())
    assert len(routes) > 50
    assert any(route.endswith("history/compare/") for route in routes)
    assert "participation/feedback/" in routes


def test_no_admin_url_crashes_on_hostile_path_values(superuser_client):
    ThemeFactory()
    urls = [f"/admin/{path}" for route in admin_routes() for path in with_values(route)]
    failed = crashes(superuser_client, urls)
    assert not failed, "\n".join(failed)


def filter_parameters(model_admin, client):
    """Every query parameter the change list's filters and date hierarchy read."""
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = client.session_user
    changelist = model_admin.get_changelist_instance(request)
    names = set()
    for spec in changelist.filter_specs:
        names.update(spec.expected_parameters())
    if model_admin.date_hierarchy:
        names.update(f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day"))
    return sorted(names)


def test_no_change_list_crashes_on_hostile_filter_values(superuser_client):
    from django.contrib.auth import get_user_model

    superuser_client.session_user = get_user_model().objects.get(is_superuser=True)
    ThemeFactory()
    urls = []
    for model, model_admin in admin.site._registry.items():
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        for name in filter_parameters(model_admin, superuser_client):
            urls += [f"{base}?{name}={value}" for value in HOSTILE_FILTER]
    assert len(urls) > 100
    assert "/admin/participation/feedback/?created_at__year=9999" in urls
    failed = crashes(superuser_client, urls)
    assert not failed, "\n".join(failed)


def test_the_compare_view_refuses_malformed_version_ids_cleanly(superuser_client):
    theme = ThemeFactory()
    with reversion.create_revision():
        save_content(theme)
    version = Version.objects.get_for_object(theme).first()
    base = f"/admin/strategy/theme/{theme.pk}/history/compare/"
    queries = (
        [f"?from={value}&to={version.pk}" for value in HOSTILE]
        + [f"?from={version.pk}&to={value}" for value in HOSTILE]
        + ["", "?from=1", "?to=&from="]
    )
    failed = crashes(superuser_client, [base + query for query in queries])
    assert not failed, "\n".join(failed)
    assert superuser_client.get(f"{base}?from=abc&to={version.pk}").status_code == 404
