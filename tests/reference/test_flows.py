"""`flows.allowed` against an independent judge that checks packets one by one.

The judge knows nothing of `flows`: for every concrete packet a flow can carry (each port of
its range, each address of each end's networks, IPv4 and IPv6) it asks whether some group on
the source has an egress rule and some group on the destination an ingress rule that lets that
packet through, the way EC2's documentation states it. The flow is allowed when every packet
is. Two more facts, packet by packet too:

- a pod in the VPC CNI's standard mode sends packets for addresses outside the VPC from the
  node's primary interface: the node's groups judge their egress (security-groups-for-pods,
  Considerations), and with the VPC or the address unknown either may apply, so both must
  let it out;
- EFA traffic passes only where one group on both ends allows all of it to and from itself
  (the EFA guide's security group): the judge looks for that one group.
"""

from __future__ import annotations

import ipaddress

from hypothesis import example, given, settings
from hypothesis import strategies as st

from gen.reference.flows import (
    Endpoint,
    Exit,
    Flow,
    GroupRule,
    Peer,
    Rules,
    allowed,
    half,
)

GROUPS = ["sg-a", "sg-b", "sg-c", "sg-d"]
NETS = [
    ipaddress.ip_network(n)
    for n in ("10.0.0.0/30", "10.0.0.4/30", "10.0.1.0/30", "2001:db8::/126", "2001:db8::4/126")
]
WIDE = [
    ipaddress.ip_network(n)
    for n in ("10.0.0.0/29", "10.0.0.0/16", "0.0.0.0/0", "::/0", "2001:db8::/64", "10.0.0.0/31")
]
VPCS = [(), (NETS[0],), (WIDE[0],), (WIDE[0], ipaddress.ip_network("2001:db8::/125"))]


def packet_passes(rules, groups, other_groups, other_address, direction, protocol, port,
                  self_only=False) -> bool:  # fmt: skip
    """One packet, one half: some rule on some group of this interface lets it through (for
    EFA, only a rule of the group naming that same group)."""
    if not groups:
        return True  # nothing filters an interface without groups
    for r in rules:
        if r["group"] not in groups or r["direction"] != direction:
            continue
        if r["protocol"] != "all" and r["protocol"] != protocol:
            continue
        if r["protocol"] != "all" and not r["low"] <= port <= r["high"]:
            continue
        if self_only:
            if r["peer_group"] == r["group"]:
                return True
            continue
        if r["peer_group"] is not None and r["peer_group"] in other_groups:
            return True
        net = r["peer_net"]
        if net is not None and other_address is not None and other_address in net:
            return True
    return False


def _addresses(nets) -> list:
    return [a for n in nets for a in n] or [None]  # None: an address nobody knows


def _leaves_from(source, destination, address) -> list[frozenset]:
    """The groups judging a packet's egress: the pod's, or for an address outside the VPC the
    node's (both when nobody knows where the VPC, or the destination, is)."""
    if source["exit"] is None or destination["groups"]:
        return [source["groups"]]  # interfaces with groups are in the VPC
    exit_groups, vpc = source["exit"]
    if not vpc or address is None or destination["somewhere"]:
        return [source["groups"], exit_groups]
    inside = address is not None and any(address in n for n in vpc)
    return [source["groups"] if inside else exit_groups]


def judge(rules, source, destination, protocol, low, high) -> bool:
    """Every packet passes; an address `somewhere` in a network may be any of it."""
    d_groups = destination["groups"]
    for port in range(low, high + 1):
        for s in _addresses(source["nets"] + source["somewhere"]):
            for d in _addresses(destination["nets"] + destination["somewhere"]):
                out = all(packet_passes(rules, g, d_groups, d, "outbound", protocol, port)
                          for g in _leaves_from(source, destination, d))  # fmt: skip
                inn = packet_passes(rules, d_groups, source["groups"], s, "inbound", protocol, port)
                if not (out and inn):
                    return False
    return True


def judge_same_group(rules, source, destination, protocol, low, high) -> bool:
    for group in source["groups"] & destination["groups"]:
        one = frozenset({group})
        if all(
            packet_passes(rules, one, one, None, d, protocol, port, self_only=True)
            for port in range(low, high + 1)
            for d in ("outbound", "inbound")
        ):
            return True
    return False


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
nets_st = st.lists(st.sampled_from(NETS), max_size=3, unique=True).map(tuple)
exit_st = st.one_of(st.none(), st.tuples(groups_st.filter(bool), st.sampled_from(VPCS)))
somewhere_st = st.sampled_from([(), (), (), (WIDE[0],), (NETS[2],)])
ends_st = st.fixed_dictionaries(
    {"groups": groups_st, "nets": nets_st, "exit": exit_st, "somewhere": somewhere_st}
).map(lambda end: end if end["groups"] else {**end, "exit": None})  # a pod has its groups


def endpoint(end: dict) -> Endpoint:
    end = {"somewhere": (), **end}
    exit = Exit(*end["exit"]) if end["exit"] is not None else None
    return Endpoint(end["groups"], end["nets"], end["somewhere"], exit=exit)


def check(raws, source, destination, protocol, low, span, same=False) -> None:
    source, destination = ({"somewhere": (), **end} for end in (source, destination))
    judged = [as_judged(r) for r in raws]
    flow = Flow(endpoint(source), endpoint(destination), protocol, low, low + span,
                same_group=same)  # fmt: skip
    verdict = allowed(flow, Rules.of(as_rule(r) for r in judged))
    referee = judge_same_group if same else judge
    assert verdict.allowed == referee(judged, source, destination, protocol, low, low + span)


flow_st = (st.sampled_from(["tcp", "udp"]), st.integers(438, 452), st.integers(0, 4))


@settings(max_examples=400, deadline=None)
@given(st.lists(raw_rule, max_size=10), ends_st, ends_st, *flow_st, st.booleans())
def test_the_verdict_is_the_judges(raws, source, destination, protocol, low, span, same) -> None:
    check(raws, source, destination, protocol, low, span, same)


@settings(max_examples=300, deadline=None)
@given(st.lists(raw_rule, max_size=10), ends_st, ends_st, *flow_st, st.booleans())
def test_one_half_is_judged_as_allowed_judges_it(
    raws, source, destination, protocol, low, span, same
) -> None:
    """half (what coverage and the mirror check ask) says of each half what allowed() says of
    it, and names the same rules: exits and same-group flows included."""
    ends = [endpoint({"somewhere": (), **end}) for end in (source, destination)]
    flow = Flow(*ends, protocol, low, low + span, same_group=same)
    rules = Rules.of(as_rule(as_judged(r)) for r in raws)
    verdict = allowed(flow, rules)
    assert half(flow, rules, "outbound") == (verdict.egress_open, verdict.egress)
    assert half(flow, rules, "inbound") == (verdict.ingress_open, verdict.ingress)


# Focused strategies: each feature's cases are rare among random rules and ends.
SMALL = [ipaddress.ip_network(n) for n in ("10.0.0.0/31", "10.0.0.2/31", "10.0.0.4/30",
                                           "2001:db8::/127", "2001:db8::2/127")]  # fmt: skip
BIG = [ipaddress.ip_network(n) for n in ("10.0.0.0/29", "10.0.0.0/30", "2001:db8::/126")]
cidr_rule = raw_rule | st.fixed_dictionaries(
    {
        "group": st.just("sg-a"),
        "direction": st.just("inbound"),
        "protocol": st.sampled_from(["tcp", "all"]),
        "low": st.integers(440, 444),
        "span": st.integers(0, 4),
        "peer": st.sampled_from(SMALL + BIG),
    }
)
big_source = st.fixed_dictionaries(
    {"groups": st.just(frozenset()),
     "nets": st.lists(st.sampled_from(BIG + SMALL), min_size=1, max_size=2, unique=True).map(tuple),
     "exit": st.none()}
)  # fmt: skip
into_a = st.just({"groups": frozenset({"sg-a"}), "nets": (), "exit": None})


@settings(max_examples=200, deadline=None)
@given(st.lists(cidr_rule, max_size=6), big_source, into_a, st.just("tcp"),
       st.integers(440, 444), st.integers(0, 3))  # fmt: skip
@example(
    [{"group": "sg-a", "direction": "inbound", "protocol": "tcp", "low": 443, "span": 0,
      "peer": SMALL[i]} for i in (0, 1)],
    {"groups": frozenset(), "nets": (BIG[1],), "exit": None},
    {"groups": frozenset({"sg-a"}), "nets": (), "exit": None}, "tcp", 443, 0,
)  # fmt: skip
def test_cidr_rules_count_together(raws, source, destination, protocol, low, span) -> None:
    """Two /31 rules hold a /30 between them: EC2 takes the union of the rules."""
    check(raws, source, destination, protocol, low, span)


egress_rule = st.fixed_dictionaries(
    {
        "group": st.sampled_from(GROUPS[:3]),
        "direction": st.just("outbound"),
        "protocol": st.sampled_from(["tcp", "all"]),
        "low": st.integers(440, 444),
        "span": st.integers(0, 4),
        "peer": st.sampled_from([*GROUPS[:3], *NETS, *WIDE]),
    }
)
pod = st.fixed_dictionaries(
    {"groups": st.just(frozenset({"sg-a"})), "nets": st.just((NETS[0],)),
     "exit": st.tuples(st.just(frozenset({"sg-b"})), st.sampled_from(VPCS))}
)  # fmt: skip
AROUND = [ipaddress.ip_network(n) for n in ("10.0.0.0/28", "10.0.0.8/29", "2001:db8::/124")]
"""Destinations partly or wholly outside the VPCs of VPCS (small enough to enumerate)."""
somewhere = st.fixed_dictionaries(
    {"groups": st.sampled_from([frozenset(), frozenset(), frozenset({"sg-c"})]),
     "nets": nets_st | st.sampled_from([(AROUND[0],), (AROUND[1],), (AROUND[0], AROUND[2])]),
     "exit": st.none()}
)  # fmt: skip
STANDARD = (
    [{"group": "sg-a", "direction": "outbound", "protocol": "all", "low": 0, "span": 0,
      "peer": WIDE[2]}],
    {"groups": frozenset({"sg-a"}), "nets": (NETS[0],), "exit": (frozenset({"sg-b"}), (WIDE[0],))},
    {"groups": frozenset(), "nets": (AROUND[1],), "exit": None},
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(egress_rule, max_size=6), pod, somewhere, st.just("tcp"),
       st.integers(440, 444), st.integers(0, 3))  # fmt: skip
@example(*STANDARD, "tcp", 443, 0)  # the pod's own outbound-all does not take it out of the VPC
@example(  # the VPC unknown: the node's outbound-all alone may not be the one that applies
    [{**STANDARD[0][0], "group": "sg-b"}],
    {**STANDARD[1], "exit": (frozenset({"sg-b"}), ())}, STANDARD[2], "tcp", 443, 0,
)  # fmt: skip
def test_standard_mode_pods_leave_the_vpc_through_the_node(raws, pod, destination, protocol,
                                                           low, span) -> None:  # fmt: skip
    check(raws, pod, destination, protocol, low, span)


self_rule = st.fixed_dictionaries(
    {
        "group": st.sampled_from(GROUPS[:3]),
        "direction": st.sampled_from(["inbound", "outbound"]),
        "protocol": st.sampled_from(["all", "tcp"]),
        "low": st.integers(440, 444),
        "span": st.integers(0, 4),
        "peer": st.sampled_from([*GROUPS[:3], WIDE[2]]),
    }
)
both = st.frozensets(st.sampled_from(GROUPS[:3]), min_size=1, max_size=3)
efa_end = st.fixed_dictionaries({"groups": both, "nets": st.just((NETS[0],)), "exit": st.none()})


def efa_case(*rules: tuple[str, str, object]) -> tuple:
    """Both ends carry sg-a and sg-b; each rule is (group, direction, peer), all traffic."""
    end = {"groups": frozenset({"sg-a", "sg-b"}), "nets": (NETS[0],), "exit": None}
    raws = [{"group": g, "direction": d, "protocol": "all", "low": 0, "span": 0, "peer": peer}
            for g, d, peer in rules]  # fmt: skip
    return raws, end, end


SECOND_GROUP = efa_case(  # sg-a allows only its egress; sg-b all of it: through sg-b
    ("sg-a", "outbound", "sg-a"), ("sg-b", "outbound", "sg-b"), ("sg-b", "inbound", "sg-b")
)
FIRST_GROUP = efa_case(
    ("sg-a", "outbound", "sg-a"), ("sg-a", "inbound", "sg-a"), ("sg-b", "outbound", "sg-b")
)
OUTBOUND_ALL = efa_case(("sg-a", "outbound", WIDE[2]), ("sg-a", "inbound", "sg-a"))
"""All outbound to 0.0.0.0/0 does not carry EFA: the egress must name the group itself."""
CROSSED = efa_case(("sg-a", "outbound", "sg-a"), ("sg-b", "inbound", "sg-b"))
"""Each half on another group: not one group allowing itself."""


@settings(max_examples=200, deadline=None)
@given(st.lists(self_rule, max_size=6), efa_end, efa_end, st.just("tcp"),
       st.integers(440, 444), st.integers(0, 3), st.just(True))  # fmt: skip
@example(*SECOND_GROUP, "tcp", 443, 0, True)
@example(*FIRST_GROUP, "tcp", 443, 0, True)
@example(*OUTBOUND_ALL, "tcp", 443, 0, True)
@example(*CROSSED, "tcp", 443, 0, True)
def test_efa_needs_one_group_allowing_itself(raws, source, destination, protocol, low, span,
                                             same) -> None:  # fmt: skip
    check(raws, source, destination, protocol, low, span, same)


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
