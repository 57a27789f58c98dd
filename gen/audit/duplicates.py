"""Planned rules the apply would refuse: EC2 answers `InvalidPermission.Duplicate` for a rule
a group already has (terraform-aws-eks PR 2489: user rules that repeat the module's).

A planned rule is a duplicate when it repeats another planned rule of the same group, or a
rule the group has by default:
- EC2's egress to 0.0.0.0/0 on every group not created by Terraform's `aws_security_group`
  (the API, the console, eksctl and CloudFormation keep it; Terraform removes it);
- the EKS cluster group's own rules (all traffic from itself, all egress, and since Kubernetes
  1.33 all traffic to itself), on the group EKS creates (the `cluster` role, when the plan
  does not create it)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from gen.audit.groups import Group
from gen.reference.flows import GroupRule, Peer

_EVERYWHERE = Peer(network=ipaddress.ip_network("0.0.0.0/0"))


@dataclass(frozen=True)
class Duplicate:
    rule: GroupRule
    of: str
    """What it repeats: another planned rule's id, or the default rule's name."""


def _key(rule: GroupRule) -> tuple:
    return (rule.group, rule.direction, rule.protocol, rule.low, rule.high, rule.peer)


def defaults(group: Group, eks_cluster_group: bool) -> list[tuple[str, GroupRule]]:
    """The rules a group not created by Terraform has before any planned rule."""
    found = [("EC2's default egress", GroupRule(group.id, "outbound", "all", 0, 65535,
                                                _EVERYWHERE))]  # fmt: skip
    if eks_cluster_group:
        itself = Peer(group=group.id)
        found += [("the EKS cluster group's ingress from itself",
                   GroupRule(group.id, "inbound", "all", 0, 65535, itself)),
                  ("the EKS cluster group's egress to itself (Kubernetes 1.33 and later)",
                   GroupRule(group.id, "outbound", "all", 0, 65535, itself))]  # fmt: skip
    return found


def find(groups: Mapping[str, Group], with_defaults: Iterable[str],
         eks_cluster: Iterable[str] = ()) -> list[Duplicate]:  # fmt: skip
    """Duplicates among the planned rules; `with_defaults` names the groups that keep EC2's
    default egress, `eks_cluster` the group EKS creates for the cluster."""
    defaulted, cluster = set(with_defaults), set(eks_cluster)
    found: list[Duplicate] = []
    for group in groups.values():
        seen: dict[tuple, str] = {}
        if group.id in defaulted | cluster:
            for name, rule in defaults(group, group.id in cluster):
                seen[_key(rule)] = name
        for rule in group.rules:
            if rule.unknown:
                continue  # an unresolved peer cannot be compared
            key = _key(rule)
            if key in seen:
                found.append(Duplicate(rule, seen[key]))
            else:
                seen[key] = rule.id or "?"
    return found
