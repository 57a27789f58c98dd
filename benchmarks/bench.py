"""What the build costs and how it grows: `.venv/bin/python benchmarks/bench.py [--quick]`.

Every figure is measured side by side in this one run and printed as a ratio to a floor, the
least any tool could do for the same job. Nothing here is asserted by a test: the machines are
shared and noisy, so read the ratios, not the seconds.

- build: load + validate + render every output + write it, in-process, median of several runs;
  floor: `yaml.load` with libyaml's CSafeLoader of the same file + writing the same bytes. The
  garbage collector runs as it normally does, in both.
- the same for synthetic references of 100, 1,000 and 10,000 rules;
- start-up: `eks-sg validate` on the real file against `python -c 'import yaml'`, pair by pair,
  and the share of it that is importing gen.cli.main; both with their bytecode compiled, as pip
  leaves an installed package (PyYAML's is; gen's is compiled first, since an environment with
  PYTHONDONTWRITEBYTECODE, as these machines have, would otherwise compile gen on every run);
- hostile input: an alias bomb and a file with a million errors (time and peak memory);
- `mkdocs build` of the site with the generation hook and without it;
- apply.sh (every group) against the moto EC2 emulator: `aws` invocations and wall time, first
  run and re-run, against the floor of one invocation per group and direction;
- audit (`--audit` runs only this; the whole run starts it as a new interpreter): ~1,000 saved
  groups of 50 rules, planned, read, compared and written as the JSON report, against
  `json.loads` of the same files;
- the site in Chromium (`--site` runs only this): bytes transferred per page, gzip as a static
  host sends it, on a first visit and after another page (warm cache), against 700 KB and
  150 KB, and a first visit's bytes uncompressed; the search rank of the first rule or port
  entry per query, and of the rule that fixes each pasted error of tests/search_errors.py;
  axe-core's violations at 1366 and 390 px, light and dark.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

from synthetic import synthetic_text  # noqa: E402

from gen import write  # noqa: E402
from gen.formats import render_all  # noqa: E402
from gen.reference.load import load  # noqa: E402
from gen.reference.yamlfile import Loader  # noqa: E402

DATA = ROOT / "data" / "reference.yaml"
SIZES = (100, 1_000, 10_000)


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def build(data: Path, target: Path) -> None:
    """What `eks-sg build` does, into an empty folder."""
    write.write_all(render_all(load(data)), target)


def floor(data: Path, outputs: dict, target: Path) -> None:
    """The least work for the same job: parse the YAML with libyaml, write the same bytes."""
    yaml.load(data.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    for path, content in outputs.items():
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).write_text(content, encoding="utf-8")


def compare(text: str, runs: int) -> tuple[float, float]:
    """Median seconds of build and floor for one YAML text."""
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        data = Path(a) / "reference.yaml"
        data.write_text(text, encoding="utf-8")
        outputs = render_all(load(data))
        fresh = lambda base: Path(tempfile.mkdtemp(dir=base))  # noqa: E731 (a new empty folder)
        built = median_seconds(lambda: build(data, fresh(a)), runs)
        least = median_seconds(lambda: floor(data, outputs, fresh(b)), runs)
    return built, least


def section(title: str) -> None:
    print(f"\n## {title}\n")


def generation(runs: int, sizes: tuple[int, ...]) -> dict[int, float]:
    """Print build versus floor for the real file and the synthetic ones; time per rule by size."""
    section("Generation: build versus floor (libyaml load + write the same bytes)")
    print(f"{'input':<22}{'rules':>7}{'build ms':>10}{'floor ms':>10}{'ratio':>7}{'µs/rule':>9}")
    real = DATA.read_text(encoding="utf-8")
    base = yaml.load(real, Loader=yaml.CSafeLoader)
    per_rule: dict[int, float] = {}
    ratios: dict[int, float] = {}
    inputs = [("data/reference.yaml", len(base["rules"]), real)]
    for n in sizes:
        text = synthetic_text(base, n)
        count = len(yaml.load(text, Loader=yaml.CSafeLoader)["rules"])  # n, or one more
        inputs.append((f"synthetic {n:,}", count, text))
    for name, count, text in inputs:
        built, least = compare(text, runs if count < 5_000 else max(3, runs // 2))
        size = next((n for n in sizes if name.endswith(f"{n:,}")), count)
        per_rule[size], ratios[size] = built / count, built / least
        print(f"{name:<22}{count:>7}{built * 1e3:>10.1f}{least * 1e3:>10.1f}"
              f"{built / least:>7.2f}{built / count * 1e6:>9.1f}")  # fmt: skip
    return {"per_rule": per_rule, "ratios": ratios}


def mkdocs_build(runs: int) -> tuple[float, float]:
    """Median seconds of `mkdocs build` with the generation hook and without it."""
    section("Site: mkdocs build with and without the generation step")
    from site_tools import copy_project, mkdocs

    with tempfile.TemporaryDirectory() as folder:
        project = copy_project(Path(folder))
        (project / "mkdocs-nohook.yml").write_text("INHERIT: mkdocs.yml\nhooks: []\n")
        timed = lambda *args: median_seconds(lambda: mkdocs("build", *args, cwd=project), runs)  # noqa: E731
        with_hook = timed()
        without = timed("-f", "mkdocs-nohook.yml")
    print(f"with generation     {with_hook:6.2f} s")
    print(f"without generation  {without:6.2f} s")
    print(f"ratio               {with_hook / without:6.2f}")
    return with_hook, without


def site_figures() -> dict:
    """Page weight, search ranks and axe violations of the built site (tests/site_figures.py)."""
    section("Site: bytes per page (KB), search ranks, axe violations")
    import site_figures as sf
    from playwright.sync_api import sync_playwright
    from site_tools import CHROMIUM_ARGS, chromium_path, copy_project, mkdocs

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        project = copy_project(Path(folder))
        mkdocs("build", cwd=project)
        site = project / "site"
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        with sf.serve_gzip(site) as url:
            paths = sf.page_paths(site)
            weights = _site_weights(sf, browser, url, paths)
            axe = _site_axe(sf, browser, url, paths)
            ranks = _site_ranks(sf, browser, url)
            pasted = _site_pasted(sf, browser, url)
        browser.close()
    return {"weights": weights, "ranks": ranks, "axe": axe, "pasted": pasted}


def _site_weights(sf, browser, url: str, paths: list[str]) -> dict:
    weights = sf.weights(browser, url, paths)
    print(f"{'page':<32}{'first gzip':>11}{'first raw':>10}{'further':>9}")
    for path, w in weights.items():
        print(f"{'/' + path:<32}{w.first / 1024:>11.0f}{w.first_uncompressed / 1024:>10.0f}"
              f"{w.further / 1024:>9.0f}")  # fmt: skip
    return weights


def _site_axe(sf, browser, url: str, paths: list[str]) -> dict:
    """axe-core's violations per page at both widths in both schemes (none measured when
    axe-core is not installed: scripts/setup.sh test installs it)."""
    if not sf.AXE.is_file():
        print("axe-core: not installed (bash scripts/setup.sh test)")
        return {}
    found: dict[tuple[str, str, str], list[dict]] = {}
    for scheme in sf.SCHEMES:
        for name, width in sf.WIDTHS.items():
            context, page = sf.open_page(browser, width, scheme)
            for path in paths:
                page.goto(url + path, wait_until="networkidle")
                found[(path, name, scheme)] = sf.axe_violations(page)
            context.close()
    combos = [(n, s) for s in sf.SCHEMES for n in sf.WIDTHS]
    print(f"\naxe-core serious+critical (all) per page: {', '.join(f'{n}-{s}' for n, s in combos)}")
    for path in paths:
        cells = [found[(path, n, s)] for n, s in combos]
        counts = "  ".join(f"{len(sf.serious(v))} ({len(v)})" for v in cells)
        print(f"{'/' + path:<32}{counts}")
    worst = [f"{p or '/'} {n} {s}: {v}" for (p, n, s), vs in found.items() for v in sf.serious(vs)]
    print(f"serious or critical in total: {len(worst)}", *worst, sep="\n  ")
    return found


def _site_ranks(sf, browser, url: str) -> dict:
    ranks = {}
    context, page = sf.open_page(browser, 1366, "light")
    for query in sf.QUERIES:
        hrefs = sf.search(page, url, query)
        ranks[query] = sf.entry_rank(hrefs)
        print(f"search {query!r:<12} first rule/port entry at {ranks[query]} of "
              f"{len(hrefs)}; first result {hrefs[0] if hrefs else None}")  # fmt: skip
    context.close()
    return ranks


def _site_pasted(sf, browser, url: str) -> dict:
    """Each error text of tests/search_errors.py pasted: the rank of the rule that fixes it."""
    from search_errors import ERRORS

    ranks = {}
    context, page = sf.open_page(browser, 1366, "light")
    page.goto(url, wait_until="networkidle")
    print(f"\n{'pasted error':<28}{'rank':>5}  first page, rule that fixes it")
    for error in ERRORS:
        hrefs = sf.pasted(page, error.text)
        ranks[error.id] = sf.fix_rank(hrefs, error.rule)
        first = hrefs[0].split("?")[0].removeprefix(url) if hrefs else None
        print(f"{error.id:<28}{ranks[error.id] or '-':>5}  /{first}, {error.rule}")
    context.close()
    return ranks


def _seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=False, capture_output=True)
    return time.perf_counter() - start


def startup(runs: int) -> dict[str, float]:
    """`eks-sg validate` against `python -c 'import yaml'`, pair by pair; the import share."""
    section("Start-up: eks-sg validate versus importing PyYAML")
    python = sys.executable
    # As installed: pip compiles a package's bytecode at install time, PyYAML's included.
    subprocess.run([python, "-m", "compileall", "-q", str(ROOT / "gen")], check=True)
    commands = {
        "validate": [python, "-m", "gen", "validate"],
        "import gen.cli.main": [python, "-c", "import gen.cli.main"],
        "import yaml": [python, "-c", "import yaml"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):  # interleaved, so a noisy moment hits every command alike
        for name, command in commands.items():
            times[name].append(_seconds(command))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, value in medians.items():
        print(f"{name:<18}{value * 1e3:8.0f} ms")
    ratio = medians["validate"] / medians["import yaml"]
    share = (medians["import gen.cli.main"] - medians["import yaml"]) / medians["validate"]
    print(f"validate / import yaml  {ratio:5.2f}")
    print(f"importing gen.cli.main (beyond yaml) is {share:.0%} of validate")
    return {"startup": ratio}


def _measured(text: str) -> tuple[float, float, int]:
    """Seconds, peak MB and output lines of `eks-sg validate` on `text`, in a subprocess."""
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "reference.yaml"
        data.write_text(text, encoding="utf-8")
        code = (
            "import resource, subprocess, sys, time; t = time.perf_counter(); "
            "r = subprocess.run([sys.executable, '-m', 'gen', 'validate', sys.argv[1]], "
            "capture_output=True, text=True); "
            "print(time.perf_counter() - t, "
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, "
            "len(r.stdout.splitlines()))"
        )
        out = subprocess.run([sys.executable, "-c", code, str(data)], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.split()  # fmt: skip
    return float(out[0]), float(out[1]), int(out[2])


def hostile() -> dict[str, float]:
    """Inputs that once took minutes and gigabytes: they must stay bounded. A million errors:
    a million rules that are not mappings, in a file under the 4 MiB limit (a larger one is
    refused before it is read: the third line)."""
    section("Hostile input: eks-sg validate")
    levels = 9
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    bomb += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels + 1)]
    million = "rules:\n" + "- 1\n" * 1_000_000
    rule = "- {id: 'X', group: 1, direction: 2, protocol: 3, ports: true, peer: 5, categories: 6,"
    rule += " description: 7, sources: 8, zz: 9}\n"
    large = "rules:\n" + rule * 111_112
    print(f"{'input':<44}{'seconds':>9}{'peak MB':>9}{'lines':>7}")
    found = {}
    for name, text in (
        (f"alias bomb, {levels} levels ({len(chr(10).join(bomb))} bytes)", "\n".join(bomb)),
        (f"1,000,000 errors ({len(million) / 2**20:.1f} MiB)", million),
        (f"~1,000,000 errors ({len(large) / 2**20:.0f} MiB, over the limit)", large),
    ):
        seconds, peak, lines = _measured(text)
        found[name] = (seconds, peak)
        print(f"{name:<44}{seconds:>9.1f}{peak:>9.0f}{lines:>7}")
    seconds, peak = next(v for k, v in found.items() if k.startswith("1,000,000"))
    return {"million_seconds": seconds, "million_mb": peak}


COUNTING_AWS = """#!/bin/sh
echo x >> "$AWS_CALL_LOG"
exec "{aws}" "$@"
"""


def apply_all() -> None:
    """Run apply.sh (every group, the default) twice against moto, with a counting `aws` in
    front of the real one."""
    section("apply.sh (every group) against the moto EC2 emulator")
    import boto3
    from aws_tools import aws_executable, cli_env, moto_server

    from gen.reference.load import load
    from gen.select import Setup, select

    ref = load(DATA)
    applied = select(ref, Setup(())).rules  # what apply.sh adds without --with: the baseline
    pairs = len({(r.group, r.direction) for r in applied})
    with moto_server() as endpoint, tempfile.TemporaryDirectory() as folder:
        client = boto3.client("ec2", endpoint_url=endpoint, region_name="us-east-1",
                              aws_access_key_id="test", aws_secret_access_key="test")  # noqa: S106  # fmt: skip
        vpc = client.create_vpc(CidrBlock="10.0.0.0/16", AmazonProvidedIpv6CidrBlock=True)
        ids = {g.id: client.create_security_group(GroupName=g.id, Description=g.title,
               VpcId=vpc["Vpc"]["VpcId"])["GroupId"] for g in ref.security_groups}  # fmt: skip
        bin_dir, log = Path(folder) / "bin", Path(folder) / "calls"
        bin_dir.mkdir()
        (bin_dir / "aws").write_text(COUNTING_AWS.format(aws=aws_executable()))
        (bin_dir / "aws").chmod(0o755)
        env = cli_env(
            endpoint, AWS_CALL_LOG=str(log), **{g.variable: ids[g.id] for g in ref.security_groups}
        )
        env |= {p.variable: str(p.example) for p in ref.parameters}
        env["PATH"] = f"{bin_dir}:{env['PATH']}"
        print(f"{'run':<34}{'aws calls':>10}{'floor':>7}{'ratio':>7}{'seconds':>9}")
        for label in ("first run (new groups)", "re-run (every rule present)"):
            log.write_text("")
            start = time.perf_counter()
            subprocess.run(["sh", str(ROOT / "docs/downloads/aws-cli/apply.sh")], env=env,
                           check=True, capture_output=True)  # fmt: skip
            seconds = time.perf_counter() - start
            calls = len(log.read_text().splitlines())
            print(f"{label:<34}{calls:>10}{pairs:>7}{calls / pairs:>7.2f}{seconds:>9.1f}")
    print(f"\n({len(applied)} rules of the baseline setup on {pairs} group-direction pairs: one "
          "call per pair is the floor)")  # fmt: skip


def _items(rule, groups: dict[str, str], first: int) -> list[dict]:
    """A reference rule as the `describe-security-group-rules` items EC2 answers once the
    generated script added it (its IP permission, one item per peer)."""
    from gen.aws import ec2

    permission = ec2.ip_permission(rule, groups, {})
    item = {"GroupId": groups[rule.group], "GroupOwnerId": "123456789012",
            "IsEgress": rule.direction == "outbound", "IpProtocol": permission["IpProtocol"],
            "FromPort": permission.get("FromPort", -1), "ToPort": permission.get("ToPort", -1),
            "Description": rule.description, "Tags": []}  # fmt: skip
    field, key = ec2.PEER_FIELDS[ec2.permission_spec(rule).peer_kind]
    peers = {"GroupId": "ReferencedGroupInfo", "CidrIp": "CidrIpv4", "CidrIpv6": "CidrIpv6",
             "PrefixListId": "PrefixListId"}  # fmt: skip
    made = []
    for n, peer in enumerate(permission[field]):  # type: ignore[arg-type]
        value = peer[key]
        peer_item = {"GroupId": value, "UserId": "123456789012"} if key == "GroupId" else value
        made.append({**item, "SecurityGroupRuleId": f"sgr-{first + n:017x}", peers[key]: peer_item})
    return made


ROLES = ("cluster", "control-plane", "node")
SETUP = ("istio",)


def _audit_files(folder: Path, clusters: int, per_group: int) -> list[tuple[dict, list[Path]]]:
    """Per cluster: its groups by role and one describe-security-group-rules file per group:
    every rule the setup needs, as EC2 lists it, padded with /32 rules to `per_group` (a
    cluster that lacks nothing, with extra rules)."""
    from gen.select import Setup, select

    ref = load(DATA)
    chosen = select(ref, Setup(SETUP))  # every rule it needs: those to add and those covered
    ids = {r.id for r in chosen.rules} | {c.rule.id for c in chosen.covered}
    selected = [r for r in ref.rules if r.id in ids]
    made = []
    for c in range(clusters):
        groups = {r: f"sg-{c:08x}{i:09x}" for i, r in enumerate(ROLES)}
        files = []
        for i, (role, sg) in enumerate(groups.items()):
            items = [item for n, rule in enumerate(selected) if rule.group == role
                     for item in _items(rule, groups, (c * 3 + i) * 1000 + n * 4)]  # fmt: skip
            items += [{"SecurityGroupRuleId": f"sgr-f{c:07x}{i:03x}{n:06x}", "GroupId": sg,
                       "GroupOwnerId": "123456789012", "IsEgress": False, "IpProtocol": "tcp",
                       "FromPort": 8000 + n, "ToPort": 8000 + n,
                       "CidrIpv4": f"198.18.{c % 256}.{n}/32", "Tags": []}
                      for n in range(len(items), per_group)]  # fmt: skip
            (folder / f"{sg}.json").write_text(json.dumps({"SecurityGroupRules": items}, indent=4))
            files.append(folder / f"{sg}.json")
        made.append((groups, files))
    return made


def audit_figures(clusters: int = 334, per_group: int = 50) -> dict[str, float]:
    """`eks-sg audit --input` of ~1,000 groups of 50 rules against json.loads of the same files:
    per cluster, the plan, reading its files, the comparison and the JSON report (what
    gen/cli/audit_options.run and the json format do, without the command line)."""
    section(f"Audit: {clusters * 3:,} groups of {per_group} rules from files")
    import tracemalloc

    from gen.audit import report as audit_report
    from gen.audit.compare import audit, plan
    from gen.aws import live

    ref = load(DATA)
    with tempfile.TemporaryDirectory() as folder:
        made = _audit_files(Path(folder), clusters, per_group)
        paths = [p for _, files in made for p in files]
        parse = median_seconds(lambda: [json.loads(p.read_bytes()) for p in paths], 3)

        def run() -> None:
            for groups, files in made:
                chosen = plan(ref, SETUP, {r: (sg,) for r, sg in groups.items()}, {})
                read = live.read_files(files, groups.values())
                audit_report.as_json(audit(chosen, read.groups))

        audited = median_seconds(run, 3)
        tracemalloc.start()
        run()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    print(f"json.loads of the files   {parse * 1e3:8.0f} ms")
    print(f"audit                     {audited * 1e3:8.0f} ms")
    print(f"audit / parse             {audited / parse:8.2f}")
    print(f"peak traced memory        {peak:8.1f} MB")
    return {"audit": audited / parse}


def audit_in_a_fresh_process(quick: bool) -> dict[str, float]:
    """The audit figures measured by a new interpreter: JSON parsing (the floor) creates
    nothing but containers, so the collector's passes over what earlier sections left in this
    process slowed it by up to 2x (parse 145-287 ms for the same files) and the ratio said
    more about the run's history than about the audit."""
    command = [sys.executable, __file__, "--audit", *(["--quick"] if quick else [])]
    found = subprocess.run(command, check=True, text=True,
                           stdout=subprocess.PIPE)  # fmt: skip
    *shown, last = found.stdout.splitlines()
    print("\n".join(shown))
    return json.loads(last)


def _target(name: str, value: float | None, limit: float) -> None:
    if value is not None:
        verdict = "holds" if value <= limit else "DOES NOT HOLD"
        print(f"{name:<48}{value:6.2f}  <= {limit:<4} {verdict}")


def targets(figures: dict) -> None:
    section("Targets")
    ratios, per_rule = figures["ratios"], figures["per_rule"]
    growth = per_rule[10_000] / per_rule[1_000] if {1_000, 10_000} <= set(per_rule) else None
    real = next(iter(ratios.values()))  # the real file is measured first
    _target("build / floor, data/reference.yaml", real, 3)
    _target("build / floor, 10,000 synthetic rules", ratios.get(10_000), 3)
    _target("validate start-up / import yaml", figures.get("startup"), 4)
    _target("time per rule 1,000 -> 10,000 (collector on)", growth, 1.5)
    _target("mkdocs build with / without generation", figures.get("mkdocs"), 1.2)
    _target("audit of ~1,000 groups / JSON parse of them", figures.get("audit"), 3)
    _target("1,000,000 errors: seconds to stop at the limit", figures.get("million_seconds"), 2)
    _target("1,000,000 errors: peak MB", figures.get("million_mb"), 200)
    site = figures.get("site")
    if site:
        first = max(w.first for w in site["weights"].values()) / 1024
        further = max(w.further for w in site["weights"].values()) / 1024
        _target("first visit of any page, KB (gzip)", first, 700)
        _target("further page, warm cache, KB (gzip)", further, 150)
        _target("worst search rank of a rule/port entry", max(
            r or 99 for r in site["ranks"].values()), 1)  # fmt: skip
        _target("worst rank of the fix for a pasted error", max(
            r or 99 for r in site["pasted"].values()), 1)  # fmt: skip
    libyaml = Loader is getattr(yaml, "CSafeLoader", None)
    print(f"{'YAML loading uses libyaml':<48}{'yes' if libyaml else 'no'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, no 10,000-rule input")
    parser.add_argument("--skip-aws", action="store_true", help="leave out the moto run (~40 s)")
    parser.add_argument("--site", action="store_true", help="only the site figures (Chromium)")
    parser.add_argument("--audit", action="store_true", help="only the audit figures")
    args = parser.parse_args()
    start = time.perf_counter()
    if args.audit:
        print(json.dumps(audit_figures(34 if args.quick else 334)))
        return
    if args.site:
        targets({"ratios": {"": None}, "per_rule": {}, "site": site_figures()})
        return
    print(f"# eks-sg-reference benchmark (Python {sys.version.split()[0]}, "
          f"libyaml {'on' if yaml.__with_libyaml__ else 'off'})")  # fmt: skip
    figures = generation(3 if args.quick else 7, SIZES[:2] if args.quick else SIZES)
    figures |= startup(3 if args.quick else 9)
    if not args.quick:
        figures |= hostile()
    with_hook, without = mkdocs_build(1 if args.quick else 3)
    figures["mkdocs"] = with_hook / without
    if not args.skip_aws:
        apply_all()
    figures |= audit_in_a_fresh_process(args.quick)
    figures["site"] = site_figures()
    targets(figures)
    print(f"\n(benchmark took {time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
