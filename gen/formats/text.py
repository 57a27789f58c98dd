"""How values read in every output: ports, protocols, peers, statuses, and the banner."""

from __future__ import annotations

import functools

from gen.model import IstioPort, Rule
from gen.values import parse_ports

REGENERATE = "eks-sg build"
BANNER = f"Generated from data/reference.yaml by `{REGENERATE}`; do not edit by hand."

PROTOCOL_NAMES = {"tcp": "TCP", "udp": "UDP", "icmp": "ICMP", "icmpv6": "ICMPv6", "all": "All"}


def _icmp_part(value: int) -> str:
    return "All" if value == -1 else str(value)


def ports_text(rule: Rule) -> str:
    """`443`, `1025-65535`, `All`, `type 3 code 4`, or the parameter id."""
    icmp = (rule.icmp.type, rule.icmp.code) if rule.icmp is not None else None
    return _ports_text(rule.ports, icmp)


@functools.cache  # every output shows every rule's ports; the distinct values are few
def _ports_text(spec: int | str | None, icmp: tuple[int, int] | None) -> str:
    if icmp is not None:
        return "All" if icmp[0] == -1 else f"type {icmp[0]} code {_icmp_part(icmp[1])}"
    ports = parse_ports(spec if spec is not None else "all")
    if ports.parameter:
        return ports.parameter
    if ports.is_all:
        return "All"
    return str(ports.low) if ports.low == ports.high else f"{ports.low}-{ports.high}"


def status_text(port: IstioPort) -> str:
    """`current`, `deprecated`, `removed since 1.25`."""
    return f"{port.status} since {port.since}" if port.since else port.status


def pod_internal(port: IstioPort) -> bool:
    """Whether only the pod (or the local host) can reach the port."""
    return port.scope != "network"
