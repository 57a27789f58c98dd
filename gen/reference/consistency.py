"""Consistency checks on a valid reference: the findings that `eks-sg validate` reports.

Each check is data (an id, a title and the paragraph that explains it) so that validate can
print the id with each finding and the findings page can explain it in the same words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

from gen.reference import flows
from gen.reference.coverage import Interfaces, ec2_default_egress, group_rule, half_flow
from gen.reference.model import Reference, Rule
from gen.reference.problems import Problem


class Mirror(NamedTuple):
    """A cross-group rule and the rule on the peer's interfaces that lets the other half of
    its flow through (None: nothing does, or only EC2's default egress: `by_default`)."""

    rule: Rule
    mirror: Rule | None
    by_default: bool = False

    @property
    def closed(self) -> bool:
        """Whether the other half of the rule's flow is let through."""
        return self.mirror is not None or self.by_default


def _other_half(rule: Rule, candidates: list[Rule], interfaces: Interfaces, egress) -> Mirror:
    """The flow function decides (gen/reference/flows.py): the rule's flow, its other half
    judged with the candidates (and EC2's default egress on the groups the data says have it)."""
    flow = half_flow(rule, interfaces, rule.group)
    inbound = rule.direction == "inbound"
    parameter = rule.port_range.parameter
    judged = [g for g in (group_rule(c, parameter) for c in candidates) if g is not None]
    other = "outbound" if inbound else "inbound"
    is_open, found = flows.half(flow, flows.Rules.of([*judged, *egress]), other)
    by_id = {c.id: c for c in candidates}
    mirror = next((by_id[g.id] for g in found if g.id in by_id), None)
    return Mirror(rule, mirror if is_open else None, is_open and mirror is None)


def _shape(rule: Rule) -> tuple | None:
    """What a rule lets through, when it is one port (or ICMP type and code) of one protocol:
    only a rule of the same shape, or a wide one, can let the same traffic through. None for
    a wide rule (a range, every port or type, all protocols)."""
    low, high, parameter = rule.port_range
    wide = rule.protocol == "all" or (parameter is None and (low != high or -1 in (low, high)))
    icmp = rule.protocol in ("icmp", "icmpv6")
    if wide and not (icmp and -1 not in (low, high)):
        return None
    return (rule.direction, rule.protocol, low, high, parameter)


class _Candidates:
    """The rules of each group, indexed so that finding the few that may hold the other half
    of a flow costs no more for 10,000 rules than for 100: those of the same shape, and the
    wide ones (in data order)."""

    def __init__(self, rules: list[Rule]) -> None:
        self.exact: dict[tuple, dict[tuple, list[int]]] = {}
        self.wide: dict[tuple, list[int]] = {}
        self.rules = rules
        for i, rule in enumerate(rules):
            shape = _shape(rule)
            if shape is None:
                self.wide.setdefault((rule.group, rule.direction), []).append(i)
            else:
                self.exact.setdefault((rule.group,), {}).setdefault(shape, []).append(i)

    def for_other_half(self, rule: Rule, group: str) -> list[int]:
        """The rules on `group` that may let the other half of `rule`'s flow through."""
        other = "outbound" if rule.direction == "inbound" else "inbound"
        low, high, parameter = rule.port_range
        shape = (other, rule.protocol, low, high, parameter)
        exact = self.exact.get((group,), {}).get(shape, [])
        return sorted([*exact, *self.wide.get((group, other), [])])


def mirrors(ref: Reference) -> list[Mirror]:
    """Every rule whose peer is another group, with the rule found for the other half of its
    flow: on a group the peer's interfaces carry, in the rule's category or a baseline one
    (so that a user who picks the category gets both halves). Found once per reference
    (validation and the findings page ask)."""
    return ref.derived(("mirrors",), lambda: _mirrors(ref))


def _mirrors(ref: Reference) -> list[Mirror]:
    baseline = {c.id for c in ref.categories if c.baseline}
    groups = {g.id for g in ref.security_groups}
    interfaces = Interfaces.of(ref, {})
    egress = [ec2_default_egress(g.id) for g in ref.security_groups
              if g.default_egress and not g.aws_created]  # fmt: skip
    index = _Candidates(ref.rules)
    found = []
    for rule in (r for r in ref.rules if r.peer in groups):
        wanted = set(rule.categories) | baseline
        on_peer = [index.rules[i] for g in sorted(interfaces.groups[rule.peer])
                   for i in index.for_other_half(rule, g)]  # fmt: skip
        candidates = [c for c in on_peer if not wanted.isdisjoint(c.categories)]
        found.append(_other_half(rule, candidates, interfaces, egress))
    return found


def _mirror_problems(ref: Reference) -> Iterator[Problem]:
    index = {rule.id: i for i, rule in enumerate(ref.rules)}
    for gap in (m for m in mirrors(ref) if not m.closed):
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


class Check(NamedTuple):
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
        "must have its mirror on a group the peer's interfaces carry (judged as EC2 does, by "
        "all of them together: an outbound-all rule to `0.0.0.0/0` is a mirror). The mirror "
        "must be in the same category or a baseline one, so that a user who selects a "
        "category gets both halves.",
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
    """Every consistency finding, each with its check's id; empty when consistent (found
    once per reference: validation and the findings page ask)."""
    return ref.derived(
        ("consistency",), lambda: [p._replace(check=c.id) for c in CHECKS for p in c.run(ref)]
    )
