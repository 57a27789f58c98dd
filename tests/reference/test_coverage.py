"""Does rule A already allow every packet of rule B? Asked of the one judgement
(gen/reference/flows.py) as the selection asks it: B's half of its flow between the
interfaces of its roles, let through by A alone. The expected answers are EC2's, by hand."""

from __future__ import annotations

import pytest
from helpers import load_text

from gen.reference.coverage import Interfaces, carried, group_rule, half_flow, lets_through
from gen.reference.model import Rule

ROLES = ("node", "cp", "alb", "cluster")


def allows(have: Rule, need: Rule, sharing: dict[str, str] | None = None) -> bool:
    sharing = sharing or {}
    carrier = {role: frozenset({sharing.get(role, role)}) for role in ROLES}
    held, needed = carried(have, sharing), carried(need, sharing)
    candidate = group_rule(held, needed.port_range.parameter)
    flow = half_flow(needed, Interfaces(carrier), need.group)
    return candidate is not None and lets_through(needed, flow, [candidate])


BASE = {"id": "r", "group": "node", "direction": "inbound", "categories": ["minimum"],
        "description": "x", "sources": ["seed"]}  # fmt: skip


def rule(**fields) -> Rule:
    return Rule.model_validate({**BASE, **fields})


CASES = [
    # (have, need, allowed?, why)
    ({"protocol": "all", "ports": "all", "peer": "self"}, {"protocol": "tcp", "ports": 443, "peer": "self"}, True, "all covers tcp"),
    ({"protocol": "tcp", "ports": "1025-65535", "peer": "cp"}, {"protocol": "tcp", "ports": 10250, "peer": "cp"}, True, "range contains"),
    ({"protocol": "tcp", "ports": 10250, "peer": "cp"}, {"protocol": "tcp", "ports": "1025-65535", "peer": "cp"}, False, "narrower does not"),
    ({"protocol": "udp", "ports": 53, "peer": "self"}, {"protocol": "tcp", "ports": 53, "peer": "self"}, False, "protocol differs"),
    ({"protocol": "tcp", "ports": 443, "peer": "cp"}, {"protocol": "tcp", "ports": 443, "peer": "alb"}, False, "peer differs"),
    ({"protocol": "tcp", "ports": 443, "peer": "10.0.0.0/8"}, {"protocol": "tcp", "ports": 443, "peer": "10.1.0.0/16"}, True, "CIDR contains CIDR"),
    ({"protocol": "tcp", "ports": 443, "peer": "10.1.0.0/16"}, {"protocol": "tcp", "ports": 443, "peer": "10.0.0.0/8"}, False, "smaller CIDR"),
    ({"protocol": "tcp", "ports": 443, "peer": "0.0.0.0/0"}, {"protocol": "tcp", "ports": 443, "peer": "::/0"}, False, "IPv4 never holds IPv6"),
    ({"protocol": "tcp", "ports": 443, "peer": "0.0.0.0/0"}, {"protocol": "tcp", "ports": 443, "peer": "cp"}, True, "0.0.0.0/0 holds a role's IPv4 addresses"),
    ({"protocol": "tcp", "ports": 443, "peer": "10.0.0.0/8"}, {"protocol": "tcp", "ports": 443, "peer": "cp"}, False, "a smaller CIDR may not"),
    ({"protocol": "tcp", "ports": 443, "peer": "cp"}, {"protocol": "tcp", "ports": 443, "peer": "0.0.0.0/0"}, False, "a role is not everywhere"),
    ({"protocol": "tcp", "ports": "all", "peer": "cp"}, {"protocol": "tcp", "ports": "listener-port", "peer": "cp"}, True, "all ports hold any value"),
    ({"protocol": "tcp", "ports": "30000-32767", "peer": "cp"}, {"protocol": "tcp", "ports": "listener-port", "peer": "cp"}, False, "a range may miss the value"),
    ({"protocol": "tcp", "ports": "listener-port", "peer": "cp"}, {"protocol": "tcp", "ports": "listener-port", "peer": "cp"}, True, "same parameter"),
    ({"protocol": "icmp", "icmp": {"type": 3, "code": -1}, "peer": "self"}, {"protocol": "icmp", "icmp": {"type": 3, "code": 4}, "peer": "self"}, True, "any code"),
    ({"protocol": "icmp", "icmp": {"type": -1}, "peer": "self"}, {"protocol": "icmp", "icmp": {"type": 0, "code": 0}, "peer": "self"}, True, "any type"),
    ({"protocol": "icmp", "icmp": {"type": 3, "code": 4}, "peer": "self"}, {"protocol": "icmp", "icmp": {"type": 3, "code": 3}, "peer": "self"}, False, "other code"),
    ({"protocol": "icmp", "icmp": {"type": -1}, "peer": "self"}, {"protocol": "icmpv6", "icmp": {"type": 2, "code": 0}, "peer": "self"}, False, "ICMP is not ICMPv6"),
]  # fmt: skip


@pytest.mark.parametrize(("have", "need", "expected", "why"), CASES, ids=[c[3] for c in CASES])
def test_allows(have: dict, need: dict, expected: bool, why: str) -> None:
    assert allows(rule(**have), rule(**need)) is expected


def test_direction_and_group_must_match() -> None:
    wide = rule(protocol="all", ports="all", peer="self")
    assert not allows(wide, rule(protocol="all", ports="all", peer="self", direction="outbound"))
    assert not allows(wide, rule(protocol="all", ports="all", peer="self", group="cp"))


def test_self_and_a_role_are_one_peer_when_both_roles_share_a_group() -> None:
    """On managed nodes, the node role is the cluster group: cluster's self rule allows
    traffic a node rule takes from the cluster group."""
    self_rule = rule(group="cluster", protocol="all", ports="all", peer="self")
    from_cluster = rule(protocol="tcp", ports=10250, peer="cluster")
    sharing = {"node": "cluster"}
    assert not allows(self_rule, from_cluster)
    assert allows(self_rule, from_cluster, sharing)


def test_every_rule_allows_itself(minimal_text: str) -> None:
    ref = load_text(minimal_text)
    interfaces = Interfaces.of(ref, {})
    for each in ref.rules:
        flow = half_flow(each, interfaces, each.group)
        assert lets_through(each, flow, [group_rule(each, each.port_range.parameter)]), each.id
