"""Slow clients do not stall the server (issue 11).

Five connections that send their request headers one line a second held every gunicorn sync
worker: /healthz and every page waited for them. The real server, configured as ``make run``
and the container run it (gent/gunicorn.conf.py), on loopback, with two workers: while six such
clients dribble, the probe and a page still answer at once. Bounded: the slow clients stop after
at most ten seconds, and every request has a timeout.
"""

import contextlib
import os
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from scripts.production_server import stop, wait_until_up
from tests.factories import MissionFactory, ThemeFactory
from tests.test_concurrency import own_connections  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parent.parent

SLOW_CLIENTS = 6
LINE_EVERY = 1.0  # seconds between two header lines of a slow client
SLOW_FOR = 10  # seconds at most


def database_url():
    """The test database (a file for SQLite, see ``own_connections``), for the server to use."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@contextlib.contextmanager
def gunicorn(port, tmp_path):
    """gunicorn as `make run` starts it (gent/gunicorn.conf.py), two workers, on the test data."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "PYTEST"))
    }
    env.update(
        DJANGO_ENV_FILE="",
        DJANGO_SETTINGS_MODULE="tests.settings",
        DJANGO_HTTPS="off",  # plain HTTP on loopback, as `make run`
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=database_url(),
        BIND_HOST="127.0.0.1",
        PORT=str(port),
        WEB_CONCURRENCY="2",
    )
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [ROOT / ".venv" / "bin" / "gunicorn", "-c", "gent/gunicorn.conf.py", "gent.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stopped with its workers below
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz", process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)
        log.close()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def dribble(port, stop):
    """A client that sends a request line, then one header line a second, and never finishes."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall(b"GET /nl/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        deadline = time.monotonic() + SLOW_FOR
        n = 0
        while not stop.wait(LINE_EVERY) and time.monotonic() < deadline:
            n += 1
            try:
                connection.sendall(f"X-Slow-{n}: {'x' * 10}\r\n".encode())
            except OSError:
                return


def timed_get(url, timeout=4):
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=timeout) as response:
        response.read()
        return response.status, time.monotonic() - started


@pytest.mark.usefixtures("own_connections")
def test_slow_clients_do_not_stall_health_checks_or_pages(tmp_path):
    MissionFactory()
    theme = ThemeFactory(slug_nl="stad-van-morgen")
    page = f"/nl/{theme.slug_nl}/"
    port = free_port()
    with gunicorn(port, tmp_path) as base:
        assert timed_get(base + page)[0] == 200  # the page is there before the slow clients
        stop = threading.Event()
        clients = [
            threading.Thread(target=dribble, args=(port, stop), daemon=True)
            for _ in range(SLOW_CLIENTS)
        ]
        for client in clients:
            client.start()
        try:
            time.sleep(2 * LINE_EVERY)  # every slow client is connected and mid-request
            answers = {path: timed_get(base + path) for path in ("/healthz", page, "/readyz")}
        except OSError as error:  # a timeout: the server was stalled
            pytest.fail(f"the server did not answer while slow clients were connected: {error}")
        finally:
            stop.set()
            for client in clients:
                client.join(SLOW_FOR)
        assert all(status == 200 for status, _ in answers.values()), answers
        assert all(took < 2 for _, took in answers.values()), answers
