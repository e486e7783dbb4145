"""The public pages: what every page carries, language switching, redirects and 404s."""

import pytest

from publishing.models import Status
from tests.factories import ThemeFactory, TopicFactory

PAGES = [
    "/nl/",
    "/en/",
    "/nl/stad-van-de-toekomst/",
    "/en/city-of-the-future/",
    "/nl/stad-van-de-toekomst/wonen/",
    "/en/city-of-the-future/housing/",
    "/nl/stad-voor-en-door-gentenaars/burgerparticipatie/",
    "/en/city-for-and-by-gentenaars/citizen-participation/",
]


@pytest.mark.usefixtures("content")
@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_the_contract_head_and_landmarks(client, soup, path):
    response = client.get(path)
    assert response.status_code == 200
    page = soup(response)
    language = path.split("/")[1]

    assert page.html["lang"] == language
    assert len(page.find_all("h1")) == 1
    assert page.find("meta", attrs={"name": "description"})["content"].strip()
    assert page.find("link", rel="canonical")["href"] == f"https://testserver{path}"
    hreflangs = {link["hreflang"] for link in page.find_all("link", rel="alternate", hreflang=True)}
    assert hreflangs == {"nl", "en", "x-default"}
    skip_link = page.body.find("a")
    assert skip_link["href"] == "#main" and page.find(id="main").name == "main"
    assert page.find("nav", class_="breadcrumbs").find(attrs={"aria-current": "page"})


@pytest.mark.usefixtures("content")
@pytest.mark.parametrize("path", PAGES)
def test_hreflang_round_trip_leads_back_to_the_same_page(client, soup, path):
    page = soup(client.get(path))
    language = path.split("/")[1]
    other = "en" if language == "nl" else "nl"
    other_url = page.find("link", rel="alternate", hreflang=other)["href"]

    response = client.get(other_url)
    assert response.status_code == 200
    back = soup(response).find("link", rel="alternate", hreflang=language)["href"]
    assert back == f"https://testserver{path}"
    x_default = page.find("link", rel="alternate", hreflang="x-default")["href"]
    assert x_default.startswith("https://testserver/nl/")


@pytest.mark.usefixtures("content")
@pytest.mark.parametrize("path", PAGES)
def test_language_switcher_links_to_the_same_page_in_the_other_language(client, soup, path):
    page = soup(client.get(path))
    language = path.split("/")[1]
    other = "en" if language == "nl" else "nl"
    link = page.select_one(".language-switcher a")
    assert link["hreflang"] == other and link["lang"] == other
    assert link["href"] == page.find("link", rel="alternate", hreflang=other)["href"].removeprefix(
        "https://testserver"
    )


@pytest.mark.usefixtures("content")
@pytest.mark.parametrize(
    ("accept_language", "cookie", "expected"),
    [
        ("", None, "/nl/"),
        ("en-GB,en;q=0.9", None, "/en/"),
        ("nl-BE,nl;q=0.9,en;q=0.5", None, "/nl/"),
        ("fr-BE,fr;q=0.9", None, "/nl/"),
        ("nl-BE", "en", "/en/"),
    ],
)
def test_root_redirects_by_the_visitors_language(client, accept_language, cookie, expected):
    if cookie:
        client.cookies["django_language"] = cookie
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.usefixtures("content")
def test_missing_trailing_slash_redirects_permanently(client):
    response = client.get("/nl/stad-van-de-toekomst")
    assert response.status_code == 301
    assert response["Location"] == "/nl/stad-van-de-toekomst/"


@pytest.mark.usefixtures("content")
def test_plain_http_is_redirected_to_https():
    from django.test import Client

    response = Client().get("/nl/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/nl/"


@pytest.mark.usefixtures("content")
@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/nl/bestaat-niet/", "Pagina niet gevonden"),
        ("/en/does-not-exist/", "Page not found"),
        ("/nl/stad-van-de-toekomst/bestaat-niet/", "Pagina niet gevonden"),
        ("/en/city-of-the-future/no-such-topic/", "Page not found"),
        # A topic under the wrong theme is not found either.
        ("/nl/stad-van-kansen/wonen/", "Pagina niet gevonden"),
        # Dutch slugs on an English page whose English slug exists: not a page.
        ("/en/city-of-the-future/wonen/", "Page not found"),
    ],
)
def test_unknown_slugs_get_a_translated_404(client, soup, path, heading):
    response = client.get(path)
    assert response.status_code == 404
    page = soup(response)
    assert page.h1.get_text(strip=True) == heading
    assert page.html["lang"] == path.split("/")[1]


@pytest.mark.django_db
def test_draft_topic_is_404_and_not_listed_on_its_theme(client):
    theme = ThemeFactory(title_nl="Open", slug_nl="open")
    TopicFactory(theme=theme, title_nl="zichtbaar", slug_nl="zichtbaar")
    TopicFactory(theme=theme, title_nl="concept", slug_nl="concept", status=Status.DRAFT)
    html = client.get("/nl/open/").content.decode()
    assert "zichtbaar" in html and "concept" not in html
    assert client.get("/nl/open/concept/").status_code == 404


def test_server_error_page_needs_no_request():
    # gent.errors renders it without a request, in the URL's language (tests/test_errors.py).
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("en"):
        html = render_to_string("500.html")
    assert "Something went wrong" in html and '<html lang="en">' in html
