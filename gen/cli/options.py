"""The one parser of the options every command shares: `--sg`, `--share`, `--param`, `--with`
(and `--group`, `--egress-default`), checked against the data with the same words everywhere.

Every name and value is checked before anything is printed or asked of AWS: an unknown name is
answered with the list of valid ones and the closest of them (`--with istoi`: did you mean
istio?), a malformed option says the form it takes (`--sg takes ROLE=sg-ID`), a value is
checked as the value it is (a port, a network, a prefix-list id, a group id), and a name given
twice where one is meant is an error (which one was meant?). All are usage errors (exit 2).
"""

from __future__ import annotations

import difflib
import re
from argparse import Namespace
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from gen.reference import versions
from gen.reference.model import PREFIX_LIST_ID, Parameter, Reference, normal_cidr
from gen.reference.words import printable, shown

if TYPE_CHECKING:  # imported where used: `eks-sg validate` needs neither
    from gen.aws.commands import Values
    from gen.select import Setup

SG_ID = re.compile(r"sg-([0-9a-f]{8}|[0-9a-f]{17})")  # fullmatch: `$` allows a final newline
PORT = re.compile(r"[1-9][0-9]{0,4}")  # ASCII digits: '٣٣'.isdigit() is true too
FORMS = {"--sg": "ROLE=sg-ID", "--share": "ROLE=CARRIER", "--param": "NAME=VALUE"}
"""What each NAME=VALUE option takes, as its error says it."""


class UsageError(Exception):
    """The command was used wrongly (an unknown name, a malformed value): exit 2."""


def every(*checks: Callable[[], object]) -> None:
    """Run each check of what a user typed; every UsageError of them reported at once (one
    line each), so a run shows all the options to mend, not the first."""
    lines: list[str] = []
    for check in checks:
        try:
            check()
        except UsageError as err:
            lines += [str(line) for line in err.args]
    if lines:
        raise UsageError(*lines)


def split_names(option: str, values: Iterable[str]) -> list[str]:
    """`--with a,b --with c` -> [a, b, c]; an empty name (`,` or `a,,b`) is an error."""
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


def pairs(option: str, values: Iterable[str]) -> list[tuple[str, str]]:
    """NAME=VALUE options as given (`--sg node=sg-1`), in order; any other form is an error
    that says the form the option takes."""
    found = []
    for value in values:
        name, sep, real = value.partition("=")
        if not sep or not name or not real:
            form = FORMS.get(option, "NAME=VALUE")
            raise UsageError(f"{option} takes {form}, not {shown(value)}")
        found.append((name, real))
    return found


def once(option: str, given: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each name once: a name given twice is an error (which value was meant?)."""
    found: dict[str, str] = {}
    for name, value in given:
        if name in found:
            raise UsageError(f"{option} {shown(name)} is given twice; give it once")
        found[name] = value
    return found


def _roles(ref: Reference) -> list[str]:
    return [g.id for g in ref.security_groups]


def sg_id(role: str, value: str) -> str:
    """A security group id, checked as one."""
    if not SG_ID.fullmatch(value):
        shown_value = f"{printable(role)}={printable(value)}"
        raise UsageError(f"--sg {shown_value}: a security group ID is sg- and 8 or 17 hex digits")
    return value


def groups(
    ref: Reference,
    options: Iterable[str],
    roles: list[str] | None = None,
    value: Callable[[str, str], str] = sg_id,
) -> dict[str, tuple[str, ...]]:
    """`--sg ROLE=sg-ID`, repeatable: role -> its groups, in the order given (a role's
    interfaces may carry several, and one group may be given for several roles). `roles`:
    the roles this command takes (default: every role); `value` checks each value."""
    given = pairs("--sg", options)
    check_names("role", [role for role, _ in given], roles or _roles(ref))
    found: dict[str, tuple[str, ...]] = {}
    for role, text in given:
        found[role] = tuple(dict.fromkeys([*found.get(role, ()), value(role, text)]))
    return found


def one_group_each(ref: Reference, options: Iterable[str]) -> dict[str, str]:
    """`--sg ROLE=sg-ID` where a role has one group (a script's variable holds one id)."""
    given = pairs("--sg", options)
    check_names("role", [role for role, _ in given], _roles(ref))
    return {role: sg_id(role, sg) for role, sg in once("--sg", given).items()}


def shares(ref: Reference, options: Iterable[str]) -> dict[str, str]:
    """`--share ROLE=CARRIER`: ROLE's interfaces carry CARRIER's group."""
    found = once("--share", pairs("--share", options))
    check_names("role", [*found, *found.values()], _roles(ref))
    return found


WITH_HELP = (
    "what your cluster runs, on top of the baseline (see eks-sg rules --list): a category ID "
    "(its rules, for every release its versions list: --with karpenter is a release whose "
    "webhook is on) or PRODUCT@VERSION (the category that release needs, or none: "
    "karpenter@1.0.3, metrics-server@0.6.4)"
)
"""`--with`'s help, the same for every command that takes it."""


def with_choice(
    ref: Reference, options: Iterable[str]
) -> tuple[tuple[str, ...], tuple[versions.Release, ...]]:
    """`--with ID|PRODUCT@VERSION[,...]`, repeatable -> (category ids, releases): a category
    by id, or the category a release needs (none for a release that needs no rule of its own)."""
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


def categories(ref: Reference, options: Iterable[str]) -> tuple[str, ...]:
    """`--with`'s categories on top of the baseline (a release's included)."""
    return with_choice(ref, options)[0]


def parameter_value(parameter: Parameter, text: str) -> int | str:
    """A value for a parameter, checked as a value of its kind (a port, a network of the
    example's IP version, a prefix-list id); ValueError says what is wrong."""
    if parameter.kind == "port":
        if not PORT.fullmatch(text) or int(text) > 65535:
            raise ValueError("a port is a number from 1 to 65535")
        return int(text)
    if parameter.kind == "prefix-list":
        if not PREFIX_LIST_ID.fullmatch(text):
            raise ValueError("not a prefix-list id (pl- and 8 or 17 lower-case hex digits, "
                             "e.g. pl-63a5400a)")  # fmt: skip
        return text
    network = normal_cidr(text, "the value")
    version = "ipv6" if ":" in network else "ipv4"
    if parameter.peer_kind and not parameter.peer_kind.startswith(version):
        raise ValueError(f"{parameter.id} holds an {parameter.peer_kind.split('-')[0]} network")
    return network


def parameters(ref: Reference, options: Iterable[str]) -> dict[str, int | str]:
    """`--param NAME=VALUE`, repeatable: the values given (ports, CIDRs, prefix-list ids)."""
    given = once("--param", pairs("--param", options))
    check_names("parameter", list(given), [p.id for p in ref.parameters])
    by_id = {p.id: p for p in ref.parameters}
    found: dict[str, int | str] = {}
    for name, text in given.items():
        try:
            found[name] = parameter_value(by_id[name], text)
        except ValueError as err:
            shown_value = f"{printable(name)}={printable(text)}"
            raise UsageError(f"--param {shown_value}: {printable(str(err))}") from None
    return found


def given_values(ref: Reference, sg_options: list[str], param_options: list[str]) -> Values:
    """The IDs and parameter values given on the command line; the rest stay shell variables."""
    from gen.aws.commands import Values
    from gen.aws.shell import Var

    ids: dict[str, str | Var] = {g.id: Var(g.variable) for g in ref.security_groups}
    ports: dict[str, int | str | Var] = {p.id: Var(p.variable) for p in ref.parameters}
    ids |= one_group_each(ref, sg_options)
    ports |= parameters(ref, param_options)
    return Values(ids, ports)


def setup_of(ref: Reference, args: Namespace) -> Setup:
    """The setup `--with`, `--share`, `--group` and `--egress-default` describe."""
    from gen.select import Setup

    shared = shares(ref, args.share)
    chosen, releases = with_choice(ref, args.with_)
    only = split_names("--group", getattr(args, "group", []))
    check_names("role", only, _roles(ref))
    return Setup(
        categories=chosen,
        sharing=tuple(shared.items()),
        groups=tuple(only),
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
