"""Metrics for operators (gent/metrics.py): Prometheus's format, for allowed scrapers only."""

import re

import pytest

pytestmark = pytest.mark.django_db

TOKEN = "metrics-token-" + "t" * 32


def scrape(client, **extra):
    return client.get("/metrics", **extra)


def sample(text, name, **labels):
    """The value of one sample in the exposition text (0 when it is not there yet)."""
    wanted = ",".join(f'{k}="{v}"' for k, v in labels.items())
    pattern = re.escape(name) + (r"\{" + re.escape(wanted) + r"\}" if labels else "") + r" (\S+)$"
    match = re.search("^" + pattern, text, re.MULTILINE)
    return float(match.group(1)) if match else 0.0


def test_a_loopback_scraper_gets_requests_latency_cache_and_database_time(client, content):
    client.get("/nl/")
    response = scrape(client)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    for name in (
        "django_http_requests_total_by_method_total",
        "django_http_responses_total_by_status_total",
        "django_http_requests_latency_seconds_by_view_method_bucket",
        "gent_page_cache_responses_total",
        "gent_request_database_seconds_bucket",
        "gent_database_queries_total",
    ):
        assert name in text, name


def test_page_cache_hits_and_misses_and_database_time_are_counted(client, content, settings):
    settings.PAGE_CACHE_SECONDS = 300
    before = scrape(client).content.decode()
    client.get("/nl/")  # rendered and stored
    client.get("/nl/")  # from the cache
    after = scrape(client).content.decode()
    for result in ("miss", "hit"):
        name = "gent_page_cache_responses_total"
        assert sample(after, name, result=result) == sample(before, name, result=result) + 1
    # The miss queried the database; its time was observed.
    assert sample(after, "gent_database_queries_total") > sample(
        before, "gent_database_queries_total"
    )
    assert sample(after, "gent_request_database_seconds_sum") > sample(
        before, "gent_request_database_seconds_sum"
    )


@pytest.mark.parametrize(
    "extra",
    [
        {"REMOTE_ADDR": "203.0.113.7"},
        {"REMOTE_ADDR": "10.0.0.5"},
        # Through nginx: its own address is loopback, but the request came from outside.
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.7"},
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "127.0.0.1"},
    ],
)
def test_anyone_else_gets_404(client, extra):
    response = scrape(client, **extra)
    assert response.status_code == 404
    assert b"django_http" not in response.content


def test_an_allowed_network_setting_lets_that_network_scrape(client, settings):
    import ipaddress

    settings.METRICS_ALLOWED_NETWORKS = [ipaddress.ip_network("10.0.0.0/8")]
    assert scrape(client, REMOTE_ADDR="10.1.2.3").status_code == 200
    assert scrape(client, REMOTE_ADDR="127.0.0.1").status_code == 404


def test_with_a_token_a_scraper_from_anywhere_must_send_it(client, settings):
    settings.METRICS_TOKEN = TOKEN
    for sent, status in ((f"Bearer {TOKEN}", 200), ("Bearer wrong", 404), (TOKEN, 404)):
        response = scrape(client, headers={"Authorization": sent}, REMOTE_ADDR="203.0.113.7")
        assert response.status_code == status, sent


def test_metrics_is_answered_over_plain_http_to_any_host_name():
    """Prometheus scrapes each container by its IP address over plain HTTP, like the probes."""
    from django.test import Client

    response = Client(headers={"Host": "10.0.0.12:8000"}).get("/metrics")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DJANGO_METRICS_ALLOWED_NETWORKS", "10.0.0.0/33", "DJANGO_METRICS_ALLOWED_NETWORKS"),
        ("DJANGO_METRICS_TOKEN", "short", "DJANGO_METRICS_TOKEN needs 32 characters"),
    ],
)
def test_bad_metrics_settings_stop_start_up(variable, value, message):
    from tests.test_settings import load_settings

    result = load_settings(**{variable: value})
    assert result.returncode != 0
    assert message in result.stderr
