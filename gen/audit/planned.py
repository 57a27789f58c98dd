"""A thin adapter: planned or templated `Group`s to the EC2 `SecurityGroupRules` items the
current audit (`gen.audit.compare.audit`) reads, and the planned rules' reasons and locations
back onto its findings.

Temporary by design: when the audit takes `Mapping[str, Group]` itself, `items()` goes and
`locate()` stays (a finding's location comes from the group it is on)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from gen.audit.compare import Report
from gen.audit.groups import Group, Where
from gen.reference.flows import GroupRule

UNRESOLVED = "(known after apply)"
"""The peer of a rule whose group the plan cannot name: a group id no --sg gives, so the audit
reports the rule as unknown and never counts it as allowing anything."""
_PROTOCOL_NUMBERS = {"all": "-1", "tcp": "tcp", "udp": "udp", "icmp": "icmp", "icmpv6": "58"}


@dataclasses.dataclass
class PlannedReport(Report):
    """The audit's report plus the planned rules that would fail the apply as duplicates."""

    duplicate: list[dict] = dataclasses.field(default_factory=list)

    def exit_code(self, strict: bool = False) -> int:
        return 1 if self.duplicate else super().exit_code(strict)


def item(rule: GroupRule) -> dict[str, Any]:
    """One rule as describe-security-group-rules gives it."""
    found: dict[str, Any] = {"SecurityGroupRuleId": rule.id, "GroupId": rule.group,
                             "IsEgress": rule.direction == "outbound",
                             "IpProtocol": _PROTOCOL_NUMBERS[rule.protocol]}  # fmt: skip
    if rule.protocol != "all":
        found |= {"FromPort": rule.low, "ToPort": rule.high}
    peer = rule.peer
    if rule.unknown or (peer.group is None and peer.network is None and not peer.prefix_list):
        found["ReferencedGroupInfo"] = {"GroupId": UNRESOLVED}
    elif peer.group is not None:
        found["ReferencedGroupInfo"] = {"GroupId": peer.group}
    elif peer.network is not None:
        found["CidrIpv6" if peer.network.version == 6 else "CidrIpv4"] = str(peer.network)
    else:
        found["PrefixListId"] = peer.prefix_list
    if rule.description:
        found["Description"] = rule.description
    return found


def items(groups: Mapping[str, Group]) -> dict[str, list[dict[str, Any]]]:
    return {sg: [item(rule) for rule in group.rules] for sg, group in groups.items()}


def where_of(groups: Mapping[str, Group], sg: str, rule_id: str | None) -> Where | None:
    group = groups.get(sg)
    if group is None:
        return None
    return group.rule_where.get(rule_id or "") or group.where


def locate(report: Report, groups: Mapping[str, Group]) -> PlannedReport:
    """The report with each finding's `where` (address, file, line) and each unknown planned
    rule's own reason."""
    reasons = {r.id: r.unknown for g in groups.values() for r in g.rules if r.unknown}
    located = PlannedReport(**{f.name: getattr(report, f.name)
                               for f in dataclasses.fields(Report)})  # fmt: skip
    for kind in ("missing", "present", "broad", "extra", "unknown"):
        for found in getattr(located, kind):
            rule_id = found["live"]["id"] if "live" in found else None
            if kind == "unknown" and reasons.get(rule_id):
                found["why"] = reasons[rule_id]
            # The audit's fixes are AWS CLI commands on live group ids: a change to a plan or a
            # template is made in its configuration, where `where` points.
            found.pop("fix", None)
            place = where_of(groups, found["sg"], rule_id)
            if place is not None:
                found["where"] = dataclasses.asdict(place)
    return located
