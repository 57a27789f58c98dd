"""Is this traffic allowed? The one answer, judged as EC2 judges it.

EC2 filters a packet on a network interface by ALL the security groups attached to that
interface together: a packet leaves the source when some group on the source's interface has
an egress rule that lets it out, and enters the destination when some group on the
destination's interface has an ingress rule that lets it in. So a requirement is a `Flow`
between two `Endpoint`s (each a set of groups and the addresses its interfaces have), and
`allowed()` answers it with the rules that let each half through.

A rule lets a half through when it is on a group the interface carries, in that direction, of
the flow's protocol (or `all`), its ports cover the flow's ports (several rules together
count: EC2 takes the union), and its peer matches the other end: a group that end carries,
or a CIDR that contains every address of that end, or the prefix list that end is.

An endpoint with no groups is not filtered by security groups (clients on the internet, a
load balancer without a group, a pod network outside the VPC): its half always passes.
Addresses unknown (an empty tuple) are never contained in a CIDR: such a half is allowed
only by a group reference, never guessed.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Direction = Literal["inbound", "outbound"]
Protocol = Literal["tcp", "udp", "icmp", "icmpv6", "all"]
PROTOCOLS: tuple[Protocol, ...] = ("tcp", "udp", "icmp", "icmpv6", "all")
ANY = -1
"""ICMP type or code -1: every type, every code (as EC2 has it)."""


@dataclass(frozen=True)
class Peer:
    """A rule's other side: exactly one of a group id, a network, or a prefix-list id."""

    group: str | None = None
    network: Network | None = None
    prefix_list: str | None = None

    def __str__(self) -> str:
        return self.group or (str(self.network) if self.network else self.prefix_list) or "?"


@dataclass(frozen=True)
class GroupRule:
    """One rule on one group, as EC2 holds it (live, saved, planned or generated).

    `low`/`high` are FromPort/ToPort (ICMP: type and code, -1 any); `all` has 0-65535."""

    group: str
    direction: Direction
    protocol: Protocol
    low: int
    high: int
    peer: Peer
    id: str | None = None
    """Whose rule it is: EC2's rule id, a reference rule id, a resource address."""
    description: str | None = None
    unknown: str | None = None
    """Why the rule cannot be judged (a value known only after apply, another account's
    group): such a rule never allows anything, and reports list it as unknown."""


@dataclass(frozen=True)
class Endpoint:
    """One end of a flow: the groups its network interfaces carry and their addresses."""

    groups: frozenset[str] = frozenset()
    addresses: tuple[Network, ...] = ()
    """The networks the interfaces' addresses lie in (a VPC or subnet CIDR, a pod's /32);
    empty when unknown."""
    prefix_list: str | None = None
    """The managed prefix list this end is (S3's gateway endpoint), if it is one."""
    name: str = ""
    """For messages: a role, an interface id, `clients`."""

    @property
    def filtered(self) -> bool:
        """Whether security groups filter this end at all."""
        return bool(self.groups)


@dataclass(frozen=True)
class Flow:
    """Traffic from one endpoint to another on a protocol and ports (ICMP: type and code)."""

    source: Endpoint
    destination: Endpoint
    protocol: Protocol
    low: int
    high: int
    why: str = ""
    """What needs it (a rule id, a webhook), for reports."""


@dataclass(frozen=True)
class Verdict:
    """The answer for one flow: the rules letting each half through (empty: that half is
    blocked; for an unfiltered end, empty and still open)."""

    flow: Flow
    egress: tuple[GroupRule, ...] = ()
    ingress: tuple[GroupRule, ...] = ()
    egress_open: bool = False
    ingress_open: bool = False

    @property
    def allowed(self) -> bool:
        return self.egress_open and self.ingress_open

    @property
    def missing(self) -> tuple[Direction, ...]:
        """The halves that are blocked: `outbound` (the source's egress), `inbound`."""
        halves = (("outbound", self.egress_open), ("inbound", self.ingress_open))
        return tuple(h for h, is_open in halves if not is_open)  # type: ignore[misc]


@dataclass(frozen=True)
class Rules:
    """Rules indexed by (group, direction), the way `allowed()` looks them up."""

    by_key: Mapping[tuple[str, str], tuple[GroupRule, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, rules: Iterable[GroupRule]) -> Rules:
        index: dict[tuple[str, str], list[GroupRule]] = {}
        for rule in rules:
            index.setdefault((rule.group, rule.direction), []).append(rule)
        return cls({key: tuple(found) for key, found in index.items()})

    def on(self, groups: Iterable[str], direction: str) -> Iterable[GroupRule]:
        for group in sorted(groups):
            yield from self.by_key.get((group, direction), ())


def _protocol_matches(rule: GroupRule, flow: Flow) -> bool:
    return rule.protocol in ("all", flow.protocol)


def _icmp_covers(rule: GroupRule, flow: Flow) -> bool:
    if rule.protocol == "all":
        return True
    type_ok = rule.low == ANY or rule.low == flow.low
    return type_ok and (rule.low == ANY or rule.high in (ANY, flow.high))


def _contains(network: Network, addresses: tuple[Network, ...]) -> bool:
    """Every address of the end lies in `network` (unknown addresses: never)."""
    return bool(addresses) and all(
        a.version == network.version and a.subnet_of(network)  # type: ignore[arg-type]
        for a in addresses
    )


def peer_matches(peer: Peer, other: Endpoint) -> bool:
    """Whether a rule's peer is (or contains) the flow's other end."""
    if peer.group is not None:
        return peer.group in other.groups
    if peer.network is not None:
        return _contains(peer.network, other.addresses)
    return peer.prefix_list is not None and peer.prefix_list == other.prefix_list


def _covers(ranges: list[tuple[int, int]], low: int, high: int) -> bool:
    """Whether the union of port ranges covers low-high."""
    reach = low
    for start, end in sorted(ranges):
        if start > reach:
            return False
        reach = max(reach, end + 1)
        if reach > high:
            return True
    return reach > high


def _half(flow: Flow, rules: Rules, here: Endpoint, other: Endpoint, direction: str):
    """The rules on `here` letting the flow through in `direction` (None: not filtered)."""
    if not here.filtered:
        return True, ()
    found = [
        rule
        for rule in rules.on(here.groups, direction)
        if rule.unknown is None and _protocol_matches(rule, flow) and peer_matches(rule.peer, other)
    ]
    if flow.protocol in ("icmp", "icmpv6"):
        found = [rule for rule in found if _icmp_covers(rule, flow)]
        return bool(found), tuple(found)
    found = [rule for rule in found if rule.high >= flow.low and rule.low <= flow.high]
    spans = [(0, 65535) if r.protocol == "all" else (r.low, r.high) for r in found]
    return _covers(spans, flow.low, flow.high), tuple(found)


def allowed(flow: Flow, rules: Rules) -> Verdict:
    """The one function: does EC2 let this flow through, and by which rules?"""
    egress_open, egress = _half(flow, rules, flow.source, flow.destination, "outbound")
    ingress_open, ingress = _half(flow, rules, flow.destination, flow.source, "inbound")
    return Verdict(flow, egress, ingress, egress_open, ingress_open)
