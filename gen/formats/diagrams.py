"""Traffic diagrams of a group's rules (one per group page), of a setup (the picker), and the
small overview of the home page, as static SVG (gen/formats/svg.py).

Required traffic (a baseline category) is a solid arrow, optional traffic (an add-on) a dotted
one; labels read `TCP 443`, `All traffic`, never `All All`. A load balancer's group also shows
the clients' traffic to it, which its own rules do not carry (the AWS Load Balancer Controller
or you add those).
"""

from __future__ import annotations

from collections import defaultdict

from gen.formats import per_rule, svg
from gen.formats.labels import PROTOCOL_NAMES, ports_text
from gen.reference.model import Reference, Rule, SecurityGroup

CLIENTS = "clients"
LOAD_BALANCERS = ("alb", "nlb")


def traffic_label(rule: Rule) -> str:
    """`TCP 443`, `UDP 53`, `ICMP type 3 code 4`, `All traffic`, `TCP alb-listener-port`."""
    if rule.protocol == "all":
        return "All traffic"
    return f"{PROTOCOL_NAMES[rule.protocol]} {ports_text(rule)}"


def ends(rule: Rule) -> tuple[str, str]:
    """Where the traffic starts and where it arrives (`self`: the group itself)."""
    other = rule.group if rule.peer == "self" else rule.peer
    return (other, rule.group) if rule.direction == "inbound" else (rule.group, other)


def box(ref: Reference, name: str) -> tuple[str, ...]:
    """A box's lines: a group's title and role, `Clients`, or the CIDR or value as written."""
    groups = ref.group_by_id()
    if name in groups:
        return (groups[name].title, f"({name})")
    return ("Clients",) if name == CLIENTS else (name,)


def shortened(labels: list[str], most: int = 4) -> str:
    shown = (
        labels if len(labels) <= most else [*labels[: most - 1], f"{len(labels) - most + 1} more"]
    )
    return ", ".join(shown)


def rows(ref: Reference, rules: list[Rule], required: set[str]) -> list[svg.Row]:
    """One row per start, end and kind (required or not), labels in rule order."""
    edges: dict[tuple[str, str, bool], dict[str, None]] = defaultdict(dict)  # labels, in order
    for rule in rules:
        edges[(*ends(rule), rule.id in required)][traffic_label(rule)] = None
    return [svg.Row(box(ref, a), box(ref, b), shortened(list(labels)), needed)
            for (a, b, needed), labels in edges.items()]  # fmt: skip


def clients_row(ref: Reference, balancer: str) -> svg.Row:
    return svg.Row(box(ref, CLIENTS), box(ref, balancer), "listener ports", True)


def group_diagram(ref: Reference, group: SecurityGroup, required: set[str]) -> str:
    """The diagram of one group's rules: each peer once, one arrow per direction and kind."""
    found = rows(ref, [r for r in ref.rules if r.group == group.id], required)
    if group.id in LOAD_BALANCERS:
        found.insert(0, clients_row(ref, group.id))
    return svg.block(found, f"Traffic the rules of the {group.title} allow")


@per_rule
def rule_row(ref: Reference, rule: Rule) -> str:
    """One rule's arrow as its own small SVG (the picker stacks the ones a setup selects, and
    draws a row once however many rules share it)."""
    baseline = ref.category_ids("baseline")
    start, end = ends(rule)
    row = svg.Row(box(ref, start), box(ref, end), traffic_label(rule),
                  not baseline.isdisjoint(rule.categories))  # fmt: skip
    return svg.diagram([row], traffic_label(rule), "traffic-row")
