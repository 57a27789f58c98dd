"""The setup picker in Chromium: the page gives exactly what `eks-sg rules` gives.

For each setup, the page's rows (`tr[data-rule-id]`), covered rules, downloaded CSV and
downloaded script are compared byte for byte with `eks-sg rules` for the same answers.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from site_tools import CHROMIUM_ARGS, chromium_path, copy_project, mkdocs, serve

from gen.cli import main as cli
from gen.reference.model import Reference

pytestmark = pytest.mark.browser

SETUPS = [
    (),  # the baseline alone
    ("nlb", "istio", "aws-load-balancer-controller"),  # the first task
    ("managed-nodes-cluster-sg", "istio"),  # its second
    ("aws-load-balancer-controller", "alb-ip-targets"),  # its third (own node group)
    ("recommended",), ("alb", "nodeport-range"), ("istio-ambient", "istio-gateway"),
    ("knative", "gatekeeper", "ingress-nginx"), ("metrics-server", "prometheus-adapter"),
    ("karpenter", "efa"), ("ipv6",), ("restricted-egress",), ("eksctl-broad", "istio"),
    ("metrics-server-legacy", "coredns"), ("mixed-nodes", "sg-for-pods"),
    ("nlb-ip-targets", "sg-for-pods"), ("nlb-without-sg",), ("istio-multicluster",),
    ("hybrid-nodes", "ssh"), ("managed-nodes-cluster-sg", "nlb", "sg-for-pods", "efa"),
]  # fmt: skip


def rules(fmt: str, chosen: tuple[str, ...]) -> str:
    """`eks-sg rules --format FMT --with ...`, in-process."""
    out = io.StringIO()
    args = ["rules", "--format", fmt, *(["--with", ",".join(chosen)] if chosen else [])]
    with contextlib.redirect_stdout(out):
        assert cli.main(args) == 0
    return out.getvalue()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = copy_project(tmp_path_factory.mktemp("setup"))
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    with serve(project / "site") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert errors == []


def open_setup(page: Page, base_url: str, chosen: tuple, ready: str = ".setup-summary") -> None:
    query = f"?with={','.join(chosen)}" if chosen else ""
    page.goto(f"{base_url}setup/{query}", wait_until="networkidle")
    page.wait_for_selector(ready)


def downloaded(page: Page, label: str) -> str:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    return Path(info.value.path()).read_text(encoding="utf-8")


def shown(page: Page) -> tuple[list[str], list[str]]:
    rows = page.locator("tr[data-rule-id]").evaluate_all("r => r.map(e => e.dataset.ruleId)")
    covered = page.locator("[data-covered-id]").evaluate_all("r => r.map(e => e.dataset.coveredId)")
    return rows, covered


@pytest.mark.parametrize("chosen", SETUPS, ids=[",".join(s) or "baseline" for s in SETUPS])
def test_the_page_gives_what_eks_sg_rules_gives(
    page: Page, base_url: str, chosen: tuple, ref: Reference
) -> None:
    """The page lists answers in the order of its questions (the data's), so the CLI is given
    them in that order too: the same command line then heads both outputs."""
    order = [c.id for c in ref.categories]
    chosen = tuple(sorted(chosen, key=order.index))
    open_setup(page, base_url, chosen)
    expected = json.loads(rules("json", chosen))
    assert shown(page) == (
        [r["id"] for r in expected["rules"]],
        [c["id"] for c in expected["covered"]],
    )
    assert downloaded(page, "Download CSV") == rules("csv", chosen)
    assert downloaded(page, "Download apply script") == rules("aws-cli", chosen)
    assert downloaded(page, "Download Terraform") == rules("terraform", chosen)
    assert downloaded(page, "Download CloudFormation") == rules("cloudformation", chosen)


def test_the_questions_work_with_the_keyboard_and_the_url_follows(
    page: Page, base_url: str
) -> None:
    open_setup(page, base_url, ())
    before = shown(page)[0]
    page.locator("#with-istio").focus()
    page.keyboard.press("Space")
    page.wait_for_function("location.search === '?with=istio'")
    after = shown(page)[0]
    assert "node-in-istio-webhook-from-control-plane" in after
    assert set(before) < set(after)
    page.keyboard.press("Tab")  # to the next question, then tick it too
    page.keyboard.press("Space")
    focused = page.evaluate("document.activeElement.value")
    page.wait_for_function(f"location.search === '?with=istio,{focused}'")


def test_categories_that_exclude_each_other_say_so(page: Page, base_url: str) -> None:
    open_setup(page, base_url, ("managed-nodes-cluster-sg", "mixed-nodes"), ready=".setup-error")
    alert = page.get_by_role("alert")
    assert alert.inner_text() == (
        "categories managed-nodes-cluster-sg and mixed-nodes exclude each other: choose one."
    )


def test_phone_width_has_no_horizontal_page_scroll(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    open_setup(page, base_url, ("nlb", "istio"))
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    context.close()
    assert width[0] <= width[1]


def test_the_home_page_guide_links_into_the_picker_with_real_categories(
    browser: Browser, base_url: str
) -> None:
    """Each case of the decision guide opens the picker with its answers already ticked."""
    from helpers import DATA

    from gen.reference.load import load

    known = {c.id for c in load(DATA).categories}
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url, wait_until="networkidle")
    links = page.locator("a[href*='setup/?with=']").evaluate_all("a => a.map(e => e.href)")
    assert links
    for link in links:
        wanted = link.split("?with=")[1].split(",")
        assert set(wanted) <= known, link
        page.goto(link, wait_until="networkidle")
        page.wait_for_selector(".setup-summary")
        ticked = page.locator("input[name=with]:checked").evaluate_all("b => b.map(e => e.value)")
        assert ticked == wanted
    context.close()
