"""Rules on the groups that carry them, and data rules in the terms of the one judgement,
gen/reference/flows.py: each rule as a GroupRule, and the flow it is one half of between the
interfaces of its roles (`half_flow`), so that "does rule A let rule B's traffic through" is
`lets_through(B, half_flow(B, ...), [group_rule(A)])` (gen/select.py's coverers, the
consistency checks, the group pages).

`carried` is the one spelling of moving a rule onto the group that carries it under a sharing;
`Permission.exact` the one spelling of "the same permission". A parameter's value is unknown,
so a parameter port or peer is held only by itself, or by every port and 0.0.0.0/0 or ::/0
for a CIDR parameter's value.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from gen.reference import flows
from gen.reference.model import Network, Reference, Rule
from gen.reference.ports import ALL_PORTS, PortRange

Sharing = Mapping[str, str]
"""Roles whose group is another role's group: `{"node": "cluster"}` when nodes carry only the
EKS cluster security group. Rules of `node` are then rules of `cluster`."""


class Permission(NamedTuple):
    """What a rule lets through, in terms of the groups that really exist under a sharing."""

    group: str
    direction: str
    protocol: str
    ports: PortRange
    peer: str  # a role (`self` resolved to the group), a normalised CIDR, or a parameter id
    network: Network | None

    @property
    def exact(self) -> tuple:
        """Equal for two rules that are the same EC2 permission."""
        return (self.group, self.direction, self.protocol, self.ports, self.peer)


def carried(rule: Rule, sharing: Sharing | None = None) -> Rule:
    """The rule on the group that carries it: a shared role's rules move to the carrier, and a
    peer that becomes the rule's own group becomes `self`."""
    sharing = sharing or {}
    group = sharing.get(rule.group, rule.group)
    peer = sharing.get(rule.peer, rule.peer) if rule.peer_kind == "role" else rule.peer
    peer = "self" if peer == group else peer
    if (group, peer) == (rule.group, rule.peer):
        return rule
    return rule.model_copy(update={"group": group, "peer": peer})


def permission(rule: Rule, sharing: Sharing | None = None) -> Permission:
    """The permission of the rule as `sharing` carries it (`self` named by its group)."""
    held = carried(rule, sharing)
    peer = held.peer_role or held.peer
    return Permission(
        held.group, held.direction, held.protocol, held.port_range, peer, held.network
    )


_TOKEN = "parameter:"  # noqa: S105 (a name prefix, not a secret)
EC2_DEFAULT_ID = "ec2-default-egress"
"""The GroupRule id of the allow-all IPv4 egress EC2 gives a new group (not a data rule)."""
IPV4_ANY = ipaddress.ip_network("0.0.0.0/0")
IPV6_ANY = ipaddress.ip_network("::/0")


# --- data rules and their flows, in gen/reference/flows.py's terms -------------------------


def _parameter_token(parameter: str) -> str:
    """A CIDR or prefix-list parameter's value is unknown here: the end it names is matched by
    identity, as flows matches a prefix list."""
    return _TOKEN + parameter


def _rule_peer(rule: Rule) -> flows.Peer:
    if rule.peer_role:
        return flows.Peer(group=rule.peer_role)
    if rule.network is not None:
        return flows.Peer(network=rule.network)
    return flows.Peer(prefix_list=_parameter_token(rule.peer))


def _rule_ports(rule: Rule, parameter: str | None) -> tuple[int, int] | None:
    """The rule's ports when judging a need on `parameter`'s port (None: a number): a port
    parameter is unknown, so only the same parameter (any value it has) or a rule open on
    every port covers it; a rule on another parameter's port counts for nothing (None)."""
    low, high, own = rule.port_range
    if own is not None:
        return (ALL_PORTS.low, ALL_PORTS.high) if own == parameter else None
    return int(low), int(high)  # type: ignore[arg-type]


def group_rule(rule: Rule, parameter: str | None = None) -> flows.GroupRule | None:
    """A (carried) data rule as the flow function reads it; None when it cannot count."""
    ports = _rule_ports(rule, parameter)
    if ports is None:
        return None
    return flows.GroupRule(
        rule.group, rule.direction, rule.protocol, *ports, _rule_peer(rule), rule.id
    )


def ec2_default_egress(group: str) -> flows.GroupRule:
    """The allow-all IPv4 egress EC2 gives a group it creates."""
    return flows.GroupRule(group, "outbound", "all", ALL_PORTS.low, ALL_PORTS.high,  # type: ignore[arg-type]
                           flows.Peer(network=IPV4_ANY), EC2_DEFAULT_ID)  # fmt: skip


def is_ec2_default_egress(rule: Rule) -> bool:
    """Whether the rule is the permission EC2's default egress is (all, to 0.0.0.0/0)."""
    return (rule.direction, rule.protocol, rule.network) == ("outbound", "all", IPV4_ANY)


class Interfaces(NamedTuple):
    """Which groups each role's network interfaces carry, under one sharing."""

    groups: dict[str, frozenset[str]]
    same_group: frozenset[str] = frozenset()
    """The categories whose traffic only one group allowing itself carries (EFA): a rule of
    one of them is half of a same-group flow."""

    @classmethod
    def of(cls, ref: Reference, sharing: dict[str, str]) -> Interfaces:
        def carrier(role: str) -> str:
            return sharing.get(role, role)

        found = {g.id: {carrier(g.id)} for g in ref.security_groups}
        for g in ref.security_groups:
            for role in g.also_on:
                found.setdefault(role, {carrier(role)}).add(carrier(g.id))
        same = frozenset(c.id for c in ref.categories if c.needs_same_group)
        return cls({role: frozenset(groups) for role, groups in found.items()}, same)

    def endpoint(self, role: str) -> flows.Endpoint:
        """A role's interfaces: its groups, and IPv4 addresses somewhere (every cluster
        interface has one; which, only the VPC knows, so only 0.0.0.0/0 contains them)."""
        return flows.Endpoint(self.groups[role], somewhere=(IPV4_ANY,), name=role)


def _other_end(rule: Rule, interfaces: Interfaces) -> flows.Endpoint:
    """The end a rule's peer is: a role's interfaces, a CIDR, or a parameter's value."""
    if rule.peer_role:
        return interfaces.endpoint(rule.peer_role)
    if rule.network is not None:
        return flows.Endpoint(addresses=(rule.network,), name=rule.peer)
    wide = {"ipv4-parameter": (IPV4_ANY,), "ipv6-parameter": (IPV6_ANY,)}.get(rule.peer_kind, ())
    return flows.Endpoint(somewhere=wide, prefix_list=_parameter_token(rule.peer), name=rule.peer)


def half_flow(rule: Rule, interfaces: Interfaces, home: str) -> flows.Flow:
    """The flow a (carried) rule is one half of; `home` is the role whose interfaces it is for
    (its group's role before sharing)."""
    here, there = interfaces.endpoint(home), _other_end(rule, interfaces)
    low, high, parameter = rule.port_range
    ports = (ALL_PORTS.low, ALL_PORTS.high) if parameter else (int(low), int(high))  # type: ignore[arg-type]
    source, destination = (there, here) if rule.direction == "inbound" else (here, there)
    same = bool(interfaces.same_group.intersection(rule.categories))
    return flows.Flow(source, destination, rule.protocol, *ports, why=rule.id, same_group=same)


def lets_through(rule: Rule, flow: flows.Flow, candidates: Iterable[flows.GroupRule]) -> bool:
    """Whether the candidates let the rule's half of the flow through."""
    return flows.half(flow, flows.Rules.of(candidates), rule.direction)[0]
