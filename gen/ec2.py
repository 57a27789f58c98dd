"""What a rule becomes in EC2's API: IpProtocol, FromPort/ToPort and the peer's field.

One place for EC2's quirks: `all` is IpProtocol -1 with no ports; ICMP type and code ride in
FromPort and ToPort; `self` has no keyword (it is the group's own ID in UserIdGroupPairs).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from gen.model import Rule

PeerKind = Literal["group", "ipv4", "ipv6"]


@dataclass(frozen=True)
class PermissionSpec:
    """A rule as an EC2 IP permission, before real IDs and parameter values are known."""

    ip_protocol: str
    from_port: int | None
    to_port: int | None
    parameter: str | None  # the user's value goes in FromPort and ToPort
    peer_kind: PeerKind
    peer_group: str | None  # the role whose ID goes in UserIdGroupPairs ('self' resolved)
    cidr: str | None


def permission_spec(rule: Rule) -> PermissionSpec:
    """The EC2 shape of a rule: protocol all has no ports; `self` is the group's own ID."""
    low, high, parameter = (None, None, None) if rule.protocol == "all" else rule.port_range
    kind: PeerKind = "group" if rule.peer_role else rule.peer_kind  # type: ignore[assignment]
    group = rule.peer_role
    return PermissionSpec(
        ip_protocol="-1" if rule.protocol == "all" else rule.protocol,
        from_port=low,
        to_port=high,
        parameter=parameter,
        peer_kind=kind,
        peer_group=group,
        cidr=None if kind == "group" else rule.peer,
    )


def ip_permission(
    rule: Rule, group_ids: Mapping[str, str], values: Mapping[str, int | str]
) -> dict[str, object]:
    """The IpPermissions item for a rule, with group IDs and parameter values filled in.

    Values are normally real IDs and ports; gen/aws_commands.py passes markers it later replaces.
    """
    spec = permission_spec(rule)
    item: dict[str, object] = {"IpProtocol": spec.ip_protocol}
    low = values[spec.parameter] if spec.parameter else spec.from_port
    high = values[spec.parameter] if spec.parameter else spec.to_port
    if low is not None:
        item["FromPort"], item["ToPort"] = low, high
    if spec.peer_kind == "group":
        peer = {"GroupId": group_ids[spec.peer_group], "Description": rule.description}
        item["UserIdGroupPairs"] = [peer]
    elif spec.peer_kind == "ipv4":
        item["IpRanges"] = [{"CidrIp": spec.cidr, "Description": rule.description}]
    else:
        item["Ipv6Ranges"] = [{"CidrIpv6": spec.cidr, "Description": rule.description}]
    return item
