"""The docs site as a reader uses it, in Chromium: offline, searchable, copyable, downloadable.

Screenshots of every page, at 1366 and 390 px wide, light and dark, are written to
test-artifacts/screenshots/ (git-ignored, the run's artifacts: README.md names them). Page weight is measured by
`benchmarks/bench.py --site`, not here: these tests assert nothing that depends on timing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import site_figures
from helpers import ROOT, replace_once
from playwright.sync_api import Browser, Page, sync_playwright
from site_tools import CHROMIUM_ARGS, built_site, chromium_path, copy_project, mkdocs, serve

from gen.aws import commands as aws_commands
from gen.reference.model import Reference

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
SEARCH_WAIT_MS = 15_000


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory)


def test_every_page_footer_carries_the_versions(site: Path, ref: Reference) -> None:
    """Issue 16: the footer (mkdocs_hook.on_config) names eks-sg's and the reference's version."""
    from gen.reference import release

    for page in ("index.html", "reference/node/index.html", "downloads/index.html"):
        assert release.versions(ref) in (site / page).read_text(encoding="utf-8"), page


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Watched:
    """A page that records every request it makes and every console error."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.grant_permissions(
            ["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/")
        )
        self.page: Page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def outside(self) -> list[str]:
        return [
            u for u in self.requests if not u.startswith(("http://127.0.0.1:", "data:", "blob:"))
        ]


@pytest.fixture
def watched(browser: Browser, base_url: str) -> Iterator[Watched]:
    watched = Watched(browser, base_url)
    yield watched
    watched.context.close()


def page_paths(site: Path) -> list[str]:
    """Every HTML page of the site, as a URL path."""
    pages = sorted(p.relative_to(site).parent.as_posix() for p in site.rglob("index.html"))
    return ["" if p == "." else p + "/" for p in pages]


@pytest.mark.slow("every page in Chromium, each until the network is idle")
def test_every_page_loads_offline_without_errors(
    site: Path, base_url: str, watched: Watched
) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    paths = page_paths(site)
    sources = [p for p in (ROOT / "docs").rglob("*.md") if "vendor" not in p.parts]
    assert len(paths) == len(sources)  # every Markdown page became an HTML page
    for path in paths:
        watched.page.goto(base_url + path, wait_until="networkidle")
        assert watched.outside() == [], path
        assert watched.errors == [], path
    # Issue 22: no diagram library at all (diagrams are static SVG).
    assert not [u for u in watched.requests if "mermaid" in u]


@pytest.mark.slow(
    "a full-page screenshot of each of 20 pages, and axe-core on each in two of the four"
)
@pytest.mark.parametrize("scheme", site_figures.SCHEMES)
@pytest.mark.parametrize("width_name", list(site_figures.WIDTHS))
def test_every_page_at_phone_and_desktop_width_light_and_dark(
    site: Path, browser: Browser, base_url: str, width_name: str, scheme: str
) -> None:
    """Issue 15: a screenshot of each page at both widths and schemes; at 390 px nothing makes
    the page scroll sideways; axe-core finds no serious or critical violation (checked at
    desktop width in the light scheme and at phone width in the dark one). Slow (~20 s each:
    a full-page screenshot of every page), so one test per width and scheme, run side by side.
    The pages are static: `load` and the fonts are what the picture needs (networkidle's
    half-second wait per page is test_every_page_loads_offline_without_errors's to pay);
    JPEG, which Chromium encodes in half PNG's time for a 40,000-px page."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    width, problems = site_figures.WIDTHS[width_name], []
    context, page = site_figures.open_page(browser, width, scheme)
    try:
        for path in site_figures.page_paths(site):
            page.goto(base_url + path, wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            name = path.strip("/").replace("/", "_") or "home"
            shot = ARTIFACTS / f"{name}-{width_name}-{scheme}.jpg"
            page.screenshot(path=str(shot), type="jpeg", quality=70, full_page=True)
            if width_name == "phone" and site_figures.horizontal_overflow(page) > 0:
                problems.append(f"{path or '/'} scrolls sideways at {width} px ({scheme})")
            if (width_name, scheme) in (("desktop", "light"), ("phone", "dark")):
                bad = site_figures.serious(site_figures.axe_violations(page))
                problems += [f"{path or '/'} {width_name} {scheme}: {v}" for v in bad]
    finally:
        context.close()
    assert problems == []


def test_axe_names_the_element_of_a_serious_violation(browser: Browser, tmp_path: Path) -> None:
    """The check above can fail: axe's quick run (no selectors) finds the violations a full
    run finds, and a serious one comes back with the element it is on."""
    low = '<p id="low" style="color:#eee;background:#fff">pale</p><img src="x.png">'
    (tmp_path / "index.html").write_text(
        f'<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>t</h1>'
        f"{low}</main></body></html>"
    )
    context, page = site_figures.open_page(browser, 390, "dark")
    with serve(tmp_path) as url:
        page.goto(url, wait_until="load")
        found = site_figures.axe_violations(page)
        quick = page.evaluate(site_figures.AXE_RUN, site_figures.AXE_QUICK)
    context.close()
    assert {(v["id"], v["target"]) for v in site_figures.serious(found)} == {
        ("color-contrast", "#low"),
        ("image-alt", "img"),
    }
    assert [(v["id"], v["impact"], v["nodes"]) for v in quick] == [
        (v["id"], v["impact"], v["nodes"]) for v in found
    ]


def search(watched: Watched, base_url: str, text: str) -> list[str]:
    return site_figures.search(watched.page, base_url, text, timeout=SEARCH_WAIT_MS)


@pytest.mark.parametrize("text", site_figures.QUERIES)
def test_search_puts_a_rule_or_port_entry_first(watched: Watched, base_url: str, text: str) -> None:
    """Issue 15: a port number or a component name finds the rule or port entry first."""
    hrefs = search(watched, base_url, text)
    assert site_figures.entry_rank(hrefs) == 1, hrefs[:6]
    assert site_figures.suggestion(watched.page).strip() in ("", text), "autocomplete"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("kubelet", "reference/node/"), ("kubelet", "reference/control-plane/"),
     ("15017", "reference/istio-ports/"), ("15017", "reference/node/")],
)  # fmt: skip
def test_search_finds_the_right_pages(
    watched: Watched, base_url: str, text: str, expected: str
) -> None:
    hrefs = search(watched, base_url, text)
    assert any(expected in href for href in hrefs), hrefs


def test_copy_button_copies_exactly_the_command(
    watched: Watched, base_url: str, ref: Reference
) -> None:
    rule = next(r for r in ref.rules if r.id == "node-in-istio-webhook-from-control-plane")
    watched.page.goto(base_url + f"reference/node/#{rule.id}", wait_until="load")
    heading = watched.page.locator(f"#{rule.id}")
    block = (
        heading.locator("xpath=following::div[contains(@class,'tabbed-set')][1]")
        .locator(".highlight")
        .first
    )
    block.hover()
    block.locator("button.md-code__button[data-md-type=copy]").click()
    copied = watched.page.evaluate("navigator.clipboard.readText()")
    assert copied == aws_commands.authorize_and_revoke(rule, aws_commands.Values.variables(ref))[0]


def snippet(page: Page, rule_id: str):
    """The Add/Remove tab set under a rule's heading."""
    return page.locator(f"#{rule_id}").locator(
        "xpath=following::div[contains(@class,'tabbed-set')][1]"
    )


def test_a_remove_tab_clicked_elsewhere_leaves_copy_buttons_adding(
    watched: Watched, base_url: str, ref: Reference
) -> None:
    """Issue 15: clicking "Remove" on one snippet does not turn other snippets (on this page or
    the next) into revoke commands: tabs are not linked."""
    node = [r for r in ref.rules if r.group == "node"]
    control_plane = next(r for r in ref.rules if r.group == "control-plane")
    watched.page.goto(base_url + "reference/node/", wait_until="load")
    snippet(watched.page, node[0].id).locator("label", has_text="Remove").click()
    for page, rule in (("node", node[1]), ("control-plane", control_plane)):
        if page != "node":
            watched.page.goto(base_url + f"reference/{page}/", wait_until="load")
        block = snippet(watched.page, rule.id).locator(".highlight").first
        block.hover()
        block.locator("button.md-code__button[data-md-type=copy]").click()
        copied = watched.page.evaluate("navigator.clipboard.readText()")
        add, _ = aws_commands.authorize_and_revoke(rule, aws_commands.Values.variables(ref))
        assert copied == add, page


def test_download_links_return_the_committed_bytes(watched: Watched, base_url: str) -> None:
    watched.page.goto(base_url + "downloads/", wait_until="load")
    links = watched.page.locator("article a[href]").evaluate_all("els => els.map(e => e.href)")
    files = [
        u
        for u in links
        if u.rsplit("/", 1)[-1].endswith((".csv", ".json", ".sh", ".tf", ".hcl", ".yaml"))
    ]
    committed = sorted((ROOT / "docs/downloads").rglob("*.*"))
    assert len(files) == len([p for p in committed if p.suffix != ".md"])
    for url in files:
        response = watched.page.request.get(url)
        relative = url.split("/downloads/", 1)[1]
        assert response.status == 200, url
        assert response.body() == (ROOT / "docs/downloads" / relative).read_bytes(), url


RAW_DIAGRAM_TEXT = ("flowchart", "-->", "-.->", "```mermaid")


@pytest.mark.slow("every page in Chromium")
def test_every_page_s_diagrams_are_svg_with_no_raw_source(
    site: Path, watched: Watched, base_url: str, ref: Reference
) -> None:
    """Issue 22: diagrams are drawn at build time: each is an <svg> in the page (no button, no
    library loaded), and no page shows diagram source. The diagrams are in the HTML, so `load`
    is enough for them; the last page waits for the network to settle, for the requests."""
    for path in page_paths(site):
        watched.page.goto(base_url + path, wait_until="load")
        text = watched.page.locator("article").inner_text()
        assert not [raw for raw in RAW_DIAGRAM_TEXT if raw in text], path
        for box in watched.page.locator(".diagram").all():
            assert box.locator("svg.traffic-diagram").count() == 1, path
    watched.page.goto(base_url, wait_until="load")
    svg = watched.page.locator(".diagram svg").first
    assert svg.get_attribute("role") == "img"
    for group in ref.security_groups:
        assert group.title.split()[0] in (svg.text_content() or "")
    assert not [u for u in watched.requests if "mermaid" in u]
    assert watched.outside() == []
    assert watched.errors == []


def test_group_diagrams_draw_required_and_optional_traffic_apart(
    watched: Watched, base_url: str
) -> None:
    """Issue 15: a diagram per group page; optional traffic dotted; clients reach the ALB."""
    watched.page.goto(base_url + "reference/node/", wait_until="load")
    svg = watched.page.locator(".diagram svg").first
    assert svg.locator("line.arrow--optional").count() > 0
    assert svg.locator("line.arrow--required").count() > 0
    dashes = svg.locator("line.arrow--optional").first.evaluate(
        "e => getComputedStyle(e).strokeDasharray"
    )
    assert dashes not in ("", "none")
    assert "All All" not in (svg.text_content() or "")
    watched.page.goto(base_url + "reference/alb/", wait_until="load")
    assert "Clients" in (watched.page.locator(".diagram svg").first.text_content() or "")
    assert watched.outside() == []
    assert watched.errors == []


HOSTILE_TITLE = 'Worker "node"] --> x[<img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from data whose node group title tries to rewrite the diagram."""
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    data = project / "data/reference.yaml"
    title = "  title: Worker node security group\n"
    data.write_text(replace_once(data.read_text(), title, f"  title: '{HOSTILE_TITLE}'\n"))
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_a_hostile_title_stays_text_in_the_diagram(browser: Browser, hostile_site: Path) -> None:
    """The title shows as written; the diagram has no image and no element the data made."""
    with serve(hostile_site) as url:
        watched = Watched(browser, url)
        try:
            watched.page.goto(url + "reference/overview/", wait_until="load")
            svg = watched.page.locator(".diagram svg").first
            assert HOSTILE_TITLE.split(" -->")[0] in " ".join((svg.text_content() or "").split())
            assert svg.locator("img").count() == 0
            assert watched.page.locator("article img").count() == 0
            tags = svg.evaluate(
                "s => [...new Set([...s.querySelectorAll('*')].map(e => e.tagName))]"
            )
            assert set(tags) <= {"title", "g", "rect", "text", "tspan", "line", "path"}
            assert watched.errors == []
        finally:
            watched.context.close()
