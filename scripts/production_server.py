"""Serve the site as in production, on loopback, to measure it (page weight, Lighthouse, bench).

gunicorn with the real settings module and DEBUG off, static files collected with the compressed
manifest storage (hashed names, brotli and gzip copies served by WhiteNoise), a throw-away SQLite
database in a temporary folder with the shipped content loaded. Only `DJANGO_HTTPS=off` differs
from production: there is no TLS on 127.0.0.1, so no redirect to https and no secure-only cookies.

    with production_server(8610) as url: ...          # from Python (tests, scripts/bench.py)
    python scripts/production_server.py 8610          # by hand: serves until Ctrl+C
"""

import contextlib
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"


def production_env(data_dir: Path, port: int, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "PYTEST"))
    }
    env.update(
        DJANGO_ENV_FILE="",  # not .env.local: the production defaults, stated here
        DJANGO_SETTINGS_MODULE="gent.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_DEBUG="off",
        DJANGO_HTTPS="off",
        DATABASE_URL=f"sqlite:///{data_dir / 'db.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(data_dir / "media"),
        # The disk cache that gunicorn's workers share without Redis (issue 5), kept apart too.
        DJANGO_CACHE_DIR=str(data_dir / "cache"),
        DJANGO_LOG_LEVEL="WARNING",
        BIND_HOST="127.0.0.1",
        PORT=str(port),
    )
    env.update(extra)
    return env


def prepare(env: dict[str, str]) -> None:
    """What the container build and start do: catalogues, static files, database, content."""
    for command in (
        ["compilecatalogues"],
        ["collectstatic", "--noinput", "--verbosity", "0"],
        ["migrate", "--noinput", "--verbosity", "0"],
        ["load_content"],
    ):
        subprocess.run(
            [PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
        )


def stop(process: subprocess.Popen) -> None:
    """Stop gunicorn and its workers (its own process group): SIGTERM, then SIGKILL after 30 s."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2):
            return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on {url} within {timeout} s")


@contextlib.contextmanager
def production_server(port: int, workers: int | None = None, **extra_env: str):
    """Yield the base URL of a production-configured gunicorn on 127.0.0.1:`port`."""
    with tempfile.TemporaryDirectory(prefix="gent-prod-") as tmp:
        data_dir = Path(tmp)
        env = production_env(data_dir, port, **extra_env)
        if workers:
            env["WEB_CONCURRENCY"] = str(workers)
        prepare(env)
        log = (data_dir / "gunicorn.log").open("w")
        process = subprocess.Popen(
            [GUNICORN, "-c", "gent/gunicorn.conf.py", "gent.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped with its workers below
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(url + "/nl/", process)
            yield url
        finally:
            stop(process)
            log.close()


def _stop(signum, frame):
    raise SystemExit(0)


if __name__ == "__main__":
    # Ctrl+C or a plain `kill` both leave through the `with` below, which stops gunicorn too
    # (a background job started by a script ignores SIGINT, so SIGTERM matters as much).
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8600
    with production_server(port) as base:
        print(f"Serving {base}/nl/ with production settings; Ctrl+C stops.", flush=True)
        while True:
            signal.pause()
