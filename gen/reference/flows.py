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
only by a group reference, never guessed; addresses known only to lie `somewhere` in a network
(the VPC not known: some IPv4 address) are held by rules holding all of it, and a rule holding
part of it carries nothing for sure. CIDR rules count together, as EC2 takes the union:
10.0.0.0/9 and 10.128.0.0/9 carry a flow to 10.0.0.0/8, and 0.0.0.0/0 with ::/0 one to a
dual-stack end (its IPv4 and its IPv6 networks).

Two shapes EC2 and its neighbours add:

- `Exit`: the VPC CNI's standard mode sends a pod's traffic to destinations outside the VPC
  from the node's primary interface (SNAT), so the node's groups judge that part of the
  egress, not the pod's (`security-groups-for-pods`: "the rules in the security groups for the
  primary network interface are used, rather than the rules in the Pod's security groups").
- `Flow.same_group`: EFA's OS-bypass traffic is not IP, so no CIDR rule (EC2's default egress
  among them) carries it, nor two different groups: one group both ends carry must allow all
  traffic to and from itself (the EFA guide: "inbound and outbound traffic to and from the
  security group itself").
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
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
    text: str | None = field(default=None, compare=False, repr=False)
    """The network as its reader was given it, when that is how the network writes itself (a
    saved file's CIDR in EC2's form): `str()` gives it without formatting the network."""

    def __str__(self) -> str:
        if self.text is not None:
            return self.text
        return self.group or (str(self.network) if self.network else self.prefix_list) or "?"


@dataclass(frozen=True, init=False)
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

    def __init__(self, group: str, direction: Direction, protocol: Protocol, low: int,
                 high: int, peer: Peer, id: str | None = None, description: str | None = None,
                 unknown: str | None = None) -> None:  # fmt: skip
        # the fields stored at once, not one object.__setattr__ each (a frozen dataclass's
        # own __init__): a GroupRule is made for every live rule read
        object.__setattr__(self, "__dict__", {
            "group": group, "direction": direction, "protocol": protocol, "low": low,
            "high": high, "peer": peer, "id": id, "description": description, "unknown": unknown,
        })  # fmt: skip


@dataclass(frozen=True)
class Exit:
    """Where an end's traffic to destinations outside its VPC leaves from, when not from its
    own interfaces: the groups judging that part of its egress (a pod in the VPC CNI's
    standard mode: the node's primary interface's groups)."""

    groups: frozenset[str]
    vpc: tuple[Network, ...] = ()
    """The VPC's CIDR blocks; empty when unknown (then a CIDR destination may be either side,
    so both the end's own groups and these must let it out)."""


@dataclass(frozen=True)
class Endpoint:
    """One end of a flow: the groups its network interfaces carry and their addresses."""

    groups: frozenset[str] = frozenset()
    addresses: tuple[Network, ...] = ()
    """The networks the interfaces' addresses lie in (a VPC or subnet CIDR, a pod's /32);
    empty when unknown."""
    somewhere: tuple[Network, ...] = ()
    """Networks some unknown part of which holds the end's addresses (0.0.0.0/0: some IPv4
    address): the half is open only if all of each is let through, and only a rule holding
    all of one surely carries that part."""
    prefix_list: str | None = None
    """The managed prefix list this end is (S3's gateway endpoint), if it is one."""
    name: str = ""
    """For messages: a role, an interface id, `clients`."""
    exit: Exit | None = None
    """Set when this end's traffic leaving the VPC is judged by other groups (see `Exit`)."""

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
    same_group: bool = False
    """Only one group that both ends carry, allowing the traffic to and from itself, carries
    it (EFA): CIDR rules and rules naming another group do not count."""


@dataclass(frozen=True)
class Verdict:
    """The answer for one flow: the rules letting each half through (empty: that half is
    blocked; for an unfiltered end, empty and still open)."""

    flow: Flow
    egress: tuple[GroupRule, ...] = ()
    ingress: tuple[GroupRule, ...] = ()
    egress_open: bool = False
    ingress_open: bool = False
    group: str | None = None
    """For a same-group flow: the group judged (the one both halves must be on); None when
    the ends share no group."""
    egress_parts: tuple[tuple[str, bool], ...] = ()
    """For a source with an `Exit`: whether each part of its egress is open, `own` (inside
    the VPC, the source's groups) and `exit` (leaving it, the exit's groups)."""

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


def _icmp_covers(rule: GroupRule, flow: Flow) -> bool:
    if rule.protocol == "all":
        return True
    type_ok = rule.low == ANY or rule.low == flow.low
    return type_ok and (rule.low == ANY or rule.high in (ANY, flow.high))


def _fitting(flow: Flow, candidates: Iterable[GroupRule]) -> list[GroupRule]:
    """The rules of the flow's protocol (or `all`) letting some of its ports (ICMP: its type
    and code) through, in order: one pass, without a call per rule (every need is judged
    against every rule of its groups, most of which fit nothing)."""
    protocols = ("all", flow.protocol)
    if flow.protocol in ("icmp", "icmpv6"):
        fits = [r for r in candidates if r.unknown is None and r.protocol in protocols]
        return [r for r in fits if _icmp_covers(r, flow)]
    low, high = flow.low, flow.high
    return [r for r in candidates if r.unknown is None and r.protocol in protocols
            and (r.protocol == "all" or (r.high >= low and r.low <= high))]  # fmt: skip


def _peer_meets(peer: Peer, other: Endpoint, loosely: bool = False) -> bool:
    """Whether a rule's peer is the other end, or holds some of its addresses (`loosely`:
    or may hold some: overlaps a `somewhere` network without holding all of it)."""
    if peer.group is not None:
        return peer.group in other.groups
    if peer.network is None:
        return peer.prefix_list is not None and peer.prefix_list == other.prefix_list
    net = peer.network
    if any(a.version == net.version and a.overlaps(net) for a in other.addresses):  # type: ignore[arg-type]
        return True
    near = [a for a in other.somewhere if a.version == net.version]
    return any(a.subnet_of(net) or (loosely and a.overlaps(net)) for a in near)  # type: ignore[arg-type]


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


Span = tuple[int, int]


def _covered(net: Network, spans: list[Span], inner: list[tuple[Network, Span]], target: Span):
    """Whether every address of `net` on every port of `target` is let through: by `spans`
    (rules holding all of `net`) and `inner` (CIDR rules within or around it). CIDRs nest or
    are apart, so halving `net` where a rule lies inside it finds every piece (EC2's union)."""
    here = spans + [s for n, s in inner if n.version == net.version and net.subnet_of(n)]  # type: ignore[arg-type]
    if _covers(here, *target):
        return True
    within = [(n, s) for n, s in inner
              if n.version == net.version and n != net and n.subnet_of(net)]  # type: ignore[arg-type]  # fmt: skip
    return bool(within) and all(_covered(h, here, within, target) for h in net.subnets(1))


def _judge(flow: Flow, candidates: Iterable[GroupRule], other: Endpoint):
    """(open, rules): whether these rules together let the flow's half through to or from
    `other`, and every rule that lets some of it through."""
    met = [r for r in _fitting(flow, candidates) if _peer_meets(r.peer, other, loosely=True)]
    is_open = _open(flow, met, other)
    # open: every rule that took part; else only those surely carrying some of it
    return is_open, tuple(met if is_open else (r for r in met if _peer_meets(r.peer, other)))


def _open(flow: Flow, found: list[GroupRule], other: Endpoint) -> bool:
    icmp = flow.protocol in ("icmp", "icmpv6")
    target = (0, 0) if icmp else (flow.low, flow.high)

    def span(rule: GroupRule) -> Span:
        return (0, 0) if icmp else (0, 65535) if rule.protocol == "all" else (rule.low, rule.high)

    whole = [span(r) for r in found if r.peer.network is None]  # the end itself
    nets = [(r.peer.network, span(r)) for r in found if r.peer.network is not None]
    if _covers(whole, *target):
        return True
    every = (*other.addresses, *other.somewhere)
    return bool(every) and all(_covered(a, whole, nets, target) for a in every)  # type: ignore[arg-type]


def _outside(net: Network, vpc: tuple[Network, ...]) -> list[Network]:
    """The parts of `net` outside every VPC block."""
    parts = [net]
    for block in (b for b in vpc if b.version == net.version):
        split: list[Network] = []
        for part in parts:
            if part.subnet_of(block):  # type: ignore[arg-type]
                continue
            split += list(part.address_exclude(block)) if block.subnet_of(part) else [part]  # type: ignore[arg-type]
        parts = split
    return parts


def _split(other: Endpoint, vpc: tuple[Network, ...]) -> tuple[Endpoint | None, Endpoint | None]:
    """The destination's part inside the VPC and its part outside (None: no such part). A
    filtered end is interfaces in the VPC; a prefix list (S3) is outside; a CIDR is cut at the
    VPC's blocks, or, with the VPC or the end's addresses unknown, may be either (both parts
    are the whole)."""
    if other.filtered:
        return other, None
    if other.prefix_list is not None:
        return None, other
    if not vpc or other.somewhere or not other.addresses:
        return other, other
    inside = tuple(
        a if a.subnet_of(b) else b  # type: ignore[arg-type]
        for a in other.addresses for b in vpc if a.version == b.version and a.overlaps(b)  # type: ignore[arg-type]
    )  # fmt: skip
    outside = tuple(part for a in other.addresses for part in _outside(a, vpc))
    return (
        replace(other, addresses=inside) if inside else None,
        replace(other, addresses=outside) if outside else None,
    )


def _leaving(flow: Flow, rules: Rules, here: Endpoint, other: Endpoint, exit: Exit):
    """The egress half of an end whose traffic leaving the VPC other groups judge: (open,
    rules, each part's verdict)."""
    inside, outside = _split(other, exit.vpc)
    parts = [("own", here.groups, inside), ("exit", exit.groups, outside)]
    judged = [(name, *_judge(flow, rules.on(g, "outbound"), end))
              for name, g, end in parts if end is not None]  # fmt: skip
    found = tuple(r for _, _, rules_found in judged for r in rules_found)
    return all(ok for _, ok, _ in judged), found, tuple((name, ok) for name, ok, _ in judged)


def _half(flow: Flow, rules: Rules, here: Endpoint, other: Endpoint, direction: str):
    """(open, rules, parts) for the flow's half on `here` in `direction` (unfiltered: open;
    parts only for an egress that leaves the VPC through an `Exit`)."""
    if not here.filtered:
        return True, (), ()
    if direction == "outbound" and here.exit is not None:
        return _leaving(flow, rules, here, other, here.exit)
    return (*_judge(flow, rules.on(here.groups, direction), other), ())


def _same_group(flow: Flow, rules: Rules) -> Verdict:
    """A same-group flow: the group both ends carry whose own rules let most halves through
    (the first in id order among equals), each half judged by rules naming that group."""
    best: tuple | None = None
    for group in sorted(flow.source.groups & flow.destination.groups):
        itself = Endpoint(frozenset({group}))  # no addresses: only a rule naming it counts
        halves = [_judge(flow, rules.on([group], d), itself) for d in ("outbound", "inbound")]
        score = sum(ok for ok, _ in halves)
        if best is None or score > best[0]:
            best = (score, group, halves)
    if best is None:
        return Verdict(flow)
    _, group, ((out_ok, out), (in_ok, inn)) = best
    return Verdict(flow, out, inn, out_ok, in_ok, group)


def half(flow: Flow, rules: Rules, direction: str) -> tuple[bool, tuple[GroupRule, ...]]:
    """Whether EC2 lets the flow's half in `direction` through, and the rules that let it:
    `allowed()`'s verdict on that half, without judging the other one (coverage asks it of
    every candidate rule, the mirror check of every rule's other half)."""
    if flow.same_group:
        verdict = _same_group(flow, rules)
        if direction == "inbound":
            return verdict.ingress_open, verdict.ingress
        return verdict.egress_open, verdict.egress
    if direction == "inbound":
        return _half(flow, rules, flow.destination, flow.source, "inbound")[:2]
    return _half(flow, rules, flow.source, flow.destination, "outbound")[:2]


def allowed(flow: Flow, rules: Rules) -> Verdict:
    """The one function: does EC2 let this flow through, and by which rules?"""
    if flow.same_group:
        return _same_group(flow, rules)
    egress_open, egress, parts = _half(flow, rules, flow.source, flow.destination, "outbound")
    ingress_open, ingress, _ = _half(flow, rules, flow.destination, flow.source, "inbound")
    return Verdict(flow, egress, ingress, egress_open, ingress_open, egress_parts=parts)
