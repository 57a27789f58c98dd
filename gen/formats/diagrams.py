"""Mermaid diagrams of the traffic a group's rules allow (one per group page).

Required traffic (a baseline category) is a solid arrow, optional traffic (an add-on) a dotted
one; labels read `TCP 443`, `All traffic`, never `All All`. A load balancer's group also shows
the clients' traffic to it, which its own rules do not carry (the AWS Load Balancer Controller
or you add those). The pages draw the text only when the reader asks (docs/assets/site.js).
"""

from __future__ import annotations

from collections import defaultdict

from gen.formats import mermaid
from gen.formats.labels import PROTOCOL_NAMES, ports_text
from gen.reference.model import Reference, Rule, SecurityGroup

CLIENTS = "clients"


def traffic_label(rule: Rule) -> str:
    """`TCP 443`, `UDP 53`, `ICMP type 3 code 4`, `All traffic`, `TCP alb-listener-port`."""
    if rule.protocol == "all":
        return "All traffic"
    return f"{PROTOCOL_NAMES[rule.protocol]} {ports_text(rule)}"


def ends(rule: Rule) -> tuple[str, str]:
    """Where the traffic starts and where it arrives (`self`: the group itself)."""
    other = rule.group if rule.peer == "self" else rule.peer
    return (other, rule.group) if rule.direction == "inbound" else (rule.group, other)


def _box(ref: Reference, name: str) -> str:
    groups = {g.id: g for g in ref.security_groups}
    if name in groups:
        return f"[{mermaid.label(groups[name].title, f'({name})')}]"
    if name == CLIENTS:
        return f"([{mermaid.label('Clients')}])"
    return f"(({mermaid.label(name)}))"


def group_diagram(ref: Reference, group: SecurityGroup, required: set[str]) -> str:
    """The flowchart of one group's rules: each peer once, one arrow per direction and kind."""
    rules = [r for r in ref.rules if r.group == group.id]
    edges: dict[tuple[str, str, bool], list[str]] = defaultdict(list)
    for rule in rules:
        label = traffic_label(rule)
        key = (*ends(rule), rule.id in required)
        if label not in edges[key]:
            edges[key].append(label)
    if group.id in ("alb", "nlb"):
        edges[(CLIENTS, group.id, True)].append("listener ports")
    names = list(dict.fromkeys(n for (a, b, _) in edges for n in (a, b)))
    lines = ["flowchart LR"]
    lines += [f"  {mermaid.node_id(n)}{_box(ref, n)}" for n in names]
    for (source, target, needed), labels in edges.items():
        arrow = "-->" if needed else "-.->"
        shown = labels if len(labels) <= 4 else [*labels[:3], f"{len(labels) - 3} more"]
        text = mermaid.label(", ".join(shown))
        lines.append(f"  {mermaid.node_id(source)} {arrow}|{text}| {mermaid.node_id(target)}")
    return "```mermaid\n" + "\n".join(lines) + "\n```"
