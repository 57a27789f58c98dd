"""`eks-sg audit`'s options: which groups, which setup, which values, where the rules come from.

Every name and value is checked before AWS is asked anything (exit 2); AWS's own failures are
`gen.aws.live.AwsError` (exit 3).
"""

from __future__ import annotations

from argparse import Namespace
from collections.abc import Collection, Mapping
from pathlib import Path
from urllib.parse import quote as uri_quote

from gen.audit.compare import AuditError, Plan, Report, audit, plan
from gen.audit.groups import Group
from gen.aws import live
from gen.cli import options
from gen.cli.options import SG_ID, UsageError, closest
from gen.reference.flows import Network
from gen.reference.model import Reference
from gen.reference.words import printable


def sg_options(
    ref: Reference, given: list[str], named: Collection[str] | None = None
) -> dict[str, tuple[str, ...]]:
    """--sg ROLE=sg-ID, repeatable (`gen.cli.options.groups`). With a plan or a template,
    `named` are the groups it names (addresses, logical ids), which --sg takes as well."""
    if named is None:
        return options.groups(ref, given)

    def value(role: str, text: str) -> str:
        if text in named or SG_ID.fullmatch(text):
            return text
        raise UsageError(_not_named(f"{role}={text}", text, named))

    return options.groups(ref, given, value=value)


def _not_named(option: str, sg: str, named: Collection[str]) -> str:
    """No such group in the change: the closest one, and the groups it has."""
    message = f"--sg {printable(option)}: the change names no group {printable(sg)}"
    guess = closest(sg, named)
    if guess:
        message += f"; did you mean {printable(guess)}?"
    listed = sorted(named)
    more = f" and {len(listed) - 20} more" if len(listed) > 20 else ""
    return f"{message} Its groups: {printable(', '.join(listed[:20]) or 'none')}{more}"


def groups_of(ref: Reference, args: Namespace) -> dict[str, tuple[str, ...]]:
    """The groups by role: --sg, and with --cluster the cluster's own groups from EKS (EKS may
    list the cluster group among the additional ones too: a group on several roles is fine)."""
    given = sg_options(ref, args.sg)
    if not args.cluster:
        return given
    cluster_sg, additional = live.cluster_groups(args.cluster)
    found = {"cluster": (cluster_sg,) if cluster_sg else (), "control-plane": tuple(additional)}
    for role, sgs in found.items():
        given[role] = tuple(dict.fromkeys([*given.get(role, ()), *sgs]))
    return {role: sgs for role, sgs in given.items() if sgs}


def values_of(
    ref: Reference, args: Namespace, given: list[str] | None = None
) -> dict[str, int | str]:
    """--param NAME=VALUE (or these `given` options), checked by the parameter's kind."""
    return options.parameters(ref, args.param if given is None else given)


def plan_for(ref, args, groups, values, networks: tuple[Network, ...] = ()) -> Plan:
    """What the setup (--with, --share) needs between these groups (exit 2 if it cannot be
    judged as given)."""
    categories = options.categories(ref, args.with_)
    share = options.shares(ref, args.share)
    mode = getattr(args, "pod_sg_mode", "strict")
    try:
        return plan(ref, categories, groups, values, share, networks, mode)
    except AuditError as err:
        raise UsageError(str(err)) from None


def plan_of(ref: Reference, args: Namespace) -> Plan:
    return plan_for(ref, args, groups_of(ref, args), values_of(ref, args))


def _read(ids: list[str], args: Namespace, want_vpc: bool) -> live.Read:
    if not args.input:
        return live.fetch(ids, with_vpc=want_vpc)
    read = live.read_files(args.input, ids)
    if not any(read.groups[sg].rules for sg in ids):
        raise UsageError(f"{', '.join(ids)}: no rule of them is in the --input files "
                         "(saved from another region or account?)")  # fmt: skip
    return read


def run(ref: Reference, args: Namespace) -> Report:
    """The report: groups from the --input files, or read from AWS (from a plan or a
    template: `gen.cli.plan_gate`)."""
    if args.plan or args.template:
        from gen.cli import plan_gate

        return plan_gate.run(ref, args)
    if args.egress_default is not None:
        raise UsageError("--egress-default says which groups outside a change keep EC2's "
                         "default egress: give it with --plan or --template")  # fmt: skip
    options.every(lambda: sg_options(ref, args.sg), lambda: values_of(ref, args),
                  lambda: options.categories(ref, args.with_),
                  lambda: options.shares(ref, args.share))  # fmt: skip
    groups, values = groups_of(ref, args), values_of(ref, args)
    chosen = plan_for(ref, args, groups, values)  # every usage error before AWS is asked
    ids = list(dict.fromkeys(sg for sgs in chosen.interfaces.values() for sg in sgs))
    read = _read(ids, args, not chosen.addresses_known)
    if read.vpc_networks:  # the VPC's CIDR blocks are where the interfaces' addresses lie
        chosen = plan_for(ref, args, groups, values, read.vpc_networks)
    return audit_groups(chosen, read.groups)


def audit_groups(chosen: Plan, groups: Mapping[str, Group]) -> Report:
    """The audit of any reader's groups (live, saved, planned, templated)."""
    return audit(chosen, groups)


def where(args: Namespace) -> str:
    """What SARIF names as the findings' artifact: the snapshot file (the plan, the
    template), or the groups; a URI reference (spaces and `#` percent-encoded)."""
    if args.plan or args.template:
        return uri_quote(Path(args.plan or args.template).as_posix())
    if args.input and len(args.input) == 1:
        return uri_quote(Path(args.input[0]).as_posix())
    return uri_quote(f"eks-cluster/{args.cluster}" if args.cluster else "security-groups")
