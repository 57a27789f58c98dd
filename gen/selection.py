"""`eks-sg cli`: choose rules by group and category, and fill in the user's real IDs.

Every name the user gives is checked against the data before anything is printed, and an
unknown one is answered with the list of valid ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from gen.commands import Values
from gen.model import Reference, Rule
from gen.problems import UsageError
from gen.shell import Var

SG_ID = re.compile(r"^sg-([0-9a-f]{8}|[0-9a-f]{17})$")


def split_names(values: Iterable[str]) -> list[str]:
    """`--category a,b --category c` -> [a, b, c]."""
    return [name.strip() for value in values for name in value.split(",") if name.strip()]


def _check_names(kind: str, names: list[str], valid: list[str]) -> None:
    unknown = [n for n in names if n not in valid]
    if unknown:
        raise UsageError(f"unknown {kind} {', '.join(unknown)}; valid: {', '.join(valid)}")


def _pairs(option: str, values: list[str]) -> dict[str, str]:
    pairs = {}
    for value in values:
        name, sep, real = value.partition("=")
        if not sep or not name or not real:
            raise UsageError(f"{option} takes NAME=VALUE, not {value!r}")
        pairs[name] = real
    return pairs


def select(ref: Reference, groups: list[str], categories: list[str]) -> list[Rule]:
    """The rules on `groups` in any of `categories` (every category when none is given)."""
    _check_names("group", groups, [g.id for g in ref.security_groups])
    _check_names("category", categories, [c.id for c in ref.categories])
    chosen = set(categories) or {c.id for c in ref.categories}
    return [r for r in ref.rules if r.group in groups and chosen & set(r.categories)]


def group_ids(ref: Reference, sg_options: list[str], rules: list[Rule]) -> dict[str, str | Var]:
    """The real IDs given with --sg; every group the rules touch must have one."""
    given = _pairs("--sg", sg_options)
    _check_names("group", list(given), [g.id for g in ref.security_groups])
    for role, sg in given.items():
        if not SG_ID.match(sg):
            raise UsageError(f"--sg {role}={sg}: a security group ID is sg- and 8 or 17 hex digits")
    needed = {r.group for r in rules} | {r.peer for r in rules if "/" not in r.peer}
    missing = sorted(needed - set(given) - {"self"})
    if missing:
        raise UsageError("these rules also need " + " ".join(f"--sg {m}=sg-..." for m in missing))
    return dict(given)


def port_values(ref: Reference, port_options: list[str]) -> dict[str, int | Var]:
    """--port NAME=VALUE for parameters; the others stay shell variables."""
    given = _pairs("--port", port_options)
    _check_names("parameter", list(given), [p.id for p in ref.parameters])
    values: dict[str, int | Var] = {p.id: Var(p.variable) for p in ref.parameters}
    for name, text in given.items():
        if not text.isdigit() or not 1 <= int(text) <= 65535:
            raise UsageError(f"--port {name}={text}: a port is a number from 1 to 65535")
        values[name] = int(text)
    return values


def values_for(
    ref: Reference, sg_options: list[str], port_options: list[str], rules: list[Rule]
) -> Values:
    """Real IDs and ports for the commands; parameters not given stay shell variables."""
    return Values(group_ids(ref, sg_options, rules), port_values(ref, port_options))
