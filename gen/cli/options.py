"""Command-line options: the names and values a user gives, checked against the data.

Every name and value is checked before anything is printed: an unknown name is answered with
the list of valid ones and the closest of them (`--with istoi`: did you mean istio?), a
malformed list or a name given twice is a usage error (exit 2).
"""

from __future__ import annotations

import difflib
import re
from argparse import Namespace
from collections.abc import Iterable

from pydantic import ValidationError

from gen.aws.commands import Values
from gen.aws.shell import Var
from gen.reference import versions
from gen.reference.model import Parameter, Reference
from gen.reference.words import printable, shown
from gen.select import Setup

SG_ID = re.compile(r"sg-([0-9a-f]{8}|[0-9a-f]{17})")  # fullmatch: `$` allows a final newline
PORT = re.compile(r"[1-9][0-9]{0,4}")  # ASCII digits: '٣٣'.isdigit() is true too


class UsageError(Exception):
    """The command was used wrongly (an unknown name, a malformed value): exit 2."""


def split_names(option: str, values: Iterable[str]) -> list[str]:
    """`--category a,b --category c` -> [a, b, c]; an empty name (`,` or `a,,b`) is an error."""
    names = []
    for value in values:
        parts = [name.strip() for name in value.split(",")]
        if not all(parts):
            raise UsageError(f"{option} takes names separated by commas, not {shown(value)}")
        names += parts
    return names


def closest(name: str, valid: Iterable[str]) -> str | None:
    """The valid name a mistyped one most likely meant: the same name in another case
    (`Istio`), else difflib's closest match (`istoi`), else None."""
    by_lower = {v.lower(): v for v in valid}
    if name.lower() in by_lower:
        return by_lower[name.lower()]
    close = difflib.get_close_matches(name.lower(), list(by_lower), n=1, cutoff=0.6)
    return by_lower[close[0]] if close else None


def check_names(kind: str, names: Iterable[str], valid: list[str]) -> None:
    """Unknown names are a usage error listing the valid ones, and the closest one."""
    unknown = [n for n in names if n not in valid]
    if not unknown:
        return
    message = f"unknown {kind} {', '.join(map(printable, unknown))}; valid: {', '.join(valid)}"
    guesses = [f"{printable(n)}: {g}" for n in unknown if (g := closest(n, valid))]
    if len(unknown) == 1 and guesses:
        message += f"; did you mean {closest(unknown[0], valid)}?"
    elif guesses:
        message += f"; did you mean {', '.join(guesses)}?"
    raise UsageError(message)


def _pairs(option: str, values: list[str]) -> dict[str, str]:
    """NAME=VALUE options; a name given twice is an error (which one was meant?)."""
    pairs: dict[str, str] = {}
    for value in values:
        name, sep, real = value.partition("=")
        if not sep or not name or not real:
            raise UsageError(f"{option} takes NAME=VALUE, not {shown(value)}")
        if name in pairs:
            raise UsageError(f"{option} {shown(name)} is given twice; give it once")
        pairs[name] = real
    return pairs


def _parameter_value(parameter: Parameter, text: str) -> int | str:
    """A --port value checked as the data checks the parameter's example (by its kind)."""
    if parameter.kind == "port":
        if not PORT.fullmatch(text) or int(text) > 65535:
            raise ValueError("a port is a number from 1 to 65535")
        return int(text)
    given = Parameter.model_validate({**parameter.model_dump(), "example": text})
    if given.peer_kind != parameter.peer_kind:  # an IPv6 network for an IPv4 parameter
        raise ValueError(f"{parameter.id} holds an {parameter.peer_kind.split('-')[0]} network")
    return given.example


def port_values(
    ref: Reference, port_options: list[str], option: str = "--port"
) -> dict[str, int | str | Var]:
    """--port (or --param) NAME=VALUE for parameters (ports, CIDRs, prefix-list ids); the
    others stay shell variables."""
    given = _pairs(option, port_options)
    check_names("parameter", list(given), [p.id for p in ref.parameters])
    parameters = {p.id: p for p in ref.parameters}
    values: dict[str, int | str | Var] = {p.id: Var(p.variable) for p in ref.parameters}
    for name, text in given.items():
        try:
            values[name] = _parameter_value(parameters[name], text)
        except (ValueError, ValidationError) as err:
            shown_value = f"{printable(name)}={printable(text)}"
            why = (
                err.errors()[0]["msg"].removeprefix("Value error, ")
                if isinstance(err, ValidationError)
                else str(err)
            )
            raise UsageError(f"{option} {shown_value}: {printable(why)}") from None
    return values


def _check_sg(role: str, sg: str) -> None:
    if not SG_ID.fullmatch(sg):
        shown_value = f"{printable(role)}={printable(sg)}"
        raise UsageError(f"--sg {shown_value}: a security group ID is sg- and 8 or 17 hex digits")


def given_values(ref: Reference, sg_options: list[str], param_options: list[str]) -> Values:
    """The IDs and parameter values given on the command line; the rest stay shell variables."""
    groups: dict[str, str | Var] = {g.id: Var(g.variable) for g in ref.security_groups}
    given = _pairs("--sg", sg_options)
    check_names("group", list(given), [g.id for g in ref.security_groups])
    for role, sg in given.items():
        _check_sg(role, sg)
        groups[role] = sg
    return Values(groups, port_values(ref, param_options, "--param"))


WITH_HELP = (
    "what your cluster runs, on top of the baseline (see eks-sg rules --list): a category ID "
    "(its rules, for every release its versions list: --with karpenter is a release whose "
    "webhook is on) or PRODUCT@VERSION (the category that release needs, or none: "
    "karpenter@1.0.3, metrics-server@0.6.4)"
)
"""`--with`'s help, the same for every command that takes it."""


def with_choice(
    ref: Reference, options: list[str]
) -> tuple[tuple[str, ...], tuple[versions.Release, ...]]:
    """`--with` words -> (category ids, releases): a category by id, or PRODUCT@VERSION for
    the category that release needs (none for a release that needs no rule of its own)."""
    words = split_names("--with", options)
    ids = [w for w in words if "@" not in w]
    unknown = [w for w in ids if w not in {c.id for c in ref.categories}]
    if unknown and set(unknown) <= set(versions.products(ref)):  # `--with kubernetes`
        raise UsageError(f"--with {unknown[0]} needs a release: {unknown[0]}@VERSION")
    check_names("category", ids, [c.id for c in ref.categories])
    try:
        return versions.choose(ref, words)
    except versions.VersionError as err:
        raise UsageError(str(err)) from None


def setup_of(ref: Reference, args: Namespace) -> Setup:
    """The setup `--with`, `--share` and `--group` describe."""
    shares = _pairs("--share", args.share)
    roles = [g.id for g in ref.security_groups]
    categories, releases = with_choice(ref, args.with_)
    check_names("group", split_names("--group", args.group), roles)
    check_names("role", [*shares, *shares.values()], roles)
    return Setup(
        categories=categories,
        sharing=tuple(shares.items()),
        groups=tuple(split_names("--group", args.group)),
        egress_default=egress_default(getattr(args, "egress_default", None)),
        releases=releases,
    )


def egress_default(options: list[str] | None) -> tuple[str, ...] | None:
    """`--egress-default ROLE[,ROLE]` (repeatable; `none`: no group of yours has it), or None
    when not given (the reference's `default_egress` then says)."""
    if options is None:
        return None
    names = split_names("--egress-default", options)
    return () if names == ["none"] else tuple(names)
