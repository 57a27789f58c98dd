"""An independent judge of EC2's union rule, for the audit's tests: raw
`describe-security-group-rules` items in, for each needed flow which halves are blocked.

Written from EC2's documentation, not from gen's code: a packet leaves the source when ANY
group on the source's interface has an egress rule for it, and enters the destination when
ANY group on the destination's interface has an ingress rule for it; a rule matches when its
protocol is -1 or the flow's, its ports (or ICMP type/code, -1 any) cover the flow's (several
rules together: their union), and its peer is a group the other end carries, or a CIDR holding
every address of the other end, or the prefix list the other end is. An end with no groups is
not filtered.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

NUMBERS = {"tcp": "6", "udp": "17", "icmp": "1", "icmpv6": "58"}


@dataclass(frozen=True)
class End:
    name: str
    groups: frozenset[str] = frozenset()
    addresses: tuple[str, ...] = ()
    prefix_list: str | None = None


def _peer_ok(item: dict, other: End) -> bool:
    if "ReferencedGroupInfo" in item:
        return item["ReferencedGroupInfo"]["GroupId"] in other.groups
    if "PrefixListId" in item:
        return item["PrefixListId"] == other.prefix_list
    cidr = ipaddress.ip_network(item.get("CidrIpv4") or item["CidrIpv6"])
    nets = [ipaddress.ip_network(a) for a in other.addresses]
    return bool(nets) and all(n.version == cidr.version and n.subnet_of(cidr) for n in nets)


def _ports_ok(items: list[dict], protocol: str, low: int, high: int) -> bool:
    if any(i["IpProtocol"] == "-1" for i in items):
        return True
    if protocol in ("icmp", "icmpv6"):
        return any(i["FromPort"] in (-1, low) and (i["FromPort"] == -1 or i["ToPort"] in (-1, high))
                   for i in items)  # fmt: skip
    wanted = set(range(low, high + 1))
    for i in items:
        wanted -= set(range(i["FromPort"], i["ToPort"] + 1))
    return not wanted


def half_open(items: list[dict], here: End, other: End, egress: bool, protocol: str,
              low: int, high: int) -> bool:  # fmt: skip
    if not here.groups:
        return True
    names = {"-1", protocol, NUMBERS.get(protocol, protocol)}
    found = [i for i in items if i["GroupId"] in here.groups and i["IsEgress"] is egress
             and i["IpProtocol"] in names and _peer_ok(i, other)]  # fmt: skip
    return bool(found) and _ports_ok(found, protocol, low, high)


def blocked(items: list[dict], source: End, destination: End, protocol: str, low: int,
            high: int) -> set[str]:  # fmt: skip
    """The halves EC2 blocks: `egress` (on the source), `ingress` (on the destination)."""
    halves = set()
    if not half_open(items, source, destination, True, protocol, low, high):
        halves.add("egress")
    if not half_open(items, destination, source, False, protocol, low, high):
        halves.add("ingress")
    return halves
