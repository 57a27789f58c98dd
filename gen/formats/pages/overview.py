"""docs/reference/overview.md: the security groups and the traffic between them, as SVG.

The home page includes the diagram section of this page (pymdownx.snippets): a small overview,
one arrow per pair of groups (their own traffic and the networks they reach are on the group
pages), drawn from the data.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePosixPath

from gen.formats import paths, svg
from gen.formats.diagrams import LOAD_BALANCERS, box, clients_row, ends, shortened, traffic_label
from gen.formats.links import group_link
from gen.formats.markdown import code, inline, page, table
from gen.reference.model import Reference

PATH = paths.OVERVIEW


def _edges(ref: Reference) -> dict[tuple[str, str], list[str]]:
    """Traffic between two different groups, by who starts it, with every port."""
    groups = {g.id for g in ref.security_groups}
    edges: dict[tuple[str, str], set[str]] = defaultdict(set)
    for rule in ref.rules:
        start, end = ends(rule)
        if start != end and {start, end} <= groups:
            edges[(start, end)].add(traffic_label(rule))
    return {pair: sorted(labels, key=_label_order) for pair, labels in sorted(edges.items())}


def _label_order(label: str) -> tuple:
    digits = "".join(c if c.isdigit() else " " for c in label).split()
    return (label.split()[0], int(digits[0]) if digits else -1, label)


def diagram(ref: Reference) -> str:
    """One arrow per pair of groups that talk, the clients' to each load balancer first."""
    present = {g.id for g in ref.security_groups}
    rows = [clients_row(ref, lb)._replace(target=box(ref, lb)[:1])
            for lb in LOAD_BALANCERS if lb in present]  # fmt: skip
    title = lambda name: box(ref, name)[:1]  # noqa: E731  (small: the title alone)
    rows += [svg.Row(title(a), title(b), shortened(labels, 2), True)
             for (a, b), labels in _edges(ref).items()]  # fmt: skip
    return svg.block(rows, "Traffic between the security groups")


def _groups(ref: Reference) -> str:
    rows = [
        [group_link(PATH, g.id), inline(g.title), inline(g.attached_to), code(f"${g.variable}")]
        for g in ref.security_groups
    ]
    return table(["Role", "Group", "Attached to", "Shell variable"], rows)


def render(ref: Reference) -> dict[PurePosixPath, str]:
    section = f"<!-- --8<-- [start:diagram] -->\n{diagram(ref)}\n<!-- --8<-- [end:diagram] -->"
    intro = ("Arrows show who starts the traffic between two groups, with its ports (the first "
             "few: each group's page has them all, and the traffic to networks).")  # fmt: skip
    return {PATH: page("Security groups at a glance", intro, section, _groups(ref), boost=0.5)}
