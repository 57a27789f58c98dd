"""From a user's setup to the rules their cluster needs: the one selection every output uses.

A setup is the categories a cluster runs (the baseline ones are always in) and the roles that
share one group (nodes that carry only the EKS cluster security group). The selection moves
each rule onto the group that really carries it, then leaves out every rule that another
selected rule already allows (gen/reference/coverage.py): those are listed as covered, with the rule
that covers them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from gen.reference.coverage import allows, permission
from gen.reference.model import Reference, Rule


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


@dataclass(frozen=True)
class Covered:
    """A rule the setup needs that another emitted rule already allows."""

    rule: Rule
    by: Rule


@dataclass(frozen=True)
class Selection:
    """The answer: the rules to apply, in output order, and the ones already allowed."""

    setup: Setup
    categories: tuple[str, ...]
    """Every category in force: the baseline and the chosen ones, in data order."""
    rules: list[Rule]
    """Rules to apply, each on the group that carries it (`group`, `peer` rewritten)."""
    covered: list[Covered] = field(default_factory=list)


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


def check(ref: Reference, setup: Setup) -> None:
    """Raise SetupError for anything in the setup the data does not allow."""
    _unknown("category", setup.categories, [c.id for c in ref.categories])
    _unknown("group", setup.groups, [g.id for g in ref.security_groups])
    _check_exclusions(ref, set(setup.categories))
    _check_sharing(ref, sharing_of(ref, setup))


def in_force(ref: Reference, setup: Setup) -> tuple[str, ...]:
    """The baseline categories and the chosen ones, in data order."""
    chosen = set(setup.categories)
    return tuple(c.id for c in ref.categories if c.baseline or c.id in chosen)


def carried(rule: Rule, sharing: dict[str, str]) -> Rule:
    """The rule on the group that carries it: a shared role's rules move to the carrier, and a
    peer that becomes the rule's own group becomes `self`."""
    group = sharing.get(rule.group, rule.group)
    peer = sharing.get(rule.peer, rule.peer) if rule.peer_kind == "role" else rule.peer
    peer = "self" if peer == group else peer
    if (group, peer) == (rule.group, rule.peer):
        return rule
    return rule.model_copy(update={"group": group, "peer": peer})


def coverers(rules: list[Rule]) -> dict[str, list[str]]:
    """For each rule, the ids of the rules that leave it out when both are needed, in the order
    `covering` looks for the one that covers it: the equal rules before it, then the broad ones.

    `rules` are in output order. C covers R when C allows R and R does not allow C back (or C
    comes first). A subset of `rules` keeps the relation, so the scripts precompute it for
    every rule and decide at run time with the rules a setup selects (gen/formats/aws_scripts.py).
    """
    perms = [permission(rule) for rule in rules]
    equal: dict[tuple, list[int]] = {}
    for i, perm in enumerate(perms):
        equal.setdefault(perm.exact, []).append(i)
    broad = [i for i, perm in enumerate(perms) if perm.broad]
    found = {}
    for i, perm in enumerate(perms):
        earlier = [j for j in equal[perm.exact] if j < i]
        wider = [
            j
            for j in broad
            if j != i and allows(perms[j], perm) and (not allows(perm, perms[j]) or j < i)
        ]
        found[rules[i].id] = [rules[j].id for j in dict.fromkeys([*earlier, *wider])]
    return found


def covering(rules: list[Rule]) -> dict[str, Rule]:
    """For each rule another one allows, the first rule (in the given order) that allows it and
    is not itself covered. Equal rules: the first one stays."""
    by_id = {rule.id: rule for rule in rules}
    candidates = coverers(rules)
    covered = {rule_id for rule_id, found in candidates.items() if found}
    return {
        rule_id: by_id[next(j for j in found if j not in covered)]
        for rule_id, found in candidates.items()
        if found
    }


def output_order(ref: Reference, rules: list[Rule]) -> list[Rule]:
    """Rules in the order every output lists them: by group (data order), inbound first, and
    in data order within (the order `covering` breaks ties between equal rules by)."""
    order = {g.id: i for i, g in enumerate(ref.security_groups)}
    return sorted(rules, key=lambda r: (order[r.group], r.direction))


def select(ref: Reference, setup: Setup) -> Selection:
    """The rules a cluster with this setup needs, and the ones already allowed by others."""
    check(ref, setup)
    categories = in_force(ref, setup)
    sharing = sharing_of(ref, setup)
    present = present_roles(ref, categories)
    needed = [
        carried(r, sharing)
        for r in ref.rules
        if set(categories) & set(r.categories) and {r.group, r.peer_role or r.group} <= present
    ]
    needed = output_order(ref, needed)
    covers = covering(needed)
    originals = {r.id: r.group for r in ref.rules}
    shown = {r.id for r in needed if _shown(r, originals, setup.groups)}
    rules = [r for r in needed if r.id not in covers and r.id in shown]
    covered = [Covered(r, covers[r.id]) for r in needed if r.id in covers and r.id in shown]
    return Selection(setup, categories, rules, covered)


def present_roles(ref: Reference, categories: tuple[str, ...]) -> set[str]:
    """The roles whose group exists in such a cluster (no ALB group without an ALB)."""
    return {
        g.id for g in ref.security_groups if not g.only_with or set(g.only_with) & set(categories)
    }


def _shown(rule: Rule, originals: dict[str, str], groups: tuple[str, ...]) -> bool:
    """`--group node` shows node's rules wherever they are carried, and the carrier's own."""
    return not groups or rule.group in groups or originals[rule.id] in groups


def everything(ref: Reference) -> Selection:
    """Every rule of the reference, none left out: what the whole-reference downloads hold."""
    categories = tuple(c.id for c in ref.categories)
    return Selection(Setup(categories), categories, list(ref.rules))
