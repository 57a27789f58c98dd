"""From a user's setup to the rules their cluster needs: the one selection every output uses.

A setup is the categories a cluster runs (the baseline ones are always in), the roles that
share one group (nodes that carry only the EKS cluster security group) and the groups created
with EC2's default egress. Each needed rule is one half of a flow between the interfaces of
two roles (gen/reference/flows.py), and each role's interfaces carry a SET of groups: the
control plane's carry the cluster group beside the additional one (`also_on`), shared roles
carry their carrier's. A needed rule is covered, and not emitted, when a group on the same
interfaces already lets that half through: a rule AWS creates with the group, EC2's default
egress on a group that has it, or another selected rule.

Coverage is judged rule by rule (`coverers`), so a subset of the rules keeps it: the scripts
and the setup picker precompute it per sharing variant (`variants`) and decide at run time
with the rules a setup selects, exactly as `select` does here.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

from gen.reference import flows
from gen.reference.coverage import (
    Interfaces,
    carried,
    ec2_default_egress,
    group_rule,
    half_flow,
    is_ec2_default_egress,
    lets_through,
    permission,
)
from gen.reference.model import Reference, Rule
from gen.reference.versions import Release, noted, rule_note

AWS_CREATES = "AWS creates it"
EC2_DEFAULT_EGRESS = "EC2's default egress"


class SetupError(ValueError):
    """A setup that cannot be: an unknown id, categories that exclude each other, a bad sharing."""


@dataclass(frozen=True)
class Setup:
    """What a cluster runs, as the user says it."""

    categories: tuple[str, ...] = ()
    """Category ids chosen on top of the baseline."""
    sharing: tuple[tuple[str, str], ...] = ()
    """(role, carrier): the role's rules go on the carrier's group, e.g. ("node", "cluster")."""
    groups: tuple[str, ...] = ()
    """Only the rules of these roles (all roles when empty)."""
    egress_default: tuple[str, ...] | None = None
    """The roles whose groups were created with EC2's default allow-all egress (None: the
    data's `default_egress`); groups AWS creates itself always have theirs."""
    releases: tuple[Release, ...] = ()
    """The releases named (`--with karpenter@1.0.3`): the category each needs is in
    `categories`; one that needs none brings none."""

    @property
    def with_words(self) -> tuple[str, ...]:
        """The `--with` words that give this setup again: the categories chosen by id, then
        the releases named (`istio,karpenter@1.0.3`)."""
        brought = {r.category for r in self.releases}
        plain = [c for c in self.categories if c not in brought]
        return (*plain, *(r.spec for r in self.releases))


@dataclass(frozen=True)
class Covered:
    """A rule the setup needs that the groups already allow: `by` the selected rule that
    allows it, or None when the group has it from its creation (`reason` says which)."""

    rule: Rule
    by: Rule | None
    reason: str

    @property
    def why(self) -> str:
        """`AWS creates it`, `EC2's default egress`, or `already allowed by RULE`."""
        return self.reason if self.by is None else f"already allowed by {self.by.id}"


@dataclass(frozen=True)
class Selection:
    """The answer: the rules to apply, in output order, and the ones already allowed."""

    setup: Setup
    categories: tuple[str, ...]
    """Every category in force: the baseline and the chosen ones, in data order."""
    rules: list[Rule]
    """Rules to apply, each on the group that carries it (`group`, `peer` rewritten), a rule
    only some releases need with its note at the end of its description."""
    covered: list[Covered] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)
    """Rule id -> the releases it is for (`karpenter 1.0.x`), for the rules (and covered ones)
    only versioned categories in force need (gen/reference/versions.py)."""


def _unknown(kind: str, names: Iterable[str], valid: list[str]) -> None:
    unknown = [n for n in names if n not in valid]
    if unknown:
        raise SetupError(f"unknown {kind} {', '.join(unknown)}; valid: {', '.join(valid)}")


def _check_exclusions(ref: Reference, chosen: set[str]) -> None:
    for category in ref.categories:
        clash = sorted(set(category.excludes) & chosen) if category.id in chosen else []
        if clash:
            raise SetupError(f"categories {category.id} and {clash[0]} exclude each other")


def _check_sharing(ref: Reference, sharing: dict[str, str]) -> None:
    _unknown("role", [*sharing, *sharing.values()], [g.id for g in ref.security_groups])
    for role, carrier in sharing.items():
        if role == carrier or carrier in sharing:
            raise SetupError(f"role {role} cannot share {carrier}'s group: name the group itself")


def sharing_of(ref: Reference, setup: Setup) -> dict[str, str]:
    """The roles carried by another role's group: the chosen categories' and the user's own."""
    chosen = set(setup.categories)
    shared = {r: c for cat in ref.categories if cat.id in chosen for r, c in cat.shares.items()}
    return shared | dict(setup.sharing)


def egress_roles(ref: Reference, setup: Setup) -> frozenset[str]:
    """The roles whose groups have EC2's default egress: AWS's own, and the user's word (or
    the data's `default_egress` when the user said nothing)."""
    given = setup.egress_default
    said = (
        set(given) if given is not None else {g.id for g in ref.security_groups if g.default_egress}
    )
    return frozenset(g.id for g in ref.security_groups if g.aws_created or g.id in said)


def check(ref: Reference, setup: Setup) -> None:
    """Raise SetupError for anything in the setup the data does not allow."""
    roles = [g.id for g in ref.security_groups]
    _unknown("category", setup.categories, [c.id for c in ref.categories])
    _unknown("group", setup.groups, roles)
    _unknown("role", setup.egress_default or (), roles)
    _check_exclusions(ref, set(setup.categories))
    _check_sharing(ref, sharing_of(ref, setup))


def in_force(ref: Reference, setup: Setup) -> tuple[str, ...]:
    """The baseline categories and the chosen ones, in data order."""
    chosen = set(setup.categories)
    return tuple(c.id for c in ref.categories if c.baseline or c.id in chosen)


# --- one sharing variant: the rules carried, what each is covered by ------------------------


@dataclass(frozen=True)
class Variant:
    """The rules as one sharing carries them, with what covers each; precomputed once per
    build for every sharing the categories can produce (scripts and picker read it)."""

    number: int
    keys: list[tuple[str, ...]]
    """The sets of sharing categories (data order) that lead to this sharing."""
    sharing: dict[str, str]
    rules: list[Rule]
    """Every rule, carried, in output order."""
    coverers: dict[str, list[str]]
    """For each rule, the ids of the rules that leave it out when selected too: the ones that
    allow it alone (the equal ones before it first), in output order."""
    present: dict[str, str]
    """Rules the groups have from their creation, with the reason (AWS creates it, EC2's
    default egress), and rules such a rule's group already lets through."""
    removed_by: dict[str, list[str]]
    """For each rule, the categories that say a cluster lacks its permission (`removes`)."""

    @functools.cached_property
    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}


def output_order(ref: Reference, rules: list[Rule]) -> list[Rule]:
    """Rules in the order every output lists them: by group (data order), inbound first, and
    in data order within (the order that breaks ties between equal rules)."""
    order = {g.id: i for i, g in enumerate(ref.security_groups)}
    return sorted(rules, key=lambda r: (order[r.group], r.direction))


def _broad(rule: Rule) -> bool:
    """Whether it can allow a rule other than one with its own protocol and ports."""
    low, high, parameter = rule.port_range
    icmp_any = rule.protocol in ("icmp", "icmpv6") and -1 in (low, high)
    return rule.protocol == "all" or (parameter is None and low != high) or icmp_any


def _may_cover(have: Rule, need: Rule) -> bool:
    """A cheap necessary condition for `have` alone to let `need`'s traffic through: its
    protocol (or all), and for TCP and UDP ports that hold every port `need` names."""
    if have.protocol not in ("all", need.protocol):
        return False
    if have.protocol == "all" or need.protocol in ("icmp", "icmpv6"):
        return True
    low, high, parameter = have.port_range
    need_low, need_high, need_parameter = need.port_range
    if parameter is not None or need_parameter is not None:
        return parameter == need_parameter or (low, high) == (0, 65535)
    return low <= need_low and need_high <= high  # type: ignore[operator]


def _may_meet(have: flows.GroupRule, flow: flows.Flow) -> bool:
    """Another cheap necessary condition: a rule naming a group lets through only traffic
    from (inbound) or to (outbound) interfaces that carry that group."""
    other = flow.source if have.direction == "inbound" else flow.destination
    return have.peer.group is None or have.peer.group in other.groups


def coverers(
    ref: Reference, rules: list[Rule], sharing: dict[str, str] | None = None
) -> dict[str, list[str]]:
    """For each (carried) rule, the ids of the other rules that alone let its half of its flow
    through (flows.allowed), in output order; of two that allow each other, the first covers.

    Only rules on groups the same interfaces carry, in the same direction, can: those of the
    rule's own protocol and ports, or broad ones (all, a range, any ICMP type)."""
    sharing = sharing or {}
    interfaces = Interfaces.of(ref, sharing)
    home = {r.id: r.group for r in ref.rules}
    position = {r.id: i for i, r in enumerate(rules)}
    exact: dict[tuple, list[Rule]] = {}
    broad: dict[tuple, list[Rule]] = {}
    for rule in rules:
        exact.setdefault((rule.group, rule.direction, rule.protocol, rule.port_range), []).append(
            rule
        )
        if _broad(rule):
            broad.setdefault((rule.group, rule.direction), []).append(rule)

    def allows(have: Rule, need: Rule, flow: flows.Flow) -> bool:
        if not _may_cover(have, need):
            return False
        candidate = group_rule(have, need.port_range.parameter)
        if candidate is None or not _may_meet(candidate, flow):
            return False
        return lets_through(need, flow, [candidate])

    flow_of = {r.id: half_flow(r, interfaces, home.get(r.id, r.group)) for r in rules}
    found: dict[str, list[str]] = {}
    for rule in rules:
        role, flow = home.get(rule.id, rule.group), flow_of[rule.id]
        candidates: list[Rule] = []
        for group in sorted(interfaces.groups[role]):
            candidates += exact.get((group, rule.direction, rule.protocol, rule.port_range), [])
            candidates += broad.get((group, rule.direction), [])
        covering = []
        for other in {r.id: r for r in candidates}.values():
            if other.id == rule.id or not allows(other, rule, flow):
                continue
            back = flow_of[other.id]
            if position[other.id] < position[rule.id] or not allows(rule, other, back):
                covering.append(other)
        found[rule.id] = [r.id for r in sorted(covering, key=lambda r: position[r.id])]
    return found


def _present(
    ref: Reference, rules: list[Rule], sharing: dict[str, str], egress: frozenset[str]
) -> dict[str, str]:
    """The rules the groups have from their creation: those of `aws_default` categories (EC2's
    default egress only where the group was created with it), and the rules such egress
    already lets through."""
    defaults = {c.id for c in ref.categories if c.aws_default}
    carriers = {sharing.get(role, role) for role in egress}
    aws = {sharing.get(g.id, g.id) for g in ref.security_groups if g.aws_created}
    interfaces = Interfaces.of(ref, sharing)
    home = {r.id: r.group for r in ref.rules}
    # AWS's own groups have their egress as a data rule, which covers like any selected one
    ec2 = [ec2_default_egress(group) for group in sorted(carriers - aws)]
    found = {}
    for rule in rules:
        if set(rule.categories) & defaults:
            if not is_ec2_default_egress(rule):
                found[rule.id] = AWS_CREATES
            elif rule.group in carriers:
                found[rule.id] = AWS_CREATES if rule.group in aws else EC2_DEFAULT_EGRESS
        elif rule.direction == "outbound" and ec2:
            flow = half_flow(rule, interfaces, home.get(rule.id, rule.group))
            if lets_through(rule, flow, ec2):
                found[rule.id] = EC2_DEFAULT_EGRESS
    return found


def _removed_by(ref: Reference, held: list[Rule]) -> dict[str, list[str]]:
    """A category's `removes` takes away the permission, whichever rule carries it there (nodes
    on the cluster group bring their own outbound-all). `held`: the rules as the sharing
    carries them (so each permission is read off the rule, not carried again)."""
    by_id = {r.id: r for r in held}
    gone: dict[tuple, list[str]] = {}
    for category in ref.categories:
        for rule_id in category.removes:
            if rule_id in by_id:
                gone.setdefault(permission(by_id[rule_id]).exact, []).append(category.id)
    return {r.id: gone.get(permission(by_id[r.id]).exact, []) for r in ref.rules}


def variant_of(ref: Reference, sharing: dict[str, str], egress: frozenset[str]) -> Variant:
    """The rules as `sharing` carries them, with their coverers and what the groups have
    (made once per reference: every selection, script and audit of a setup reads it)."""

    def make() -> Variant:
        rules = output_order(ref, [carried(r, sharing) for r in ref.rules])
        covers, present = coverers(ref, rules, sharing), _present(ref, rules, sharing, egress)
        return Variant(0, [], dict(sharing), rules, covers, present, _removed_by(ref, rules))

    return ref.derived(("variant", tuple(sorted(sharing.items())), egress), make)


def variants(ref: Reference) -> list[Variant]:
    """Every distinct sharing the categories with `shares` can produce (none first), each once,
    with the data's default egress: the one list the scripts and the picker precompute."""
    sharers = [c.id for c in ref.categories if c.shares]
    egress = egress_roles(ref, Setup())
    found: list[Variant] = []
    for size in range(len(sharers) + 1):
        for chosen in itertools.combinations(sharers, size):
            try:
                check(ref, Setup(chosen))
            except SetupError:  # categories that exclude each other, or a bad sharing
                continue
            sharing = sharing_of(ref, Setup(chosen))
            same = next((v for v in found if v.sharing == sharing), None)
            if same is None:
                same = variant_of(ref, sharing, egress)
                same = dataclasses.replace(same, number=len(found) + 1, keys=[])
                found.append(same)
            same.keys.append(chosen)
    return found


# --- the selection ---------------------------------------------------------------------------


def present_roles(ref: Reference, categories: tuple[str, ...]) -> set[str]:
    """The roles whose group exists in such a cluster (no ALB group without an ALB)."""
    return {
        g.id for g in ref.security_groups if not g.only_with or set(g.only_with) & set(categories)
    }


def needed(ref: Reference, categories: tuple[str, ...], variant: Variant) -> set[str]:
    """The ids of the rules the categories in force need, whose groups exist and whose
    permission no category in force removes."""
    present = present_roles(ref, categories)
    chosen = set(categories)
    return {
        r.id
        for r in ref.rules
        if chosen & set(r.categories)
        and {r.group, r.peer_role or r.group} <= present
        and not chosen & set(variant.removed_by[r.id])
    }


def decide(variant: Variant, wanted: set[str]) -> tuple[list[Rule], list[Covered]]:
    """The rules to add and the covered ones, in output order, among the `wanted` ids: the
    scripts (gen/formats/templates/script.sh) and the picker decide the same way."""
    by_id = variant.by_id
    emitted = [
        r for r in variant.rules
        if r.id in wanted and r.id not in variant.present
        and not any(c in wanted for c in variant.coverers[r.id])
    ]  # fmt: skip
    kept = {r.id for r in emitted}
    covered = []
    for rule in variant.rules:
        if rule.id not in wanted or rule.id in kept:
            continue
        if rule.id in variant.present:
            covered.append(Covered(rule, None, variant.present[rule.id]))
            continue
        chosen = [c for c in variant.coverers[rule.id] if c in wanted]
        by = next((c for c in chosen if c in kept or c in variant.present), chosen[0])
        covered.append(Covered(rule, by_id[by], ""))
    return emitted, covered


def select(ref: Reference, setup: Setup) -> Selection:
    """The rules a cluster with this setup needs and nothing already allows, and the covered
    ones with what covers them."""
    check(ref, setup)
    categories = in_force(ref, setup)
    variant = variant_of(ref, sharing_of(ref, setup), egress_roles(ref, setup))
    emitted, covered = decide(variant, needed(ref, categories, variant))
    originals = {r.id: r.group for r in ref.rules}
    rules = [r for r in emitted if _shown(r, originals, setup.groups)]
    covered = [c for c in covered if _shown(c.rule, originals, setup.groups)]
    notes = {
        r.id: note
        for r in [*rules, *(c.rule for c in covered)]
        if (note := rule_note(ref, r, categories, setup.releases))
    }
    rules = [noted(r, notes.get(r.id)) for r in rules]
    return Selection(setup, categories, rules, covered, notes)


def _shown(rule: Rule, originals: dict[str, str], groups: tuple[str, ...]) -> bool:
    """`--group node` shows node's rules wherever they are carried, and the carrier's own."""
    return not groups or rule.group in groups or originals[rule.id] in groups


def everything(ref: Reference) -> Selection:
    """Every rule of the reference, none left out but the ones AWS creates with the groups
    (and EC2's default egress where the data says the group has it): what the whole-reference
    downloads hold, so applying them never asks EC2 for a rule the group already has."""
    categories = tuple(c.id for c in ref.categories)
    present = _present(ref, list(ref.rules), {}, egress_roles(ref, Setup()))
    rules = [r for r in ref.rules if r.id not in present]
    covered = [Covered(r, None, present[r.id]) for r in ref.rules if r.id in present]
    return Selection(Setup(categories), categories, rules, covered)
