"""What a rule becomes in EC2's API: IpProtocol, FromPort/ToPort and the peer's field.

One place for EC2's quirks: `all` is IpProtocol -1 with no ports; ICMP type and code ride in
FromPort and ToPort; `self` has no keyword (it is the group's own ID in UserIdGroupPairs); an
IPv4 CIDR goes in IpRanges, an IPv6 one in Ipv6Ranges, a prefix list in PrefixListIds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from gen.reference.model import Rule

PeerKind = Literal["group", "ipv4", "ipv6", "prefix-list"]
PEER_FIELDS = {
    "group": ("UserIdGroupPairs", "GroupId"),
    "ipv4": ("IpRanges", "CidrIp"),
    "ipv6": ("Ipv6Ranges", "CidrIpv6"),
    "prefix-list": ("PrefixListIds", "PrefixListId"),
}
"""The IpPermission list and key that hold each kind of peer."""
_KINDS: dict[str, PeerKind] = {
    "role": "group", "self": "group", "ipv4": "ipv4", "ipv6": "ipv6",
    "ipv4-parameter": "ipv4", "ipv6-parameter": "ipv6", "prefix-list": "prefix-list",
}  # fmt: skip


@dataclass(frozen=True)
class PermissionSpec:
    """A rule as an EC2 IP permission, before real IDs and parameter values are known."""

    ip_protocol: str
    from_port: int | None
    to_port: int | None
    parameter: str | None  # the user's value goes in FromPort and ToPort
    peer_kind: PeerKind
    peer_group: str | None  # the role whose ID goes in UserIdGroupPairs ('self' resolved)
    cidr: str | None  # a CIDR written in the rule
    peer_parameter: str | None  # the parameter whose value (CIDR or prefix list) is the peer


def permission_spec(rule: Rule) -> PermissionSpec:
    """The EC2 shape of a rule: protocol all has no ports; `self` is the group's own ID. Made
    once per rule and kept on it, as its value key is (the rule is frozen; every format asks,
    some thirty times per rule in a build)."""
    spec = rule.__dict__.get("_permission_spec")
    if spec is None:
        spec = rule.__dict__["_permission_spec"] = _permission_spec(rule)
    return spec


def _permission_spec(rule: Rule) -> PermissionSpec:
    low, high, parameter = (None, None, None) if rule.protocol == "all" else rule.port_range
    kind = _KINDS[rule.peer_kind]
    return PermissionSpec(
        ip_protocol="-1" if rule.protocol == "all" else rule.protocol,
        from_port=low,
        to_port=high,
        parameter=parameter,
        peer_kind=kind,
        peer_group=rule.peer_role,
        cidr=rule.peer if rule.peer_kind in ("ipv4", "ipv6") else None,
        peer_parameter=rule.peer_parameter,
    )


def peer_value(spec: PermissionSpec, group_ids: Mapping[str, str], values: Mapping[str, object]):
    """What goes in the peer's field: a group ID, a CIDR, or the parameter's value."""
    if spec.peer_group:
        return group_ids[spec.peer_group]
    return values[spec.peer_parameter] if spec.peer_parameter else spec.cidr


def ip_permission(
    rule: Rule, group_ids: Mapping[str, str], values: Mapping[str, int | str]
) -> dict[str, object]:
    """The IpPermissions item for a rule, with group IDs and parameter values filled in.

    Values (ports, CIDRs, prefix-list ids, by parameter id) are normally real; gen/aws/commands.py
    passes markers it later replaces.
    """
    spec = permission_spec(rule)
    item: dict[str, object] = {"IpProtocol": spec.ip_protocol}
    low = values[spec.parameter] if spec.parameter else spec.from_port
    high = values[spec.parameter] if spec.parameter else spec.to_port
    if low is not None:
        item["FromPort"], item["ToPort"] = low, high
    field, key = PEER_FIELDS[spec.peer_kind]
    item[field] = [{key: peer_value(spec, group_ids, values), "Description": rule.description}]
    return item
