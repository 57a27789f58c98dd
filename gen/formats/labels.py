"""How values read in every output: ports, protocols, peers, statuses, and the banner."""

from __future__ import annotations

from gen.reference.model import IstioPort, Rule

REGENERATE = "eks-sg build"
BANNER = f"Generated from data/reference.yaml by `{REGENERATE}`; do not edit by hand."


def banner(command: str) -> str:
    """The banner of an output made by another command than the build (`eks-sg rules ...`)."""
    return BANNER.replace(REGENERATE, command)


PROTOCOL_NAMES = {"tcp": "TCP", "udp": "UDP", "icmp": "ICMP", "icmpv6": "ICMPv6", "all": "All"}


def _icmp_part(value: int) -> str:
    return "All" if value == -1 else str(value)


def ports_text(rule: Rule) -> str:
    """`443`, `1025-65535`, `All`, `type 3 code 4`, or the parameter id."""
    ports = rule.port_range
    if rule.protocol not in ("icmp", "icmpv6"):
        return ports.text()
    return "All" if ports.low == -1 else f"type {ports.low} code {_icmp_part(ports.high)}"


def status_text(port: IstioPort) -> str:
    """`current`, `deprecated`, `removed since 1.25`."""
    return f"{port.status} since {port.since}" if port.since else port.status
