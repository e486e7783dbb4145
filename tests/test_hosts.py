"""Absolute URLs come from the configured public origin (DJANGO_PUBLIC_ORIGIN), never from the
request's Host header: any port on an allowed host reaches the app, and a page cached for everyone
must not name it, nor get one cache entry per port (issue 11)."""

import json

import pytest

from publishing.freshness import bump_content_version
from tests.test_settings import load_settings

pytestmark = pytest.mark.usefixtures("content")

ORIGIN = "https://strategie.stad.gent"
OTHER_PORTS = ["testserver:8443", "testserver:1", "localhost:9999", "127.0.0.1:8000"]


@pytest.fixture
def public_origin(settings):
    settings.PUBLIC_ORIGIN = ORIGIN
    bump_content_version()  # nothing cached under the old origin is served


def links(page):
    head = {
        link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')
    }
    head["canonical"] = page.select_one('link[rel="canonical"]')["href"]
    return head


@pytest.mark.parametrize("host", OTHER_PORTS)
def test_canonical_and_hreflang_name_the_public_origin_whatever_the_host(
    client, soup, public_origin, host
):
    response = client.get("/en/city-of-the-future/", headers={"Host": host})
    assert response.status_code == 200
    page = soup(response)
    assert links(page) == {
        "canonical": f"{ORIGIN}/en/city-of-the-future/",
        "nl": f"{ORIGIN}/nl/stad-van-de-toekomst/",
        "en": f"{ORIGIN}/en/city-of-the-future/",
        "x-default": f"{ORIGIN}/nl/stad-van-de-toekomst/",
    }
    html = response.content.decode()
    assert host not in html and "testserver" not in html
    structured = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert all(item["@id"].startswith(ORIGIN) for item in structured["@graph"] if "@id" in item)
    assert page.select_one('meta[property="og:url"]')["content"].startswith(ORIGIN)


@pytest.mark.parametrize("host", OTHER_PORTS)
def test_sitemap_and_robots_txt_name_the_public_origin(client, public_origin, host):
    sitemap = client.get("/sitemap.xml", headers={"Host": host}).content.decode()
    assert f"<loc>{ORIGIN}/nl/</loc>" in sitemap
    assert host not in sitemap and "testserver" not in sitemap
    robots = client.get("/robots.txt", headers={"Host": host}).content.decode()
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in robots
    assert host not in robots


def test_the_open_data_api_names_the_public_origin(client, public_origin):
    for host in ("testserver", "testserver:8443"):
        data = client.get("/api/v1/strategy", headers={"Host": host}).json()
        assert data["themes"][0]["url"]["nl"].startswith(f"{ORIGIN}/nl/")
        assert host not in json.dumps(data)


def test_every_port_shares_one_page_cache_entry(client):
    first = client.get("/nl/")
    assert first["X-Page-Cache"] == "miss"
    for host in OTHER_PORTS:
        again = client.get("/nl/", headers={"Host": host})
        assert again["X-Page-Cache"] == "hit", host
        assert again.content == first.content


def test_a_host_that_is_not_allowed_is_still_refused(client):
    assert client.get("/nl/", headers={"Host": "evil.example:8000"}).status_code == 400


# --- The setting ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "origin"),
    [
        ({}, "https://localhost"),
        (
            {"DJANGO_ALLOWED_HOSTS": "strategie.stad.gent,www.gent.be"},
            "https://strategie.stad.gent",
        ),
        ({"DJANGO_HTTPS": "off"}, "http://127.0.0.1:8000"),
        ({"DJANGO_HTTPS": "off", "PORT": "8123"}, "http://127.0.0.1:8123"),
        ({"DJANGO_PUBLIC_ORIGIN": "https://example.org:8443/"}, "https://example.org:8443"),
    ],
)
def test_the_public_origin_has_a_sensible_default(env, origin):
    result = load_settings(show="s.PUBLIC_ORIGIN", **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == origin


@pytest.mark.parametrize(
    "value",
    [
        "strategie.stad.gent",
        "ftp://example.org",
        "https://example.org/nl/",
        "https://",
        "https://x:y",
    ],
)
def test_a_bad_public_origin_stops_start_up(value):
    result = load_settings(show="s.PUBLIC_ORIGIN", DJANGO_PUBLIC_ORIGIN=value)
    assert result.returncode != 0
    assert "DJANGO_PUBLIC_ORIGIN must be an origin" in result.stderr
