"""Issue 19's before/after table: the nine real configurations of
tests/fixtures/audit/configurations.json, each with its setups on an EKS cluster group created
before and since Kubernetes 1.33 (44 audits), audited by the code before the flow model and by
this checkout, each judged by the independent judge (tests/ec2_judge.py).

    .venv/bin/python benchmarks/audit_table.py --before DIR [--out FILE]

DIR is a checkout of the code before the flow model (`git worktree add DIR d63dd0c`); it is
run as it was, with its own data and options: `--sg` took one group per role, so a role with
several groups gets the first (eksctl's ClusterSharedNodeSecurityGroup, terraform-aws-eks's node
group), and nodes on the cluster group are audited with managed-nodes-cluster-sg as today.

Each configuration is built in moto (real boto3) and saved with the real AWS CLI; both codes
audit the same saved snapshot (`--input`, `--param vpc-cidr`). A missing finding is a false
alarm when the judge finds that half of that flow open; a false all-clear is a half the judge
finds blocked that the audit does not report. Not run by the test suite (it takes minutes);
tests/audit/test_audit_configurations.py checks the "after" column's facts.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from aws_tools import FAKE_CREDENTIALS, moto_server  # noqa: E402
from ec2_judge import End, blocked, half_open  # noqa: E402
from real_configurations import (  # noqa: E402
    CONFIGS,
    VERSIONS,
    VPC_CIDR,
    build,
    categories,
    ends_of,
    judged,
    missing,
    setup_args,
    sg_args,
    snapshot,
)

from gen.reference.load import load  # noqa: E402


@dataclass
class Result:
    code: int
    missing: int | None = None
    false_alarms: int | None = None
    false_clears: int | None = None


def audit(cwd: Path, args: list[str]) -> tuple[int, dict | None]:
    env = {**FAKE_CREDENTIALS, "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-m", "gen", "audit", "--format", "json", *args],
                         cwd=cwd, env=env, capture_output=True, text=True, check=False)  # fmt: skip
    return run.returncode, json.loads(run.stdout) if run.returncode in (0, 1) else None


def after(ref, config, ids, setup, items, snap: Path) -> Result:
    args = [*setup_args(config, setup), *sg_args(config, ids), "--input", str(snap),
            f"--param=vpc-cidr={VPC_CIDR}"]  # fmt: skip
    code, report = audit(ROOT, args)
    if report is None:
        return Result(code)
    found, expected = missing(report), judged(ref, config, ids, setup, items)
    return Result(code, len(report["missing"]), len(found - expected), len(expected - found))


def old_sg_args(config: dict, ids: dict[str, str]) -> list[str]:
    """One group per role, as the old --sg took: the first the fixture lists (the issue's
    order), and for nodes their own group, not the EKS cluster group (nodes on it alone are
    said by managed-nodes-cluster-sg)."""
    chosen: dict[str, str] = {}
    for group, spec in config["groups"].items():
        for role in spec["roles"]:
            if not (role == "node" and "cluster" in spec["roles"]):
                chosen.setdefault(role, group)
    return [f"--sg={role}={ids[group]}" for role, group in chosen.items()]


def _old_half(rule: dict, role_ends: dict[str, End]) -> tuple[End, End, bool]:
    """(this end, the other end, egress) of an old data rule's half."""
    here = role_ends[rule["group"]]
    peer = rule["peer"]
    if peer == "self":
        other = here
    elif peer in role_ends:
        other = role_ends[peer]
    else:
        other = End(peer, addresses=(peer,))
    return here, other, rule["direction"] == "outbound"


def _old_ports(rule: dict) -> tuple[int, int]:
    if rule["protocol"] in ("icmp", "icmpv6"):
        return rule["icmp"]["type"], rule["icmp"]["code"]
    ports = rule.get("ports")
    if rule["protocol"] == "all" or ports in (None, "all"):
        return 0, 65535
    low, _, high = str(ports).partition("-")
    return int(low), int(high or low)


def _open(items, rule: dict, role_ends: dict[str, End], efa: bool) -> bool:
    """Whether EC2 lets the old rule's half through (EFA: by one group allowing itself)."""
    here, other, egress = _old_half(rule, role_ends)
    low, high = _old_ports(rule)
    if not efa:
        return half_open(items, here, other, egress, rule["protocol"], low, high)
    source, destination = (here, other) if egress else (other, here)
    halves = blocked(items, source, destination, rule["protocol"], low, high, same_group=True)
    return ("egress" if egress else "ingress") not in halves


def before(old_rules: dict, config, ids, setup, items, snap: Path, checkout: Path) -> Result:
    args = [*setup_args(config, setup), *old_sg_args(config, ids), "--input", str(snap),
            f"--param=vpc-cidr={VPC_CIDR}"]  # fmt: skip
    code, report = audit(checkout, args)
    if report is None:
        return Result(code)
    role_ends = ends_of(config, ids, (VPC_CIDR,))
    alarms = 0
    for item in report["missing"]:
        rule = old_rules[item["rule"]]
        efa = "efa" in setup and "efa" in rule["categories"]
        alarms += _open(items, rule, role_ends, efa)  # EC2 lets that half through: a false alarm
    return Result(code, len(report["missing"]), alarms)


def _cell(result: Result, alarms: bool) -> str:
    if result.missing is None:
        return f"{result.code} | usage error | –"
    second = result.false_alarms if alarms else result.false_clears
    return f"{result.code} | {result.missing} | {second}"


def table(rows: list[tuple[str, str, str, Result, Result]]) -> str:
    lines = [
        "| configuration | cluster group created on | setup | before: exit | before: missing "
        "| of which false alarms | after: exit | after: missing | false alarms | false "
        "all-clears |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, version, setup, old, new in rows:
        lines.append(f"| {name} | {version} | {setup} | {_cell(old, True)} | "
                     f"{_cell(new, True)} | {new.false_clears} |")  # fmt: skip
    total = len(rows)

    def count(results, key):
        return sum(getattr(r, key) or 0 for r in results)

    olds, news = [r[3] for r in rows], [r[4] for r in rows]
    failing_old = sum(r.code != 0 for r in olds)
    failing_new = sum(r.code != 0 for r in news)
    lines.append(
        f"| **total: {total} audits** | | | {failing_old} exit non-zero | "
        f"{count(olds, 'missing')} | {count(olds, 'false_alarms')} | "
        f"{failing_new} exit non-zero | {count(news, 'missing')} | "
        f"{count(news, 'false_alarms')} | {count(news, 'false_clears')} |"
    )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="a checkout of d63dd0c")
    parser.add_argument("--out", type=Path, help="write the Markdown table here too")
    args = parser.parse_args()
    ref = load(ROOT / "data" / "reference.yaml")
    old_data = yaml.safe_load((args.before / "data" / "reference.yaml").read_text())
    old_rules = {r["id"]: r for r in old_data["rules"]}
    rows = []
    with moto_server() as endpoint, tempfile.TemporaryDirectory() as tmp:
        for name, config in CONFIGS.items():
            for version in VERSIONS:
                ids, _ = build(endpoint, config, name.replace("/", "-"), version)
                snap = Path(tmp) / f"{len(rows)}.json"
                items = snapshot(endpoint, ids, snap)
                for setup in map(tuple, config["setups"]):
                    old = before(old_rules, config, ids, setup, items, snap, args.before)
                    new = after(ref, config, ids, setup, items, snap)
                    shown = ", ".join(categories(config, setup)) or "baseline"
                    rows.append((name, version, shown, old, new))
                    print(name, version, shown, old, new, file=sys.stderr)
    text = table(rows)
    sys.stdout.write(text)
    if args.out:
        args.out.write_text(text)


if __name__ == "__main__":
    main()
