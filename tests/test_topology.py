"""The production topology, run for real: nginx (Debian's package) in front of two gunicorn app
servers sharing PostgreSQL, Redis, the static files and the media directory.

nginx runs in the foreground with the project's own configuration (docker/nginx/
gent.conf.template, rendered here as compose renders it) on free loopback ports, TLS with a
self-signed certificate made by openssl at the start. The app servers use the production settings
(gent.settings: HTTPS on, DEBUG off, the manifest static files) with DJANGO_PROXY_HOPS=1.

Needs nginx, openssl, PostgreSQL and Redis (DATABASE_URL and REDIS_URL, as in .ci/run, which
installs nginx first); skipped otherwise, so `make test` on a fresh machine skips it. Marked
``topology``: run with ``pytest -m topology``.
"""

import concurrent.futures
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from scripts.nginx_front import make_certificate, nginx_binary, write_config

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")
NGINX = nginx_binary()

pytestmark = [
    pytest.mark.topology,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.skipif(NGINX is None, reason="needs nginx (.ci/run installs nginx-light)"),
    pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl"),
    pytest.mark.skipif(
        not (DATABASE_URL.startswith(("postgres://", "postgresql://")) and REDIS_URL),
        reason="runs on PostgreSQL and Redis only (DATABASE_URL and REDIS_URL, as in .ci/run)",
    ),
]

FEEDBACK_LIMIT = 3


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def admin_connection():
    import psycopg

    parts = urllib.parse.urlsplit(DATABASE_URL)
    return psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
        autocommit=True,
        connect_timeout=3,
    )


def wait_for(check, seconds=40, what="it"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError, urllib.error.URLError):
            if check():
                return
        time.sleep(0.2)
    pytest.fail(f"{what} did not come up within {seconds} s")


class Site:
    """Handles on the running topology, for the tests below."""

    def __init__(self, tmp, https_port, http_port, app_ports, processes, context):
        self.tmp = tmp
        self.https_port = https_port
        self.http_port = http_port
        self.app_ports = app_ports
        self.processes = processes  # app server port -> Popen (its own process group)
        self.context = context
        self.origin = f"https://localhost:{https_port}"

    def request(self, path, method="GET", headers=None, data=None, timeout=15):
        """(status, headers, body) through nginx over TLS; the certificate is verified."""
        request = urllib.request.Request(
            self.origin + path, method=method, headers=headers or {}, data=data
        )
        opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=self.context), NoRedirect()
        )
        try:
            with opener.open(request, timeout=timeout) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def log(self, port):
        return (self.tmp / f"app-{port}.log").read_text()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def site():
    tmp = Path(tempfile.mkdtemp(prefix="gent-topology-"))
    name = os.environ.get("DJANGO_TEST_DB_NAME", "test_gent") + "_topology"
    try:
        with admin_connection() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
    except Exception as error:  # no server here: say so instead of failing
        pytest.skip(f"PostgreSQL not reachable: {error}")
    prefix = f"topology-{uuid.uuid4().hex[:8]}"
    media = tmp / "media"
    media.mkdir()
    https_port, http_port = free_port(), free_port()
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp),
        "DJANGO_ENV_FILE": "",
        "DJANGO_SETTINGS_MODULE": "gent.settings",
        "DJANGO_SECRET_KEY": "topology-test-" + uuid.uuid4().hex + uuid.uuid4().hex,
        "DJANGO_ALLOWED_HOSTS": "localhost",
        # nginx passes Host without the port; on 443 that is the origin, on this test's port
        # the admin's CSRF check needs to be told.
        "DJANGO_CSRF_TRUSTED_ORIGINS": f"https://localhost:{https_port}",
        "DATABASE_URL": urllib.parse.urlunsplit(
            urllib.parse.urlsplit(DATABASE_URL)._replace(path=f"/{name}")
        ),
        "REDIS_URL": REDIS_URL,
        "DJANGO_CACHE_KEY_PREFIX": prefix,
        "DJANGO_MEDIA_ROOT": str(media),
        "DJANGO_PROXY_HOPS": "1",
        "DJANGO_FEEDBACK_RATE_LIMIT": str(FEEDBACK_LIMIT),
        "DJANGO_AXES_FAILURE_LIMIT": "3",
        "FORWARDED_ALLOW_IPS": "127.0.0.1",
        "BIND_HOST": "127.0.0.1",
        "WEB_CONCURRENCY": "2",
    }

    def manage(*args):
        subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
            capture_output=True,
        )  # fmt: skip

    manage("compilecatalogues")
    manage("collectstatic", "--noinput", "--verbosity", "0")
    manage("migrate", "--noinput", "--verbosity", "0")
    manage("load_content")
    manage("shell", "-c", UPLOAD_IMAGE)

    # TLS: a self-signed certificate for localhost, made now.
    cert, key = make_certificate(tmp)
    context = ssl.create_default_context(cafile=str(cert))

    app_ports = [free_port(), free_port()]
    processes = {}
    for port in app_ports:
        processes[port] = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gent/gunicorn.conf.py", "gent.wsgi"],
            cwd=ROOT,
            env={**env, "PORT": str(port)},
            stdout=(tmp / f"app-{port}.log").open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killed with its workers
        )
    write_config(
        tmp,
        upstream_servers=" ".join(
            f"server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in app_ports
        ),
        http_port=http_port,
        https_port=https_port,
        certificate=(cert, key),
        media_root=media,
        access_log=f"{tmp}/nginx-access.log gent_json",
        worker_processes=2,
    )
    check = subprocess.run(
        [NGINX, "-t", "-p", str(tmp), "-c", str(tmp / "nginx.conf")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert check.returncode == 0, check.stderr
    nginx = subprocess.Popen(
        [NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=(tmp / "nginx-stderr.log").open("w"),
        start_new_session=True,
    )
    running = Site(tmp, https_port, http_port, app_ports, processes, context)
    try:
        for port in app_ports:
            wait_for(
                lambda port=port: (
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2).status
                    == 200
                ),
                what=f"app server {port}",
            )
        wait_for(lambda: running.request("/healthz")[0] == 200, what="nginx")
        yield running
    finally:
        nginx.terminate()
        for process in processes.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        nginx.wait(timeout=30)
        for process in processes.values():
            process.wait(timeout=30)
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        keys = list(client.scan_iter(match=f"{prefix}:*", count=500))
        if keys:
            client.delete(*keys)
        with admin_connection() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(tmp, ignore_errors=True)


# Run by `manage.py shell` before the servers start: an editor's upload, as the admin saves it.
UPLOAD_IMAGE = """
import io
from django.core.files.base import ContentFile
from PIL import Image
from strategy.images import prepare_header_image
from strategy.models import Theme
theme = Theme.objects.get(slug_nl="stad-van-de-toekomst")
buffer = io.BytesIO()
Image.new("RGB", (1200, 600), (0, 91, 169)).save(buffer, "PNG")
theme.image = ContentFile(buffer.getvalue(), name="belfort.png")
theme.image_alt_nl, theme.image_alt_en = "Het Belfort", "The Belfry"
prepare_header_image(theme)
theme.save()
"""

THEME = "/nl/stad-van-de-toekomst/"


def public_paths(site):
    status, _, body = site.request("/sitemap.xml")
    assert status == 200
    urls = re.findall(r"<loc>([^<]+)</loc>", body.decode())
    assert len(urls) > 10
    return sorted({urllib.parse.urlsplit(url).path for url in urls})


def test_every_public_page_is_served_through_the_proxy_compressed(site):
    for path in [*public_paths(site), "/nl/zoeken/?q=stad", "/robots.txt"]:
        status, headers, _ = site.request(path, headers={"Accept-Encoding": "gzip"})
        assert status == 200, path
        if headers["Content-Type"].startswith("text/html"):
            assert headers["Content-Encoding"] == "gzip", path
        assert re.fullmatch(r"[0-9a-f]{32}", headers["X-Request-ID"]), path
        assert headers["Strict-Transport-Security"], path  # the app knows it was HTTPS


def test_plain_http_is_redirected_to_https(site):
    connection = socket.create_connection(("127.0.0.1", site.http_port), timeout=5)
    with connection:
        connection.sendall(
            b"GET /nl/?a=1 HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Proto: https\r\n"
            b"Connection: close\r\n\r\n"
        )
        answer = b""
        while chunk := connection.recv(4096):
            answer += chunk
    head = answer.decode(errors="replace")
    assert head.startswith("HTTP/1.1 301")
    assert f"Location: https://localhost:{site.https_port}/nl/?a=1\r\n" in head


def test_static_and_an_uploaded_image_are_served_by_nginx_from_the_shared_directories(site):
    _, _, body = site.request(THEME)
    page = BeautifulSoup(body.decode(), "html.parser")
    image = page.select_one("picture img")
    assert image is not None and image["src"].startswith("/media/renditions/")
    stylesheet = page.select_one('link[rel="stylesheet"]')["href"]
    for path, content_type in ((image["src"], "image/png"), (stylesheet, "text/css")):
        status, headers, body = site.request(path, headers={"Accept-Encoding": "gzip"})
        assert status == 200, path
        assert headers["Content-Type"] == content_type
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert "X-Request-ID" not in headers, "answered by nginx, not by an app server"
    for source in page.select("picture source"):
        for candidate in source["srcset"].split(","):
            path = candidate.split()[0]
            assert site.request(path)[0] == 200, path
    for path in ("/media/../gent/settings.py", "/media/renditions/", "/media/x.txt", "/metrics"):
        assert site.request(path)[0] == 404, path


def test_the_request_id_reaches_the_app_servers_logs(site):
    _, headers, _ = site.request("/nl/", headers={"X-Request-ID": "forged-by-the-client"})
    rid = headers["X-Request-ID"]
    assert rid != "forged-by-the-client"
    time.sleep(0.5)
    lines = [
        json.loads(line)
        for port in site.app_ports
        for line in site.log(port).splitlines()
        if line.startswith("{")
    ]
    assert any(line.get("request_id") == rid and line.get("path") == "/nl/" for line in lines)
    assert rid in (site.tmp / "nginx-access.log").read_text()


def test_each_app_server_gives_all_its_workers_metrics_directly_and_none_through_nginx(site):
    for _ in range(10):
        site.request("/nl/")
    counted = 0.0
    for port in site.app_ports:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
            text = response.read().decode()
        assert "gent_page_cache_responses_total" in text
        assert "gent_request_database_seconds_bucket" in text
        # Multiprocess mode: one sample for the server, summed over its workers.
        samples = re.findall(
            r'^django_http_requests_total_by_method_total\{method="GET"\} (\S+)$', text, re.M
        )
        assert len(samples) == 1, samples
        counted += float(samples[0])
    assert counted >= 10
    assert site.request("/metrics")[0] == 404


def test_a_body_over_the_limit_is_refused_by_nginx(site):
    status, _, _ = site.request(
        "/nl/feedback/", method="POST", data=b"x" * (13 * 1024 * 1024),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )  # fmt: skip
    assert status == 413


def test_a_spoofed_x_forwarded_for_does_not_escape_the_rate_limit(site):
    statuses = []
    for attempt in range(FEEDBACK_LIMIT + 2):
        status, _, _ = site.request(
            "/nl/feedback/",
            method="POST",
            data=b"page=nothing&useful=yes",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Sec-Fetch-Site": "same-origin",
                # A new made-up address each time, as a client evading the limit would send.
                "X-Forwarded-For": f"198.51.100.{attempt}, 203.0.113.{attempt}",
            },
        )
        statuses.append(status)
    assert 429 not in statuses[:FEEDBACK_LIMIT], statuses
    assert statuses[FEEDBACK_LIMIT:] == [429, 429], statuses


def test_a_spoofed_x_forwarded_for_does_not_escape_the_login_lock(site):
    """django-axes counts per username and the address it sees: spoofing changes neither."""
    import http.cookiejar

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=site.context),
        urllib.request.HTTPCookieProcessor(jar),
        NoRedirect(),
    )

    def attempt(number):
        with opener.open(site.origin + "/admin/login/", timeout=15) as response:
            html = response.read().decode()
        token = BeautifulSoup(html, "html.parser").find("input", {"name": "csrfmiddlewaretoken"})
        data = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token["value"], "username": "nobody", "password": "wrong"}
        ).encode()
        request = urllib.request.Request(
            site.origin + "/admin/login/",
            data=data,
            headers={"X-Forwarded-For": f"198.51.100.{number}", "Referer": site.origin + "/"},
        )
        try:
            with opener.open(request, timeout=15) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    statuses = [attempt(number) for number in range(5)]
    # DJANGO_AXES_FAILURE_LIMIT=3: two failures show the form again, the third locks the login,
    # whatever address each attempt claimed.
    assert statuses == [200, 200, 429, 429, 429], statuses


def test_slow_clients_do_not_stall_the_site(site):
    """More slow clients than there are gunicorn workers: nginx holds them, the site answers."""
    workers = 2 * len(site.app_ports)
    slow = []
    for _ in range(workers * 3):
        raw = socket.create_connection(("127.0.0.1", site.https_port), timeout=5)
        tls = site.context.wrap_socket(raw, server_hostname="localhost")
        tls.sendall(b"GET /nl/ HTTP/1.1\r\nHost: localhost\r\n")  # ... and then nothing more
        slow.append(tls)
    try:
        # A body sent slowly is held by nginx too, not passed on half-read.
        for tls in slow[:workers]:
            tls.sendall(b"Content-Length: 100000\r\nContent-Type: text/plain\r\n\r\nabc")
        started = time.monotonic()
        for path in ("/nl/", THEME, "/en/", "/nl/zoeken/?q=water"):
            status, _, _ = site.request(path, timeout=5)
            assert status == 200, path
        assert time.monotonic() - started < 5
    finally:
        for tls in slow:
            tls.close()


def test_killing_an_app_server_under_load_loses_no_request(site):
    paths = public_paths(site)
    total = 400
    done = []
    failures = []

    def fetch(number):
        path = paths[number % len(paths)]
        try:
            status, _, _ = site.request(path, timeout=20)
        except OSError as error:
            status = repr(error)
        done.append(number)
        if status != 200:
            failures.append((path, status))

    victim = site.app_ports[0]
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(fetch, number) for number in range(total)]
        while len(done) < total // 3:
            time.sleep(0.01)
        os.killpg(site.processes[victim].pid, signal.SIGKILL)
        killed_after = len(done)
        concurrent.futures.wait(futures)
    assert killed_after < total * 0.9, "the server must die in the middle of the load"
    assert len(done) == total
    assert failures == []
    # And the other server carried the rest.
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{victim}/healthz", timeout=2)
