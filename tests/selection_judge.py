"""An independent judge of EC2's union rule, for the selection's tests.

Written from EC2's documentation, not from gen/: a packet leaves an interface when SOME group
on it has an egress rule that lets it out, and enters when some group on it has an ingress
rule that lets it in (the rules of all the groups together). It knows nothing of the engine's
flows, permissions or coverers: rules are plain tuples, interfaces plain sets, and a port
range is checked at every boundary of the rules that touch it (an exact test of a union of
intervals). A role's interfaces have IPv4 addresses nobody names, so only 0.0.0.0/0 holds
them; a parameter's value is unknown, so only the same parameter (or a rule open to its whole
IP family, or on every port) holds it.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

ANY_PORTS = (0, 65535)


@dataclass(frozen=True)
class JRule:
    group: str
    egress: bool
    protocol: str  # tcp udp icmp icmpv6 all
    ports: tuple[int, int] | str  # a range, ICMP (type, code), or a parameter id
    peer: tuple[str, str]  # ("group", id) ("cidr", text) ("parameter", id, ...)
    name: str


def of_data(rule, sharing: dict[str, str], parameters: dict[str, str]) -> JRule:
    """A data rule as its carrier group holds it. `parameters`: id -> kind of peer parameter."""
    group = sharing.get(rule.group, rule.group)
    if rule.peer == "self":
        peer = ("group", group)
    elif rule.peer in parameters:
        peer = ("parameter", rule.peer)
    elif "/" in rule.peer:
        peer = ("cidr", rule.peer)
    else:
        peer = ("group", sharing.get(rule.peer, rule.peer))
    if rule.protocol in ("icmp", "icmpv6"):
        ports: tuple[int, int] | str = (rule.icmp.type, rule.icmp.code)
    elif rule.protocol == "all" or rule.ports == "all":
        ports = ANY_PORTS
    elif isinstance(rule.ports, int):
        ports = (rule.ports, rule.ports)
    elif "-" in str(rule.ports) and str(rule.ports).split("-")[0].isdigit():
        low, high = str(rule.ports).split("-")
        ports = (int(low), int(high))
    else:
        ports = str(rule.ports)
    return JRule(group, rule.direction == "outbound", rule.protocol, ports, peer, rule.id)


def ec2_egress(group: str) -> JRule:
    return JRule(group, True, "all", ANY_PORTS, ("cidr", "0.0.0.0/0"), "ec2-default")


@dataclass(frozen=True)
class End:
    """The other end of a half: a role's interfaces (groups), a CIDR, or a parameter."""

    groups: frozenset[str] = frozenset()
    cidr: str | None = None
    parameter: str | None = None
    family: int | None = 4  # the IP family of its addresses (None: a prefix list, unknown)


def _peer_holds(rule: JRule, end: End) -> bool:
    kind, value = rule.peer
    if kind == "group":
        return value in end.groups
    if kind == "parameter":
        return value == end.parameter
    net = ipaddress.ip_network(value)
    if end.cidr is not None:
        other = ipaddress.ip_network(end.cidr)
        return other.version == net.version and other.subnet_of(net)
    # a role's unnamed addresses or a parameter's unknown value: only the whole family holds it
    return end.family == net.version and net.prefixlen == 0


def _icmp_holds(rule: JRule, need: tuple[int, int]) -> bool:
    if rule.protocol == "all":
        return True
    rtype, rcode = rule.ports  # type: ignore[misc]
    ntype, ncode = need
    if rtype == -1:
        return True
    return rtype == ntype and (rcode == -1 or rcode == ncode)


def _ports_held(rules: list[JRule], need: tuple[int, int] | str) -> bool:
    """Every port of `need` lies in some rule's ports (a parameter: only itself or all)."""
    spans = []
    for rule in rules:
        if rule.protocol == "all":
            spans.append(ANY_PORTS)
        elif isinstance(rule.ports, str):
            if rule.ports == need:
                spans.append(ANY_PORTS)  # the same unknown value, whatever it is
        else:
            spans.append(rule.ports)
    if isinstance(need, str):
        need = ANY_PORTS  # unknown: it could be any port
    low, high = need
    points = {low, high}
    for a, b in spans:
        points |= {p for p in (a - 1, a, b, b + 1) if low <= p <= high}
    return all(any(a <= p <= b for a, b in spans) for p in points)


def half_allowed(
    protocol: str, ports, egress: bool, here: frozenset[str], other: End, rules: list[JRule]
) -> bool:
    """Whether the rules on the groups `here` carries let this half through."""
    fitting = [
        r
        for r in rules
        if r.group in here
        and r.egress == egress
        and r.protocol in ("all", protocol)
        and _peer_holds(r, other)
    ]
    if protocol in ("icmp", "icmpv6"):
        return any(_icmp_holds(r, ports) for r in fitting)
    if protocol == "all":
        return any(r.protocol == "all" for r in fitting)
    return _ports_held(fitting, ports)
