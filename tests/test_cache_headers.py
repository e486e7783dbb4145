"""Headers that let a CDN or proxy cache in front keep public pages, and nothing personal."""

import pytest
from django.contrib.auth import get_user_model

from publishing.models import Status
from tests.factories import MissionFactory, ThemeFactory, TopicFactory


@pytest.fixture
def site(db):
    MissionFactory()
    theme = ThemeFactory(title_nl="Stad van morgen", title_en="City of tomorrow")
    topic = TopicFactory(theme=theme, title_nl="Wonen", title_en="Housing")
    return theme, topic


def directives(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}


@pytest.mark.parametrize("path", ["/nl/", "/en/"])
def test_by_default_a_shared_cache_must_ask_every_time(client, site, path):
    for response in (client.get(path), client.get(path)):  # the miss and the hit
        assert {"public", "no-cache"} <= directives(response)
        assert not any(d.startswith("s-maxage") for d in directives(response))


@pytest.mark.parametrize("page", ["home", "theme", "topic"])
def test_a_cdn_may_keep_public_pages_when_configured(client, site, settings, page):
    settings.SHARED_CACHE_SECONDS = 120
    settings.SHARED_CACHE_STALE_SECONDS = 30
    theme, topic = site
    path = {
        "home": "/nl/",
        "theme": f"/nl/{theme.slug_nl}/",
        "topic": f"/en/{theme.slug_en}/{topic.slug_en}/",
    }[page]
    miss, hit = client.get(path), client.get(path)
    assert hit["X-Page-Cache"] == "hit"
    for response in (miss, hit):
        assert directives(response) == {
            "public",
            "max-age=0",
            "s-maxage=120",
            "stale-while-revalidate=30",
        }
        # A strong ETag: a hash of the exact bytes, so a CDN may use it for ranges and 304s.
        assert response["ETag"].startswith('"') and not response["ETag"].startswith("W/")
        # The language is in the path: one entry per URL. Cookies make a visitor personal.
        assert "cookie" in vary(response)
        assert "accept-language" not in vary(response)
    assert miss["ETag"] == hit["ETag"]


def test_the_language_redirect_is_never_kept_by_a_shared_cache(client, site, settings):
    settings.SHARED_CACHE_SECONDS = 120
    response = client.get("/", headers={"Accept-Language": "en"})
    assert response.status_code == 302
    assert "public" not in directives(response)
    assert "private" in directives(response)


def test_logged_in_pages_are_private_and_never_stored(client, site, settings):
    settings.SHARED_CACHE_SECONDS = 120
    client.force_login(get_user_model().objects.create_user("someone"))
    response = client.get("/nl/")
    assert response["X-Page-Cache"] == "bypass"
    assert {"private", "no-store"} <= directives(response)
    assert not any(d.startswith(("s-maxage", "public")) for d in directives(response))


def test_a_preview_of_a_draft_is_private_and_never_stored(client, site, settings, editor):
    settings.SHARED_CACHE_SECONDS = 120
    draft = ThemeFactory(title_nl="Nog geheim", status=Status.DRAFT)
    response = client.get(f"/nl/{draft.slug_nl}/")
    assert response.status_code == 200 and "Nog geheim" in response.content.decode()
    assert {"private", "no-store"} <= directives(response)
    assert "public" not in directives(response)


def test_a_draft_is_not_found_for_visitors_and_that_answer_is_not_shared(client, site, settings):
    settings.SHARED_CACHE_SECONDS = 120
    draft = ThemeFactory(title_nl="Nog geheim", status=Status.DRAFT)
    response = client.get(f"/nl/{draft.slug_nl}/")
    assert response.status_code == 404
    # When it is published, a CDN must not still answer 404 from its store.
    assert "public" not in directives(response)


def test_the_admin_is_private_and_never_stored(client, site, editor):
    response = client.get("/admin/")
    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)


def test_the_admin_login_form_with_its_csrf_cookie_is_never_stored(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "csrftoken" in response.cookies
    assert {"private", "no-store"} <= directives(response)


def test_feedback_answers_are_private(client, site):
    theme, _ = site
    thanks = client.get("/nl/feedback/bedankt/")
    assert thanks.status_code == 200
    assert "private" in directives(thanks) and "public" not in directives(thanks)
    sent = client.post(
        "/nl/feedback/",
        {"page": f"theme:{theme.pk}", "helpful": "yes"},
        headers={"Origin": "https://testserver"},
    )
    assert "public" not in directives(sent)


def test_a_hit_answered_before_the_csp_middleware_still_carries_its_policies(client, site):
    miss, hit = client.get("/nl/"), client.get("/nl/")
    assert hit["X-Page-Cache"] == "hit"
    assert "default-src 'self'" in hit["Content-Security-Policy"]
    assert hit["Content-Security-Policy"] == miss["Content-Security-Policy"]
    assert hit["Permissions-Policy"] == miss["Permissions-Policy"]


def test_a_hit_is_sent_compressed_to_those_who_accept_it(client, site):
    import gzip

    plain = client.get("/nl/")
    compressed = client.get("/nl/", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert compressed["X-Page-Cache"] == "hit"
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert int(compressed["Content-Length"]) == len(compressed.content) < len(plain.content)
    # Other bytes, another strong ETag; both answer their own conditional request with a 304.
    assert compressed["ETag"] != plain["ETag"] and not compressed["ETag"].startswith("W/")
    assert "accept-encoding" in vary(plain) and "accept-encoding" in vary(compressed)
    again = client.get(
        "/nl/", headers={"Accept-Encoding": "gzip", "If-None-Match": compressed["ETag"]}
    )
    assert again.status_code == 304
    assert "Content-Encoding" not in client.get("/nl/")


def test_nginx_is_told_the_shared_lifetime_only_for_public_pages(client, site, settings):
    settings.SHARED_CACHE_SECONDS = 60
    assert client.get("/nl/")["X-Accel-Expires"] == "60"
    client.force_login(get_user_model().objects.create_user("someone"))
    assert "X-Accel-Expires" not in client.get("/nl/")
