"""Does a rule already allow another? One answer for the selection, the mirror check and the audit.

A rule allows another when both are on the same group and direction, and
- its protocol is `all`, or the same protocol;
- its ports contain the other's (a parameter only itself, or any port of an all-ports rule;
  ICMP type -1 any type, code -1 any code);
- its peer is the same: the same role (a role and `self` are the same when both roles are one
  group, see `Sharing`), or a CIDR containing the other's CIDR, or the same parameter.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from gen.reference.model import Network, Rule
from gen.reference.ports import ALL_PORTS, PortRange

Sharing = Mapping[str, str]
"""Roles whose group is another role's group: `{"node": "cluster"}` when nodes carry only the
EKS cluster security group. Rules of `node` are then rules of `cluster`."""


@dataclass(frozen=True)
class Permission:
    """What a rule lets through, in terms of the groups that really exist under a sharing."""

    group: str
    direction: str
    protocol: str
    ports: PortRange
    peer: str  # a role (`self` resolved to the group), a normalised CIDR, or a parameter id
    network: Network | None

    @property
    def exact(self) -> tuple:
        """Equal for two rules that are the same EC2 permission."""
        return (self.group, self.direction, self.protocol, self.ports, self.peer)

    @property
    def broad(self) -> bool:
        """Whether it can allow a rule other than its exact equal (few rules are)."""
        low, high, _ = self.ports
        icmp_any = self.protocol in ("icmp", "icmpv6") and -1 in (low, high)
        ranged = low is not None and low != high
        return self.protocol == "all" or ranged or icmp_any or self.network is not None


def permission(rule: Rule, sharing: Sharing | None = None) -> Permission:
    """The rule's permission, with roles moved onto the groups that carry them."""
    sharing = sharing or {}
    group = sharing.get(rule.group, rule.group)
    peer = rule.peer_role or rule.peer
    peer = sharing.get(peer, peer) if rule.peer_role else peer
    return Permission(group, rule.direction, rule.protocol, rule.port_range, peer, rule.network)


_EC2_PROTOCOLS = {"-1": "all", "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6"}
"""EC2 returns `-1` for all, and may return a protocol number instead of its name."""


@functools.lru_cache(maxsize=4096)
def _network(cidr: str) -> tuple[Network, str]:
    """A live CIDR, parsed once (the same few recur on every group of an organisation)."""
    network = ipaddress.ip_network(cidr, strict=False)
    return network, str(network)


def live_permission(
    item: Mapping[str, Any], roles: Mapping[str, str], prefix_lists: Mapping[str, str]
) -> Permission | None:
    """A live rule (one `SecurityGroupRules` item of `describe-security-group-rules`) in the
    same terms as `permission()`, so `allows()` compares both alike.

    `roles` maps group ids to the role whose group it is (shares resolved: the carrier), which
    makes a reference to the rule's own group `self`; `prefix_lists` maps prefix-list ids to
    the parameter holding them. None when the peer cannot be judged: a group or prefix list
    in neither map (another account's group, one not given, a prefix list the user did not
    name)."""
    raw = str(item["IpProtocol"]).lower()
    protocol = _EC2_PROTOCOLS.get(raw, raw)
    ports = ALL_PORTS if protocol == "all" else PortRange(item.get("FromPort"), item.get("ToPort"))
    network: Network | None = None
    if "ReferencedGroupInfo" in item:
        peer = roles.get(item["ReferencedGroupInfo"].get("GroupId", ""))
    elif cidr := item.get("CidrIpv4") or item.get("CidrIpv6"):
        network, peer = _network(cidr)
    else:
        peer = prefix_lists.get(item.get("PrefixListId", ""))
    if peer is None:
        return None
    direction = "outbound" if item["IsEgress"] else "inbound"
    return Permission(roles[item["GroupId"]], direction, protocol, ports, peer, network)


def _ports_allow(have: Permission, need: Permission) -> bool:
    (low, high, parameter), (need_low, need_high, need_parameter) = have.ports, need.ports
    if have.protocol in ("icmp", "icmpv6"):
        return low in (-1, need_low) and (low == -1 or high in (-1, need_high))
    if parameter or need_parameter:
        return have.ports == need.ports or have.ports.is_all
    return low <= need_low and need_high <= high


def _peer_allows(have: Permission, need: Permission) -> bool:
    if have.network is not None and need.network is not None:
        same_family = have.network.version == need.network.version
        return same_family and need.network.subnet_of(have.network)  # type: ignore[arg-type]
    return have.peer == need.peer


def allows(have: Permission, need: Permission) -> bool:
    """Whether `have` lets through every packet `need` lets through."""
    return (  # the cheap tests first: the audit asks this for every live rule
        have.group == need.group
        and have.direction == need.direction
        and have.protocol in ("all", need.protocol)
        and (have.protocol == "all" or _ports_allow(have, need))
        and _peer_allows(have, need)
    )


def first_allowing(candidates: Iterable[tuple[str, Permission]], need: Permission) -> str | None:
    """The key of the first candidate that allows `need`, or None."""
    return next((key for key, have in candidates if allows(have, need)), None)
