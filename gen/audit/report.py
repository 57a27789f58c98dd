"""`eks-sg audit --format table|markdown|json|sarif`: one report, four ways of printing it.

`table` is for a terminal (tabulate), `markdown` for a ticket or a pull request, `json` for
scripts (the report as it is), `sarif` (2.1.0) for code-scanning UIs: each finding a result
whose rule id is its kind (`eks-sg/missing-rule`, ...) and whose fingerprint is stable.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from tabulate import tabulate

from gen import __version__
from gen.audit.compare import Report
from gen.formats.markdown import code, inline
from gen.formats.markdown import table as markdown_table
from gen.reference.words import printable

TITLES = {
    "missing": "Missing: the setup needs these, and nothing present allows them",
    "broad": "Broad: these allow needed rules, and much more",
    "extra": "Extra: no rule of the setup explains these",
    "unknown": "Unknown: the peer cannot be judged (never counted as present)",
    "present": "Present: needed rules and the live rules that allow them",
}
SARIF_RULES = {
    "missing": ("eks-sg/missing-rule", "error", "A rule the setup needs is missing"),
    "broad": ("eks-sg/broad-rule", "warning", "A rule allows much more than the setup needs"),
    "extra": ("eks-sg/extra-rule", "warning", "A rule no category of the setup explains"),
    "unknown": ("eks-sg/unknown-peer", "note", "A rule whose peer cannot be judged"),
    "duplicate": ("eks-sg/duplicate-rule", "error", "A planned rule the group already has"),
}
PLANNED_TITLES = {
    **TITLES,
    "duplicate": "Duplicate: planned rules the group already has (the apply would fail)",
}
"""Plan and template audits also report duplicates."""
KINDS = ("missing", "duplicate", "broad", "extra", "unknown", "present")
"""Every kind of finding, in print order (`duplicate` only in plan and template audits)."""
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


def _live(item: dict) -> str:
    live = item["live"]
    return f"{live['id']} {live['direction']} {live['protocol']} {live['ports']} {live['peer']}"


def _rows(kind: str, items: list[dict]) -> tuple[Sequence[str], list[list[str]]]:
    if kind == "missing":
        return ("Rule", "Group", "SG", "Why"), [
            [i["rule"], i["group"], i["sg"], i["why"]] for i in items
        ]
    if kind == "present":
        return ("Rule", "Group", "SG", "Allowed by"), [
            [i["rule"], i["group"], i["sg"], ", ".join(i["allowed_by"])] for i in items
        ]
    return ("Live rule", "Group", "SG", "Like", "Why"), [
        [_live(i), i["group"], i["sg"], i["rule"] or "-", i["why"]] for i in items
    ]


def _fixes(items: list[dict]) -> list[str]:
    commands = []
    for item in items:
        fix = item.get("fix", [])
        commands += [fix] if isinstance(fix, str) else fix
    return list(dict.fromkeys(commands))  # a needed rule two broad rules allow: once


def _found(report: Report, kind: str) -> list[dict]:
    return getattr(report, kind, [])


def _summary(report: Report) -> str:
    kinds = [k for k in KINDS if hasattr(report, k)]
    counts = ", ".join(f"{len(_found(report, k))} {k}" for k in kinds)
    groups = ", ".join(f"{sg} ({'+'.join(g['roles'])})" for sg, g in report.groups.items())
    return f"Audit of {groups} for {', '.join(report.setup)}: {counts}"


def table(report: Report) -> str:
    """For a terminal: a table per kind of finding, then the commands that fix them."""
    lines = [_summary(report)]
    for kind in KINDS:
        items = _found(report, kind)
        if items:
            headers, rows = _rows(kind, items)
            cells = [[printable(str(c)) for c in row] for row in rows]
            lines += [
                "",
                f"{PLANNED_TITLES[kind]}:",
                tabulate(cells, headers, disable_numparse=True),
            ]
    fixes = _fixes(report.missing)
    if fixes:
        lines += ["", "Add the missing rules:", *fixes]
    tighten = _fixes([*report.broad, *report.extra])
    if tighten:
        lines += ["", "To tighten (--strict fails on broad and extra): add the narrow rules, "
                  "then revoke", *tighten]  # fmt: skip
    return "\n".join(lines) + "\n"


def markdown(report: Report) -> str:
    """For a ticket: a Markdown table per kind, the fixes in sh code blocks."""
    parts = [inline(_summary(report))]
    for kind in KINDS:
        items = _found(report, kind)
        if items:
            headers, rows = _rows(kind, items)
            cells = [[code(c) if j < 4 else inline(c) for j, c in enumerate(r)] for r in rows]
            parts += [f"### {inline(PLANNED_TITLES[kind])}", markdown_table(headers, cells).strip()]
    for title, items in (("Fix", report.missing), ("Tighten", [*report.broad, *report.extra])):
        fixes = _fixes(items)
        if fixes:
            parts += [f"### {title}", "```sh\n" + "\n".join(fixes) + "\n```"]
    return "\n\n".join(parts) + "\n"


def as_json(report: Report) -> str:
    """One finding per line: readable, diffable, and written by json's C encoder (an indented
    dump is pure Python and several times slower on large audits)."""
    parts = []
    for key, value in report.as_json().items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            items = ",\n    ".join(json.dumps(item) for item in value)
            parts.append(f'  "{key}": [\n    {items}\n  ]')
        else:
            parts.append(f'  "{key}": {json.dumps(value)}')
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _result(kind: str, item: dict, where: str) -> dict:
    rule_id, level, _ = SARIF_RULES[kind]
    subject = item["rule"] if kind == "missing" else _live(item)
    text = f"{kind}: {subject} on {item['group']} ({item['sg']}): {item['why']}"
    fix = _fixes([item])
    if fix:
        text += "\nFix:\n" + "\n".join(fix)
    key = item["rule"] if kind == "missing" else item["live"]["id"]
    place = item.get("where") or {}
    name = place.get("address") or item["sg"]
    resource = {"name": name, "kind": "resource",
                "fullyQualifiedName": f"{item['group']}/{name}"}  # fmt: skip
    physical: dict = {"artifactLocation": {"uri": place.get("file") or where}}
    if place.get("line"):
        physical["region"] = {"startLine": place["line"]}
    location = {"physicalLocation": physical, "logicalLocations": [resource]}
    return {
        "ruleId": rule_id,
        "level": level,
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": {"eksSgFinding/v1": f"{kind}/{item['sg']}/{key}"},
    }


def sarif(report: Report, where: str = "security-groups") -> str:
    """SARIF 2.1.0; `where` is the artifact the findings are in (the snapshot file, if any)."""
    rules = [{"id": rid, "name": kind, "shortDescription": {"text": text},
              "defaultConfiguration": {"level": level}}
             for kind, (rid, level, text) in SARIF_RULES.items()
             if hasattr(report, kind)]  # fmt: skip
    results = [_result(k, i, where) for k in SARIF_RULES for i in _found(report, k)]
    driver = {"name": "eks-sg", "version": __version__, "rules": rules}
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0",
           "runs": [{"tool": {"driver": driver}, "results": results}]}  # fmt: skip
    return json.dumps(log, indent=2) + "\n"


RENDER: dict[str, Callable[..., str]] = {
    "table": table,
    "markdown": markdown,
    "json": as_json,
    "sarif": sarif,
}
