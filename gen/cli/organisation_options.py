"""`eks-sg audit --all-clusters`: the options that audit every cluster of some accounts and
regions, checked before AWS is asked anything (exit 2); AWS's failures are exit 3."""

from __future__ import annotations

import os
import sys
from argparse import Namespace
from pathlib import Path

from gen.cli import options
from gen.cli.options import UsageError, split_names
from gen.reference.model import Reference
from gen.reference.words import printable, shown

FORMATS = ("asff", "ocsf")
"""Formats only --all-clusters prints (besides table, markdown, json and sarif)."""


def add(audit) -> None:
    """The options, on the `eks-sg audit` parser."""
    audit.add_argument("--all-clusters", action="store_true",
                       help="audit every EKS cluster of the regions and accounts")  # fmt: skip
    audit.add_argument("--region", action="append", default=[], metavar="REGION",
                       help="with --all-clusters (repeatable; default: AWS_REGION)")  # fmt: skip
    audit.add_argument("--role-arn", metavar="arn:aws:iam::ACCOUNT:role/NAME",
                       help="assume this role (in each --account)")  # fmt: skip
    audit.add_argument(
        "--account",
        action="append",
        default=[],
        metavar="ID",
        help="with --role-arn: the same role name in this account (repeatable)",
    )
    audit.add_argument(
        "--setups",
        type=Path,
        metavar="FILE",
        help='JSON {"CLUSTER": "istio,nlb"}: setups of clusters without the tag',
    )


def _regions(args: Namespace) -> list[str]:
    regions = split_names("--region", args.region)
    if not regions:
        region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
        if not region:
            raise UsageError("--all-clusters needs --region REGION (or AWS_REGION)")
        regions = [region]
    return list(dict.fromkeys(regions))


def check(args: Namespace) -> None:
    """--all-clusters' options agree with each other and with the single-cluster ones."""
    from gen.aws import clusters

    if not args.all_clusters:
        used = [name for name, value in (("--region", args.region), ("--role-arn", args.role_arn),
                ("--account", args.account), ("--setups", args.setups)) if value]  # fmt: skip
        if used or args.format in FORMATS:
            what = ", ".join(used) or f"--format {args.format}"
            raise UsageError(f"{what} goes with --all-clusters")
        return
    for name, value in (("--sg", args.sg), ("--cluster", args.cluster), ("--input", args.input),
                        ("--share", args.share), ("--plan", args.plan),
                        ("--template", args.template)):  # fmt: skip
        if value:
            raise UsageError(f"{name} names one cluster's groups; --all-clusters finds them")
    if args.role_arn and not clusters.ROLE_ARN.match(args.role_arn):
        raise UsageError(f"--role-arn {shown(args.role_arn)}: not arn:aws:iam::ACCOUNT:role/NAME")
    if args.account and not args.role_arn:
        raise UsageError("--account needs --role-arn (the role to assume in each account)")
    bad = [a for a in args.account if not clusters.ACCOUNT.match(a)]
    if bad:
        raise UsageError(f"--account {printable(bad[0])}: an account id is 12 digits")
    if args.role_arn and ":ACCOUNT:" in args.role_arn and not args.account:
        raise UsageError("--role-arn with ACCOUNT needs --account ID")


def command(ref: Reference, args: Namespace) -> int:
    """Audit them all and print one report; exit code the worst cluster's."""
    from gen.audit import asff, ocsf, organisation
    from gen.aws import clusters, live
    from gen.cli.audit_options import values_of

    check(args)
    default = list(options.categories(ref, args.with_))  # checked before AWS is asked
    targets = clusters.targets(_regions(args), args.role_arn, args.account)
    try:
        mapping = organisation.read_mapping(args.setups) if args.setups else {}
        org = organisation.audit_all(ref, targets, values_of(ref, args), mapping, default)
    except live.AwsError as err:
        print(f"eks-sg: AWS error: {err}", file=sys.stderr)
        return 3
    except live.InputError as err:
        raise UsageError(*err.lines) from None
    render = {"table": organisation.table, "markdown": organisation.markdown,
              "json": organisation.as_json, "sarif": organisation.sarif,
              "asff": asff.render, "ocsf": ocsf.render}[args.format]  # fmt: skip
    from gen.formats.terminal import WIDTH

    extra = {"width": None if args.wide else WIDTH} if args.format == "table" else {}
    sys.stdout.write(render(org, **extra))
    return org.exit_code(args.strict)
