"""`make bench`: throughput and latency of the site under gunicorn with the production settings.

For each of two runs, page cache on (the default) and off (DJANGO_PAGE_CACHE_SECONDS=0), it starts
scripts/production_server.py on 127.0.0.1:8630 (gunicorn's default worker count), warms each URL
up, then runs a bounded `wrk` (2 threads, 16 connections, 10 s) against the home page, a theme and
a topic, each right after a hashed static file served by the same gunicorn + WhiteNoise. Every
request asks for compressed responses, as browsers do. It prints requests/s, p50 and p99 latency,
responses outside 2xx and each page's throughput as a ratio to the static file, checks the targets,
and rewrites the table in docs/performance.md (between the bench markers).

Without the page cache setting (before issue 5 is merged) both runs are uncached; the table says so.

When nginx is installed, a third run goes through the production nginx front
(docker/nginx/gent.conf.template, TLS on loopback, scripts/nginx_front.py) with the page cache on
and DJANGO_SHARED_CACHE_SECONDS=60: the static file is served by nginx from disk, the pages from
nginx's proxy cache (revalidated with the app once a minute).

BENCH_PORT (default 8630) moves the ports (gunicorn on it, nginx on the next two), BENCH_DURATION
(default 10s) the length of each measurement.
"""

import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.request import urlopen

from bs4 import BeautifulSoup
from nginx_front import nginx_binary, nginx_front
from production_server import ROOT, production_env, production_server

PORT = int(os.environ.get("BENCH_PORT", "8630"))
THREADS, CONNECTIONS, DURATION = 2, 16, os.environ.get("BENCH_DURATION", "10s")
WRK_SCRIPT = ROOT / "scripts" / "bench.lua"
DOC = ROOT / "docs" / "performance.md"
HEADERS = ["-H", "Accept-Encoding: gzip, deflate, br"]
TARGETS = {"cached": 0.85, "uncached": 0.25}
P99_LIMIT_MS = 50.0


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    print("wrk is missing: installing it with apt (needs root).", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "wrk"],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )
    return shutil.which("wrk") or "wrk"


def server_settings(**extra_env: str) -> dict:
    """PAGE_CACHE_SECONDS (None where the setting does not exist) and the cache backend, as the
    production settings see them with this environment."""
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps({'page_cache': getattr(settings, 'PAGE_CACHE_SECONDS', None), "
        "'cache': settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}))"
    )
    with tempfile.TemporaryDirectory() as tmp:
        env = production_env(Path(tmp), PORT, **extra_env)
        out = subprocess.run(
            [ROOT / ".venv" / "bin" / "python", "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    return json.loads(out.strip().splitlines()[-1])


def targets(base: str, context=None) -> dict[str, str]:
    """The static file, home, the first theme and the first topic, as a visitor finds them."""
    home = f"{base}/nl/"
    with urlopen(home, context=context) as response:
        soup = BeautifulSoup(response.read(), "html.parser")
    return {
        "static file": base + soup.select_one("link[rel=stylesheet]")["href"],
        "home": home,
        "theme": base + soup.select_one(".theme-card .card__title a")["href"],
        "topic": base + soup.select_one(".theme-card .topic-list a")["href"],
    }


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(binary: str, url: str, duration: str = DURATION, connections: int = CONNECTIONS) -> dict:
    command = [binary, f"-t{THREADS}", f"-c{connections}", f"-d{duration}", "--latency"]
    command += [*HEADERS, "-s", str(WRK_SCRIPT), url]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.MULTILINE))
    if set(latency) != {"50", "99"} or "Requests/sec" not in out:
        raise RuntimeError(f"Unexpected output from {' '.join(command)}:\n{out}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": to_ms(latency["50"]),
        "p99": to_ms(latency["99"]),
        "bad": int(re.search(r"non-2xx: (\d+)", out).group(1)),
        "errors": re.search(r"Socket errors: .*", out).group(0) if "Socket errors" in out else "",
    }


def show(row: dict) -> None:
    print(
        f"{row['run']:<8} {row['name']:<11} {row['cache']:<5} {row['rps']:>8.0f} req/s"
        f"  p50 {row['p50']:>6.1f} ms  p99 {row['p99']:>6.1f} ms  non-2xx {row['bad']}"
        f"  ratio {row['ratio']:.2f} "
        f"{row['errors']}",
        flush=True,
    )


def run(binary: str, label: str, through_nginx: bool = False, **extra_env: str) -> list[dict]:
    """One server, every URL. The static file is measured right before each page and the page's
    ratio taken to that measurement, so that load from elsewhere on a shared machine shifts both
    alike; the static row reports the best of those measurements."""
    with production_server(PORT, **extra_env) as base:
        if not through_nginx:
            return measure(binary, label, base)
        with nginx_front(PORT, PORT + 1, PORT + 2) as (front, context):
            return measure(binary, label, front, context)


def measure(binary: str, label: str, base: str, context=None) -> list[dict]:
    rows, statics = [], []
    urls = targets(base, context)
    static_url = urls.pop("static file")
    for url in [static_url, *urls.values()]:  # warm up: workers import lazily, caches fill
        wrk(binary, url, duration="2s", connections=4)
    # What the page cache (issue 5) says it did, once warm: hit, off, or "-" without one.
    cache_state = {}
    for name, url in urls.items():
        with urlopen(url, context=context) as response:
            cache_state[name] = response.headers.get("X-Page-Cache", "-")
            if response.headers.get("X-Proxy-Cache"):  # nginx's own cache, in front
                cache_state[name] += f", nginx {response.headers['X-Proxy-Cache'].lower()}"
    for name, url in urls.items():
        static = wrk(binary, static_url)
        statics.append(static)
        page = wrk(binary, url)
        row = {"run": label, "name": name, "path": url.removeprefix(base), **page}
        row["cache"] = cache_state[name]
        row["ratio"] = page["rps"] / static["rps"]
        row["static_rps"] = static["rps"]
        rows.append(row)
        show(row)
    best = max(statics, key=lambda result: result["rps"])
    static_row = {"run": label, "name": "static file", "path": static_url.removeprefix(base)}
    static_row["cache"] = ""
    static_row.update(best, ratio=1.0, static_rps=best["rps"])
    static_row["bad"] = sum(result["bad"] for result in statics)
    show(static_row)
    return [static_row, *rows]


def verdicts(rows: list[dict], cache_works: bool) -> list[str]:
    misses = []
    for row in rows:
        if row["bad"]:
            misses.append(f"{row['run']} {row['name']}: {row['bad']} responses outside 2xx")
        if row["name"] == "static file":
            continue
        kind = "cached" if row["run"].endswith("cached") and cache_works else "uncached"
        kind = "uncached" if row["run"] == "uncached" else kind
        if row["ratio"] < TARGETS[kind]:
            misses.append(
                f"{row['run']} {row['name']}: {row['ratio']:.2f} of the static file's "
                f"throughput (target {TARGETS[kind]})"
            )
        if kind == "cached" and row["p99"] >= P99_LIMIT_MS:
            misses.append(f"{row['run']} {row['name']}: p99 {row['p99']:.1f} ms (target < 50)")
    return misses


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):  # noqa: SIM115
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.node()}: {os.cpu_count()} × {cpu}, {platform.system()} {platform.release()}"


def write_doc(rows, notes: str, misses: list[str]) -> None:
    today = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"Measured {today} on {machine()}. {notes}",
        "",
        "| run | target | path | X-Page-Cache | req/s | p50 | p99 | non-2xx "
        "| static file just before | ratio |",
        "|---|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        static_before = "" if row["name"] == "static file" else f"{row['static_rps']:,.0f}"
        lines.append(
            f"| {row['run']} | {row['name']} | `{row['path']}` | {row['cache']} "
            f"| {row['rps']:,.0f} | {row['p50']:.1f} ms | {row['p99']:.1f} ms | {row['bad']} "
            f"| {static_before} | {row['ratio']:.2f} |"
        )
    lines += ["", "Targets missed:" if misses else "All targets met."]
    lines += [f"- {miss}" for miss in misses]
    text = DOC.read_text()
    before, rest = text.split("<!-- bench:start -->", 1)
    _, after = rest.split("<!-- bench:end -->", 1)
    body = "\n".join(lines)
    DOC.write_text(f"{before}<!-- bench:start -->\n{body}\n<!-- bench:end -->{after}")


def main() -> int:
    binary = ensure_wrk()
    on = server_settings()
    off = server_settings(DJANGO_PAGE_CACHE_SECONDS="0")
    cache_works = bool(on["page_cache"]) and off["page_cache"] == 0
    if cache_works:
        cache_note = (
            f"The page cache keeps pages {on['page_cache']} s; the second run turns it off."
        )
    else:
        cache_note = "This build has no page cache (PAGE_CACHE_SECONDS), so both runs are uncached."
    print(cache_note, flush=True)
    load_before = os.getloadavg()[0]
    # Without a page cache the first run is not a cached one: say so in the table.
    first = "cached" if cache_works else "default"
    rows = run(binary, first) + run(binary, "uncached", DJANGO_PAGE_CACHE_SECONDS="0")
    if nginx_binary() and shutil.which("openssl"):
        # Pages may be kept by nginx for a minute, as an operator would allow a proxy cache to.
        rows += run(binary, f"nginx {first}", through_nginx=True, DJANGO_SHARED_CACHE_SECONDS="60")
    else:
        print("nginx (or openssl) is not installed: no run through the nginx front.", flush=True)
    misses = verdicts(rows, cache_works)
    workers = os.environ.get("WEB_CONCURRENCY", str((os.cpu_count() or 1) * 2 + 1))
    notes = (
        f"Python {platform.python_version()}, gunicorn ({workers} gthread workers) with the "
        f"production settings on 127.0.0.1:{PORT}, SQLite, Django cache backend {on['cache']}; "
        f"`wrk -t{THREADS} -c{CONNECTIONS} -d{DURATION} --latency` with "
        f"`Accept-Encoding: gzip, deflate, br` on the same machine. {cache_note} "
        "The nginx run (if any) goes through docker/nginx/gent.conf.template with TLS on "
        f"127.0.0.1:{PORT + 1} and `DJANGO_SHARED_CACHE_SECONDS=60`: nginx serves the static "
        "file from disk and the pages from its proxy cache. "
        f"Load average (1 min) before and after: {load_before:.1f} and {os.getloadavg()[0]:.1f}."
    )
    write_doc(rows, notes, misses)
    for miss in misses:
        print(f"target missed: {miss}")
    print(f"Table written to {DOC.relative_to(ROOT)}.")
    return 1 if any(row["bad"] for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
