"""The setup picker in Chromium: the page gives exactly what `eks-sg rules` gives.

For each setup, the page's rows (`tr[data-rule-id]`), covered rules, and every download (CSV,
script, Terraform, the terraform-aws-eks map, CloudFormation) are compared byte for byte with
`eks-sg rules` for the same answers.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import site_figures
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from site_tools import CHROMIUM_ARGS, built_site, chromium_path, serve

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
    with serve(built_site(tmp_path_factory)) as url:
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


EKS_MAP = "Download terraform-aws-eks map"


def open_setup(page: Page, base_url: str, chosen: tuple, ready: str = ".setup-summary") -> None:
    query = f"?with={','.join(chosen)}" if chosen else ""
    page.goto(f"{base_url}setup/{query}", wait_until="load")
    page.wait_for_selector(ready)  # made by setup.js once its two fetches have answered


def downloaded(page: Page, label: str) -> str:
    """The file a download button gives. Clicked again once if no download starts within 5 s:
    right after a select's change, one click in three took the button's focus and fired no
    click (no error on the page; the same at the start of this stop's commits, 9d78f41), and
    the second click downloads."""
    button = page.get_by_role("button", name=label, exact=True)
    try:
        with page.expect_download(timeout=5000) as info:
            button.click()
    except PlaywrightTimeoutError:
        with page.expect_download() as info:
            button.click()
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
    assert downloaded(page, EKS_MAP) == rules("terraform-aws-eks", chosen)
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


# --- Issue 22: the reader's IDs and values, the count, the rows' status, phones -----------

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
TASKS = [
    ("nlb", "istio", "aws-load-balancer-controller"),
    ("managed-nodes-cluster-sg", "istio"),
    ("aws-load-balancer-controller", "alb-ip-targets"),
    ("nlb-without-sg", "restricted-egress", "sg-for-pods"),  # CIDR and prefix-list values
]
SAMPLE = {"port": "31080", "ipv4-parameter": "10.20.0.0/16", "ipv6-parameter": "2001:db8::/56",
          "prefix-list": "pl-0123abcd"}  # fmt: skip


def typed_values(page: Page) -> dict[str, str]:
    """Fill every field the setup shows with a valid value; {field name: value}."""
    values = {}
    fields = page.locator(".setup-value:not([hidden]) input")
    for i, name in enumerate(fields.evaluate_all("f => f.map(e => e.name)")):
        kind = name.partition(":")[0]
        check = page.evaluate(
            "([n]) => fetch('selection.json').then(r => r.json()).then(d => "
            "(d.parameters.find(p => 'param:' + p.id === n) || {check: 'sg'}).check)",
            [name],
        )
        value = f"sg-{i:017x}" if kind == "sg" else SAMPLE[check]
        if check == "port":
            value = str(31080 + i)
        page.locator(f"input[name='{name}']").fill(value)
        values[name] = value
    return values


def cli_words(values: dict[str, str], ref: Reference) -> list[str]:
    """The same values as `--sg`/`--param`, in the data's order (as the page writes them)."""
    order = [f"sg:{g.id}" for g in ref.security_groups] + [f"param:{p.id}" for p in ref.parameters]
    words = []
    for name in sorted(values, key=order.index):
        kind, _, item = name.partition(":")
        words += ["--sg" if kind == "sg" else "--param", f"{item}={values[name]}"]
    return words


def rules_with(fmt: str, chosen: tuple[str, ...], words: list[str]) -> str:
    out = io.StringIO()
    args = ["rules", "--format", fmt, *(["--with", ",".join(chosen)] if chosen else []), *words]
    with contextlib.redirect_stdout(out):
        assert cli.main(args) == 0
    return out.getvalue()


@pytest.mark.parametrize("chosen", TASKS, ids=[",".join(t) for t in TASKS])
def test_ids_typed_in_fill_every_download_as_the_command_line_does(
    page: Page, base_url: str, chosen: tuple, ref: Reference
) -> None:
    order = [c.id for c in ref.categories]
    chosen = tuple(sorted(chosen, key=order.index))
    open_setup(page, base_url, chosen)
    values = typed_values(page)
    if json.loads(rules("json", chosen))["rules"]:  # nodes on the cluster SG: nothing to add
        assert any(n.startswith("sg:") for n in values)
    words = cli_words(values, ref)
    assert downloaded(page, "Download CSV") == rules_with("csv", chosen, words)
    assert downloaded(page, "Download apply script") == rules_with("aws-cli", chosen, words)
    assert downloaded(page, "Download Terraform") == rules_with("terraform", chosen, words)
    assert downloaded(page, EKS_MAP) == rules_with("terraform-aws-eks", chosen, words)
    assert downloaded(page, "Download CloudFormation") == rules_with(
        "cloudformation", chosen, words
    )
    offered = page.locator("#setup-format option").evaluate_all("o => o.map(e => e.value)")
    assert {"aws-cli", "csv", "terraform", "terraform-aws-eks", "cloudformation"} <= set(offered)
    for fmt in offered:
        page.locator("#setup-format").select_option(fmt)
        shown_command = page.locator("#setup-command-text").inner_text()
        expected = ["eks-sg", "rules", "--with", ",".join(chosen), *words, "--format", fmt]
        assert shown_command == " ".join(expected)
        assert rules_with(fmt, chosen, words)  # the command line takes it


def test_the_downloaded_script_says_its_own_default_in_help(
    page: Page, base_url: str, tmp_path: Path
) -> None:
    """The script the picker hands out states the categories it applies without --with (it
    used to say "the baseline alone" whatever was ticked), and applies them."""
    chosen = ("nlb", "istio")
    open_setup(page, base_url, chosen)
    script = tmp_path / "apply-setup.sh"
    script.write_text(downloaded(page, "Download apply script"))
    helped = subprocess.run(["dash", str(script), "--help"], capture_output=True, text=True)
    assert helped.returncode == 0, helped.stderr
    assert "repeat it or use commas (default: nlb,istio)\n" in helped.stdout
    assert "repeat it or use commas (default: every group)\n" in helped.stdout
    listed = subprocess.run(["dash", str(script), "--dry-run"], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin"})  # fmt: skip
    assert listed.returncode == 2  # no IDs: it names them, after reading its defaults
    assert "NLB_SG_ID must be" in listed.stderr


@pytest.mark.parametrize(
    ("name", "typed", "message"),
    [
        ("sg:node", "sg-123", "a security group ID is sg- and 8 or 17 hex digits"),
        ("param:nlb-listener-port", "0", "a port is a number from 1 to 65535"),
        ("param:nlb-listener-port", "65536", "a port is a number from 1 to 65535"),
        ("param:nlb-listener-port", "\u0663\u0663", "a port is a number from 1 to 65535"),
    ],
)  # fmt: skip
def test_a_value_the_command_line_refuses_is_not_used_and_says_why(
    page: Page, base_url: str, name: str, typed: str, message: str
) -> None:
    chosen = ("nlb",)
    open_setup(page, base_url, chosen)
    page.locator(f"input[name='{name}']").fill(typed)
    field = page.locator(f".setup-value[data-value='{name}']")
    assert field.locator(".setup-value-error").inner_text() == message
    assert field.locator("input").get_attribute("aria-invalid") == "true"
    assert downloaded(page, "Download CSV") == rules("csv", chosen)  # still the names


@pytest.mark.parametrize(
    "typed",
    ["10.20.0.0/16", "10.20.0.1/16", "010.20.0.0/16", "10.20.0.0", "10.20.0.0/33",
     "256.0.0.0/8", "0.0.0.0/0", "192.168.1.128/25", "192.168.1.64/25"],
)  # fmt: skip
def test_networks_are_checked_as_python_checks_them(page: Page, base_url: str, typed: str) -> None:
    """The page's CIDR check against an independent judge: Python's ipaddress (strict), which
    the command line uses (a value it would rewrite, the page asks to write as it does)."""
    import ipaddress

    open_setup(page, base_url, ("nlb-without-sg",))
    name = "param:nlb-client-cidr"
    page.locator(f"input[name='{name}']").fill(typed)
    said = page.locator(f".setup-value[data-value='{name}'] .setup-value-error").inner_text()
    try:
        normal = str(ipaddress.ip_network(typed, strict=True))
    except ValueError:
        assert said, typed
        return
    assert said == ("" if normal == typed else f"write it as {normal}"), typed


def count_of(expected: dict, ref: Reference) -> str:
    """The command line's count: its rules are those to add (EC2's default egress among them
    where the group lacks it), the covered ones already there."""
    add, there = len(expected["rules"]), len(expected["covered"])
    return f"{add} rule{'' if add == 1 else 's'} to add, {there} already there"


def test_on_a_phone_the_count_stays_in_view_and_jumps_to_the_table(
    browser: Browser, base_url: str, ref: Reference
) -> None:
    chosen = ("nlb", "istio", "aws-load-balancer-controller")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    open_setup(page, base_url, chosen)
    bar = page.locator("#setup-count")
    assert bar.inner_text().startswith(count_of(json.loads(rules("json", chosen)), ref))
    page.locator("#with-istio-ambient").scroll_into_view_if_needed()
    box = bar.bounding_box()
    assert box is not None
    assert 0 <= box["y"] <= 80  # held under the header while the questions scroll by
    page.locator("#with-coredns").check()
    page.wait_for_function("document.getElementById('setup-count').textContent.includes('to add')")
    bar.click()
    page.wait_for_function("location.hash === '#its-rules'")
    table = page.locator("#setup-table").bounding_box()
    assert table is not None
    assert table["y"] < 844
    page.wait_for_timeout(100)  # the jump's scroll settles
    heading, held = page.locator("#its-rules").bounding_box(), bar.bounding_box()
    assert heading is not None and held is not None
    assert heading["y"] >= held["y"] + held["height"]  # not hidden under the count
    context.close()


@pytest.mark.parametrize("width", [390, 1366])
def test_keyboard_focus_shows_on_the_questions_and_the_fields(
    browser: Browser, base_url: str, width: int
) -> None:
    """Material's reset removed the outline of every input: tabbing through the picker showed
    no focus on its checkboxes and fields."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    open_setup(page, base_url, ("istio",))
    outline = "e => getComputedStyle(e).outlineStyle"
    for selector in ("#with-coredns", "#value-sg-node"):
        field = page.locator(selector)
        field.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # focus by keyboard: :focus-visible
        assert page.evaluate("document.activeElement.id") == selector[1:]
        assert field.evaluate(outline) != "none", (selector, width)
    context.close()


def test_rows_say_what_to_do_with_them(page: Page, base_url: str, ref: Reference) -> None:
    chosen = ("nlb", "istio", "aws-load-balancer-controller")
    open_setup(page, base_url, chosen)
    expected = json.loads(rules("json", chosen))
    # node-out-all-ipv4 (EC2's default egress, on a node group made without it) is one of them:
    # it was marked "AWS creates it" while the downloads and the command line added it
    assert "node-out-all-ipv4" in {r["id"] for r in expected["rules"]}
    for rule in expected["rules"]:
        status = page.locator(f"tr[data-rule-id='{rule['id']}'] .setup-status").inner_text()
        assert status == "to add"
    for covered in expected["covered"]:
        status = page.locator(f"tr[data-covered-id='{covered['id']}'] .setup-status").inner_text()
        assert (
            status == covered["why"]
        )  # the command line's words: AWS creates it, already allowed by ...


def test_copy_buttons_say_copied(browser: Browser, base_url: str) -> None:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    page = context.new_page()
    open_setup(page, base_url, ("istio",))
    for label in ("Copy CSV", "Copy link", "Copy command"):
        page.get_by_role("button", name=label).click()
        page.get_by_role("button", name="Copied").wait_for(timeout=5_000)
        page.get_by_role("button", name=label).wait_for(timeout=5_000)  # and back
    assert page.evaluate("navigator.clipboard.readText()").startswith("eks-sg rules --with istio")
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1366, 390])
def test_the_picker_at_both_widths_and_schemes(
    browser: Browser, base_url: str, width: int, scheme: str
) -> None:
    """No sideways scroll (the table is cards at 390 px), no serious or critical axe-core
    violation, the diagram is SVG; a screenshot is kept under test-artifacts/screenshots/."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    open_setup(page, base_url, ("nlb", "istio", "aws-load-balancer-controller"))
    page.locator("input[name='sg:node']").fill("sg-0123456789abcdef0")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert page.locator(".setup-diagram svg").count() > 0
    assert "flowchart" not in page.locator("article").inner_text()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"setup-{width}-{scheme}.png"), full_page=True)
    found = site_figures.serious(site_figures.axe_violations(page))
    context.close()
    assert found == []


# --- Issue 25 point 3: a release select where the release changes the rules ----------------

RELEASE_SETUPS = [
    ("karpenter@1.0.0",), ("karpenter@0.33.0",), ("karpenter@1.1.0",),
    ("istio", "efa", "karpenter@0.37.3"), ("metrics-server-legacy", "karpenter@0.6.0"),
    ("cluster-created-1-33-or-later", "karpenter"),
]  # fmt: skip
"""Words in the page's order: the ids of ticked questions (the questions' order), then the
releases their selects name."""


def same_downloads(page: Page, words: tuple[str, ...]) -> None:
    expected = json.loads(rules("json", words))
    assert shown(page) == (
        [r["id"] for r in expected["rules"]],
        [c["id"] for c in expected["covered"]],
    )
    assert downloaded(page, "Download CSV") == rules("csv", words)
    assert downloaded(page, "Download apply script") == rules("aws-cli", words)
    assert downloaded(page, "Download Terraform") == rules("terraform", words)
    assert downloaded(page, EKS_MAP) == rules("terraform-aws-eks", words)
    assert downloaded(page, "Download CloudFormation") == rules("cloudformation", words)


@pytest.mark.parametrize("words", RELEASE_SETUPS, ids=[",".join(s) for s in RELEASE_SETUPS])
def test_a_link_with_releases_gives_what_eks_sg_rules_gives(
    page: Page, base_url: str, words: tuple
) -> None:
    open_setup(page, base_url, words)
    assert page.evaluate("location.search") == "?with=" + ",".join(words)
    same_downloads(page, words)
    page.locator("#setup-format").select_option("json")
    command = page.locator("#setup-command-text").inner_text()
    assert command == f"eks-sg rules --with {','.join(words)} --format json"


def test_the_release_select_defaults_to_the_newest_and_changes_rows_and_downloads(
    page: Page, base_url: str
) -> None:
    """Karpenter's webhook (REFERENCE.md F1): 8443 in 0.6.0-0.32.x and 1.0.x, not in
    0.33.0-0.33.7 or from 1.1 on; the page's rows and downloads follow the select."""
    open_setup(page, base_url, ())
    select = page.locator("#version-karpenter")
    assert not select.is_visible()  # shown only while its question is ticked
    page.locator("#with-karpenter").check()
    page.wait_for_function("location.search === '?with=karpenter@1.1.0'")
    assert select.is_visible()
    assert select.input_value() == "1.1.0"  # the newest release the data knows
    assert "node-in-webhook-8443-from-control-plane" not in shown(page)[0]
    same_downloads(page, ("karpenter@1.1.0",))
    for version, webhook in (("1.0.0", True), ("0.33.0", False), ("0.6.0", True)):
        select.select_option(version)
        page.wait_for_function(f"location.search === '?with=karpenter@{version}'")
        assert ("node-in-webhook-8443-from-control-plane" in shown(page)[0]) is webhook
        same_downloads(page, (f"karpenter@{version}",))
    select.select_option("")  # not given: --with karpenter, every release with the webhook
    page.wait_for_function("location.search === '?with=karpenter'")
    same_downloads(page, ("karpenter",))
    releases = page.locator(".setup-releases li").all_inner_texts()
    assert releases[0].startswith("karpenter: for karpenter 0.6.0-0.32.x or 0.33.8-0.33.x")


def test_a_release_inside_a_span_picks_that_span(page: Page, base_url: str) -> None:
    """A link may name any release: the select takes the span that holds it, named by its
    first release (the same rules: `eks-sg rules --with karpenter@1.0.3` lists them too)."""
    open_setup(page, base_url, ("karpenter@1.0.3",))
    assert page.locator("#version-karpenter").input_value() == "1.0.0"
    page.wait_for_function("location.search === '?with=karpenter@1.0.0'")
    assert shown(page) == shown_of(("karpenter@1.0.3",))


def shown_of(words: tuple[str, ...]) -> tuple[list[str], list[str]]:
    expected = json.loads(rules("json", words))
    return [r["id"] for r in expected["rules"]], [c["id"] for c in expected["covered"]]


def test_the_picker_leads_to_the_plan_gate(page: Page, base_url: str) -> None:
    """Issue 22.5: the plan gate is offered where the rules are picked, and its link opens the
    plan-gate page of the built site."""
    page.goto(f"{base_url}/setup/")
    link = page.get_by_role("link", name="Check a change before it is applied")
    assert "--plan plan.json" in page.locator("article").inner_text()
    link.click()
    page.wait_for_load_state()
    assert page.url.rstrip("/").endswith("/plan-gate")
    assert "eks-sg audit --plan" in page.locator("article").inner_text()


def test_a_setup_that_adds_nothing_says_it_needs_no_ids(page: Page, base_url: str) -> None:
    """Nodes on the cluster group with Istio and the load balancer controller: every rule is
    covered, so no field is shown; the section said "Fill in what you know" over nothing."""
    chosen = ("managed-nodes-cluster-sg", "istio", "aws-load-balancer-controller")
    assert json.loads(rules("json", chosen))["rules"] == []
    open_setup(page, base_url, chosen)
    assert page.locator(".setup-value:visible").count() == 0
    assert page.locator("#setup-no-values").is_visible()
    open_setup(page, base_url, ("istio",))
    assert page.locator(".setup-value:visible").count() > 0
    assert not page.locator("#setup-no-values").is_visible()
