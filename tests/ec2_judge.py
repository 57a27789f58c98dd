"""An independent judge of EC2's union rule, for the audit's tests: raw
`describe-security-group-rules` items in, for each needed flow which halves are blocked.

Written from EC2's documentation, not from gen's code: a packet leaves the source when ANY
group on the source's interface has an egress rule for it, and enters the destination when
ANY group on the destination's interface has an ingress rule for it; a rule matches when its
protocol is -1 or the flow's, its ports (or ICMP type/code, -1 any) cover the flow's, and its
peer is a group the other end carries, or a CIDR holding the packet's address, or the prefix
list the other end is. Several rules together: every (address, port) of the flow must be held
by one of them. Addresses are integer intervals, cut at every rule's and end's boundaries, so
each piece is held by a rule whole or not at all. An end with no groups is not filtered.

Two more facts:
- a pod in the VPC CNI's standard mode (`End.leaves_vpc`) sends traffic for addresses outside
  the VPC from the node's primary interface: the node's groups judge that egress
  (security-groups-for-pods, Considerations); with the VPC unknown, both must allow it;
- EFA traffic (`same_group`) passes only where one group both ends carry allows all of it to
  and from itself: the group with the most halves open is judged (the first by id among
  equals, the convention the report follows to say where the missing half goes).
"""

from __future__ import annotations

import ipaddress
import itertools
from dataclasses import dataclass

NUMBERS = {"tcp": "6", "udp": "17", "icmp": "1", "icmpv6": "58"}


@dataclass(frozen=True)
class End:
    name: str
    groups: frozenset[str] = frozenset()
    addresses: tuple[str, ...] = ()
    prefix_list: str | None = None
    leaves_vpc: tuple[frozenset[str], tuple[str, ...]] | None = None
    """(the node's groups, the VPC's CIDRs): a standard-mode pod's exit for traffic leaving."""


Span = tuple[int, int, int]  # (IP version, first address, last address) as integers


def _span(cidr: str) -> Span:
    net = ipaddress.ip_network(cidr, strict=False)
    return net.version, int(net.network_address), int(net.broadcast_address)


def _ports_ok(items: list[dict], protocol: str, low: int, high: int) -> bool:
    if any(i["IpProtocol"] == "-1" for i in items):
        return True
    if protocol in ("icmp", "icmpv6"):
        return any(i["FromPort"] in (-1, low) and (i["FromPort"] == -1 or i["ToPort"] in (-1, high))
                   for i in items)  # fmt: skip
    if protocol == "all":
        return False
    spans = [(i["FromPort"], i["ToPort"]) for i in items]
    points = {low, high} | {p for a, b in spans for p in (a - 1, a, b, b + 1) if low <= p <= high}
    return all(any(a <= p <= b for a, b in spans) for p in points)


def _whole(item: dict, other: End) -> bool:
    """The rule holds every address of the other end: a group it carries, the prefix list."""
    if "ReferencedGroupInfo" in item:
        return item["ReferencedGroupInfo"]["GroupId"] in other.groups
    return "PrefixListId" in item and item["PrefixListId"] == other.prefix_list


def _cidr(item: dict) -> Span | None:
    text = item.get("CidrIpv4") or item.get("CidrIpv6")
    return _span(text) if text else None


def _pieces(spans: list[Span], cuts: list[Span]) -> list[Span]:
    """`spans` cut at every boundary of `cuts` (and of themselves)."""
    found = []
    for version, first, last in spans:
        points = {first, last + 1}
        for v, a, b in cuts:
            if v == version:
                points |= {p for p in (a, b + 1) if first < p <= last}
        ordered = sorted(points)
        found += [(version, a, b - 1) for a, b in itertools.pairwise(ordered)]
    return found


def _held(items: list[dict], other: End, spans: list[Span], protocol: str, low: int,
          high: int) -> bool:  # fmt: skip
    whole = [i for i in items if _whole(i, other)]
    if whole and _ports_ok(whole, protocol, low, high):
        return True
    if not spans:
        return False  # addresses nobody knows are in no CIDR
    cidrs = [(i, c) for i in items if (c := _cidr(i)) is not None]
    for version, first, last in _pieces(spans, [c for _, c in cidrs]):
        holding = whole + [i for i, (v, a, b) in cidrs if v == version and a <= first and last <= b]
        if not (holding and _ports_ok(holding, protocol, low, high)):
            return False
    return True


def _matching(items: list[dict], groups: frozenset[str], egress: bool, protocol: str) -> list:
    names = {"-1", protocol, NUMBERS.get(protocol, protocol)}
    return [i for i in items if i["GroupId"] in groups and i["IsEgress"] is egress
            and i["IpProtocol"] in names]  # fmt: skip


def _outside(spans: list[Span], vpc: list[Span]) -> tuple[list[Span], list[Span]]:
    """The pieces of `spans` inside the VPC and outside it."""
    inside, outside = [], []
    for piece in _pieces(spans, vpc):
        v, a, b = piece
        (inside if any(v == w and x <= a and b <= y for w, x, y in vpc) else outside).append(piece)
    return inside, outside


def half_open(items: list[dict], here: End, other: End, egress: bool, protocol: str,
              low: int, high: int) -> bool:  # fmt: skip
    if not here.groups:
        return True
    spans = [_span(a) for a in other.addresses]
    own = _matching(items, here.groups, egress, protocol)
    if not (egress and here.leaves_vpc and not other.groups):
        return _held(own, other, spans, protocol, low, high)
    node_groups, vpc_cidrs = here.leaves_vpc
    node = _matching(items, node_groups, egress, protocol)
    if other.prefix_list is not None:  # S3 and the like: outside the VPC
        return _held(node, other, spans, protocol, low, high)
    if not vpc_cidrs or not spans:  # either may apply
        return _held(own, other, spans, protocol, low, high) and _held(
            node, other, spans, protocol, low, high
        )
    inside, outside = _outside(spans, [_span(c) for c in vpc_cidrs])
    return (not inside or _held(own, other, inside, protocol, low, high)) and (
        not outside or _held(node, other, outside, protocol, low, high)
    )


def _same_group(items, source: End, destination: End, protocol, low, high) -> set[str]:
    best: tuple[int, set[str]] | None = None
    for group in sorted(source.groups & destination.groups):
        itself = End(group, frozenset({group}))
        halves = {half for half, egress in (("egress", True), ("ingress", False))
                  if not half_open(items, itself, itself, egress, protocol, low, high)}  # fmt: skip
        if best is None or len(halves) < best[0]:
            best = (len(halves), halves)
    return {"egress", "ingress"} if best is None else best[1]


def blocked(items: list[dict], source: End, destination: End, protocol: str, low: int,
            high: int, same_group: bool = False) -> set[str]:  # fmt: skip
    """The halves EC2 blocks: `egress` (on the source), `ingress` (on the destination)."""
    if same_group:
        return _same_group(items, source, destination, protocol, low, high)
    halves = set()
    if not half_open(items, source, destination, True, protocol, low, high):
        halves.add("egress")
    if not half_open(items, destination, source, False, protocol, low, high):
        halves.add("ingress")
    return halves
