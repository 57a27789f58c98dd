"""`eks-sg audit`'s options: which groups, which setup, which values, where the rules come from.

Every name and value is checked before AWS is asked anything (exit 2); AWS's own failures are
`gen.aws.live.AwsError` (exit 3).
"""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from gen.audit.compare import AuditError, Plan, Report, audit, plan
from gen.aws import live
from gen.aws.shell import Var
from gen.cli.options import SG_ID, UsageError, port_values, split_names
from gen.reference.model import Reference
from gen.reference.words import printable, shown


def _sg_options(ref: Reference, options: list[str], planned=None) -> dict[str, tuple[str, ...]]:
    """--sg ROLE=sg-ID (with --plan/--template: a group's address or logical id too): each
    role once; one group may carry several roles."""
    roles = [g.id for g in ref.security_groups]
    given: dict[str, tuple[str, ...]] = {}
    for option in options:
        role, sep, sg = option.partition("=")
        if not sep or not role or not sg:
            raise UsageError(f"--sg takes ROLE=sg-ID, not {shown(option)}")
        if role not in roles:
            raise UsageError(f"unknown role {printable(role)}; valid: {', '.join(roles)}")
        if planned is not None and sg not in planned and not SG_ID.match(sg):
            names = ", ".join(sorted(planned)) or "none"
            raise UsageError(f"--sg {printable(option)}: no group of that address or id is "
                             f"planned; planned: {printable(names)}")  # fmt: skip
        if planned is None and not SG_ID.match(sg):
            raise UsageError(f"--sg {printable(option)}: a security group ID is sg- and 8 or 17 "
                             "hex digits")  # fmt: skip
        if role in given:
            raise UsageError(f"--sg {role} is given twice; give it once")
        given[role] = (sg,)
    return given


def groups_of(ref: Reference, args: Namespace) -> dict[str, tuple[str, ...]]:
    """The groups by role: --sg, and with --cluster the cluster's own groups from EKS."""
    given = _sg_options(ref, args.sg, getattr(args, "planned_ids", None))
    if not args.cluster:
        return given
    cluster_sg, additional = live.cluster_groups(args.cluster)
    found = {"cluster": (cluster_sg,) if cluster_sg else ()}
    # No additional group: the control plane's interfaces carry only the cluster group.
    found["control-plane"] = tuple(additional) or found["cluster"]
    for role, sgs in found.items():
        if sgs and role not in given:
            given[role] = sgs
    return given


def values_of(ref: Reference, args: Namespace) -> dict[str, int | str]:
    """--param NAME=VALUE, checked by the parameter's kind."""
    values = port_values(ref, args.param, "--param")
    return {name: value for name, value in values.items() if not isinstance(value, Var)}


def plan_of(ref: Reference, args: Namespace) -> Plan:
    categories = split_names("--with", args.with_)
    share = dict(item.split("=", 1) for item in args.share if "=" in item)
    if len(share) != len(args.share):
        raise UsageError("--share takes ROLE=CARRIER")
    try:
        return plan(ref, categories, groups_of(ref, args), values_of(ref, args), share)
    except AuditError as err:
        raise UsageError(str(err)) from None


def run(ref: Reference, args: Namespace) -> Report:
    """The report: rules from the --input files, or read from AWS (or from a plan or a
    template: `gen.cli.plan_gate`)."""
    if getattr(args, "plan", None) or getattr(args, "template", None):
        from gen.cli import plan_gate

        return plan_gate.run(ref, args, plan_of)
    chosen = plan_of(ref, args)
    groups = list(chosen.carriers)
    if args.input:
        rules = live.read_files(args.input)
        absent = [sg for sg in groups if sg not in rules]
        if absent:
            raise UsageError(f"{', '.join(absent)}: no rule of it is in the --input files "
                             "(saved from another region or account?)")  # fmt: skip
    else:
        rules = live.fetch(groups)
    return audit(chosen, rules)


def where(args: Namespace) -> str:
    """What SARIF names as the findings' artifact: the snapshot file, or the groups."""
    if getattr(args, "plan", None) or getattr(args, "template", None):
        return Path(args.plan or args.template).as_posix()
    if args.input and len(args.input) == 1:
        return Path(args.input[0]).as_posix()
    return f"eks-cluster/{args.cluster}" if args.cluster else "security-groups"
