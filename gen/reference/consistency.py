"""Consistency checks on a valid reference: the findings that `eks-sg validate` reports.

Each check is data (an id, a title and the paragraph that explains it) so that validate can
print the id with each finding and the findings page can explain it in the same words.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from gen.reference.coverage import Permission, allows, permission
from gen.reference.model import Reference, Rule
from gen.reference.problems import Problem

OPEN_PEERS = ("0.0.0.0/0",)  # group-to-group traffic inside a VPC is IPv4 on IPv4 clusters


@dataclass(frozen=True)
class Mirror:
    """A cross-group rule and the rule on the peer group that lets its traffic through."""

    rule: Rule
    mirror: Rule | None


def _mirror_need(rule: Rule, peer: Rule) -> Permission:
    """What `peer` (a rule on the other group) must allow for `rule`'s traffic: the same
    protocol and ports, the other way, with `rule`'s group as the peer (or, when the candidate
    is open to everyone, the candidate's own CIDR)."""
    flipped = "outbound" if rule.direction == "inbound" else "inbound"
    open_peer = peer.peer in OPEN_PEERS
    return Permission(rule.peer, flipped, rule.protocol, rule.port_range,
                      peer.peer if open_peer else rule.group,
                      peer.network if open_peer else None)  # fmt: skip


def _can_mirror(candidate: Rule, rule: Rule, baseline: set[str]) -> bool:
    """The one coverage function decides; the mirror must also be in the rule's category or a
    baseline one, so that a user who picks the category gets both halves."""
    return bool(set(candidate.categories) & (set(rule.categories) | baseline)) and allows(
        permission(candidate), _mirror_need(rule, candidate)
    )


def _exact_key(rule: Rule) -> tuple:
    return (rule.group, rule.direction, rule.peer, rule.protocol, rule.port_range)


def mirrors(ref: Reference) -> list[Mirror]:
    """Every rule whose peer is another group, with the mirror found for it (or None).

    The exact mirror (same protocol and ports) is looked up in an index, so a reference of
    thousands of rules stays linear; only rules without one scan the peer group's rules.
    """
    groups = {g.id for g in ref.security_groups}
    baseline = {c.id for c in ref.categories if c.baseline}
    by_group: dict[str, list[Rule]] = {}
    exact: dict[tuple, list[Rule]] = {}
    for rule in ref.rules:
        by_group.setdefault(rule.group, []).append(rule)
        exact.setdefault(_exact_key(rule), []).append(rule)
    found = []
    for rule in (r for r in ref.rules if r.peer in groups):
        flipped = "outbound" if rule.direction == "inbound" else "inbound"
        key = (rule.peer, flipped, rule.group, rule.protocol, rule.port_range)
        candidates = itertools.chain(exact.get(key, []), by_group.get(rule.peer, []))
        match = (m for m in candidates if _can_mirror(m, rule, baseline))
        found.append(Mirror(rule, next(match, None)))
    return found


def _mirror_problems(ref: Reference) -> Iterator[Problem]:
    index = {rule.id: i for i, rule in enumerate(ref.rules)}
    for gap in (m for m in mirrors(ref) if m.mirror is None):
        rule = gap.rule
        other = "outbound" if rule.direction == "inbound" else "inbound"
        yield Problem(
            ("rules", index[rule.id]),
            f"rule {rule.id!r} has no mirror: {rule.peer} needs an {other} {rule.protocol} rule "
            f"for these ports with peer {rule.group} in one of its categories "
            f"({', '.join(rule.categories)}) or a baseline one",
        )


def _istio_problems(ref: Reference) -> Iterator[Problem]:
    istio_categories = {c.id for c in ref.categories if c.istio}
    claims = {p: set(ref.istio.ports[i].rules) for i, p in enumerate(_port_keys(ref))}
    for i, rule in enumerate(ref.rules):
        if set(rule.categories) & istio_categories and not rule.istio_ports:
            yield Problem(
                ("rules", i), f"Istio rule {rule.id!r} must name the Istio ports it serves"
            )
        for port in rule.istio_ports:
            if rule.id not in claims[port]:
                yield Problem(
                    ("rules", i, "istio_ports"), f"Istio port {port} does not list rule {rule.id!r}"
                )
    yield from _ports_name_rules(ref)


def _port_keys(ref: Reference) -> list[str]:
    return [p.key for p in ref.istio.ports]


def _ports_name_rules(ref: Reference) -> Iterator[Problem]:
    rules = {rule.id: rule for rule in ref.rules}
    for i, key in enumerate(_port_keys(ref)):
        for rule_id in ref.istio.ports[i].rules:
            rule = rules.get(rule_id)  # unknown ids are integrity errors, reported there
            if rule is not None and key not in rule.istio_ports:
                yield Problem(
                    ("istio", "ports", i, "rules"),
                    f"rule {rule_id!r} does not name Istio port {key}",
                )


@dataclass(frozen=True)
class Check:
    """A consistency check: what `eks-sg validate` prints with its findings, and the page."""

    id: str
    title: str
    explanation: str  # one paragraph of Markdown, shown on the findings page
    run: Callable[[Reference], Iterator[Problem]]


CHECKS = (
    Check(
        "mirror",
        "Mirrors",
        "Security groups are stateful per group, so traffic from group A to group B needs an "
        "outbound rule on A *and* an inbound rule on B. Every rule whose peer is another group "
        "must have its mirror on that group, unless the peer side is already open (outbound "
        "all to `0.0.0.0/0`). The mirror must be in the same category or a baseline one, so "
        "that a user who selects a category gets both halves.",
        _mirror_problems,
    ),
    Check(
        "istio-ports",
        "Istio",
        "Every rule in an Istio category names the Istio ports it serves, and those ports name "
        "the rule back, so the Istio page and the rule pages agree.",
        _istio_problems,
    ),
)


def problems(ref: Reference) -> list[Problem]:
    """Every consistency finding, each with its check's id; empty when consistent."""
    return [dataclasses.replace(p, check=c.id) for c in CHECKS for p in c.run(ref)]
