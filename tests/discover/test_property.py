"""Property: for random clusters of targets and groups, opening exactly the printed fixes makes
every target open, and removing any one allowing rule blocks exactly the targets that an
independent packet judge says it was needed for.

The judge below knows nothing of `gen`: one packet (TCP, the target port, from any control
plane address to the pod's address) passes when some egress rule on a control-plane group
and some ingress rule on a group of the pod's interface let it through.
"""

from __future__ import annotations

import ipaddress

from hypothesis import given, settings
from hypothesis import strategies as st

from gen.aws.interfaces import ClusterInfo, Interface, Network
from gen.discover.judge import judge
from gen.discover.kube import Hook
from gen.discover.targets import Address, Target
from gen.reference.flows import GroupRule, Peer

CP = ("sg-c0", "sg-c1")  # the cluster group, the additional group
TARGET_GROUPS = ["sg-c0", "sg-n0", "sg-n1", "sg-p0"]
PORTS = [443, 8443, 9443, 10250, 15017]
NETS = ["10.0.1.0/24", "0.0.0.0/0", "10.0.1.11/32", "10.0.2.0/24"]
CP_IPS = ("10.0.1.100",)


def packet(rules: list[GroupRule], ip: str, groups: tuple[str, ...], port: int) -> bool:
    def lets(r: GroupRule, direction: str, here, there_groups, there_ip) -> bool:
        if r.group not in here or r.direction != direction:
            return False
        if r.protocol not in ("tcp", "all") or not (r.protocol == "all" or r.low <= port <= r.high):
            return False
        if r.peer.group is not None:
            return r.peer.group in there_groups
        return all(ipaddress.ip_address(a) in r.peer.network for a in there_ip)

    out = any(lets(r, "outbound", CP, groups, [ip]) for r in rules)
    inn = any(lets(r, "inbound", groups, CP, CP_IPS) for r in rules)
    return out and inn


rule = st.builds(
    lambda group, direction, low, span, peer: GroupRule(
        group, direction, "tcp", low, min(low + span, 65535),
        Peer(group=peer) if peer.startswith("sg-") else Peer(network=ipaddress.ip_network(peer)),
    ),
    st.sampled_from([*CP, *TARGET_GROUPS]), st.sampled_from(["inbound", "outbound"]),
    st.sampled_from(PORTS), st.sampled_from([0, 1, 2000]), st.sampled_from([*CP, *TARGET_GROUPS, *NETS]),
)  # fmt: skip
eni_groups = st.lists(st.sampled_from(TARGET_GROUPS), min_size=1, max_size=2, unique=True)


@st.composite
def worlds(draw):
    interfaces = [
        Interface(f"eni-{i}", tuple(draw(eni_groups)), (f"10.0.1.{10 + 10 * i + j}",))
        for i in range(draw(st.integers(1, 3))) for j in range(draw(st.integers(1, 2)))
    ]  # fmt: skip
    cp = Interface("eni-cp", CP, CP_IPS, description="Amazon EKS p")
    rules = draw(st.lists(rule, max_size=12))
    targets = [
        Target(Hook("ValidatingWebhookConfiguration", f"w/{n}", "ns", "svc"), 443,
               draw(st.sampled_from(PORTS)), "TCP", (Address(draw(st.sampled_from(interfaces)).addresses[0]),))
        for n in range(draw(st.integers(1, 5)))
    ]  # fmt: skip
    network = Network(ClusterInfo("p", CP[0], (CP[1],)), (*interfaces, cp), {}, tuple(rules))
    return network, targets


def as_rules(fixes) -> list[GroupRule]:
    return [
        GroupRule(f.group, f.direction, "tcp", f.port, f.port, Peer(group=f.peer)) for f in fixes
    ]


def open_by_packet(network: Network, target: Target, rules: list[GroupRule]) -> bool:
    ip = target.addresses[0].ip
    return packet(rules, ip, network.owner(ip).groups, target.port)


@settings(max_examples=150, deadline=None)
@given(worlds())
def test_the_printed_fixes_open_every_target(world):
    network, targets = world
    results = judge(targets, network)
    assert [r.outcome == "open" for r in results] == [
        open_by_packet(network, t, list(network.rules)) for t in targets
    ]
    fixed = [*network.rules, *as_rules(f for r in results for f in r.fixes)]
    assert all(open_by_packet(network, t, fixed) for t in targets)
    again = judge(targets, Network(network.cluster, network.interfaces, {}, tuple(fixed)))
    assert {r.outcome for r in again} == {"open"}
    assert all(r.fixes == () for r in again)


@settings(max_examples=150, deadline=None)
@given(worlds(), st.integers(0, 50))
def test_removing_one_allowing_rule_blocks_exactly_its_targets(world, pick):
    network, targets = world
    fixes = [f for r in judge(targets, network) for f in r.fixes]
    rules = [*network.rules, *as_rules(fixes)]
    opened = Network(network.cluster, network.interfaces, {}, tuple(rules))
    allowing = list(dict.fromkeys(r for res in judge(targets, opened) for j in res.addresses
                                  for r in (*j.verdict.egress, *j.verdict.ingress)))  # fmt: skip
    gone = allowing[pick % len(allowing)]
    rest = [r for r in rules if r != gone]
    after = judge(targets, Network(network.cluster, network.interfaces, {}, tuple(rest)))
    blocked = [r.outcome == "blocked" for r in after]
    assert blocked == [not open_by_packet(network, t, rest) for t in targets]
    users = [any(gone in (*j.verdict.egress, *j.verdict.ingress) for j in res.addresses)
             for res in judge(targets, opened)]  # fmt: skip
    assert all(u for b, u in zip(blocked, users, strict=True) if b)
