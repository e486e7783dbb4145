"""Logs are JSON on stdout with a request id that follows the request from proxy to access log."""

import json
import logging
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from gent.logs import AccessLogFormatter, JsonFormatter, RequestIdFilter

ROOT = Path(__file__).resolve().parent.parent
GUNICORN_PORT = 8503


@pytest.fixture
def json_log():
    """Capture the records of the root logger as the production handler formats them."""
    lines = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(json.loads(self.format(record)))

    handler = Collect()
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logging.getLogger().addHandler(handler)
    yield lines
    logging.getLogger().removeHandler(handler)


@pytest.mark.django_db
def test_a_sane_request_id_is_passed_on_and_logged(client, json_log):
    response = client.get("/nl/bestaat-niet/", headers={"X-Request-ID": "lb-4f2a-9c"})
    assert response["X-Request-ID"] == "lb-4f2a-9c"
    record = next(line for line in json_log if line["logger"] == "django.request")
    assert record["request_id"] == "lb-4f2a-9c"
    assert record["level"] == "WARNING"
    assert "Not Found" in record["message"]
    assert {"time", "level", "logger", "message"} <= record.keys()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}", record["time"])


@pytest.mark.django_db
@pytest.mark.parametrize("incoming", ["", "evil\nINFO forged line", "x" * 500, "<script>"])
def test_a_missing_or_insane_request_id_is_replaced(client, incoming):
    headers = {"X-Request-ID": incoming} if incoming else {}
    response = client.get("/healthz", headers=headers)
    generated = response["X-Request-ID"]
    assert generated != incoming and len(generated) == 32 and generated.isalnum()


def test_each_request_gets_its_own_id(client):
    assert client.get("/healthz")["X-Request-ID"] != client.get("/healthz")["X-Request-ID"]


def test_gunicorn_access_log_is_json_with_the_request_id():
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_ENV_FILE": "",
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "PORT": str(GUNICORN_PORT),
        "BIND_HOST": "127.0.0.1",
        "WEB_CONCURRENCY": "1",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gent/gunicorn.conf.py", "gent.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{GUNICORN_PORT}/healthz", headers={"X-Request-ID": "probe-42"}
        )
        for _ in range(100):
            try:
                with urllib.request.urlopen(request, timeout=2) as response:
                    assert response.status == 200
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not answer")
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=30)

    lines = [json.loads(line) for line in output.splitlines() if line.strip()]
    access = [line for line in lines if line["logger"] == "gunicorn.access"]
    assert access, output
    assert access[-1]["request_id"] == "probe-42"
    assert access[-1]["path"] == "/healthz" and access[-1]["status"] == 200
    assert access[-1]["method"] == "GET" and access[-1]["duration_ms"] >= 0
    assert any(line["logger"] == "gunicorn.error" for line in lines)  # "Booting worker" etc.


def test_access_formatter_reads_gunicorn_atoms():
    record = logging.LogRecord(
        "gunicorn.access", logging.INFO, "", 0, "%(m)s %(U)s %(s)s", (), None
    )
    record.args = {"m": "GET", "U": "/nl/", "s": "304", "D": 1500, "{x-request-id}o": "abc"}
    line = json.loads(AccessLogFormatter().format(record))
    assert line["message"] == "GET /nl/ 304"
    assert line["status"] == 304 and line["duration_ms"] == 1.5 and line["request_id"] == "abc"
