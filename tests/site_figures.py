"""Figures of the built site as a reader gets it in Chromium (issue 15): bytes per page,
search rank per query, accessibility violations, horizontal scroll, screenshots.

Used by tests/site/ (which asserts what does not depend on timing) and by benchmarks/bench.py
--site (which prints the figures, and the weight targets as holds / does not hold). The site
is served by `serve_gzip`: gzip for text, `Cache-Control: max-age=600`, as a static host such
as GitHub Pages sends it, so the bytes counted are the bytes transferred.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page

AXE = Path(sys.prefix) / "npm" / "node_modules" / "axe-core" / "axe.min.js"
"""scripts/setup.sh test installs axe-core into the virtualenv's npm/ folder: the virtualenv
that runs the tests (the clone's .venv, or the one a worktree borrows), as test_site_setup.py
finds it."""
FIRST_VISIT_LIMIT = 700 * 1024
WARM_LIMIT = 150 * 1024
QUERIES = ("15017", "10250", "kubelet", "webhook", "NodePort")
WIDTHS = {"desktop": 1366, "phone": 390}
SCHEMES = ("light", "dark")
_TEXT = (".html", ".css", ".js", ".json", ".svg", ".csv", ".sh", ".txt", ".xml", ".map")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the client accepts it, cacheable for 10 minutes."""

    def log_message(self, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in _TEXT):
            return super().send_head()
        if not self.path.split("?")[0].endswith("/") and (Path(self.translate_path(self.path))
                                                          .is_dir()):  # fmt: skip
            return super().send_head()  # the redirect to the slash
        body = _compressed(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()

        return io.BytesIO(body)


@functools.cache
def _compressed(path: Path, _mtime: int) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


@contextlib.contextmanager
def serve_gzip(directory: Path) -> Iterator[str]:
    handler = functools.partial(_GzipHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def page_paths(site: Path) -> list[str]:
    """Every HTML page of the site, as a URL path ("" for the home page)."""
    pages = sorted(p.relative_to(site).parent.as_posix() for p in site.rglob("index.html"))
    return ["" if p == "." else p + "/" for p in pages]


class Weight(NamedTuple):
    """A page's bytes with everything it loads until the network is idle: on the wire (gzip)
    on a first visit, the same bodies uncompressed, and on the wire after another page."""

    first: int
    first_uncompressed: int
    further: int


def _transferred(page: Page, url: str) -> tuple[int, int]:
    """Bytes on the wire (headers and compressed bodies) and uncompressed bodies to load `url`
    until the network idles."""
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    wire: dict[str, int] = {}
    bodies: dict[str, int] = {}
    session.on("Network.loadingFinished",
               lambda e: wire.__setitem__(e["requestId"], int(e["encodedDataLength"])))  # fmt: skip
    session.on("Network.dataReceived",
               lambda e: bodies.__setitem__(e["requestId"],
                                            bodies.get(e["requestId"], 0) + int(e["dataLength"])))  # fmt: skip
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    session.detach()
    return sum(wire.values()), sum(bodies.values())


def weights(browser: Browser, base_url: str, paths: list[str]) -> dict[str, Weight]:
    """Per page: its Weight, a first visit in an empty cache and a visit after another page."""
    out: dict[str, Weight] = {}
    for path in paths:
        cold = browser.new_context()
        first, uncompressed = _transferred(cold.new_page(), base_url + path)
        cold.close()
        warm = browser.new_context()
        page = warm.new_page()
        page.goto(
            base_url + ("reference/overview/" if path == "" else ""), wait_until="networkidle"
        )
        further, _ = _transferred(page, base_url + path)
        warm.close()
        out[path] = Weight(first, uncompressed, further)
    return out


def is_entry(href: str) -> bool:
    """A rule's (`reference/<group>/#<rule>`) or an Istio port's (`#port-...`) search entry."""
    parts = urlsplit(href)
    where, anchor = parts.path.rstrip("/"), parts.fragment
    if not anchor:
        return False
    if where.endswith("reference/istio-ports"):
        return anchor.startswith("port-")
    groups = ("node", "control-plane", "cluster", "alb", "nlb", "pod")
    return any(where.endswith(f"reference/{g}") for g in groups) and anchor.startswith(groups)


def search(page: Page, base_url: str, text: str, timeout: int = 15_000) -> list[str]:
    """The result links of the site's search for `text`, in the order shown."""
    page.goto(base_url, wait_until="networkidle")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(text, delay=30)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=timeout)
    page.wait_for_timeout(500)
    return results.evaluate_all("els => els.map(e => e.getAttribute('href'))")


def pasted(page: Page, text: str, timeout: int = 15_000) -> list[str]:
    """The result links for a pasted text, on the page as it is: `fill` puts the text in as a
    paste does (one input event), then a key press makes the search run (it listens to keyup).
    The search opens from the header's button on a phone, from the search box on a desktop
    (once: open, it covers the button)."""
    box = page.locator("input.md-search__input")
    if not page.locator("#__search").is_checked():
        button = page.locator("label.md-header__button[for='__search']")
        (button if button.is_visible() else box).click()
    box.fill("")
    box.fill(text)
    box.press("End")
    items = page.locator(".md-search-result__item a")
    items.first.wait_for(timeout=timeout)
    page.wait_for_timeout(400)
    return items.evaluate_all("els => els.map(e => e.getAttribute('href'))")


def fix_rank(hrefs: list[str], rule: str) -> int | None:
    """1-based position, among the sections found, of the rule's entry or of the errors section
    right after it (`#<rule>-errors`)."""
    sections = [urlsplit(h).fragment for h in hrefs if urlsplit(h).fragment]
    return next((i + 1 for i, s in enumerate(sections) if s in (rule, f"{rule}-errors")), None)


def entry_rank(hrefs: list[str]) -> int | None:
    """1-based position of the first rule or port entry among the sections found (the links
    with an anchor; a page's own heading link above its sections is not counted)."""
    sections = [h for h in hrefs if urlsplit(h).fragment]
    return next((i + 1 for i, h in enumerate(sections) if is_entry(h)), None)


def suggestion(page: Page) -> str:
    """The autocomplete the search box offers now (Material's search.suggest)."""
    return page.locator(".md-search__suggest").text_content() or ""


def axe_violations(page: Page) -> list[dict]:
    """axe-core's violations on the loaded page (every rule axe runs by default). The first run
    leaves out each node's CSS selector (axe builds a unique one per checked node: a third of its
    time on the longest pages); only when a serious one is found does a second run name where."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    found = page.evaluate(AXE_RUN, AXE_QUICK)
    return page.evaluate(AXE_RUN, AXE_NAMED) if serious(found) else found


AXE_RUN = """async (options) => (await axe.run(document, options)).violations
    .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
                target: v.nodes[0] && v.nodes[0].target && v.nodes[0].target.join(' ')}))"""
AXE_NAMED = {"resultTypes": ["violations"]}
AXE_QUICK = AXE_NAMED | {"selectors": False, "ancestry": False, "xpath": False}


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def horizontal_overflow(page: Page) -> int:
    """How many pixels the page scrolls sideways (0 when nothing sticks out)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def open_page(browser: Browser, width: int, scheme: str):
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        color_scheme=scheme,  # type: ignore[arg-type]
    )
    return context, context.new_page()
