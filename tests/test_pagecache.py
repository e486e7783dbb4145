"""Anonymous visitors get public pages from the shared cache, and never a stale one."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from publishing.models import Status
from publishing.pagecache import cache_public_page
from tests.factories import MissionFactory, ThemeFactory, TopicFactory


@pytest.fixture
def site(db):
    mission = MissionFactory()
    theme = ThemeFactory(title_nl="Stad van morgen", title_en="City of tomorrow")
    topic = TopicFactory(theme=theme, title_nl="Wonen", title_en="Housing")
    return mission, theme, topic


def pages(theme, topic):
    return {
        "home": "/nl/",
        "theme": f"/nl/{theme.slug_nl}/",
        "topic": f"/nl/{theme.slug_nl}/{topic.slug_nl}/",
        "english topic": f"/en/{theme.slug_en}/{topic.slug_en}/",
    }


@pytest.mark.parametrize("page", ["home", "theme", "topic", "english topic"])
def test_second_visit_is_served_from_the_cache_without_queries(
    client, site, page, django_assert_num_queries
):
    _, theme, topic = site
    path = pages(theme, topic)[page]
    first = client.get(path)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(path)
    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Type"] == "text/html; charset=utf-8"


@pytest.mark.parametrize("page", ["home", "theme", "topic"])
def test_an_edit_is_on_the_next_request(client, site, page, committed):
    _, theme, topic = site
    path = pages(theme, topic)[page]
    client.get(path)
    assert client.get(path)["X-Page-Cache"] == "hit"

    topic.title_nl = "Wonen in de stad"
    with committed():
        topic.save()

    response = client.get(path)
    assert response["X-Page-Cache"] == "miss"
    assert "Wonen in de stad" in response.content.decode()


def test_unchanged_page_is_a_304_and_a_changed_one_is_not(client, site, committed):
    _, theme, _ = site
    path = f"/nl/{theme.slug_nl}/"
    etag = client.get(path)["ETag"]

    not_modified = client.get(path, headers={"If-None-Match": etag})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag

    theme.intro_nl = "Een nieuwe inleiding."
    with committed():
        theme.save()
    changed = client.get(path, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Een nieuwe inleiding." in changed.content.decode()


def test_browsers_keep_the_page_but_must_ask_again_every_time(client, site):
    response = client.get("/nl/")
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "no-cache"} <= directives
    assert "Cookie" in response["Vary"]


def test_each_language_has_its_own_entry_and_every_host_shares_it(client, site):
    dutch = client.get("/nl/")
    english = client.get("/en/")
    assert dutch["Content-Language"] == "nl" and english["Content-Language"] == "en"
    assert "City of tomorrow" in english.content.decode()
    # The page names the public origin, not the host it was asked on (tests/test_hosts.py).
    other_host = client.get("/nl/", headers={"Host": "localhost:8443"})
    assert other_host["X-Page-Cache"] == "hit"
    assert other_host.content == dutch.content


def test_staff_bypass_the_cache_and_their_pages_are_not_stored(client, site):
    staff = get_user_model().objects.create_user("editor", is_staff=True)
    client.force_login(staff)
    response = client.get("/nl/")
    assert response["X-Page-Cache"] == "bypass"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert client.get("/nl/")["X-Page-Cache"] == "bypass"

    client.logout()
    client.cookies.clear()
    assert client.get("/nl/")["X-Page-Cache"] == "miss"


def test_a_visitor_with_a_csrf_cookie_bypasses_the_cache(client, site):
    client.get("/nl/")
    client.cookies["csrftoken"] = "x" * 32
    assert client.get("/nl/")["X-Page-Cache"] == "bypass"


def test_query_strings_are_rendered_but_never_stored(client, site):
    first = client.get("/nl/?utm_source=nieuwsbrief")
    assert first.status_code == 200 and first["X-Page-Cache"] == "bypass"
    assert client.get("/nl/?utm_source=nieuwsbrief")["X-Page-Cache"] == "bypass"
    assert client.get("/nl/")["X-Page-Cache"] == "miss"


def test_not_found_is_not_cached(client, site):
    assert client.get("/nl/bestaat-niet/").status_code == 404
    ThemeFactory(title_nl="Bestaat niet")
    assert client.get("/nl/bestaat-niet/").status_code == 200


@pytest.mark.parametrize(
    "make_response",
    [
        pytest.param(lambda request: HttpResponse(get_token(request)), id="csrf token in page"),
        pytest.param(
            lambda request: _with_cookie(HttpResponse("hallo"), "tracker", "1"), id="sets cookie"
        ),
        pytest.param(lambda request: HttpResponse("weg", status=410), id="not 200"),
        pytest.param(
            lambda request: _with_header(HttpResponse("privé"), "Cache-Control", "private"),
            id="private",
        ),
    ],
)
def test_personal_or_unusual_responses_are_never_stored(db, make_response):
    view = cache_public_page(make_response)
    factory = RequestFactory(headers={"X-Forwarded-Proto": "https"})
    first = view(factory.get("/nl/proef/"))
    second = view(factory.get("/nl/proef/"))
    assert first["X-Page-Cache"] == second["X-Page-Cache"] == "miss"


def _with_cookie(response, name, value):
    response.set_cookie(name, value)
    return response


def _with_header(response, name, value):
    response[name] = value
    return response


def test_a_scheduled_theme_appears_when_its_time_comes(client, site):
    start = timezone.now() + timedelta(minutes=10)
    ThemeFactory(title_nl="Stad van overmorgen", publish_from=start, status=Status.PUBLISHED)
    assert "Stad van overmorgen" not in client.get("/nl/").content.decode()
    assert client.get("/nl/")["X-Page-Cache"] == "hit"

    with mock.patch("django.utils.timezone.now", return_value=start + timedelta(seconds=1)):
        response = client.get("/nl/")
    assert response["X-Page-Cache"] == "miss"
    assert "Stad van overmorgen" in response.content.decode()


def test_a_theme_leaves_when_its_time_is_up(client, site):
    end = timezone.now() + timedelta(minutes=10)
    ThemeFactory(title_nl="Tijdelijk thema", publish_until=end, status=Status.PUBLISHED)
    assert "Tijdelijk thema" in client.get("/nl/").content.decode()
    assert client.get("/nl/")["X-Page-Cache"] == "hit"

    with mock.patch("django.utils.timezone.now", return_value=end):
        assert "Tijdelijk thema" not in client.get("/nl/").content.decode()


def test_the_schedule_costs_one_query_per_edit_not_one_per_page(client, site):
    _, theme, topic = site
    theme.save()
    with CaptureQueriesContext(connection) as first_miss:
        client.get(f"/nl/{theme.slug_nl}/")
    with CaptureQueriesContext(connection) as second_miss:
        client.get(f"/nl/{theme.slug_nl}/{topic.slug_nl}/")
    assert sum("UNION" in query["sql"] for query in first_miss.captured_queries) == 1
    assert sum("UNION" in query["sql"] for query in second_miss.captured_queries) == 0


def test_cache_switched_off_still_answers_conditional_requests(client, site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    first = client.get("/nl/")
    assert first["X-Page-Cache"] == "off"
    assert client.get("/nl/")["X-Page-Cache"] == "off"
    assert client.get("/nl/", headers={"If-None-Match": first["ETag"]}).status_code == 304


def test_one_machine_without_redis_shares_one_cache_between_workers(tmp_path):
    """Workers are processes: what one of them caches (and bumps), the others must see."""
    root = Path(__file__).resolve().parent.parent
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_ENV_FILE": "",
        "DJANGO_SECRET_KEY": "s" * 50,
        "DJANGO_SETTINGS_MODULE": "gent.settings",
        "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
    }
    code = (
        "import sys, django; django.setup()\n"
        "from publishing.freshness import bump_content_version, content_version\n"
        "if sys.argv[1] == 'bump': bump_content_version()\n"
        "print(content_version())"
    )

    def worker(action):
        result = subprocess.run(
            [sys.executable, "-c", code, action], cwd=root, env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        return int(result.stdout)

    first = worker("read")
    bumped = worker("bump")
    assert bumped > first
    assert worker("read") == bumped


@pytest.mark.parametrize("page", ["home", "theme", "english topic"])
def test_a_hit_carries_the_same_headers_as_the_page_it_was_stored_from(client, site, page):
    _, theme, topic = site
    path = pages(theme, topic)[page]
    miss, hit = client.get(path), client.get(path)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    varying = {"X-Page-Cache", "X-Request-ID", "Date"}
    assert {k: v for k, v in miss.items() if k not in varying} == {
        k: v for k, v in hit.items() if k not in varying
    }


def test_a_hit_is_answered_before_the_session_and_url_machinery(client, site):
    _, theme, _ = site
    path = f"/nl/{theme.slug_nl}/"
    client.get(path)
    with (
        mock.patch("django.urls.resolvers.URLResolver.resolve") as resolve,
        mock.patch("django.contrib.sessions.middleware.SessionMiddleware.process_request") as sess,
    ):
        response = client.get(path)
    assert response["X-Page-Cache"] == "hit"
    assert not resolve.called and not sess.called


@pytest.mark.parametrize(("cookie", "query"), [("sessionid", ""), ("csrftoken", ""), (None, "q=1")])
def test_personal_requests_and_query_strings_never_get_the_early_hit(client, site, cookie, query):
    _, theme, _ = site
    path = f"/nl/{theme.slug_nl}/"
    client.get(path)
    if cookie:
        client.cookies[cookie] = "x" * 32
    response = client.get(path, QUERY_STRING=query)
    assert response["X-Page-Cache"] != "hit"
