"""`make lighthouse`: Lighthouse 12.8.2 (mobile preset) on home, theme and topic pages.

The site runs as in production (scripts/production_server.py, 127.0.0.1:8620). Scores go to
docs/performance.md (between the lighthouse markers) and the full reports to artifacts/lighthouse/.
Exits non-zero when a page misses a target: accessibility, best practices and SEO 100,
performance 95 or more.
"""

import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.request import urlopen

from bs4 import BeautifulSoup
from production_server import ROOT, production_server

PORT = 8620
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "artifacts" / "lighthouse"
DOC = ROOT / "docs" / "performance.md"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
    "--disable-background-networking --disable-component-update --disable-sync "
    "--no-first-run --disable-quic"
)


def pages(base: str) -> dict[str, str]:
    """Home, the first theme and the first topic, found the way a visitor finds them."""
    home = f"{base}/nl/"
    with urlopen(home) as response:
        soup = BeautifulSoup(response.read(), "html.parser")
    theme = soup.select_one(".theme-card .card__title a")["href"]
    topic = soup.select_one(".theme-card .topic-list a")["href"]
    return {"home": home, "theme": base + theme, "topic": base + topic}


def run_lighthouse(name: str, url: str) -> dict:
    out = REPORTS / name
    subprocess.run(
        [
            LIGHTHOUSE,
            url,
            f"--chrome-flags={CHROME_FLAGS}",
            "--output=json",
            "--output=html",
            f"--output-path={out}",
            "--quiet",
        ],
        check=True,
        timeout=300,
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")},
    )
    report = json.loads((out.parent / f"{name}.report.json").read_text())
    scores = {key: round(report["categories"][key]["score"] * 100) for key in CATEGORIES}
    failing = {
        key: sorted(
            audit["id"]
            for ref in report["categories"][key]["auditRefs"]
            if ref["weight"]
            and (audit := report["audits"][ref["id"]])["score"] is not None
            and audit["score"] < 1
        )
        for key in CATEGORIES
    }
    metrics = report["audits"]
    return {
        "scores": scores,
        "failing": failing,
        "fcp": metrics["first-contentful-paint"]["displayValue"],
        "lcp": metrics["largest-contentful-paint"]["displayValue"],
        "tbt": metrics["total-blocking-time"]["displayValue"],
        "cls": metrics["cumulative-layout-shift"]["displayValue"],
        "path": url.split(":", 2)[-1].split("/", 1)[-1],
    }


def write_doc(results: dict[str, dict]) -> None:
    today = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"Measured {today} on {platform.node() or 'this machine'} ({os.cpu_count()} CPUs, "
        f"{platform.system()} {platform.release()}), Lighthouse 12.8.2, mobile preset (simulated "
        "slow 4G and a 4x slower CPU), Chromium headless, against gunicorn with the production "
        f"settings on 127.0.0.1:{PORT}.",
        "",
        "| page | path | performance | accessibility | best practices | SEO "
        "| FCP | LCP | TBT | CLS |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, result in results.items():
        s = result["scores"]
        lines.append(
            f"| {name} | `/{result['path']}` | {s['performance']} | {s['accessibility']} | "
            f"{s['best-practices']} | {s['seo']} | {result['fcp']} | {result['lcp']} | "
            f"{result['tbt']} | {result['cls']} |"
        )
    misses = [
        f"- {name}, {key}: {', '.join(result['failing'][key]) or '(no single audit)'}"
        for name, result in results.items()
        for key in CATEGORIES
        if result["scores"][key] < 100
    ]
    if misses:
        lines += ["", "Audits that cost points:", "", *misses]
    replace_section(DOC, "lighthouse", "\n".join(lines))


def replace_section(path: Path, name: str, body: str) -> None:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = path.read_text()
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    path.write_text(f"{before}{start}\n{body}\n{end}{after}")


def main() -> int:
    if not LIGHTHOUSE.exists():
        print(
            "Lighthouse is not installed: run `npm ci` in tools/lighthouse (make lighthouse does)."
        )
        return 1
    if REPORTS.exists():
        shutil.rmtree(REPORTS)
    REPORTS.mkdir(parents=True)
    with production_server(PORT, workers=2) as base:
        results = {name: run_lighthouse(name, url) for name, url in pages(base).items()}
    write_doc(results)
    ok = True
    for name, result in results.items():
        print(f"{name:<6} {result['scores']}")
        for key, target in TARGETS.items():
            if result["scores"][key] < target:
                ok = False
                print(f"  {key} {result['scores'][key]} < {target}: {result['failing'][key]}")
    print(f"Scores written to {DOC.relative_to(ROOT)}; reports in {REPORTS.relative_to(ROOT)}/.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
