"""`eks-sg audit --format table|markdown|json|sarif`: one report, four ways of printing it.

`table` is for a terminal (100 columns unless --wide), `markdown` for a ticket or a pull
request, `json` for scripts (one shape per kind of finding, described by
`gen.audit.schema.REPORT`), `sarif` (2.1.0) for code-scanning UIs: each finding a result whose
rule id is its kind (`eks-sg/missing-rule`, ...) and whose fingerprint is stable. Every text
that came from AWS or a file goes through the target's own quoting (`printable` for a
terminal, `inline` for Markdown, JSON's encoder).

A plan's or template's findings say where they are written (`where`): a Where column in the
table and Markdown, and in SARIF the resource address or logical id as the logical location
and its file and line as the physical one, where the review annotates it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from urllib.parse import quote as uri_quote

from gen import __version__
from gen.audit.compare import (
    KINDS,
    Broad,
    Duplicate,
    Extra,
    Finding,
    Missing,
    Present,
    Report,
    Unknown,
)
from gen.audit.groups import Where
from gen.formats import terminal
from gen.formats.markdown import inline
from gen.formats.markdown import table as markdown_table
from gen.reference.words import printable, printable_lines

TITLES = {
    "missing": "Missing: the setup needs these flows, and no group on that end allows them",
    "broad": "Broad: these carry needed flows, and much more",
    "extra": "Extra: no rule of the setup explains these",
    "unknown": "Unknown: the peer cannot be judged (never counted as allowing anything)",
    "present": "Present: needed flows and the live rules that allow each half",
    "duplicate": "Duplicate: planned rules the group already has (the apply would fail)",
}
SARIF_RULES = {
    "missing": ("eks-sg/missing-rule", "error", "A flow the setup needs is not allowed"),
    "broad": ("eks-sg/broad-rule", "warning", "A rule allows much more than the setup needs"),
    "extra": ("eks-sg/extra-rule", "warning", "A rule no category of the setup explains"),
    "unknown": ("eks-sg/unknown-peer", "note", "A rule whose peer cannot be judged"),
    "duplicate": ("eks-sg/duplicate-rule", "error", "A planned rule the group already has"),
}
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
ORDER = ("missing", "duplicate", "broad", "extra", "unknown", "present")


def _place(where: Where | None) -> str:
    if where is None:
        return "-"
    return f"{where.file}:{where.line}" if where.file and where.line else where.address


SHORTEST = {
    "missing": {0: 16, 2: 12, 3: 20},
    "present": {0: 16, 1: 20, 2: 21, 3: 21},
    "unknown": {0: 21},
    "other": {0: 21, 2: 16},
}
"""Per kind of finding, the columns of its terminal table that wrap and the fewest characters
each keeps (a rule id, `sgr-` and 17 hex digits, is 21). Why, prose, goes under each row."""


def _rows(kind: str, items: list) -> tuple[Sequence[str], list[list[str]]]:
    """A kind's table; with a Where column when the findings are in a plan or template."""
    headers, rows = _cells(kind, items)
    if any(getattr(i, "where", None) for i in items):
        return (*headers, "Where"), [
            [*row, _place(i.where)] for row, i in zip(rows, items, strict=True)
        ]
    return headers, rows


def _cells(kind: str, items: list) -> tuple[Sequence[str], list[list[str]]]:
    if kind == "missing":
        return ("Flow", "Half", "Add to", "Rule", "Why"), [
            [str(i.flow), i.half, f"{i.role} {i.sg}", i.rule + (" (mirror)" if i.mirror else ""),
             i.why] for i in items
        ]  # fmt: skip
    if kind == "present":
        return ("Flow", "Rules", "Egress by", "Ingress by"), [
            [str(i.flow), ", ".join(i.rules), ", ".join(i.egress) or "-",
             ", ".join(i.ingress) or "-"] for i in items
        ]  # fmt: skip
    if kind == "unknown":
        return ("Live rule", "Group", "Why"), [[str(i.live), i.role, i.why] for i in items]
    if kind == "duplicate":
        return ("Planned rule", "Group", "Repeats", "Why"), [
            [str(i.live), i.role, i.of, i.why] for i in items
        ]
    return ("Live rule", "Group", "Like", "Why"), [
        [str(i.live), i.role, getattr(i, "rule", None) or "-", i.why] for i in items
    ]


def _fixes(items: Sequence[Finding]) -> list[str]:
    commands = [c for item in items for c in getattr(item, "fix", ())]
    return list(dict.fromkeys(commands))  # a rule two findings need: once


def _command(text: str) -> str:
    """A fix for a terminal or a fence: each line printable (the continuation lines kept)."""
    return "\n".join(printable(line) for line in text.split("\n"))


def _summary(report: Report) -> str:
    kinds = [k for k in ORDER if k != "duplicate" or report.planned]  # judged on changes only
    counts = ", ".join(f"{len(getattr(report, k))} {k}" for k in kinds)
    groups = ", ".join(_group(sg, g) for sg, g in report.groups.items())
    return f"Audit of {groups} for {', '.join(report.setup)}: {counts}"


def _group(sg: str, group: dict) -> str:
    """`sg-... (node)`; a group with no rule says so: a group may have none, but a typo in
    `--sg` or a snapshot of another region also gives none, and then everything is missing."""
    empty = "" if group["rules"] else ", no rules"
    return f"{sg} ({'+'.join(group['roles'])}{empty})"


def table(report: Report, width: int | None = terminal.WIDTH) -> str:
    """For a terminal: a table per kind of finding that fits `width` (None: never wrapped),
    then the commands that fix them (whole lines, to copy)."""
    lines = terminal.paragraph(printable(_summary(report)), width)
    for kind in ORDER:
        items = getattr(report, kind)
        if items:
            headers, rows = _rows(kind, items)
            cells = [[printable(str(c)) for c in row] for row in rows]
            shortest = SHORTEST.get(kind, SHORTEST["other"])
            why = headers.index("Why") if "Why" in headers else None
            text = terminal.table(headers, cells, width, shortest, why)
            lines += ["", f"{TITLES[kind]}:", text]
    fixes = _fixes(report.missing)
    if fixes:
        lines += ["", "Add the missing rules:", *map(_command, fixes)]
    tighten = _fixes([*report.broad, *report.extra])
    if tighten:
        lines += ["", "To tighten (--strict fails on broad and extra): add the narrow rules, "
                  "then revoke", *map(_command, tighten)]  # fmt: skip
    return "\n".join(lines) + "\n"


def markdown(report: Report) -> str:
    """For a ticket: a Markdown table per kind, the fixes in sh code blocks."""
    parts = [inline(_summary(report))]
    for kind in ORDER:
        items = getattr(report, kind)
        if items:
            headers, rows = _rows(kind, items)
            cells = [[inline(printable(str(c))) for c in row] for row in rows]
            parts += [f"### {inline(TITLES[kind])}", markdown_table(headers, cells).strip()]
    for title, items in (("Fix", report.missing), ("Tighten", [*report.broad, *report.extra])):
        fixes = _fixes(items)
        if fixes:
            parts += [f"### {title}", "```sh\n" + "\n".join(map(_command, fixes)) + "\n```"]
    return "\n\n".join(parts) + "\n"


def as_json(report: Report) -> str:
    """One finding per line: readable, diffable, each finding's text written by the finding
    (`json_text`, as json.dumps writes it; an indented dump is pure Python and several times
    slower on large audits)."""
    parts = [f'  "{key}": {json.dumps(value)}' for key, value in report.head().items()]
    for kind in KINDS:
        items = ",\n    ".join(f.json_text() for f in getattr(report, kind))
        parts.append(f'  "{kind}": [\n    {items}\n  ]' if items else f'  "{kind}": []')
    return "{\n" + ",\n".join(parts) + "\n}\n"


Located = Missing | Broad | Extra | Unknown | Duplicate


def _subject(item: Located) -> tuple[str, str, str]:
    """What a result is about: its text, the group id, and a stable key."""
    if isinstance(item, Missing):
        return f"{item.half} of {item.flow} ({item.rule})", item.sg, f"{item.rule}/{item.half}"
    return str(item.live), item.live.sg, item.live.id


def _location(item: Located, sg: str, where: str) -> dict:
    """The resource (address or logical id, else the group) and the file and line where the
    plan's configuration or the template writes it (else the artifact audited)."""
    place = item.where
    name = printable(place.address) if place else sg
    resource = {"name": name, "kind": "resource", "fullyQualifiedName": f"{item.role}/{name}"}
    physical: dict = {"artifactLocation": {"uri": where}}
    if place and place.file:
        physical = {"artifactLocation": {"uri": uri_quote(place.file)}}
        if place.line:
            physical["region"] = {"startLine": place.line}
    return {"physicalLocation": physical, "logicalLocations": [resource]}


def _result(kind: str, item: Located, where: str) -> dict:
    rule_id, level, _ = SARIF_RULES[kind]
    subject, sg, key = _subject(item)
    text = f"{kind}: {subject} on {item.role} ({sg}): {item.why}"
    fix = _fixes([item])
    if fix:
        text += "\nFix:\n" + "\n".join(fix)
    location = _location(item, sg, where)
    return {
        "ruleId": rule_id,
        "level": level,
        "message": {"text": printable_lines(text)},  # a viewer shows it as it is: no ESC
        "locations": [location],
        "partialFingerprints": {"eksSgFinding/v1": f"{kind}/{sg}/{key}"},
    }


def sarif(report: Report, where: str = "security-groups") -> str:
    """SARIF 2.1.0; `where` is the artifact the findings are in, as a URI reference."""
    rules = [{"id": rid, "name": kind, "shortDescription": {"text": text},
              "defaultConfiguration": {"level": level}}
             for kind, (rid, level, text) in SARIF_RULES.items()
             if kind != "duplicate" or report.planned]  # fmt: skip
    results = [_result(k, i, where) for k in SARIF_RULES for i in getattr(report, k)]
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
_ = (Present, Unknown, Duplicate)  # the kinds rendered by shape in _rows
