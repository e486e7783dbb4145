"""Page weight: the home page, everything on the wire included, served as in production.

Measured against gunicorn with the production settings after `collectstatic` (hashed names;
WhiteNoise serves the brotli/gzip copies), in a fresh browser context (empty cache), counting what
Chrome's network layer reports as received: `encodedDataLength` of each finished request, i.e.
compressed bodies plus response headers. The HTML leaves Django gzipped when it is a page-cache
hit, uncompressed when it was just rendered (a miss): whichever this request was, it is within the
budget, the miss being the worst case.
"""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from production_server import production_server

pytestmark = pytest.mark.browser

BUDGET_BYTES = 100 * 1024
BUDGET_REQUESTS = 8
PORT = 8610


@pytest.fixture(scope="module")
def production_site():
    with production_server(PORT, workers=2) as url:
        yield url


def wire_log(context, url):
    """Load `url` in a new page and return {request url: bytes received} for every request."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls, received, failed = {}, {}, []
    cdp.on(
        "Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"])
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: received.__setitem__(e["requestId"], e["encodedDataLength"]),
    )
    cdp.on("Network.loadingFailed", lambda e: failed.append(e))
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    header_images = page.eval_on_selector_all(".header-image img", "els => els.map(e => e.src)")
    page.close()
    assert not failed, failed
    return {urls[rid]: size for rid, size in received.items()}, header_images


@pytest.mark.parametrize("language", ["nl", "en"])
def test_home_page_weighs_under_100_kb_in_at_most_8_requests(browser, production_site, language):
    context = browser.new_context(viewport={"width": 360, "height": 780})
    log, header_images = wire_log(context, f"{production_site}/{language}/")
    context.close()
    counted = {url: size for url, size in log.items() if url not in header_images}
    report = "\n".join(f"{size:>8} {url}" for url, size in sorted(counted.items()))
    print(f"\n{sum(counted.values())} bytes in {len(counted)} requests\n{report}")
    assert any(url.endswith(".woff2") for url in counted), "the fonts must be counted too"
    assert len(counted) <= BUDGET_REQUESTS, report
    assert sum(counted.values()) <= BUDGET_BYTES, report


def test_static_files_arrive_compressed_and_cacheable_forever(browser, production_site):
    context = browser.new_context()
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(f"{production_site}/nl/", wait_until="networkidle")
    css = next(r for r in responses if r.url.endswith(".css"))
    assert css.header_value("content-encoding") in {"br", "gzip"}
    assert "immutable" in css.header_value("cache-control")
    context.close()
