"""The sitemap, robots.txt, Open Graph / Twitter meta and JSON-LD that search engines and sharing
services read."""

import json
import xml.etree.ElementTree as ET

import pytest

from strategy.models import Theme, Topic
from tests.factories import ThemeFactory

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    entries = {}
    for url in root.findall("s:url", NS):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        entries[url.find("s:loc", NS).text] = alternates
    return entries


def test_sitemap_lists_every_published_page_in_both_languages_with_alternates(client, content):
    entries = sitemap_entries(client)
    base = "https://testserver"
    expected = {f"{base}/nl/": f"{base}/en/"}
    for theme in Theme.objects.published():
        expected[f"{base}/nl/{theme.slug_nl}/"] = f"{base}/en/{theme.slug_en}/"
    for topic in Topic.objects.published().select_related("theme"):
        expected[f"{base}/nl/{topic.theme.slug_nl}/{topic.slug_nl}/"] = (
            f"{base}/en/{topic.theme.slug_en}/{topic.slug_en}/"
        )
    assert len(expected) == 1 + 4 + 20
    for dutch, english in expected.items():
        for loc in (dutch, english):
            assert entries[loc] == {"nl": dutch, "en": english, "x-default": dutch}, loc


def test_sitemap_lists_the_open_data_page_and_not_the_search_page(client, db):
    entries = sitemap_entries(client)
    dutch, english = "https://testserver/nl/open-data/", "https://testserver/en/open-data/"
    assert entries[dutch] == entries[english] == {"nl": dutch, "en": english, "x-default": dutch}
    # Search results are "noindex": a sitemap must not ask to index them.
    assert not [loc for loc in entries if "/zoeken/" in loc or "/search/" in loc]


def test_sitemap_uses_the_dutch_slug_for_an_untranslated_english_page(client, db):
    ThemeFactory(title_nl="Alleen Nederlands", title_en="", slug_en="")
    entries = sitemap_entries(client)
    english = "https://testserver/en/alleen-nederlands/"
    assert english in entries
    assert client.get("/en/alleen-nederlands/").status_code == 200


def test_robots_txt_names_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: https://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def json_ld(page):
    [script] = page.select('script[type="application/ld+json"]')
    graph = json.loads(script.string)["@graph"]
    return {item["@type"]: item for item in graph}


def test_topic_page_json_ld_has_webpage_breadcrumbs_and_the_city(client, soup, content):
    topic = Topic.objects.published().select_related("theme").first()
    path = f"/en/{topic.theme.slug_en}/{topic.slug_en}/"
    data = json_ld(soup(client.get(path)))
    assert data["GovernmentOrganization"]["name"] == "Stad Gent"
    assert data["WebPage"]["url"] == f"https://testserver{path}"
    assert data["WebPage"]["inLanguage"] == "en"
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["position"] for c in crumbs] == [1, 2, 3]
    assert [c["item"] for c in crumbs] == [
        "https://testserver/en/",
        f"https://testserver/en/{topic.theme.slug_en}/",
        f"https://testserver{path}",
    ]
    assert crumbs[1]["name"] == topic.theme.title_en


@pytest.mark.parametrize("path", ["/nl/", "/en/", "/nl/zoeken/?q=wonen", "/en/nope/"])
def test_every_page_has_valid_json_ld_and_open_graph(client, soup, content, path):
    page = soup(client.get(path))
    data = json_ld(page)
    assert {"GovernmentOrganization", "WebPage", "BreadcrumbList"} <= set(data)
    og = {m["property"]: m["content"] for m in page.select("meta[property^='og:']")}
    assert og["og:title"] and og["og:description"] and og["og:url"].startswith("https://")
    assert og["og:site_name"] == "Gent Strategie"
    assert og["og:locale"] in {"nl_BE", "en_GB"}
    assert page.select_one("meta[name='twitter:card']")["content"] == "summary"


def test_json_ld_cannot_be_broken_out_of(client, soup, db):
    ThemeFactory(title_nl="</script><script>alert(1)</script>", slug_nl="boos")
    response = client.get("/nl/boos/")
    assert b"</script><script>alert(1)" not in response.content
    data = json_ld(soup(response))
    assert data["WebPage"]["name"] == "</script><script>alert(1)</script>"


def test_reserved_slugs_name_every_fixed_route_in_both_languages():
    from publishing.reserved import reserved_slugs

    assert reserved_slugs() == {
        "zoeken",
        "search",
        "open-data",
        "feedback",
        "info",
        "wat-is-er-veranderd",
        "what-changed",
        "volledige-strategie",
        "whole-strategy",
    }
