"""No stale page under concurrent reads and writes (issue 10, behaviour 5).

An edit bumps the content version, and every cached page is keyed by it. The bump must come
after the commit: a visitor whose request lands between the save and the commit reads the rows
as they were (the edit is not committed yet, and every request has a connection of its own), and
would cache that old page under the new version, where it would stay until the next edit.

Each test here uses real commits (``transaction=True``) and real threads, each with its own
database connection, as gunicorn workers have. They run on SQLite under ``make test`` and on
PostgreSQL in CI (``DATABASE_URL``). Every thread and loop is bounded by a timeout.
"""

import sqlite3
import threading
import time
from contextlib import contextmanager

import pytest
from django.db import connection, connections, transaction
from django.db.models.signals import post_save
from django.test import Client

from publishing.models import Status
from publishing.writes import save_content
from strategy.models import Theme
from tests.factories import MissionFactory, ThemeFactory, TopicFactory

HEADERS = {"X-Forwarded-Proto": "https", "Host": "testserver"}
# Seconds; a thread still running after this is a failure, not a hang. Generous: on a busy
# two-core machine the writer shares the interpreter with three readers in tight loops.
THREAD_TIMEOUT = 90
HOME = "/nl/"


@pytest.fixture
def own_connections(transactional_db, tmp_path):
    """Every thread gets a connection of its own to one database, as every gunicorn worker does.

    On PostgreSQL that is what Django does anyway. Django's SQLite test database is in memory
    with a shared cache, where a connection reading a table that another connection is writing
    in an open transaction fails at once ("database table is locked") instead of reading the
    committed rows, so it cannot show the race at all. Here the tests get a copy of it in a file,
    where SQLite behaves as in production: readers see the last commit while a writer works.
    """
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    settings_dict = connection.settings_dict  # the very dict every thread's connection reads
    memory_name = settings_dict["NAME"]
    # Closing the last connection to an in-memory database destroys it: hold one open meanwhile.
    keeper = sqlite3.connect(memory_name, uri=True)
    copy = tmp_path / "concurrency.sqlite3"
    target = sqlite3.connect(copy)
    keeper.backup(target)  # the schema and the rows the migrations made (groups, permissions)
    target.close()
    settings_dict["NAME"] = str(copy)
    connection.close()  # this thread's connection too: reopened on the copy when next used
    try:
        yield
    finally:
        connections.close_all()
        settings_dict["NAME"] = memory_name
        connection.ensure_connection()  # back on the in-memory database before letting go of it
        keeper.close()


def visitor():
    """An anonymous visitor over HTTPS; the page cache serves and stores its pages."""
    return Client(headers=HEADERS)


def in_thread(work, timeout=THREAD_TIMEOUT):
    """``work()`` run in a thread of its own (so on a connection of its own); its result."""
    outcome = {}

    def run():
        try:
            outcome["value"] = work()
        except BaseException as error:  # handed to the caller below
            outcome["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        pytest.fail(f"a thread was still running after {timeout}s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def visit(path):
    """The page an anonymous visitor gets now, from a request on a connection of its own."""

    def get():
        response = visitor().get(path)
        return response.status_code, response.content.decode(), response.get("X-Page-Cache")

    return in_thread(get)


@contextmanager
def visits_during_saves(model, paths):
    """While active, every save of ``model`` makes a visitor request ``paths`` right after the
    save and before the transaction commits (a post_save receiver that waits for the answers).
    Yields the list the answers are appended to, one ``{path: (status, html)}`` per save."""
    answers = []

    def receiver(sender, instance, **kwargs):
        answers.append({path: visit(path)[:2] for path in paths})

    post_save.connect(receiver, sender=model, dispatch_uid="test-concurrency-visit")
    try:
        yield answers
    finally:
        post_save.disconnect(sender=model, dispatch_uid="test-concurrency-visit")


def commit(obj):
    """Save ``obj`` through the one write path, in a transaction of its own that commits."""
    with transaction.atomic():
        save_content(obj)
    assert not connection.in_atomic_block  # really committed, not a savepoint in a test's


@pytest.fixture
def theme(own_connections, settings):
    settings.PAGE_CACHE_SECONDS = 300  # the page cache on, whatever the environment says
    MissionFactory()
    theme = ThemeFactory(title_nl="Versie 0", slug_nl="stad-van-morgen", slug_en="city")
    TopicFactory(theme=theme, title_nl="Wonen", slug_nl="wonen")
    return theme


def test_a_visit_between_the_save_and_the_commit_leaves_no_stale_page(theme):
    path = f"/nl/{theme.slug_nl}/"
    # Both pages are in the page cache before the first edit.
    for page in (path, HOME):
        assert visit(page)[0] == 200
        assert visit(page)[2] == "hit"

    with visits_during_saves(Theme, [path, HOME]) as during:
        for n in range(1, 6):
            theme.title_nl = f"Versie {n}"
            commit(theme)
            # The visitor in between really came before the commit: it got the old text.
            status, html = during[-1][path]
            assert status == 200 and f"Versie {n - 1}" in html and f"Versie {n}" not in html
            # After the commit, the next visitor gets the edit, on both pages.
            status, html, _ = visit(path)
            assert status == 200 and f"Versie {n}" in html, f"stale page after edit {n}"
            assert f"Versie {n}" in visit(HOME)[1], f"stale home page after edit {n}"


def test_a_visit_between_an_unpublish_and_its_commit_does_not_keep_the_page_online(theme):
    path = f"/nl/{theme.slug_nl}/"
    assert visit(path)[0] == 200 and "Versie 0" in visit(HOME)[1]

    with visits_during_saves(Theme, [path, HOME]) as during:
        theme.status = Status.DRAFT
        commit(theme)
        assert during[-1][path][0] == 200  # the visitor in between still saw it published
        # Taken offline after being online: 410 Gone (the redirects app), never the cached 200.
        assert visit(path)[0] == 410, "an unpublished theme is still served from the cache"
        assert "Versie 0" not in visit(HOME)[1], "the home page still lists an unpublished theme"

        theme.status = Status.PUBLISHED
        commit(theme)
        assert during[-1][path][0] == 410
        assert visit(path)[0] == 200, "a published theme is still missing"
        assert "Versie 0" in visit(HOME)[1]


def test_visitors_reading_all_the_time_never_keep_a_page_from_before_an_edit(theme):
    """The same, undirected: a writer thread edits and unpublishes while visitors keep reading.

    A short pause inside each write transaction (after the save, before the commit) widens the
    window a visitor's request can land in, so that most edits are raced, as under real load.
    """
    path = f"/nl/{theme.slug_nl}/"
    pages = (path, HOME, f"/nl/{theme.slug_nl}/wonen/")
    edits = 10
    deadline = time.monotonic() + THREAD_TIMEOUT
    writing = threading.Event()
    writing.set()
    reads = []
    stale = []
    errors = []

    def keep_reading():
        client = visitor()
        try:
            while writing.is_set() and time.monotonic() < deadline:
                for page in pages:
                    reads.append(client.get(page).status_code)
                    # Leave the writer a share of the interpreter (the GIL) between requests.
                    time.sleep(0.002)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    def pause(sender, **kwargs):
        time.sleep(0.05)

    def write():
        client = visitor()
        try:
            for n in range(1, edits + 1):
                unpublish = n % 4 == 0
                theme.title_nl = f"Versie {n}"
                theme.status = Status.DRAFT if unpublish else Status.PUBLISHED
                commit(theme)
                response = client.get(path)
                if unpublish and response.status_code != 410:  # taken offline: Gone
                    stale.append(f"edit {n}: the unpublished theme answered {response.status_code}")
                elif not unpublish and f"Versie {n}" not in response.content.decode():
                    stale.append(f"edit {n}: the page still shows an older version")
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    readers = [threading.Thread(target=keep_reading, daemon=True) for _ in range(3)]
    writer = threading.Thread(target=write, daemon=True)
    post_save.connect(pause, sender=Theme, dispatch_uid="test-concurrency-pause")
    try:
        for thread in readers:
            thread.start()
        writer.start()
        writer.join(max(0, deadline - time.monotonic()))
    finally:
        writing.clear()
        post_save.disconnect(sender=Theme, dispatch_uid="test-concurrency-pause")
        for thread in readers:
            thread.join(max(1, deadline - time.monotonic()))
    assert not writer.is_alive() and not any(t.is_alive() for t in readers), "threads hung"
    assert not errors, errors
    assert len(reads) > edits, "the visitors hardly read: the test raced nothing"
    assert not stale, stale
