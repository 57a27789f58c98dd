"""`eks-sg audit --plan PLAN.json` / `--template FILE`: the audit of the groups a change will
leave, before it is applied.

The plan or template is read once into the same `Group` values the live audit reads
(`gen.audit.plan`, `gen.audit.template`); roles map to resource addresses or logical ids with
`--sg` (`--sg node=module.eks.aws_security_group.node[0]`), and the one audit judges them
(`audit_options.audit_groups`). On top: the planned rules the apply would fail on
(`gen.audit.duplicates`). The live audit's fixes are AWS CLI commands on group ids; a change
is fixed in its configuration, where each finding's `where` points, so they are left out.
"""

from __future__ import annotations

from argparse import Namespace
from dataclasses import replace

from gen.audit import duplicates
from gen.audit.compare import Report
from gen.audit.plan import PlanError, Planned
from gen.audit.template import Templated, TemplateError
from gen.cli import audit_options
from gen.cli.options import UsageError, check_names, egress_default
from gen.reference.model import Reference
from gen.select import Setup, egress_roles


def _check(args: Namespace) -> None:
    if args.plan and args.template:
        raise UsageError("give --plan or --template, not both (audit each change on its own)")
    if args.input or args.cluster:
        raise UsageError("--plan and --template read the change itself: they take neither "
                         "--input nor --cluster (audit the live groups on their own)")  # fmt: skip


def _read(args: Namespace) -> tuple[Planned | Templated, list[str]]:
    """The change's groups, and the --param options left for the reference's parameters
    (a template's own parameters are taken off)."""
    try:
        if args.plan:
            from gen.audit import plan

            return plan.read(args.plan), list(args.param)
        from gen.audit import template

        loaded = template.load(args.template)
        own, rest = {}, []
        for option in args.param:
            name, sep, value = option.partition("=")
            if sep and name in loaded.parameters:
                own[name] = value
            else:
                rest.append(option)
        return template.read(loaded, own), rest
    except (PlanError, TemplateError) as err:
        raise UsageError(*err.lines) from None


def _egress(ref: Reference, args: Namespace) -> frozenset[str]:
    """The roles whose groups outside the change keep EC2's default egress."""
    roles = egress_default(args.egress_default)
    check_names("role", roles or (), [g.id for g in ref.security_groups])
    return egress_roles(ref, Setup(egress_default=roles))


def run(ref: Reference, args: Namespace) -> Report:
    """The report on the change's groups, duplicates included."""
    _check(args)
    change, params = _read(args)
    given = audit_options.sg_options(ref, args.sg, change.names)
    values = audit_options.values_of(ref, args, params)
    chosen = audit_options.plan_for(ref, args, given, values)
    groups = duplicates.with_defaults(ref, chosen, given, change.groups, change.created,
                                      _egress(ref, args))  # fmt: skip
    report = audit_options.audit_groups(chosen, groups)
    report.duplicate = duplicates.find(chosen, groups)
    report.planned = True
    for kind in ("missing", "broad", "extra"):
        setattr(report, kind, [replace(f, fix=()) for f in getattr(report, kind)])
    return report
