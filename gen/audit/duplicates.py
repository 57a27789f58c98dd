"""Planned rules the apply would fail on: EC2 refuses a rule its group already has
(`InvalidPermission.Duplicate`; terraform-aws-eks PR 2489: user rules that repeat the
module's recommended ones), whatever the two descriptions say.

A group outside the change (an `sg-` id, a template parameter or import) has the rules it was
created with, which the change does not show: the EKS cluster group its own (the reference's
`aws_default` rules of the setup: all from itself, all egress, and on clusters created on
Kubernetes 1.33 or later all to itself), and EC2's default egress where it was created with it
(`--egress-default`, as `eks-sg rules` takes it). `with_defaults` adds them before the planned
rules, so the audit counts them and a planned rule repeating one is a duplicate of it. A group
the change creates carries exactly what its reader gave it (Terraform's aws_security_group
removes EC2's default egress; CloudFormation keeps it when a group gives no egress).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace

from gen.audit.compare import Duplicate, Plan, live_text, role_of, rule_where
from gen.audit.groups import Group
from gen.reference.coverage import is_ec2_default_egress
from gen.reference.flows import GroupRule, Peer
from gen.reference.model import Reference, Rule
from gen.select import AWS_CREATES, EC2_DEFAULT_EGRESS

DEFAULT = "#default:"
"""In a default rule's id: `sg-...#default:cluster-in-all-self`."""


def _default(sg: str, rule: Rule, why: str) -> GroupRule:
    peer = Peer(group=sg) if rule.peer == "self" else Peer(network=rule.network)
    return GroupRule(sg, rule.direction, rule.protocol, 0, 65535, peer,  # type: ignore[arg-type]
                     f"{sg}{DEFAULT}{rule.id}", f"{why} ({rule.id})")  # fmt: skip


def defaults_of(ref: Reference, chosen: Plan, role: str, sg: str, egress: Collection[str]):
    """The rules a group of this role has from its creation (all-traffic rules only)."""
    in_force = {c.id for c in ref.categories if c.aws_default and c.id in chosen.categories}
    aws = {g.id for g in ref.security_groups if g.aws_created}
    for rule in ref.rules:
        if rule.group != role or not set(rule.categories) & in_force or rule.protocol != "all":
            continue
        if is_ec2_default_egress(rule):
            if role in aws or role in egress:
                yield _default(sg, rule, AWS_CREATES if role in aws else EC2_DEFAULT_EGRESS)
        elif role in aws:
            yield _default(sg, rule, AWS_CREATES)


def with_defaults(ref: Reference, chosen: Plan, given: Mapping[str, tuple[str, ...]],
                  groups: Mapping[str, Group], created: Collection[str],
                  egress: Collection[str]) -> dict[str, Group]:  # fmt: skip
    """The change's groups, and each group outside it with its defaults first."""
    found = dict(groups)
    for role, sgs in given.items():
        for sg in sgs:
            if sg in created:
                continue
            group = found.get(sg, Group(sg))
            have = {r.id for r in group.rules}
            new = [r for r in defaults_of(ref, chosen, role, sg, egress) if r.id not in have]
            found[sg] = replace(group, rules=(*new, *group.rules))
    return found


def _key(rule: GroupRule) -> tuple:
    return (rule.group, rule.direction, rule.protocol, rule.low, rule.high, rule.peer)


def _name(rule: GroupRule) -> str:
    return (rule.description or rule.id or "?") if DEFAULT in (rule.id or "") else rule.id or "?"


def find(chosen: Plan, groups: Mapping[str, Group]) -> list[Duplicate]:
    """The rules of the audited groups that repeat an earlier rule of the same group."""
    ids = dict.fromkeys(sg for sgs in chosen.interfaces.values() for sg in sgs)
    found = []
    for sg in ids:
        seen: dict[tuple, GroupRule] = {}
        for rule in groups[sg].rules if sg in groups else ():
            if rule.unknown:
                continue  # an unknown peer or port cannot be compared
            first = seen.setdefault(_key(rule), rule)
            if first is not rule:
                why = (f"repeats {_name(first)}: EC2 refuses it (InvalidPermission.Duplicate) "
                       "and the apply fails; remove one of them")  # fmt: skip
                found.append(Duplicate(live_text(rule), role_of(chosen, sg), _name(first), why,
                                       rule_where(groups, rule)))  # fmt: skip
    return found
