"""docs/reference/overview.md: the security groups and the traffic between them, as Mermaid.

The home page includes the diagram section of this page (pymdownx.snippets), so there is one
diagram, drawn from the data.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePosixPath

from gen.formats import mermaid, paths
from gen.formats.diagrams import ends, traffic_label
from gen.formats.links import group_link
from gen.formats.markdown import code, inline, page, table
from gen.reference.model import Reference

PATH = paths.OVERVIEW


def _edges(ref: Reference) -> dict[tuple[str, str], list[str]]:
    edges: dict[tuple[str, str], set[str]] = defaultdict(set)
    for rule in ref.rules:
        edges[ends(rule)].add(traffic_label(rule))
    return {ends: sorted(labels, key=_label_order) for ends, labels in sorted(edges.items())}


def _label_order(label: str) -> tuple:
    digits = "".join(c if c.isdigit() else " " for c in label).split()
    return (label.split()[0], int(digits[0]) if digits else -1, label)


def diagram(ref: Reference) -> str:
    """The Mermaid flowchart: one box per group, one arrow per direction of traffic."""
    lines = ["flowchart LR"]
    for g in ref.security_groups:
        lines.append(f"  {mermaid.node_id(g.id)}[{mermaid.label(g.title, f'({g.id})')}]")
    groups = {g.id for g in ref.security_groups}
    cidrs = sorted({end for ends in _edges(ref) for end in ends if end not in groups})
    lines += [f"  {mermaid.node_id(c)}(({mermaid.label(c)}))" for c in cidrs]
    for (source, target), labels in _edges(ref).items():
        text = mermaid.label(", ".join(labels))
        lines.append(f"  {mermaid.node_id(source)} -->|{text}| {mermaid.node_id(target)}")
    return "```mermaid\n" + "\n".join(lines) + "\n```"


def _groups(ref: Reference) -> str:
    rows = [
        [group_link(PATH, g.id), inline(g.title), inline(g.attached_to), code(f"${g.variable}")]
        for g in ref.security_groups
    ]
    return table(["Role", "Group", "Attached to", "Shell variable"], rows)


def render(ref: Reference) -> dict[PurePosixPath, str]:
    section = f"<!-- --8<-- [start:diagram] -->\n{diagram(ref)}\n<!-- --8<-- [end:diagram] -->"
    intro = "Arrows show who starts the traffic; labels list every port any category opens."
    return {PATH: page("Security groups at a glance", intro, section, _groups(ref), boost=0.5)}
