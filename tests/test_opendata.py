"""Open data: the API validates against its own published schema, the CSV opens in a spreadsheet
without running anything, and HTTP caching and CORS work as documented."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.utils import timezone
from jsonschema import Draft202012Validator, FormatChecker

from opendata.data import SCHEMA_PATH
from publishing.freshness import content_version, next_change
from publishing.spreadsheets import safe_cell
from strategy.models import Theme, Topic
from tests.factories import ThemeFactory, TopicFactory


def schema_validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def test_api_output_validates_against_its_schema(client, content):
    response = client.get("/api/v1/strategy")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = response.json()
    errors = [error.message for error in schema_validator().iter_errors(data)]
    assert errors == []
    assert len(data["themes"]) == 4
    assert sum(len(theme["topics"]) for theme in data["themes"]) == 20
    assert len(data["mission"]["mission_lines"]) > 0
    theme = Theme.objects.published().first()
    first = data["themes"][0]
    assert first["title"] == {"nl": theme.title_nl, "en": theme.title_en}
    assert first["url"] == {
        "nl": f"https://testserver/nl/{theme.slug_nl}/",
        "en": f"https://testserver/en/{theme.slug_en}/",
    }


def test_api_gives_null_for_missing_english_and_the_dutch_address_instead(client, db):
    # What is left out (drafts, the publication window): test_publishing's walk of every reader.
    ThemeFactory(title_nl="Zichtbaar", title_en="", slug_en="", intro_en="")
    data = client.get("/api/v1/strategy").json()
    assert schema_validator().is_valid(data)
    [theme] = data["themes"]
    assert theme["title"] == {"nl": "Zichtbaar", "en": None}
    assert theme["url"]["en"] == "https://testserver/en/zichtbaar/"
    assert theme["topics"] == []
    assert data["mission"] is None


def test_api_is_open_to_other_sites_and_cacheable(client, content):
    response = client.get("/api/v1/strategy", headers={"Origin": "https://example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age=300" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert not response.cookies


def test_api_answers_304_while_nothing_changed_and_200_after_a_change(client, content, committed):
    etag = client.get("/api/v1/strategy")["ETag"]
    unchanged = client.get("/api/v1/strategy", headers={"If-None-Match": etag})
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert unchanged["ETag"] == etag
    topic = Topic.objects.published().first()
    topic.title_nl = "Nieuwe titel"
    with committed():
        topic.save()
    changed = client.get("/api/v1/strategy", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Nieuwe titel" in changed.content.decode()


def test_api_is_not_kept_by_browsers_past_the_next_scheduled_change(client, db):
    ThemeFactory(publish_until=timezone.now() + timedelta(seconds=90))
    for path in ("/api/v1/strategy", "/api/v1/strategy.csv"):
        cache_control = client.get(path)["Cache-Control"]
        [max_age] = [
            int(part.split("=")[1]) for part in cache_control.split(", ") if "max-age" in part
        ]
        assert 0 < max_age <= 90, cache_control


def test_api_refuses_writes(client, db):
    assert client.post("/api/v1/strategy").status_code == 405


@pytest.mark.parametrize("themes", [2, 10])
def test_api_uses_constant_queries(client, django_assert_max_num_queries, db, themes):
    for _ in range(themes):
        TopicFactory.create_batch(4, theme=ThemeFactory())
    # The next scheduled change is looked up once per content version (shared with the page
    # cache, tested in test_pagecache.py); counted here: the API's own queries.
    next_change(content_version())
    with django_assert_max_num_queries(4):
        assert client.get("/api/v1/strategy").status_code == 200


def read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # the byte-order mark Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_csv_lists_themes_and_topics_in_both_languages(client, content):
    response = client.get("/api/v1/strategy.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response["Access-Control-Allow-Origin"] == "*"
    rows = read_csv(response)
    assert [r["type"] for r in rows].count("theme") == 4
    assert [r["type"] for r in rows].count("topic") == 20
    topic = Topic.objects.published().select_related("theme").first()
    [row] = [r for r in rows if r["type"] == "topic" and r["id"] == str(topic.pk)]
    assert row["title_nl"] == topic.title_nl and row["title_en"] == topic.title_en
    assert row["theme_id"] == str(topic.theme_id)
    assert row["url_en"] == f"https://testserver/en/{topic.theme.slug_en}/{topic.slug_en}/"


def test_csv_cells_cannot_run_as_formulas(client, db):
    theme = ThemeFactory(title_nl='=HYPERLINK("http://evil")', slug_nl="formule")
    TopicFactory(theme=theme, title_nl="@SUM(A1)", summary_nl="-2+3")
    rows = read_csv(client.get("/api/v1/strategy.csv"))
    assert rows[0]["title_nl"] == '\'=HYPERLINK("http://evil")'
    assert rows[1]["title_nl"] == "'@SUM(A1)"
    assert rows[1]["summary_nl"] == "'-2+3"


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@x", "\tx", "\rx"])
def test_safe_cell_quotes_formula_starts(value):
    assert safe_cell(value) == "'" + value


def test_schema_is_served(client, db):
    response = client.get("/api/v1/strategy.schema.json")
    assert response.status_code == 200
    assert response.json() == json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert response["Access-Control-Allow-Origin"] == "*"


def test_footer_links_to_the_open_data_page(client, soup, content):
    page = soup(client.get("/en/"))
    link = page.select_one("footer a[href='/en/open-data/']")
    assert link.get_text(strip=True) == "Open data"
    about = soup(client.get("/nl/open-data/"))
    assert about.h1.get_text(strip=True) == "Open data"
    assert about.select_one("a[href='/api/v1/strategy']")
    assert about.select_one("link[hreflang=en]")["href"] == "https://testserver/en/open-data/"
