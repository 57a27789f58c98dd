"""`eks-sg discover --format table|json|markdown|sarif`: one report, four ways of printing it.

The JSON is the report itself: `{"targets": [{kind, name, service, port, protocol, addresses,
groups, verdict, why, fix, category}], "tags": [...], "fixes": [...]}`; `fixes` holds each
rule to add once (two webhooks on one port need one rule), in every format.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from gen import __version__
from gen.aws.interfaces import Network
from gen.discover import fixes as fix_forms
from gen.discover.categories import match
from gen.discover.judge import Result, control_plane
from gen.discover.repair import Fix
from gen.discover.tags import TagFinding
from gen.formats import terminal
from gen.formats.markdown import inline
from gen.formats.markdown import table as markdown_table
from gen.reference.model import Reference
from gen.reference.words import printable, printable_lines

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


def _fix_key(fix: Fix) -> tuple:
    return (fix.group, fix.direction, fix.protocol, fix.port, fix.peer)


def _fix(fix: Fix, network: Network) -> dict[str, Any]:
    return {
        "group": fix.group,
        "direction": fix.direction,
        "protocol": fix.protocol,
        "port": fix.port,
        "peer": fix.peer,
        **fix_forms.forms(fix, network),
    }


def _address(judged) -> dict[str, Any]:
    a = judged.address
    return {
        "ip": a.ip,
        "pod": f"{a.pod.namespace}/{a.pod.name}" if a.pod else None,
        "node": a.node.name if a.node else None,
        "interface": judged.interface.id if judged.interface else None,
        "groups": list(judged.interface.groups) if judged.interface else [],
        "verdict": judged.outcome,
        "note": judged.note,
    }


def _target(ref: Reference, result: Result, network: Network) -> dict[str, Any]:
    t, found = result.target, match(ref, result.target)
    groups = dict.fromkeys(g for j in result.addresses if j.interface for g in j.interface.groups)
    return {
        "kind": t.hook.kind,
        "name": t.hook.name,
        "service": t.service,
        "port": t.port,
        "service_port": t.service_port,
        "protocol": t.protocol,
        "addresses": [_address(j) for j in result.addresses],
        "groups": list(groups),
        "verdict": result.outcome,
        "why": result.why,
        "fix": [_fix(f, network) for f in result.fixes],
        "category": found.category,
        "category_note": found.text,
    }


def _notes(network: Network) -> list[str]:
    """What limits the report, said once: no control-plane addresses, no cluster name."""
    notes = []
    if not control_plane(network).addresses:
        notes.append("no interface described 'Amazon EKS <cluster>' was found: rules that "
                     "allow the control plane by CIDR are not counted (only by group)")  # fmt: skip
    if not network.cluster.name:
        notes.append("no cluster name (--cluster): the kubernetes.io/cluster tags are not checked")
    return notes


def build(ref: Reference, results: list[Result], tags: list[TagFinding], network: Network):
    """The report as plain data (what `--format json` prints)."""
    unique: dict[tuple, Fix] = {}
    for fix in (f for r in results for f in r.fixes):
        unique.setdefault(_fix_key(fix), fix)
    return {
        "cluster": network.cluster.name,
        "control_plane_groups": [
            g for g in (network.cluster.cluster_group, *network.cluster.groups) if g
        ],
        "targets": [_target(ref, r, network) for r in results],
        "tags": [
            {
                "kind": f.kind,
                "interface": f.interface,
                "groups": list(f.groups),
                "why": f.why,
                "fix": f.fix,
            }
            for f in tags
        ],
        "fixes": [_fix(fix, network) for fix in unique.values()],
        "notes": _notes(network),
    }


def exit_code(report: dict) -> int:
    return 1 if any(t["verdict"] == "blocked" for t in report["targets"]) else 0


def _counts(report: dict) -> str:
    verdicts = [t["verdict"] for t in report["targets"]]
    counts = ", ".join(f"{verdicts.count(v)} {v}" for v in ("blocked", "unknown", "open"))
    return f"{len(verdicts)} targets: {counts}; {len(report['tags'])} tag findings"


def _rows(report: dict) -> list[list[str]]:
    return [
        [
            t["verdict"],
            t["kind"],
            t["name"],
            t["service"] or "-",
            str(t["port"] or "-"),
            t["category"] or "unknown add-on",
            t["why"],
        ]
        for t in report["targets"]
    ]


HEADERS = ("Verdict", "Kind", "Name", "Service", "Port", "Category", "Why")
SHORTEST = {1: 13, 2: 20, 3: 16, 5: 12}
"""The columns of the terminal table that wrap and the fewest characters each keeps (Kind
breaks between words: `Mutating`, `Webhook`, `Configuration`). Why, prose, goes under each
row over the whole width."""
WHY = HEADERS.index("Why")


def table(report: dict, width: int | None = terminal.WIDTH) -> str:
    """For a terminal, in `width` columns (None: never wrapped); the fixes as whole lines."""
    rows = [[printable(c) for c in row] for row in _rows(report)]
    head = printable(f"Discover {report['cluster'] or '(no cluster name)'}: ") + _counts(report)
    lines = [
        *terminal.paragraph(head, width),
        "",
        terminal.table(HEADERS, rows, width, SHORTEST, WHY),
    ]
    lines += [line for note in report["notes"]
              for line in terminal.paragraph(printable(f"Note: {note}"), width)]  # fmt: skip
    unknown = list(
        {
            (t["service"], t["port"]): t
            for t in report["targets"]
            if not t["category"] and t["port"]
        }.values()
    )
    lines += ["", "Not in the reference yet:"] if unknown else []
    notes = [printable(t["category_note"]) for t in unknown]
    lines += [line for note in notes for line in terminal.paragraph(note, width, "  ")]
    for f in report["tags"]:
        why = printable(f"Tags: {f['interface'] or f['groups'][0]}: {f['why']}")
        lines += ["", *terminal.paragraph(why, width), printable(f"  {f['fix']}")]
    if report["fixes"]:
        lines += [
            "",
            "Fix (aws-cli; --format json has terraform, terraform-aws-eks, cloudformation):",
        ]
        lines += [printable(line) for f in report["fixes"] for line in f["aws-cli"].split("\n")]
    return "\n".join(lines) + "\n"


def markdown(report: dict) -> str:
    rows = [[inline(c) for c in row] for row in _rows(report)]
    out = [f"**{inline(_counts(report))}**", "", markdown_table(HEADERS, rows)]
    out += [f"> {inline(note)}\n" for note in report["notes"]]
    for f in report["tags"]:
        out += [f"- {inline(f['why'])}", "", "```sh", f["fix"], "```", ""]
    for f in report["fixes"]:
        out += ["```sh", f["aws-cli"], "```", "", "```hcl", f["terraform"].rstrip(), "```", ""]
    return "\n".join(out).rstrip() + "\n"


def as_json(report: dict) -> str:
    return json.dumps(report, indent=2) + "\n"


def _result(t: dict, where: str) -> dict[str, Any]:
    text = f"{t['kind']} {t['name']} ({t['service']}) port {t['port']}: {t['why']}"
    text += "".join(f"\nFix: {f['aws-cli']}" for f in t["fix"])
    digest = hashlib.sha256(f"{t['kind']}|{t['name']}|{t['port']}".encode()).hexdigest()
    return {
        "ruleId": "eks-sg/webhook-blocked",
        "level": "error",
        "message": {"text": printable_lines(text)},  # a viewer shows it as it is: no ESC
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": where}}}],
        "partialFingerprints": {"eksSgTarget/v1": digest[:32]},
    }


def sarif(report: dict, where: str = "kubernetes") -> str:
    results = [_result(t, where) for t in report["targets"] if t["verdict"] == "blocked"]
    rule = {
        "id": "eks-sg/webhook-blocked",
        "shortDescription": {
            "text": "The control plane cannot reach a webhook: a security-group rule is missing"
        },
        "defaultConfiguration": {"level": "error"},
    }
    run = {
        "tool": {"driver": {"name": "eks-sg", "version": __version__, "rules": [rule]}},
        "results": results,
    }
    return json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2) + "\n"


RENDER = {"table": table, "json": as_json, "markdown": markdown, "sarif": sarif}
