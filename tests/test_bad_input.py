"""Hostile or malformed requests get a clean 4xx, never a 500."""

import pytest

pytestmark = pytest.mark.usefixtures("content")


@pytest.mark.parametrize(
    "path",
    [
        "/nl/%FF%FE/",
        "/nl/%00/",
        "/nl/stad-van-de-toekomst/%C0%AF/",
        "/nl/" + "a" * 5000 + "/",
        "/nl/stad-van-de-toekomst/" + "b" * 5000 + "/",
        "/nl/<script>alert(1)</script>/",
        "/nl/..%2F..%2Fetc%2Fpasswd/",
        "/en/city-of-the-future/housing/extra/deep/",
        "/xx/",
        "/fr/stad-van-de-toekomst/",
    ],
)
def test_junk_paths_are_not_found(client, path):
    response = client.get(path, follow=True)
    assert response.status_code == 404
    assert b"<script>alert(1)</script>" not in response.content


@pytest.mark.parametrize("path", ["/nl/", "/en/city-of-the-future/", "/nl/stad-van-kansen/werk/"])
@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_writing_to_a_page_is_not_allowed(client, path, method):
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert "GET" in response["Allow"]


def test_query_strings_are_ignored_safely(client):
    response = client.get("/nl/?q=%00%FF&page=-1&<x>=1")
    assert response.status_code == 200


def test_unknown_host_is_refused(client):
    response = client.get("/nl/", headers={"host": "evil.example"})
    assert response.status_code == 400
