"""CPU time gunicorn spends per request, one request at a time: pages against the static file.

    .venv/bin/python scripts/served_cpu.py          # page cache on: hits
    .venv/bin/python scripts/served_cpu.py --off    # page cache off: renders

One gunicorn worker with one thread and the production settings (scripts/production_server.py)
on 127.0.0.1:8632 (BENCH_PORT + 2); 300 sequential requests per URL after 30
to warm up, each asking for gzip; the CPU time (user + system) of the master and its worker from
/proc, divided by the requests. Unlike requests/s under wrk, this barely moves when other
processes load the machine, and its ratio static / page is what throughput ratios tend to on an
idle machine where gunicorn is the bottleneck.
"""

import os
import re
import subprocess
import sys
import urllib.request

from production_server import production_server

PORT = int(os.environ.get("BENCH_PORT", "8630")) + 2
PATHS = ["/nl/", "/nl/stad-van-de-toekomst/", "/nl/stad-van-de-toekomst/wonen/"]


def server_pids(port: int) -> list[int]:
    listening = subprocess.run(
        ["ss", "-Hltnp", f"sport = :{port}"], capture_output=True, text=True, check=True
    ).stdout
    master = int(re.search(r"pid=(\d+)", listening).group(1))
    pids = [master]
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    if int(stat.read().rsplit(")", 1)[1].split()[1]) == master:
                        pids.append(int(entry))
            except OSError:
                pass
    return pids


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def main() -> None:
    cache = "0" if "--off" in sys.argv else "300"
    with production_server(
        PORT, workers=1, DJANGO_PAGE_CACHE_SECONDS=cache, GUNICORN_THREADS="1"
    ) as base:
        html = urllib.request.urlopen(base + "/nl/").read().decode()
        static = re.search(r'href="(/static/css/site[^"]+)"', html).group(1)
        pids = server_pids(PORT)
        for path in [static, *PATHS]:
            request = urllib.request.Request(base + path, headers={"Accept-Encoding": "gzip"})
            for _ in range(30):
                urllib.request.urlopen(request).read()
            before = cpu_seconds(pids)
            for _ in range(300):
                with urllib.request.urlopen(request) as response:
                    response.read()
                    state = response.headers.get("X-Page-Cache", "")
            per_request = (cpu_seconds(pids) - before) / 300 * 1000
            print(f"{path:<40} {per_request:5.2f} ms CPU per request {state}", flush=True)


if __name__ == "__main__":
    main()
