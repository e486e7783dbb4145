"""In-process render cost of the public pages, with the page cache off.

    .venv/bin/python scripts/render_profile.py            # median CPU ms per page
    .venv/bin/python scripts/render_profile.py --profile  # plus cProfile's top functions
    .venv/bin/python scripts/render_profile.py --hits     # page cache on: the cost of a hit

The production settings, a throw-away SQLite database with the shipped content, the page cache
off (``DJANGO_PAGE_CACHE_SECONDS=0``), Django's test client (the whole middleware stack, no
network). Each page is requested 20 times to warm up, then timed ``--runs`` times (default 300);
the median of ``time.process_time()`` per request is reported: CPU time of this process only, so
other processes on a shared machine disturb it far less than wall-clock time (they still cost
cache misses and frequency changes: compare runs made close together).
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

from production_server import production_env

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "home": "/nl/",
    "theme": "/nl/stad-van-de-toekomst/",
    "topic": "/nl/stad-van-de-toekomst/wonen/",
}


def setup(data_dir: Path, page_cache: bool = False) -> None:
    # The production server's environment (scripts/production_server.py), in this process.
    env = production_env(
        data_dir,
        port=8000,  # not served: settings only need a valid port
        DJANGO_PAGE_CACHE_SECONDS="300" if page_cache else "0",
        DJANGO_STATIC_ROOT=str(data_dir / "static"),
    )
    os.environ.clear()
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # Plain storage: the manifest needs collectstatic, which is not what is measured here.
    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
    call_command("migrate", verbosity=0)
    call_command("load_content", verbosity=0)


def measure(client, path: str, runs: int) -> tuple[float, float]:
    """Median and minimum CPU milliseconds per request."""
    for _ in range(20):
        assert client.get(path).status_code == 200
    samples = []
    for _ in range(runs):
        start = time.process_time()
        client.get(path)
        samples.append(time.process_time() - start)
    return statistics.median(samples) * 1000, min(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--hits", action="store_true", help="page cache on: measure its hits")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gent-render-") as tmp:
        setup(Path(tmp), page_cache=args.hits)
        from django.test import Client

        client = Client(HTTP_HOST="127.0.0.1")
        for name, path in PAGES.items():
            median, least = measure(client, path, args.runs)
            state = client.get(path)["X-Page-Cache"]
            print(
                f"{name:<6} {path:<36} {median:6.2f} ms median, {least:6.2f} ms min "
                f"(CPU per request, X-Page-Cache: {state})"
            )
        if args.profile:
            for name, path in PAGES.items():
                profiler = cProfile.Profile()
                profiler.enable()
                for _ in range(50):
                    client.get(path)
                profiler.disable()
                print(f"\n--- {name} ({path}), 50 requests, by own time")
                pstats.Stats(profiler).sort_stats("tottime").print_stats(12)
                pstats.Stats(profiler).print_stats(r"urls/base.py.*\(reverse\)|execute\b")


if __name__ == "__main__":
    main()
