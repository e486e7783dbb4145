"""The "Was this page useful?" form: what a visitor gets, what bots and other sites get, and what
editors see in the admin."""

import csv
import io
import os
import threading
import time
import uuid
from urllib.parse import urlencode

import pytest
from django.core.cache import cache, caches
from django.test import Client

from participation.models import Feedback
from participation.protection import rate_limit_key
from publishing.models import Status
from tests.factories import FeedbackFactory, ThemeFactory, TopicFactory
from tests.test_concurrency import own_connections  # noqa: F401 (a fixture)

SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin", "Origin": "https://testserver"}


@pytest.fixture(autouse=True)
def fresh_rate_limit(rf):
    # Only our own keys: the cache may be a Redis shared with others (never clear it all).
    keys = [rate_limit_key(rf.post("/", REMOTE_ADDR=a)) for a in ("127.0.0.1", "10.9.8.7")]
    cache.delete_many(keys)
    yield
    cache.delete_many(keys)


@pytest.fixture
def topic(db):
    theme = ThemeFactory(title_nl="Stad van de toekomst", title_en="City of the future")
    return TopicFactory(theme=theme, title_nl="wonen", title_en="housing")


def post(client, data, headers=SAME_ORIGIN, language="nl", **extra):
    """Post as the browser posts the form: URL-encoded (the test client's default for a dict is
    multipart, which the endpoint refuses)."""
    path = "/nl/feedback/" if language == "nl" else "/en/feedback/"
    if isinstance(data, dict):
        data = urlencode(data)
    extra.setdefault("content_type", "application/x-www-form-urlencoded")
    return client.post(path, data, headers=headers, **extra)


def test_theme_and_topic_pages_show_the_form_without_a_token_or_cookie(client, soup, topic):
    for path in ("/nl/stad-van-de-toekomst/", "/nl/stad-van-de-toekomst/wonen/"):
        response = client.get(path)
        assert not response.cookies, path
        form = soup(response).select_one("form.feedback-form")
        assert form["method"] == "post" and form["action"] == "/nl/feedback/"
        assert form.select_one("legend").get_text(strip=True) == "Was deze pagina nuttig?"
        assert not form.select("input[name=csrfmiddlewaretoken]")
        assert "IP-adres" in form.select_one(".feedback-form__privacy").get_text()
        trap = form.select_one(".feedback-form__trap")
        assert trap["aria-hidden"] == "true"
        assert trap.select_one("input[name=website]")["tabindex"] == "-1"


def test_feedback_is_stored_and_the_visitor_is_thanked(client, soup, topic):
    data = {"page": f"topic:{topic.pk}", "helpful": "no", "suggestion": "Meer kaarten"}
    response = post(client, data)
    assert response.status_code == 303
    assert response["Location"] == f"/nl/feedback/bedankt/?page=topic:{topic.pk}"
    assert not response.cookies
    [item] = Feedback.objects.all()
    assert item.page == topic
    assert (item.helpful, item.suggestion, item.language) == (False, "Meer kaarten", "nl")
    assert item.path == "/nl/stad-van-de-toekomst/wonen/"
    assert not {f.name for f in Feedback._meta.fields} & {"ip", "ip_address", "user_agent"}
    thanks = client.get(response["Location"])
    assert not thanks.cookies
    page = soup(thanks)
    assert page.h1.get_text(strip=True) == "Bedankt voor je feedback"
    assert page.select_one("main a.button")["href"] == "/nl/stad-van-de-toekomst/wonen/"


def test_english_feedback_records_the_english_page(client, topic):
    post(client, {"page": f"theme:{topic.theme.pk}", "helpful": "yes"}, language="en")
    [item] = Feedback.objects.all()
    assert (item.language, item.path, item.helpful) == ("en", "/en/city-of-the-future/", True)


def test_too_long_suggestion_is_refused_and_kept(client, soup, topic):
    text = "x" * 2001
    response = post(client, {"page": f"topic:{topic.pk}", "helpful": "yes", "suggestion": text})
    assert response.status_code == 400
    page = soup(response)
    assert "het maximum is 2000" in page.select_one("[role=alert]").get_text()
    assert page.select_one("textarea[name=suggestion]").get_text() == text
    assert page.select_one("#feedback-yes").has_attr("checked")
    assert not Feedback.objects.exists()


def test_line_breaks_count_once_as_the_browser_counts_them(client, topic):
    text = "ab\r\n" * 666  # 2,664 characters sent, 1,998 as the browser counted them
    response = post(client, {"page": f"topic:{topic.pk}", "helpful": "yes", "suggestion": text})
    assert response.status_code == 303


def test_missing_answer_gets_a_clear_message(client, soup, topic):
    response = post(client, {"page": f"topic:{topic.pk}", "suggestion": "<b>hallo</b>"})
    assert response.status_code == 400
    assert "Kies ja of nee" in soup(response).select_one("[role=alert]").get_text()
    assert b"<b>hallo</b>" not in response.content


def test_feedback_for_an_unpublished_page_is_refused(client, topic):
    topic.status = Status.DRAFT
    topic.save()
    response = post(client, {"page": f"topic:{topic.pk}", "helpful": "yes"})
    assert response.status_code == 400
    assert post(client, {"page": "user:1", "helpful": "yes"}).status_code == 400
    assert not Feedback.objects.exists()


def test_honeypot_gets_a_fake_success_and_nothing_is_stored(client, topic):
    response = post(
        client, {"page": f"topic:{topic.pk}", "helpful": "yes", "website": "http://spam.example"}
    )
    assert response.status_code == 303
    assert response["Location"] == "/nl/feedback/bedankt/"
    assert not Feedback.objects.exists()


def test_rate_limit_answers_429_with_a_translated_page(client, soup, topic):
    data = {"page": f"topic:{topic.pk}", "helpful": "yes"}
    for _ in range(5):
        assert post(client, data).status_code == 303
    response = post(client, data)
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert soup(response).h1.get_text(strip=True) == "Te veel berichten"
    assert Feedback.objects.count() == 5
    other_client = post(client, data, REMOTE_ADDR="10.9.8.7")
    assert other_client.status_code == 303


def test_the_rate_limit_window_lasts_as_documented_on_the_disk_cache(
    client, topic, settings, tmp_path, monkeypatch
):
    """Without Redis the limit counts in the disk cache (gent/settings.py), whose default timeout
    (five minutes) is shorter than the window: the count must last the whole window anyway."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    limit, window = settings.FEEDBACK_RATE_LIMIT
    assert window == 10 * 60  # docs/operations.md: "per 10 minutes"
    assert caches["default"].default_timeout < window - 10  # else this test would prove nothing
    clock = [time.time()]
    monkeypatch.setattr(time, "time", lambda: clock[0])  # the disk cache's clock, and ours
    data = {"page": f"topic:{topic.pk}", "helpful": "yes"}

    for _ in range(limit):
        assert post(client, data).status_code == 303
    clock[0] += window - 10  # well past the cache's default timeout, still in the window
    assert post(client, data).status_code == 429
    clock[0] += 11  # the window is over
    assert post(client, data).status_code == 303
    assert Feedback.objects.count() == limit + 1


def test_rate_limit_key_does_not_contain_the_address(rf):
    request = rf.post("/nl/feedback/", REMOTE_ADDR="192.0.2.33")
    key = rate_limit_key(request)
    assert "192.0.2.33" not in key
    assert key != rate_limit_key(rf.post("/nl/feedback/", REMOTE_ADDR="192.0.2.34"))


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "same-site", "Origin": "https://other.testserver"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://testserver"},  # our host, but not over HTTPS
        {"Referer": "https://evil.example/page"},
        {"Referer": "https://testserver.evil.example/"},
        {},
    ],
)
def test_cross_site_posts_are_refused(client, topic, headers):
    response = post(client, {"page": f"topic:{topic.pk}", "helpful": "yes"}, headers=headers)
    assert response.status_code == 403
    assert "Gentinfo" in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "none"},
        {"Origin": "https://testserver"},
        {"Referer": "https://testserver/nl/stad-van-de-toekomst/wonen/"},
    ],
)
def test_same_origin_posts_are_accepted(client, topic, headers):
    response = post(client, {"page": f"topic:{topic.pk}", "helpful": "yes"}, headers=headers)
    assert response.status_code == 303


def test_endpoint_works_with_csrf_checks_enforced(topic):
    strict = Client(enforce_csrf_checks=True, headers={"X-Forwarded-Proto": "https"})
    response = post(strict, {"page": f"topic:{topic.pk}", "helpful": "yes"})
    assert response.status_code == 303
    assert not response.cookies


# --- The admin: editors (Redacteur) read, tidy and export; translators do not see it -------------

FEEDBACK_ADMIN = "/admin/participation/feedback/"


def test_an_editor_reads_feedback_with_suggestions_escaped_and_filtered(client, editor, soup):
    FeedbackFactory(page_title="wonen", helpful=False, suggestion='<script>alert("x")</script>')
    FeedbackFactory(page_title="werk", helpful=True)
    response = client.get(FEEDBACK_ADMIN)
    assert b'<script>alert("x")</script>' not in response.content
    listing = soup(response).select_one("#result_list")
    assert '<script>alert("x")</script>' in listing.get_text()  # shown as text, not run
    helpful = soup(client.get(FEEDBACK_ADMIN, {"helpful__exact": "1"})).select_one("#result_list")
    assert "werk" in helpful.get_text() and "wonen" not in helpful.get_text()


def test_an_editor_marks_feedback_handled_and_exports_it_as_csv(client, editor):
    first = FeedbackFactory(helpful=True, suggestion='=HYPERLINK("http://evil")')
    second = FeedbackFactory(language="en", helpful=False)
    ids = [str(first.pk), str(second.pk)]
    client.post(FEEDBACK_ADMIN, {"action": "mark_handled", "_selected_action": ids})
    assert Feedback.objects.unhandled().count() == 0
    response = client.post(FEEDBACK_ADMIN, {"action": "export_csv", "_selected_action": ids})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert [r["helpful"] for r in rows] == ["yes", "no"]
    assert rows[0]["suggestion"] == '\'=HYPERLINK("http://evil")'
    assert rows[1]["handled"] == "yes"


def test_an_editor_deletes_feedback_but_cannot_add_or_rewrite_it(client, editor):
    spam, kept = FeedbackFactory(suggestion="Koop nu!"), FeedbackFactory(suggestion="Goed")
    response = client.post(
        FEEDBACK_ADMIN,
        {"action": "delete_selected", "_selected_action": [spam.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert list(Feedback.objects.values_list("pk", flat=True)) == [kept.pk]
    assert client.get(f"{FEEDBACK_ADMIN}add/").status_code == 403
    change_url = f"{FEEDBACK_ADMIN}{kept.pk}/change/"
    client.post(change_url, {"suggestion": "Herschreven", "handled": "on"})
    kept.refresh_from_db()
    assert (kept.suggestion, kept.handled) == ("Goed", True)


def test_a_translator_does_not_see_the_feedback(client, translator, soup):
    FeedbackFactory()
    assert client.get(FEEDBACK_ADMIN).status_code == 403
    index = soup(client.get("/admin/"))
    assert index.select_one("#content-main") is not None
    assert not index.select(f'a[href^="{FEEDBACK_ADMIN}"]')


def test_purge_deletes_feedback_older_than_two_years(topic):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    old = Feedback.objects.create(page=topic, page_title="x", path="/", language="nl", helpful=True)
    recent = Feedback.objects.create(
        page=topic, page_title="y", path="/", language="nl", helpful=True
    )
    Feedback.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=731))
    Feedback.objects.filter(pk=recent.pk).update(created_at=timezone.now() - timedelta(days=729))
    call_command("purge_feedback", verbosity=0)
    assert list(Feedback.objects.values_list("page_title", flat=True)) == ["y"]


# --- The body is refused before it is read (issue 11) ------------------------------------------


class UnreadableBody:
    """A request body that fails the test when anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def raw_post(content_type, length, **headers):
    """A post whose headers declare ``length`` bytes, sent straight to the handler: nothing is
    really sent, and the body fails the test if the view reads it."""
    from django.test.client import ClientHandler

    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/nl/feedback/",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "443",
        "wsgi.url_scheme": "https",
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_SEC_FETCH_SITE": "same-origin",
        "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_TYPE": content_type,
        "CONTENT_LENGTH": str(length),
        "wsgi.input": UnreadableBody(),
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        **headers,
    }
    return ClientHandler(enforce_csrf_checks=False)(environ)


def test_a_huge_declared_body_is_refused_with_413_unread(db, soup):
    started = time.monotonic()
    response = raw_post("application/x-www-form-urlencoded", 100 * 1024 * 1024)
    assert response.status_code == 413
    assert time.monotonic() - started < 2
    assert "te lang" in soup(response).select_one(".lead").get_text()
    assert not Feedback.objects.exists()


def test_a_multipart_upload_is_refused_with_400_unread(db, soup):
    response = raw_post("multipart/form-data; boundary=xyz", 100 * 1024 * 1024)
    assert response.status_code == 400
    assert soup(response).h1.get_text(strip=True) == "Feedback niet verstuurd"
    assert not Feedback.objects.exists()


def test_a_real_multipart_post_is_refused_and_stores_nothing(client, topic):
    # The test client encodes a dict as multipart/form-data, as a file upload form would.
    data = {"page": f"topic:{topic.pk}", "helpful": "yes"}
    response = client.post("/nl/feedback/", data, headers=SAME_ORIGIN)
    assert response.status_code == 400
    assert not Feedback.objects.exists()


def test_a_body_just_over_the_limit_is_refused_and_the_longest_suggestion_fits(
    client, topic, settings
):
    form = "application/x-www-form-urlencoded"
    # 2,000 characters of four-byte UTF-8, each percent-encoded to twelve bytes: the longest
    # suggestion a visitor can type, in its longest encoding.
    longest = urlencode({"page": f"topic:{topic.pk}", "helpful": "yes", "suggestion": "😀" * 2000})
    assert len(longest) < settings.FEEDBACK_MAX_BODY_BYTES
    assert post(client, longest, content_type=form).status_code == 303
    too_big = "suggestion=" + "x" * settings.FEEDBACK_MAX_BODY_BYTES
    assert post(client, too_big, content_type=form).status_code == 413
    assert Feedback.objects.count() == 1


# --- The rate limit holds under parallel posts, on every cache backend (issue 11) -----------------

PARALLEL_POSTS = 20
BACKENDS = {
    "locmem": "django.core.cache.backends.locmem.LocMemCache",
    "file": "django.core.cache.backends.filebased.FileBasedCache",
    "database": "django.core.cache.backends.db.DatabaseCache",
    "redis": "gent.cache.ResilientRedisCache",
}


@pytest.mark.parametrize(
    "backend",
    [
        "locmem",
        "file",
        "database",
        pytest.param(
            "redis",
            marks=pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL"),
        ),
    ],
)
@pytest.mark.usefixtures("own_connections")
def test_parallel_posts_from_one_address_store_exactly_the_limit(backend, settings, tmp_path):
    """Twenty posts from one address at the same moment, each in a thread (and on a database
    connection) of its own, as gunicorn's workers and threads take them: exactly the limit is
    stored, the others are told to wait."""
    from django.core.management import call_command
    from django.db import connections

    config = {"BACKEND": BACKENDS[backend]}
    if backend == "locmem":
        config["LOCATION"] = f"parallel-{uuid.uuid4().hex}"
    elif backend == "file":
        config["LOCATION"] = str(tmp_path / "cache")
    elif backend == "database":
        config["LOCATION"] = "test_parallel_cache"
    else:
        prefix = os.environ.get("DJANGO_CACHE_KEY_PREFIX", "gent")
        config |= {
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": f"{prefix}-parallel-{uuid.uuid4().hex}",
        }
    settings.CACHES = {"default": config}
    if backend == "database":
        call_command("createcachetable", "test_parallel_cache", verbosity=0)
    theme = ThemeFactory(title_nl="Stad van de toekomst")
    page = TopicFactory(theme=theme, title_nl="wonen")
    limit, _window = settings.FEEDBACK_RATE_LIMIT
    assert 3 * limit < PARALLEL_POSTS  # else the test could hardly tell
    start = threading.Barrier(PARALLEL_POSTS, timeout=20)
    statuses, errors = [], []

    def send():
        try:
            client = Client(headers={"X-Forwarded-Proto": "https"})
            start.wait()
            statuses.append(
                post(client, {"page": f"topic:{page.pk}", "helpful": "yes"}).status_code
            )
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, daemon=True) for _ in range(PARALLEL_POSTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(thread.is_alive() for thread in threads), "posts still running after 60 s"
    assert not errors, errors
    assert sorted(statuses) == [303] * limit + [429] * (PARALLEL_POSTS - limit)
    assert Feedback.objects.count() == limit
    caches["default"].close()
