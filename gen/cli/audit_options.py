"""`eks-sg audit`'s options: which groups, which setup, which values, where the rules come from.

Every name and value is checked before AWS is asked anything (exit 2); AWS's own failures are
`gen.aws.live.AwsError` (exit 3).
"""

from __future__ import annotations

from argparse import Namespace
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote as uri_quote

from gen.audit.compare import AuditError, Plan, Report, audit, plan
from gen.audit.groups import Group
from gen.aws import live
from gen.cli import options
from gen.cli.options import UsageError
from gen.reference.flows import Network
from gen.reference.model import Reference


def groups_of(ref: Reference, args: Namespace) -> dict[str, tuple[str, ...]]:
    """The groups by role: --sg (every group named for a role is on its interfaces, and one
    group may be named for several roles), and with --cluster the cluster's own groups from
    EKS (EKS may list the cluster group among the additional ones too)."""
    given = options.groups(ref, args.sg)
    if not args.cluster:
        return given
    cluster_sg, additional = live.cluster_groups(args.cluster)
    found = {"cluster": (cluster_sg,) if cluster_sg else (), "control-plane": tuple(additional)}
    for role, sgs in found.items():
        given[role] = tuple(dict.fromkeys([*given.get(role, ()), *sgs]))
    return {role: sgs for role, sgs in given.items() if sgs}


def values_of(ref: Reference, args: Namespace) -> dict[str, int | str]:
    """--param NAME=VALUE, checked by the parameter's kind."""
    return options.parameters(ref, args.param)


def _plan(ref, args, groups, values, networks: tuple[Network, ...] = ()) -> Plan:
    categories = options.categories(ref, args.with_)
    share = options.shares(ref, args.share)
    try:
        return plan(ref, categories, groups, values, share, networks)
    except AuditError as err:
        raise UsageError(str(err)) from None


def plan_of(ref: Reference, args: Namespace) -> Plan:
    return _plan(ref, args, groups_of(ref, args), values_of(ref, args))


def _read(ids: list[str], args: Namespace, want_vpc: bool) -> live.Read:
    if not args.input:
        return live.fetch(ids, with_vpc=want_vpc)
    read = live.read_files(args.input, ids)
    if not any(read.groups[sg].rules for sg in ids):
        raise UsageError(f"{', '.join(ids)}: no rule of them is in the --input files "
                         "(saved from another region or account?)")  # fmt: skip
    return read


def run(ref: Reference, args: Namespace) -> Report:
    """The report: groups from the --input files, or read from AWS."""
    groups, values = groups_of(ref, args), values_of(ref, args)
    chosen = _plan(ref, args, groups, values)  # every usage error before AWS is asked
    ids = list(dict.fromkeys(sg for sgs in chosen.interfaces.values() for sg in sgs))
    read = _read(ids, args, "vpc-cidr" not in values)
    if read.vpc_networks:  # the VPC's CIDR blocks are where the interfaces' addresses lie
        chosen = _plan(ref, args, groups, values, read.vpc_networks)
    return audit_groups(chosen, read.groups)


def audit_groups(chosen: Plan, groups: Mapping[str, Group]) -> Report:
    """The audit of any reader's groups (live, saved, planned, templated)."""
    return audit(chosen, groups)


def where(args: Namespace) -> str:
    """What SARIF names as the findings' artifact: the snapshot file, or the groups; a URI
    reference (spaces and `#` percent-encoded)."""
    if args.input and len(args.input) == 1:
        return uri_quote(Path(args.input[0]).as_posix())
    return uri_quote(f"eks-cluster/{args.cluster}" if args.cluster else "security-groups")
