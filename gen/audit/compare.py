"""`eks-sg audit`: a cluster's live (or saved) security-group rules against the setup's rules.

Every comparison is `gen.reference.coverage.allows`, the selection's own: a live rule becomes a
`Permission` through `live_permission`, a needed rule through `permission` (with the user's
parameter values). For each audited group:

- missing: a needed rule no live rule allows (with the command that adds it);
- present: a needed rule and the live rules that allow it;
- broad: a live rule that allows needed rules but is not itself allowed by any rule of the
  setup (a wider port range or network): the needed rules it allows are the narrower ones;
- extra: a live rule that allows no needed rule and that no rule of the setup allows (EC2's
  default egress is explained); named after a rule of a category not selected, where one fits;
- unknown: a live rule whose peer cannot be judged; never counted as allowing anything.
"""

from __future__ import annotations

import dataclasses
import ipaddress
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from gen.aws.commands import Values, authorize, parameters_used
from gen.aws.shell import quote
from gen.formats.labels import PROTOCOL_NAMES
from gen.reference.coverage import Permission, allows, live_permission, permission
from gen.reference.model import Reference, Rule
from gen.reference.ports import ALL_PORTS, PortRange
from gen.select import Selection, Setup, SetupError, select, sharing_of

KINDS = ("missing", "present", "broad", "extra", "unknown")
_EVERYWHERE = {"ipv4": ipaddress.ip_network("0.0.0.0/0"), "ipv6": ipaddress.ip_network("::/0")}


class AuditError(ValueError):
    """The audit cannot be done as asked (a role without a group, a value not given): exit 2."""


@dataclass
class Plan:
    """What a setup needs, in group terms, ready to compare with any number of snapshots."""

    ref: Reference
    selection: Selection
    carriers: dict[str, str]
    """Group id -> the role whose rules it carries (several roles on one group: the carrier)."""
    ids: dict[str, tuple[str, ...]]
    """Carrier role -> its group ids (the control plane may have several)."""
    values: dict[str, int | str]
    needed: dict[tuple[str, str], list[tuple[Rule, Permission]]] = field(default_factory=dict)
    explaining: dict[tuple[str, str], list[tuple[str, Permission]]] = field(default_factory=dict)
    hints: dict[tuple[str, str], list[tuple[Rule, Permission]]] = field(default_factory=dict)
    prefix_lists: dict[str, str] = field(default_factory=dict)
    roles_on: dict[str, list[str]] = field(default_factory=dict)
    """Group id -> every role whose interfaces carry it."""
    memo: dict[Permission, tuple[bool, Rule | None]] = field(default_factory=dict)
    """A live permission -> (within the setup's rules, the reference rule it is like)."""


def _valued(perm: Permission, rule: Rule, values: Mapping[str, int | str]) -> Permission:
    """The permission with the user's port and CIDR values in place of the parameters."""
    parameter = perm.ports.parameter
    if parameter and parameter in values:
        port = int(values[parameter])
        perm = dataclasses.replace(perm, ports=PortRange(port, port))
    name = rule.peer_parameter
    if name and rule.peer_kind != "prefix-list" and name in values:
        network = ipaddress.ip_network(str(values[name]), strict=False)
        perm = dataclasses.replace(perm, peer=str(network), network=network)
    return perm


def _hint(perm: Permission, rule: Rule, values: Mapping[str, int | str]) -> Permission:
    """For naming a live rule after a reference rule: a value not given matches any value."""
    perm = _valued(perm, rule, values)  # a port not given stays a parameter: matches none
    family = {"ipv4-parameter": "ipv4", "ipv6-parameter": "ipv6"}.get(rule.peer_kind)
    if family and perm.network is None:
        network = _EVERYWHERE[family]
        perm = dataclasses.replace(perm, peer=str(network), network=network)
    return perm


def _default_egress(role: str) -> list[tuple[str, Permission]]:
    """EC2 gives every new group egress to everything: explained wherever it is."""
    return [("EC2's default egress", Permission(role, "outbound", "all", ALL_PORTS, str(n), n))
            for n in _EVERYWHERE.values()]  # fmt: skip


def _sharing(ref: Reference, given: Mapping[str, tuple[str, ...]], share: Mapping[str, str]):
    """Roles on the same group(s) share it (the first in data order carries it); --share and
    the categories' shares must agree with the ids."""
    order = [g.id for g in ref.security_groups]
    derived: dict[str, str] = {}
    for role in sorted(given, key=order.index):
        first = next(r for r in sorted(given, key=order.index) if given[r] == given[role])
        if first != role:
            derived[role] = first
    for role, carrier in share.items():
        if role in given and carrier in given and given[role] != given[carrier]:
            raise AuditError(
                f"--share {role}={carrier}, but --sg gives {role} and {carrier} different groups"
            )
    return {**derived, **share}


def plan(
    ref: Reference,
    categories: Iterable[str],
    groups: Mapping[str, tuple[str, ...]],
    values: Mapping[str, int | str],
    share: Mapping[str, str] | None = None,
) -> Plan:
    """What to compare: the setup's rules on the groups given (role -> group ids)."""
    categories = tuple(categories)
    share = dict(share or {})
    try:
        shares = sharing_of(ref, Setup(categories, tuple(share.items())))
        sharing = _sharing(ref, groups, shares)
        selection = _selected(ref, Setup(categories, tuple(sharing.items())))
    except SetupError as err:
        raise AuditError(str(err)) from None
    ids: dict[str, tuple[str, ...]] = {}
    for role in (g.id for g in ref.security_groups):
        if groups.get(role):
            ids.setdefault(sharing.get(role, role), groups[role])
    _check_complete(ref, selection, ids, values)
    carriers = {sg: role for role, sgs in ids.items() for sg in sgs}
    roles_on = {sg: [r for r in groups if sg in groups[r]] for sg in carriers}
    for role, carrier in sharing.items():
        if role not in groups and carrier in ids:
            for sg in ids[carrier]:
                roles_on[sg].append(role)
    made = Plan(ref, selection, carriers, ids, dict(values), roles_on=roles_on)
    return _index(made, sharing)


def _check_complete(ref, selection, ids, values) -> None:
    roles = {r.group for r in selection.rules} | {r.peer_role for r in selection.rules}
    lacking = sorted(role for role in roles - {None} if not ids.get(role))
    if lacking:
        raise AuditError(
            "the setup's rules also need " + " ".join(f"--sg {r}=sg-..." for r in lacking)
        )
    unset = [p.id for p in parameters_used(ref, selection.rules) if p.id not in values]
    if unset:
        raise AuditError("the setup's rules need " + " ".join(f"--param {p}=..." for p in unset))


_CACHE: dict[tuple, tuple] = {}
"""Selections and indexes by setup: an organisation audits many clusters of few setups."""


def _selected(ref: Reference, setup: Setup) -> Selection:
    key = ("selection", id(ref), setup)
    if key not in _CACHE:
        _CACHE[key] = (ref, select(ref, setup))  # ref kept: its id stays its own
    return _CACHE[key][1]


def _index(plan: Plan, sharing: Mapping[str, str]) -> Plan:
    """The needed, explaining and hint permissions by (role, direction); the same for every
    plan of one setup and values, so made once."""
    key = ("index", id(plan.ref), plan.selection.setup, tuple(sorted(plan.values.items())))
    if key not in _CACHE:
        _CACHE[key] = (plan.ref, _indexed(plan, sharing))
    needed, explaining, hints, prefix_lists, memo = _CACHE[key][1]
    plan.needed, plan.hints, plan.prefix_lists, plan.memo = needed, hints, prefix_lists, memo
    plan.explaining = {k: list(v) for k, v in explaining.items()}
    for role in plan.ids:
        plan.explaining.setdefault((role, "outbound"), []).extend(_default_egress(role))
    return plan


def _indexed(plan: Plan, sharing: Mapping[str, str]) -> tuple:
    ref, values = plan.ref, plan.values
    selected = [*plan.selection.rules, *(c.rule for c in plan.selection.covered)]
    for rule in plan.selection.rules:
        perm = _valued(permission(rule), rule, values)
        plan.needed.setdefault((perm.group, perm.direction), []).append((rule, perm))
    for rule in selected:
        perm = _valued(permission(rule), rule, values)
        plan.explaining.setdefault((perm.group, perm.direction), []).append((rule.id, perm))
    chosen = {r.id for r in selected}
    for rule in ref.rules:
        if rule.id not in chosen:
            perm = _hint(permission(rule, sharing), rule, values)
            plan.hints.setdefault((perm.group, perm.direction), []).append((rule, perm))
    prefix = {p.id for p in ref.parameters if p.kind == "prefix-list"}
    plan.prefix_lists = {str(v): k for k, v in values.items() if k in prefix}
    return plan.needed, plan.explaining, plan.hints, plan.prefix_lists, {}


@dataclass
class Report:
    """The findings, as JSON-ready items, and what was audited."""

    setup: list[str]
    groups: dict[str, dict[str, Any]]
    missing: list[dict] = field(default_factory=list)
    present: list[dict] = field(default_factory=list)
    broad: list[dict] = field(default_factory=list)
    extra: list[dict] = field(default_factory=list)
    unknown: list[dict] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The report as plain data (the items are plain already: no deep copy)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    def exit_code(self, strict: bool = False) -> int:
        failing = self.missing or (strict and (self.broad or self.extra))
        return 1 if failing else 0


def describe(item: Mapping[str, Any]) -> dict[str, Any]:
    """A live rule, briefly: its id, direction, protocol, ports and peer as EC2 has them."""
    peer = item.get("ReferencedGroupInfo", {}).get("GroupId") or item.get("CidrIpv4")
    peer = peer or item.get("CidrIpv6") or item.get("PrefixListId")
    raw = str(item["IpProtocol"])
    low, high = item.get("FromPort"), item.get("ToPort")
    ports = (
        "all" if raw == "-1" or low in (None, -1) else str(low) if low == high else f"{low}-{high}"
    )
    return {"id": item.get("SecurityGroupRuleId"), "direction": "outbound" if item["IsEgress"]
            else "inbound", "protocol": raw, "ports": ports, "peer": peer}  # fmt: skip


def revoke(item: Mapping[str, Any]) -> str:
    """The command that removes one live rule, by its rule id."""
    verb = "egress" if item["IsEgress"] else "ingress"
    rule = quote(str(item.get("SecurityGroupRuleId")))
    group = quote(str(item["GroupId"]))
    lines = [f"aws ec2 revoke-security-group-{verb}", f"--group-id {group}"]
    return " \\\n  ".join([*lines, f"--security-group-rule-ids {rule}"])


def _fix(plan: Plan, rule: Rule, sg: str) -> str:
    groups = {role: sgs[0] for role, sgs in plan.ids.items()} | {rule.group: sg}
    return authorize(rule, Values(groups, dict(plan.values)))


def _needed_item(rule: Rule, role: str, sg: str) -> dict[str, Any]:
    return {"rule": rule.id, "group": role, "sg": sg}


def _unknown_why(item: Mapping[str, Any], plan: Plan) -> str:
    if "ReferencedGroupInfo" in item:
        info = item["ReferencedGroupInfo"]
        owner = item.get("GroupOwnerId")
        if owner and info.get("UserId") and info["UserId"] != owner:
            return f"the peer is a group of another account ({info['UserId']})"
        return f"the peer {info.get('GroupId')} is none of the groups given with --sg"
    return (f"prefix list {item.get('PrefixListId')} is not one the reference names "
            "(give it with --param s3-prefix-list=pl-... if it is S3's)")  # fmt: skip


def audit_group(plan: Plan, sg: str, items: list[Mapping[str, Any]], report: Report) -> None:
    """Compare one group's live rules with the rules its role needs."""
    role = plan.carriers[sg]
    live = [(item, live_permission(item, plan.carriers, plan.prefix_lists)) for item in items]
    judged = [(item, perm) for item, perm in live if perm is not None]
    allowed: dict[str, list[str]] = defaultdict(list)  # live rule id -> needed rule ids
    for direction in ("inbound", "outbound"):
        for rule, need in plan.needed.get((role, direction), []):
            by = [item for item, have in judged if allows(have, need)]
            for item in by:
                allowed[item["SecurityGroupRuleId"]].append(rule.id)
            if by:
                ids = [item["SecurityGroupRuleId"] for item in by]
                report.present.append(_needed_item(rule, role, sg) | {"allowed_by": ids})
            else:
                report.missing.append(_needed_item(rule, role, sg) | _missing(plan, rule, sg))
    for item, perm in live:
        _classify(plan, role, sg, item, perm, allowed.get(item["SecurityGroupRuleId"]), report)


def _missing(plan: Plan, rule: Rule, sg: str) -> dict[str, Any]:
    return {"why": rule.description, "categories": list(rule.categories),
            "fix": _fix(plan, rule, sg)}  # fmt: skip


def _classify(plan, role, sg, item, perm, allows_needed, report: Report) -> None:
    base = {"group": role, "sg": sg, "live": describe(item)}
    if perm is None:
        report.unknown.append({"rule": None, **base, "why": _unknown_why(item, plan)})
        return
    explained, like = _judged(plan, perm)
    if explained:
        return  # within the setup's own rules (or EC2's default egress)
    named = {"rule": like.id if like else None, **base}
    if allows_needed:
        rules = {r.id: r for rules in plan.needed.values() for r, _ in rules}
        report.broad.append(named | {
            "allows": allows_needed,
            "why": f"allows {', '.join(allows_needed)} and more than the setup needs",
            "fix": [_fix(plan, rules[r], sg) for r in allows_needed] + [revoke(item)],
        })  # fmt: skip
    else:
        report.extra.append(named | {"why": _extra_why(like), "fix": [revoke(item)]})


def _judged(plan: Plan, perm: Permission) -> tuple[bool, Rule | None]:
    """Whether a setup rule allows it, and the first reference rule it is like (the same live
    permission recurs across groups and clusters: judged once)."""
    if perm not in plan.memo:
        key = (perm.group, perm.direction)
        explained = any(allows(have, perm) for _, have in plan.explaining.get(key, []))
        like = next((r for r, have in plan.hints.get(key, []) if allows(have, perm)), None)
        plan.memo[perm] = (explained, like)
    return plan.memo[perm]


def _extra_why(like: Rule | None) -> str:
    if like is None:
        return "no category of the reference explains it"
    cats = ", ".join(like.categories)
    return f"like {like.id} of {cats}, not selected (--with {like.categories[0]} if you run it)"


def audit(plan: Plan, rules_by_group: Mapping[str, list[Mapping[str, Any]]]) -> Report:
    """Every audited group's findings, groups in the order of their roles."""
    report = Report(list(plan.selection.categories), {})
    for role, sgs in plan.ids.items():
        for sg in sgs:
            items = sorted(rules_by_group.get(sg, []), key=_order)
            report.groups[sg] = {"role": role, "roles": plan.roles_on[sg], "rules": len(items)}
            audit_group(plan, sg, items, report)
    return report


def _order(item: Mapping[str, Any]) -> tuple:
    return (bool(item["IsEgress"]), str(item.get("SecurityGroupRuleId")))


def protocol_name(protocol: str) -> str:
    return PROTOCOL_NAMES.get(protocol, protocol)
