"""Two app servers, one truth: an edit made through one is on the next page served by the other.

Two gunicorn processes (ports 8501 and 8502) share one PostgreSQL database and one Redis, as two
containers behind a load balancer do. An editor changes a topic in server 1's admin; the next
request to server 2 shows it, although server 2 had the page in the shared cache.

Runs where the suite itself runs on PostgreSQL and Redis (``.ci/run``: DATABASE_URL and
REDIS_URL set); skipped under plain ``make test`` (SQLite, local memory cache). It uses a database
of its own (created and dropped here) and a cache key prefix of its own in that Redis.
"""

import http.cookiejar
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
PORTS = (8501, 8502)
DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")
PASSWORD = "two-servers-" + uuid.uuid4().hex

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.skipif(
        not (DATABASE_URL.startswith(("postgres://", "postgresql://")) and REDIS_URL),
        reason="runs on PostgreSQL and Redis only (DATABASE_URL and REDIS_URL, as in .ci/run)",
    ),
]


def admin_connection(database_url):
    import psycopg

    parts = urllib.parse.urlsplit(database_url)
    return psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
        autocommit=True,
        connect_timeout=3,
    )


@pytest.fixture
def shared_backends():
    """A fresh PostgreSQL database and a Redis key prefix that belong to this test alone."""
    name = os.environ.get("DJANGO_TEST_DB_NAME", "test_gent") + "_two_servers"
    parts = urllib.parse.urlsplit(DATABASE_URL)
    try:
        with admin_connection(DATABASE_URL) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
    except Exception as error:  # no server here: say so instead of failing
        pytest.skip(f"PostgreSQL not reachable: {error}")
    prefix = f"two-servers-{uuid.uuid4().hex[:8]}"
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_ENV_FILE": "",
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": urllib.parse.urlunsplit(parts._replace(path=f"/{name}")),
        "REDIS_URL": REDIS_URL,
        "DJANGO_CACHE_KEY_PREFIX": prefix,
        "DJANGO_HTTPS": "off",  # plain HTTP on loopback, as `make run`
        "BIND_HOST": "127.0.0.1",
        "WEB_CONCURRENCY": "1",
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
    }
    yield env
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=500))
    if keys:
        client.delete(*keys)
    with admin_connection(DATABASE_URL) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


@pytest.fixture
def servers(shared_backends):
    env = shared_backends
    manage(env, "migrate", "--noinput")
    manage(env, "load_content")
    manage(env, "createsuperuser", "--noinput", "--username", "editor", "--email", "e@gent.be")
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gent/gunicorn.conf.py", "gent.wsgi"],
            cwd=ROOT,
            env={**env, "PORT": str(port)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in PORTS
    ]
    try:
        urls = [f"http://127.0.0.1:{port}" for port in PORTS]
        for url in urls:
            wait_until_ready(url)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def wait_until_ready(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"{url} did not become ready in {seconds}s")


def fetch(url, opener=None):
    # One public host name for both, as behind the load balancer (the port is not part of it).
    request = urllib.request.Request(url, headers={"Host": "localhost"})
    with (opener or urllib.request.build_opener()).open(request, timeout=10) as response:
        return response.headers, response.read().decode()


def form_fields(form):
    """What a browser would submit for this form, unchanged."""
    fields = []
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in {"submit", "button", "file", "image", "reset"}:
            continue
        if field.name == "textarea":
            fields.append((name, field.text.lstrip("\n")))
        elif field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            fields.append((name, chosen.get("value", "") if chosen else ""))
        elif field.get("type") in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                fields.append((name, field.get("value", "on")))
        else:
            fields.append((name, field.get("value", "")))
    return fields


def edit_in_admin(base, change_topic_title):
    """Log in to the admin of one server and rename the topic "Wonen"; like an editor would."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    _, html = fetch(f"{base}/admin/login/", opener)
    login = BeautifulSoup(html, "html.parser").find("form", id="login-form")
    data = dict(form_fields(login)) | {"username": "editor", "password": PASSWORD}
    opener.open(f"{base}/admin/login/", urllib.parse.urlencode(data).encode(), timeout=10)

    _, html = fetch(f"{base}/admin/strategy/topic/?q=Wonen", opener)
    link = BeautifulSoup(html, "html.parser").select_one("#result_list tbody th a")
    change_url = urllib.parse.urljoin(base, link["href"])
    _, html = fetch(change_url, opener)
    form = BeautifulSoup(html, "html.parser").find("form", id="topic_form")
    assert form is not None, html[:3000]
    data = [(k, change_topic_title if k == "title_nl" else v) for k, v in form_fields(form)]
    # The topic is live: "Save" alone would keep the change as a draft (a working copy).
    assert form.find("input", attrs={"name": "_publish"}) is not None
    data.append(("_publish", "1"))
    with opener.open(change_url, urllib.parse.urlencode(data).encode(), timeout=10) as response:
        page = response.read().decode()
    assert "errornote" not in page, page
    # Published: a live item's form comes back with the message (publishing/admin/workingcopy.py).
    assert urllib.parse.urlsplit(response.url).path == urllib.parse.urlsplit(change_url).path
    assert "messagelist" in page, page


def test_an_edit_through_one_server_is_on_the_next_request_to_the_other(servers):
    first, second = servers
    theme_page = "/nl/stad-van-de-toekomst/"

    _, before = fetch(first + theme_page)
    headers, _ = fetch(first + theme_page)
    assert headers["X-Page-Cache"] == "hit"
    # The cache is shared: server 2 already has the page server 1 rendered.
    headers, from_second = fetch(second + theme_page)
    assert headers["X-Page-Cache"] == "hit"
    assert from_second == before
    assert "Wonen in de stad" not in before

    edit_in_admin(first, "Wonen in de stad")

    # A miss, or a hit already if server 1's warmer rendered it first: new either way.
    _, after = fetch(second + theme_page)
    assert "Wonen in de stad" in after
    headers, again = fetch(first + theme_page)
    assert "Wonen in de stad" in again
