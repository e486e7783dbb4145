"""Every error a visitor or an editor can meet: the right status, the right methods, and a styled
page in the URL's language that says what to do next (issue 11)."""

from datetime import UTC, datetime

import pytest
from django.db import OperationalError
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gent.errors import server_error
from participation.models import Feedback
from tests.factories import FeedbackFactory, UserFactory

pytestmark = pytest.mark.usefixtures("content")

PUBLIC_PAGES = ["/nl/", "/en/city-of-the-future/", "/nl/stad-van-kansen/werk/", "/nl/zoeken/"]
NOT_PAGES = ["/sitemap.xml", "/robots.txt", "/api/v1/strategy", "/api/v1/strategy.csv"]


@pytest.fixture
def strict():
    """A browser as it really is: CSRF checks on (Django's test client switches them off)."""
    return Client(enforce_csrf_checks=True, headers={"X-Forwarded-Proto": "https"})


def assert_styled(response, language):
    """A real page under the CSP: the site's stylesheet, no inline style or script, a way on."""
    html = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    # A browser shows nothing of a body its Content-Length says is empty.
    assert int(response.get("Content-Length", len(response.content))) == len(response.content)
    assert f'<html lang="{language}"' in html
    assert 'rel="stylesheet"' in html
    assert "<style" not in html and " style=" not in html and " on" + "click=" not in html
    for script in html.split("<script")[1:]:
        assert 'type="application/ld+json"' in script.split(">")[0] or " src=" in script
    assert "href=" in html.split("<main", 1)[-1]  # a link onwards inside the page's content


# --- Methods -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PUBLIC_PAGES + NOT_PAGES)
@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_writing_methods_are_405_with_allow_not_a_csrf_failure(strict, path, method):
    response = getattr(strict, method)(path)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


@pytest.mark.parametrize("path", PUBLIC_PAGES + NOT_PAGES)
def test_trace_is_405_and_options_answers_only_the_allowed_methods(strict, path):
    trace = strict.generic("TRACE", path)
    assert trace.status_code == 405 and trace["Allow"] == "GET, HEAD"
    options = strict.options(path)
    assert options.status_code in (204, 405)
    assert set(options["Allow"].replace(" ", "").split(",")) <= {"GET", "HEAD", "OPTIONS"}
    for answer in (trace, options):
        assert b"<urlset" not in answer.content and b"Sitemap:" not in answer.content


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_the_feedback_endpoint_takes_post_only(strict, method):
    response = getattr(strict, method)("/nl/feedback/")
    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_a_405_is_a_styled_page_in_the_urls_language(strict):
    response = strict.put("/en/city-of-the-future/")
    assert_styled(response, "en")
    assert "Method not allowed" in response.content.decode()
    dutch = strict.delete("/nl/")
    assert_styled(dutch, "nl")
    assert "Methode niet toegestaan" in dutch.content.decode()


def public_routes(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name != "admin" and "i18n" not in str(entry.pattern):
                yield from public_routes(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_every_public_route_declares_its_methods():
    """The 405-before-CSRF middleware reads each view's method list; a view that hides it (or a
    Django that stops keeping it where we read it) would be back to a CSRF failure page."""
    from gent.middleware import allowed_methods

    routes = dict(public_routes())
    assert len(routes) > 10
    for route, view in routes.items():
        assert allowed_methods(view) in (["GET", "HEAD"], ["POST"]), route


# --- Error pages ---------------------------------------------------------------------------------


def test_a_csrf_failure_is_a_styled_403_that_says_what_to_do(strict, soup):
    # In the admin (a login form left open too long): the admin's style, and a way back.
    response = strict.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    page = soup(response)
    assert "Formulier verlopen" in page.title.get_text()
    assert page.select_one('#content-main a[href="/admin/"]') is not None
    assert "CSRF" not in page.get_text()
    # Elsewhere: the site's style.
    response = strict.post("/i18n/setlang/", {"language": "en"})
    assert response.status_code == 403
    assert_styled(response, "nl")
    assert "Formulier verlopen" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "words"), [("nl", "Pagina niet gevonden"), ("en", "Page not found")]
)
def test_404_is_styled_in_the_urls_language(client, language, words):
    response = client.get(f"/{language}/bestaat-niet/helemaal-niet/")
    assert response.status_code == 404
    assert_styled(response, language)
    assert words in response.content.decode()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_400_for_a_forged_host_is_styled_in_the_urls_language(client, language):
    response = client.get(f"/{language}/", headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert_styled(response, language)
    assert "evil.example" not in response.content.decode()


def test_500_is_in_the_urls_language(rf):
    for language, words in (("nl", "Er ging iets mis"), ("en", "Something went wrong")):
        try:
            raise ValueError("boom")
        except ValueError:
            response = server_error(rf.get(f"/{language}/"))
        assert response.status_code == 500
        assert_styled(response, language)
        assert words in response.content.decode()


def test_503_is_in_the_urls_language(rf):
    try:
        raise OperationalError("database is locked")
    except OperationalError:
        response = server_error(rf.get("/en/"))
    assert response.status_code == 503
    assert_styled(response, "en")
    assert "Temporarily unavailable" in response.content.decode()


@pytest.mark.parametrize(("status", "words"), [(413, "Too much data"), (429, "Too many requests")])
def test_an_empty_413_or_429_gets_its_page_and_keeps_its_headers(status, words):
    def limited(request):
        from django.http import HttpResponse

        response = HttpResponse(status=status)
        response["Retry-After"] = "60"
        return response

    from gent.middleware import ErrorPageMiddleware

    request = RequestFactory().post("/en/feedback/")
    response = ErrorPageMiddleware(limited)(request)
    assert response.status_code == status and response["Retry-After"] == "60"
    assert_styled(response, "en")
    assert words in response.content.decode()


def test_a_locked_out_login_is_a_429_page_that_says_how_long(client, settings):
    UserFactory(username="redacteur", groups=["Redacteur"])
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        response = client.post(
            "/admin/login/", {"username": "redacteur", "password": "fout"}, headers={"Cookie": ""}
        )
    assert response.status_code == 429
    html = response.content.decode().replace("\xa0", " ")
    assert len(html) > 500 and '<html lang="nl"' in html
    assert "1 uur" in html  # AXES_COOLOFF_TIME = 1 hour, in the admin's language
    assert 'rel="stylesheet"' in html and "<style" not in html
    assert response["Retry-After"] == "3600"


# --- The admin -----------------------------------------------------------------------------------


def test_a_403_in_the_admin_is_in_the_admins_style_with_a_way_back(client, translator, soup):
    response = client.get("/admin/participation/feedback/")
    assert response.status_code == 403
    page = soup(response)
    assert page.select_one("#header #site-name") is not None  # the admin's header, not the site's
    assert page.select_one(".site-header") is None
    assert page.select_one('#content-main a[href="/admin/"]') is not None


def test_the_feedback_change_page_shows_the_same_local_time_as_the_list(client, editor):
    feedback = FeedbackFactory(page_title="Wonen")
    # 20:30 UTC is 21:30 in Brussels in winter.
    moment = datetime(2026, 1, 15, 20, 30, tzinfo=UTC)
    Feedback.objects.filter(pk=feedback.pk).update(created_at=moment)
    listing = client.get("/admin/participation/feedback/").content.decode()
    change = client.get(f"/admin/participation/feedback/{feedback.pk}/change/").content.decode()
    assert "21:30" in listing
    assert "21:30" in change and "20:30" not in change


def test_the_page_type_filter_lists_only_the_content_types(client, editor, soup):
    FeedbackFactory()
    page = soup(client.get("/admin/participation/feedback/"))
    [type_filter] = [
        details
        for details in page.select("#changelist-filter details")
        if "content_type__id__exact" in str(details)
    ]
    names = {a.get_text(strip=True).lower() for a in type_filter.select("a")}
    assert {"thema", "subthema"} <= names
    assert not names & {"session", "sessie", "access attempt", "versie", "version", "revisie"}
    assert reverse("admin:index") == "/admin/"


@pytest.mark.parametrize("path", ["/admin/strategy/theme/", "/admin/participation/feedback/"])
def test_a_nul_byte_in_an_admin_query_parameter_is_a_400_not_a_database_error(client, editor, path):
    response = client.get(f"{path}?status__exact=%00&q=a%00b")
    assert response.status_code == 400
