"""What the Terraform, terraform-aws-eks and CloudFormation outputs share: which roles and
parameters a set of rules needs, and the command line that printed a selection (its banner).
"""

from __future__ import annotations

from gen.aws.commands import Values, parameters_used
from gen.aws.shell import comment, quote
from gen.reference.model import Parameter, Reference, Rule, SecurityGroup
from gen.select import Selection

SG_ID_PATTERN = "^sg-([0-9a-f]{8}|[0-9a-f]{17})$"
PREFIX_LIST_PATTERN = "^pl-([0-9a-f]{8}|[0-9a-f]{17})$"
IPV4_CIDR_PATTERN = r"^([0-9]{1,3}\.){3}[0-9]{1,3}/([0-9]|[12][0-9]|3[0-2])$"
IPV6_CIDR_PATTERN = r"^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*/([0-9]|[1-9][0-9]|1[01][0-9]|12[0-8])$"
TAG_RULE, TAG_VERSION = "eks-sg-reference/rule", "eks-sg-reference/version"


def roles_used(ref: Reference, rules: list[Rule]) -> list[SecurityGroup]:
    """The groups the rules are on or point at, in data order."""
    roles = {r.group for r in rules} | {r.peer_role for r in rules if r.peer_role}
    return [g for g in ref.security_groups if g.id in roles]


def parameters(ref: Reference, rules: list[Rule]) -> list[Parameter]:
    """The parameters whose values the rules need, in data order."""
    return parameters_used(ref, rules)


def given(value: object) -> int | str | None:
    """A value the user gave on the command line (validated there); None for a variable."""
    return value if isinstance(value, int | str) else None


def command_line(selection: Selection, values: Values, fmt: str) -> str:
    """`eks-sg rules --with a,b --share node=cluster --sg node=sg-... --format terraform`: the
    command that prints this output again, as one comment-safe line."""
    setup = selection.setup
    words = ["eks-sg", "rules"]
    words += ["--with", ",".join(setup.with_words)] if setup.with_words else []
    words += [w for role, carrier in setup.sharing for w in ("--share", f"{role}={carrier}")]
    words += ["--group", ",".join(setup.groups)] if setup.groups else []
    if setup.egress_default is not None:
        words += ["--egress-default", ",".join(setup.egress_default) or "none"]
    words += [w for role, v in values.groups.items() if given(v) for w in ("--sg", f"{role}={v}")]
    words += [w for p, v in values.ports.items() if given(v) is not None
              for w in ("--param", f"{p}={v}")]  # fmt: skip
    words += ["--format", fmt]
    return comment(" ".join(quote(w) for w in words))


def unique(names: dict[str, str], what: str) -> None:
    """Raise when two ids map to one generated name (`a-1` and `a1` are both `A1`)."""
    seen: dict[str, str] = {}
    for source, name in names.items():
        if name in seen:
            raise ValueError(f"{what} {seen[name]!r} and {source!r} both become {name!r}")
        seen[name] = source
