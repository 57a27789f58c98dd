"""What the build costs and how it grows: `.venv/bin/python benchmarks/bench.py [--quick]`.

Every figure is measured side by side in this one run and printed as a ratio to a floor, the
least any tool could do for the same job. Nothing here is asserted by a test: the machines are
shared and noisy, so read the ratios, not the seconds.

- build: load + validate + render every output + write it, in-process, median of several runs;
  floor: `yaml.load` with libyaml's CSafeLoader of the same file + writing the same bytes (both
  with the garbage collector paused, as the build runs).
- the same for synthetic references of 100, 1,000 and 10,000 rules;
- `mkdocs build` of the site with the generation hook and without it;
- apply-all.sh against the moto EC2 emulator: `aws` invocations and wall time, first run and
  re-run, against the floor of one invocation per group and direction.
"""

from __future__ import annotations

import argparse
import gc
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
from gen.load import load_text  # noqa: E402
from gen.memory import collector_paused  # noqa: E402
from gen.yamlfile import Loader  # noqa: E402

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


def build(text: str, target: Path) -> None:
    """What `eks-sg build` does, into an empty folder."""
    write.write_all(render_all(load_text(text, "bench.yaml")), target)


def floor(text: str, outputs: dict, target: Path) -> None:
    """The least work for the same job: parse the YAML with libyaml, write the same bytes."""
    with collector_paused():
        yaml.load(text, Loader=yaml.CSafeLoader)
        for path, content in outputs.items():
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            (target / path).write_text(content, encoding="utf-8")


def compare(text: str, runs: int) -> tuple[float, float]:
    """Median seconds of build and floor for one YAML text."""
    outputs = render_all(load_text(text, "bench.yaml"))
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        fresh = lambda base: Path(tempfile.mkdtemp(dir=base))  # noqa: E731 (a new empty folder)
        built = median_seconds(lambda: build(text, fresh(a)), runs)
        least = median_seconds(lambda: floor(text, outputs, fresh(b)), runs)
    return built, least


def section(title: str) -> None:
    print(f"\n## {title}\n")


def generation(runs: int, sizes: tuple[int, ...]) -> dict[int, float]:
    """Print build versus floor for the real file and the synthetic ones; time per rule by size."""
    section("Generation: build versus floor (libyaml load + write the same bytes)")
    print(f"{'input':<22}{'rules':>7}{'build ms':>10}{'floor ms':>10}{'ratio':>7}{'µs/rule':>9}")
    real = DATA.read_text(encoding="utf-8")
    base = yaml.load(real, Loader=yaml.CSafeLoader)
    per_rule, ratios = {}, {}
    inputs = [("data/reference.yaml", len(base["rules"]), real)]
    inputs += [(f"synthetic {n:,}", n, synthetic_text(base, n)) for n in sizes]
    for name, count, text in inputs:
        built, least = compare(text, runs if count < 5_000 else max(3, runs // 2))
        per_rule[count], ratios[count] = built / count, built / least
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


COUNTING_AWS = """#!/bin/sh
echo x >> "$AWS_CALL_LOG"
exec "{aws}" "$@"
"""


def apply_all() -> None:
    """Run apply-all.sh twice against moto with a counting `aws` in front of the real one."""
    section("apply-all.sh against the moto EC2 emulator")
    import boto3
    from aws_tools import aws_executable, cli_env, moto_server

    from gen.load import load

    ref = load(DATA)
    pairs = len({(r.group, r.direction) for r in ref.rules})
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
            subprocess.run(["bash", str(ROOT / "docs/downloads/aws-cli/apply-all.sh")], env=env,
                           check=True, capture_output=True)  # fmt: skip
            seconds = time.perf_counter() - start
            calls = len(log.read_text().splitlines())
            print(f"{label:<34}{calls:>10}{pairs:>7}{calls / pairs:>7.2f}{seconds:>9.1f}")
    print(
        f"\n({len(ref.rules)} rules, {pairs} group-direction pairs: one call per pair is the floor)"
    )


def targets(figures: dict) -> None:
    section("Targets")
    ratio = figures["ratios"].get(10_000)
    growth = (
        figures["per_rule"][10_000] / figures["per_rule"][1_000]
        if {1_000, 10_000} <= set(figures["per_rule"]) else None
    )  # fmt: skip
    libyaml = Loader is getattr(yaml, "CSafeLoader", None)
    show = lambda ok: "holds" if ok else "DOES NOT HOLD"  # noqa: E731
    if ratio is not None:
        print(f"build/floor <= 3 at 10,000 rules:            {ratio:5.2f}  {show(ratio <= 3)}")
    if growth is not None:
        print(f"time per rule, 1,000 -> 10,000, <= 1.3x:      {growth:5.2f}  {show(growth <= 1.3)}")
    print(f"YAML loading uses libyaml when available:    {'yes' if libyaml else 'no '}   "
          f"{show(libyaml or not hasattr(yaml, 'CSafeLoader'))}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, no 10,000-rule input")
    parser.add_argument("--skip-aws", action="store_true", help="leave out the moto run (~40 s)")
    args = parser.parse_args()
    start = time.perf_counter()
    print(f"# eks-sg-reference benchmark (Python {sys.version.split()[0]}, "
          f"libyaml {'on' if yaml.__with_libyaml__ else 'off'})")  # fmt: skip
    figures = generation(3 if args.quick else 7, SIZES[:2] if args.quick else SIZES)
    mkdocs_build(1 if args.quick else 3)
    if not args.skip_aws:
        apply_all()
    targets(figures)
    print(f"\n(benchmark took {time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
