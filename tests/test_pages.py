"""The service pages: shipped texts in both languages, linked from every page, editable in the
admin with the rich-text allow-list, and never overwritten by loading the content again."""

import datetime
import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from pages.loader import load_pages
from pages.models import Page
from publishing.freshness import content_version, next_change
from publishing.models import Status
from tests.admin_helpers import errors_of, form_data
from tests.factories import PageFactory

PAGES = {
    "accessibility": ("/nl/info/toegankelijkheid/", "/en/info/accessibility/"),
    "privacy": ("/nl/info/privacy/", "/en/info/privacy/"),
    "contact": ("/nl/info/contact/", "/en/info/contact/"),
}


SECOND = timedelta(seconds=1)


@pytest.fixture
def pages(db):
    load_pages()


@pytest.mark.parametrize("kind", PAGES)
def test_service_pages_are_served_in_both_languages(client, soup, pages, kind):
    dutch, english = PAGES[kind]
    for path, language in ((dutch, "nl"), (english, "en")):
        response = client.get(path)
        assert response.status_code == 200, path
        assert not response.cookies
        page = soup(response)
        assert page.html["lang"] == language
        assert len(page.select("h1")) == 1
        links = {
            link["hreflang"]: link["href"] for link in page.select("link[rel=alternate][hreflang]")
        }
        assert links == {
            "nl": f"https://testserver{dutch}",
            "en": f"https://testserver{english}",
            "x-default": f"https://testserver{dutch}",
        }
        assert page.select_one(".breadcrumbs [aria-current=page]").get_text(strip=True)
        assert page.select_one("time")["datetime"] == "2026-11-26"


def test_every_page_footer_links_the_service_pages_and_open_data(client, soup, pages, content):
    for path in ("/nl/", "/en/", "/nl/zoeken/", "/nl/info/privacy/"):
        footer = soup(client.get(path)).select_one("footer")
        hrefs = {a["href"] for a in footer.select("a")}
        language = path[1:3]
        expected = {PAGES[k][0 if language == "nl" else 1] for k in PAGES}
        assert expected <= hrefs, path
        assert f"/{language}/open-data/" in hrefs


def test_accessibility_statement_has_the_eu_model_sections(client, soup, pages):
    text = soup(client.get("/nl/info/toegankelijkheid/")).main.get_text(" ")
    for part in (
        "gedeeltelijk in overeenstemming",
        "WCAG 2.1 niveau AA",
        "axe-core",
        "Niet-toegankelijke inhoud",
        "26 november 2026",
        "09 210 10 10",
        "gentinfo@stad.gent",
        "Vlaamse Ombudsdienst",
    ):
        assert part in text, part
    english = soup(client.get("/en/info/accessibility/")).main.get_text(" ")
    assert "partially compliant" in english and "Enforcement procedure" in english


def test_privacy_statement_says_what_the_feedback_form_stores(client, soup, pages):
    text = soup(client.get("/en/info/privacy/")).main.get_text(" ")
    for part in ("no cookies", "Google Analytics", "IP address", "two years", "data protection"):
        assert part in text, part


def test_feedback_form_links_the_privacy_statement(client, soup, pages):
    from tests.factories import ThemeFactory

    ThemeFactory(title_nl="Thema", slug_nl="thema")
    form = soup(client.get("/nl/thema/")).select_one("form.feedback-form")
    assert form.select_one("a[href='/nl/info/privacy/']")


def test_loading_again_keeps_edits_and_deletions(pages):
    page = Page.objects.get(kind="contact")
    page.title_nl = "Contacteer ons"
    page.save()
    Page.objects.get(kind="privacy").delete()
    assert load_pages().created == 0
    assert Page.objects.get(kind="contact").title_nl == "Contacteer ons"
    assert not Page.objects.filter(kind="privacy").exists()


def test_load_content_command_loads_the_service_pages(db):
    call_command("load_content", verbosity=0)
    assert set(Page.objects.values_list("kind", flat=True)) == set(PAGES)


def test_missing_page_is_a_404(client, db):
    assert client.get("/nl/info/contact/").status_code == 404


def test_saving_a_page_makes_cached_pages_miss(pages, committed):
    before = content_version()
    page = Page.objects.get(kind="contact")
    page.last_reviewed = datetime.date(2027, 1, 1)
    with committed():
        page.save()
    assert content_version() != before
    middle = content_version()
    with committed():
        page.delete()
    assert content_version() != middle


def test_service_pages_are_in_the_sitemap(client, pages):
    body = client.get("/sitemap.xml").content.decode()
    assert "<loc>https://testserver/nl/info/toegankelijkheid/</loc>" in body
    assert 'hreflang="en" href="https://testserver/en/info/accessibility/"' in body


def test_theme_slugged_like_the_prefix_keeps_both_working(client, pages):
    from tests.factories import ThemeFactory, TopicFactory

    theme = ThemeFactory(title_nl="Info", slug_nl="info")
    TopicFactory(theme=theme, title_nl="Wonen", slug_nl="wonen")
    assert client.get("/nl/info/").status_code == 200
    assert client.get("/nl/info/wonen/").status_code == 200
    assert client.get("/nl/info/privacy/").status_code == 200


def test_editor_changes_a_page_and_unsafe_html_is_removed(client, editor, soup, pages):
    page = Page.objects.get(kind="contact")
    change_url = f"/admin/pages/page/{page.pk}/change/"
    response = client.post(
        change_url,
        {
            **form_data(client.get(change_url)),
            "body_nl": '<p>Bel ons</p><script>alert(1)</script><p onclick="x()">hier</p>',
            "body_en": "<p>Call us</p>",
            "last_reviewed": "2027-01-02",
        },
    )
    assert response.status_code == 302, errors_of(response)
    client.logout()
    page.refresh_from_db()
    assert "<script>" not in page.body_nl and "onclick" not in page.body_nl
    shown = soup(client.get("/nl/info/contact/"))
    assert shown.select_one(".rich-text").get_text(" ", strip=True) == "Bel ons hier"
    assert shown.select_one("time")["datetime"] == "2027-01-02"


def test_dutch_title_and_body_are_required_in_the_admin(client, editor, pages):
    page = Page.objects.get(kind="contact")
    change_url = f"/admin/pages/page/{page.pk}/change/"
    response = client.post(
        change_url, {**form_data(client.get(change_url)), "title_nl": "", "body_nl": ""}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors.keys() >= {"title_nl", "body_nl"}


def test_service_page_uses_one_query_and_then_the_page_cache(
    client, django_assert_max_num_queries, pages
):
    # The next scheduled change is looked up once per content version (test_pagecache.py).
    next_change(content_version())
    with django_assert_max_num_queries(1):
        assert client.get("/en/info/contact/").status_code == 200
    with django_assert_max_num_queries(0):
        assert client.get("/en/info/contact/")["X-Page-Cache"] == "hit"


def sitemap_locations(client):
    return set(re.findall(r"<loc>(.*?)</loc>", client.get("/sitemap.xml").content.decode()))


def test_a_draft_service_page_is_hidden_from_visitors_and_previewed_by_staff(client, editor, soup):
    PageFactory(kind="contact", title_nl="Contacteer ons", status=Status.DRAFT)
    PageFactory(kind="privacy", title_nl="Privacy", title_en="Privacy")
    client.logout()
    for path in PAGES["contact"]:
        assert client.get(path).status_code == 404, path
    assert "https://testserver/nl/info/contact/" not in sitemap_locations(client)
    assert "https://testserver/nl/info/privacy/" in sitemap_locations(client)
    # The footer links the service pages without a query, so it still links the draft (a 404).
    footer = soup(client.get("/nl/info/privacy/")).select_one("footer")
    assert footer.select_one("a[href='/nl/info/contact/']")

    client.force_login(editor)
    for path in PAGES["contact"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert soup(response).select_one(".preview-banner[role=status]") is not None
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    live = client.get("/nl/info/privacy/")
    assert soup(live).select_one(".preview-banner") is None
    assert "no-store" in live["Cache-Control"]  # staff pages are never kept by any cache
    client.logout()
    assert client.get("/nl/info/contact/").status_code == 404  # the preview was not cached


def test_a_scheduled_service_page_comes_and_goes_at_its_times(client, db):
    now = timezone.now()
    start, end = now + timedelta(hours=1), now + timedelta(hours=2)
    PageFactory(kind="accessibility", publish_from=start, publish_until=end)
    dutch, english = PAGES["accessibility"]
    at = lambda moment: mock.patch("django.utils.timezone.now", return_value=moment)  # noqa: E731
    # Not yet published is unknown (404); past its end, it is gone (410).
    for moment, status in ((now, 404), (start + SECOND, 200), (end + SECOND, 410)):
        shown = status == 200
        with at(moment):
            statuses = {client.get(path).status_code for path in (dutch, english)}
            assert statuses == {status}, moment
            assert (f"https://testserver{dutch}" in sitemap_locations(client)) is shown
            if shown:  # a second visit comes from the page cache until the page's end
                assert client.get(dutch)["X-Page-Cache"] == "hit"
