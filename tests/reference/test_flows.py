"""`flows.allowed` against an independent judge that checks packets one by one.

The judge knows nothing of `flows`: for every concrete packet a flow can carry (each port of
its range, each address of each end's networks) it asks whether some group on the source has
an egress rule and some group on the destination an ingress rule that lets that packet
through, the way EC2's documentation states it. The flow is allowed when every packet is.
"""

from __future__ import annotations

import ipaddress

from hypothesis import given, settings
from hypothesis import strategies as st

from gen.reference.flows import Endpoint, Flow, GroupRule, Peer, Rules, allowed

GROUPS = ["sg-a", "sg-b", "sg-c", "sg-d"]
NETS = [ipaddress.ip_network(n) for n in ("10.0.0.0/30", "10.0.0.4/30", "10.0.1.0/30")]
WIDE = [ipaddress.ip_network(n) for n in ("10.0.0.0/29", "10.0.0.0/16", "0.0.0.0/0", "::/0")]


def packet_passes(rules, groups, other_groups, other_address, direction, protocol, port) -> bool:
    """One packet, one half: some rule on some group of this interface lets it through."""
    if not groups:
        return True  # nothing filters an interface without groups
    for r in rules:
        if r["group"] not in groups or r["direction"] != direction:
            continue
        if r["protocol"] != "all" and r["protocol"] != protocol:
            continue
        if r["protocol"] != "all" and not r["low"] <= port <= r["high"]:
            continue
        if r["peer_group"] is not None and r["peer_group"] in other_groups:
            return True
        net = r["peer_net"]
        if net is not None and other_address is not None and other_address in net:
            return True
    return False


def judge(rules, src_groups, src_nets, dst_groups, dst_nets, protocol, low, high) -> bool:
    src_addrs = [a for n in src_nets for a in n] or [None]  # None: an address nobody knows
    dst_addrs = [a for n in dst_nets for a in n] or [None]
    for port in range(low, high + 1):
        for s in src_addrs:
            for d in dst_addrs:
                out = packet_passes(rules, src_groups, dst_groups, d, "outbound", protocol, port)
                inn = packet_passes(rules, dst_groups, src_groups, s, "inbound", protocol, port)
                if not (out and inn):
                    return False
    return True


raw_rule = st.fixed_dictionaries(
    {
        "group": st.sampled_from(GROUPS),
        "direction": st.sampled_from(["inbound", "outbound"]),
        "protocol": st.sampled_from(["tcp", "udp", "all"]),
        "low": st.integers(440, 450),
        "span": st.integers(0, 6),
        "peer": st.one_of(st.sampled_from(GROUPS), st.sampled_from(NETS + WIDE)),
    }
)


def as_judged(raw: dict) -> dict:
    is_group = isinstance(raw["peer"], str)
    low, high = (0, 65535) if raw["protocol"] == "all" else (raw["low"], raw["low"] + raw["span"])
    return {**raw, "low": low, "high": high, "peer_group": raw["peer"] if is_group else None,
            "peer_net": None if is_group else raw["peer"]}  # fmt: skip


def as_rule(r: dict) -> GroupRule:
    peer = Peer(group=r["peer_group"]) if r["peer_group"] else Peer(network=r["peer_net"])
    return GroupRule(r["group"], r["direction"], r["protocol"], r["low"], r["high"], peer)


groups_st = st.frozensets(st.sampled_from(GROUPS), max_size=3)
nets_st = st.lists(st.sampled_from(NETS), max_size=2, unique=True).map(tuple)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(raw_rule, max_size=10),
    groups_st,
    nets_st,
    groups_st,
    nets_st,
    st.sampled_from(["tcp", "udp"]),
    st.integers(438, 452),
    st.integers(0, 4),
)
def test_the_verdict_is_the_judges(raws, src_g, src_n, dst_g, dst_n, protocol, low, span):
    judged = [as_judged(r) for r in raws]
    flow = Flow(Endpoint(src_g, src_n), Endpoint(dst_g, dst_n), protocol, low, low + span)
    verdict = allowed(flow, Rules.of(as_rule(r) for r in judged))
    expected = judge(judged, src_g, src_n, dst_g, dst_n, protocol, low, low + span)
    assert verdict.allowed == expected


def test_the_cluster_groups_egress_lets_the_control_plane_out() -> None:
    """The control plane's interfaces carry the cluster group and the additional group: the
    cluster group's outbound-all rule is enough for 15017 to the nodes (terraform-aws-eks v19+)."""
    rules = Rules.of(
        [
            GroupRule("sg-cluster", "outbound", "all", 0, 65535, Peer(network=WIDE[2])),
            GroupRule("sg-node", "inbound", "tcp", 15017, 15017, Peer(group="sg-cp")),
        ]
    )
    control_plane = Endpoint(frozenset({"sg-cluster", "sg-cp"}), (NETS[0],))
    nodes = Endpoint(frozenset({"sg-node"}), (NETS[1],))
    verdict = allowed(Flow(control_plane, nodes, "tcp", 15017, 15017), rules)
    assert verdict.allowed
    assert [r.group for r in verdict.egress] == ["sg-cluster"]
    blocked = allowed(Flow(control_plane, nodes, "tcp", 9443, 9443), rules)
    assert blocked.missing == ("inbound",)


def test_two_rules_together_cover_a_range() -> None:
    rules = Rules.of(
        [
            GroupRule("sg-a", "inbound", "tcp", 1025, 30000, Peer(group="sg-b")),
            GroupRule("sg-a", "inbound", "tcp", 30001, 65535, Peer(group="sg-b")),
        ]
    )
    flow = Flow(Endpoint(frozenset({"sg-b"})), Endpoint(frozenset({"sg-a"})), "tcp", 1025, 65535)
    assert allowed(flow, rules).ingress_open
    assert allowed(flow, rules).missing == ("outbound",)


def test_unknown_addresses_are_never_inside_a_cidr() -> None:
    rules = Rules.of([GroupRule("sg-a", "inbound", "tcp", 443, 443, Peer(network=WIDE[2]))])
    flow = Flow(Endpoint(frozenset({"sg-b"})), Endpoint(frozenset({"sg-a"})), "tcp", 443, 443)
    assert not allowed(flow, rules).ingress_open
