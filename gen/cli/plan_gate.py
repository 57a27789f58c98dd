"""`eks-sg audit --plan PLAN.json` / `--template FILE`: the audit of the groups a change will
leave, before it is applied. Roles map to resource addresses or logical ids with `--sg`
(`--sg node=module.eks.aws_security_group.node[0]`); the report is the live audit's, plus the
planned rules that would fail the apply as duplicates."""

from __future__ import annotations

import dataclasses
from argparse import Namespace

from gen.audit import duplicates, planned
from gen.audit.compare import audit, describe
from gen.audit.groups import Group
from gen.audit.plan import PlanError
from gen.cli.options import UsageError
from gen.reference.model import Reference


def groups_of(ref: Reference, args: Namespace) -> tuple[dict[str, Group], set[str]]:
    """The planned groups, and those keeping EC2's default egress (not made by Terraform)."""
    try:
        if args.plan:
            from gen.audit import plan

            found = plan.read(args.plan)
            return dict(found.groups), set(found.groups) - set(found.created)
        from gen.audit import template

        made = template.read(args.template, template_values(args))
        return dict(made.groups), set(made.groups) - set(made.created)
    except (PlanError, ValueError) as err:
        raise UsageError(str(err)) from None


def template_values(args: Namespace) -> dict[str, str]:
    """The --param values the template declares (taken off args.param: the rest are the
    reference's parameters)."""
    from gen.audit import template

    names = template.parameter_names(args.template)
    given = {}
    rest = []
    for option in args.param:
        name, sep, value = option.partition("=")
        if sep and name in names:
            given[name] = value
        else:
            rest.append(option)
    args.param = rest
    return given


def run(ref: Reference, args: Namespace, plan_of) -> planned.PlannedReport:
    """The audit of the planned groups; `plan_of` is audit_options' own (setup and --sg)."""
    if args.plan and args.template:
        raise UsageError("give --plan or --template, not both (audit each change on its own)")
    if args.input or args.cluster:
        raise UsageError("--plan and --template read the change itself: they take neither "
                         "--input nor --cluster (audit the live groups separately)")  # fmt: skip
    groups, defaulted = groups_of(ref, args)
    args.planned_ids = set(groups)
    chosen = plan_of(ref, args)
    known = {sg: groups.get(sg, Group(sg)) for sg in chosen.carriers}
    report = planned.locate(audit(chosen, planned.items(known)), groups)
    cluster = [sg for sg in chosen.ids.get("cluster", ()) if sg in defaulted]
    for found in duplicates.find(known, defaulted & set(known), cluster):
        rule = found.rule
        entry = {"rule": None, "group": chosen.carriers[rule.group], "sg": rule.group,
                 "live": describe(planned.item(rule)),
                 "why": f"duplicates {found.of}: the apply fails with InvalidPermission.Duplicate",
                 "fix": []}  # fmt: skip
        place = planned.where_of(groups, rule.group, rule.id)
        if place is not None:
            entry["where"] = dataclasses.asdict(place)
        report.duplicate.append(entry)
    return report
