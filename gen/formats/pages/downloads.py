"""docs/downloads/index.md: every download with a line on what it is, and the CSV columns."""

from __future__ import annotations

from pathlib import PurePosixPath

from gen.formats import aws_scripts, config_rule_stack, csv, paths, terraform_aws_eks
from gen.formats.labels import REGENERATE
from gen.formats.markdown import code, inline, page, table
from gen.reference import release
from gen.reference.model import Reference

PATH = paths.DOWNLOADS_INDEX

RULE_COLUMN_MEANINGS = {
    "id": "The rule's stable id; the docs anchor `reference/<group>/#<id>` uses it.",
    "security_group": "The role of the group the rule is on (cluster, control-plane, node, ...).",
    "direction": "`inbound` or `outbound`.",
    "protocol": "`tcp`, `udp`, `icmp`, `icmpv6`, or `all` (EC2's `-1`).",
    "ports": "`443`, `1025-65535`, `All`, `type 3 code 4` for ICMP, or the parameter "
    "whose value you supply (e.g. `alb-listener-port`).",
    "peer": "The other side: a group role, `self` (the group itself), a CIDR, or the parameter "
    "holding your network or prefix list (e.g. `vpc-cidr`; see Categories, Values you supply).",
    "category": "The categories and add-ons that need the rule, comma-separated.",
    "description": "The EC2 rule description the scripts set.",
    "sources": "Ids of the documents that state the rule (see Sources).",
    "notes": "Corrections, caveats and failure symptoms.",
}
SETUP_COLUMN_MEANINGS = {
    "rule_id": "The rule's stable id (`reference/<group>/#<id>` on this site).",
    "security_group": "Your group's ID where you gave it (`--sg node=sg-...`, or the picker's "
    "fields), else the role (cluster, control-plane, node, ...).",
    "direction": "`inbound` or `outbound`.",
    "protocol": "`tcp`, `udp`, `icmp`, `icmpv6`, or `all` (EC2's `-1`).",
    "from_port": "EC2's FromPort: a port, your value for a parameter (`--param "
    "alb-listener-port=8080`) or the parameter's name, the ICMP type, or `All`.",
    "to_port": "EC2's ToPort: likewise, or the ICMP code.",
    "peer": "The other side: your group's ID (or the role), a CIDR, or your value for a "
    "network or prefix-list parameter (or its name).",
    "action": "`add` (the change to make) or `exists` (AWS creates the rule with the group: "
    "check it is still there).",
    "description": "The EC2 rule description.",
    "source_urls": "The public documents that state the rule, space-separated.",
    "reference_version": "The version of this reference the row comes from.",
    "for_releases": "The releases the rule is for, when only versioned categories need it "
    "(`karpenter 1.0.x`; `--with karpenter@1.0.3` names yours); empty: every release.",
}
ISTIO_COLUMN_MEANINGS = {
    "component": "The Istio component (sidecar, istiod, ztunnel, waypoint, gateways).",
    "port": "The port number.",
    "protocol": "The protocol as istio.io writes it.",
    "description": "What the port is for.",
    "pod_internal": "`yes` when only the pod or the local host connects to it.",
    "status": "`current`, `deprecated`, or `removed` (with the Istio version, where known).",
    "sources": "Ids of the documents that state the port.",
}

SETUP_SHEET = """\
## A setup's rule sheet, for a change request

`eks-sg rules --with ID[,ID...] --format csv --sg ROLE=sg-ID --param NAME=VALUE` (and the
[setup picker](../setup/index.md)'s *Download CSV*, byte for byte the same) writes one row per
rule your setup needs, with your group IDs and values in place: what a change request asks for.
`--sg` and `--param` are honoured by every `eks-sg rules` format (the table lists the IDs above
it, the scripts, Terraform and CloudFormation take them as defaults).
"""

USING_SCRIPTS = """\
## Using the scripts

Two scripts, `aws-cli/apply.sh` and `aws-cli/revoke.sh`, in POSIX `sh`: they run under dash,
bash 3.2 (macOS) and later, and busybox sh. Each holds every rule and takes your setup when it
runs:

- `--with ID[,ID...]` names the categories your cluster runs on top of the baseline (repeat it
  or separate the ids with commas). Without `--with`, a script applies (or revokes) the
  baseline alone: the `default` and `minimum` rules.
- `--group ROLE[,ROLE...]` changes only those groups' rules (and the rules carried onto them,
  as `eks-sg rules --group` shows them): `--group node` for the worker node group's,
  `--group node,control-plane` for both. Without `--group`, every group's. An unknown role
  stops it (exit 2) with the valid ones, and the closest, as `eks-sg rules` says it.
- `--list` prints every category with its question and help (what `eks-sg rules --list`
  prints), and exits; it needs no variable.
- It keeps the rules of the categories in force whose groups exist (no ALB group without an
  ALB), moves a role's rules onto the group that carries it (nodes on the cluster security
  group), and leaves out the rules another selected rule already allows, printing each as
  `covered  ID (by OTHER-ID)`. The selection is the one `eks-sg rules` and the setup picker
  make.
- It asks only for the variables the selected rules use: for the baseline with `--group node`,
  `NODE_SG_ID` and `CONTROL_PLANE_SG_ID`; `--with nlb` also needs `NLB_SG_ID` and the NLB
  ports. A missing or malformed one stops it before any AWS call.

Then it lists the groups' current rules in one read-only `describe-security-groups` call,
adds (or removes) only what is missing (or present) with one call per group and direction,
and says what it did with each rule. Running it twice changes nothing the second time. A rule
that is there with another description is reported as `present, description differs`;
`--update-descriptions` sets the data's text. `revoke.sh` with the same `--with` and `--group`
removes the same rules.

```sh
export NODE_SG_ID=sg-0123456789abcdef0 CONTROL_PLANE_SG_ID=sg-0123456789abcdef1
sh apply.sh --list                          # the categories you can name with --with
sh apply.sh --group node --dry-run          # the baseline: the calls it would make; changes nothing
sh apply.sh --group node                    # the AWS CLI uses your usual profile and region
export NLB_SG_ID=sg-0123456789abcdef3 NLB_LISTENER_PORT=31080 NLB_HEALTH_CHECK_PORT=31081
sh apply.sh --with istio,nlb --group node   # Istio and an NLB (instance targets): the node rules
sh revoke.sh --with istio,nlb --group node  # lists what it would remove, asks; --yes skips that
sh apply.sh --help                          # every option and variable, and the defaults it holds
```

Exit codes: 0 done, 1 AWS error or not confirmed (a group the listing does not return, e.g.
in another region, is an error), 2 bad variable, argument (an unknown category or role, or two
categories that exclude each other) or shell.

One ready script per setup: `eks-sg rules --with istio,nlb --group node --format aws-cli [--sg
node=sg-...]` prints `apply.sh` with that setup as its default (the lines `default_with=''` and
`default_group=''` become `default_with='istio,nlb'` and `default_group='node'`, and each ID or
value you gave follows them); `--with` and `--group` on its command line still replace them,
and its `--help` says which defaults it holds. A release (`--with karpenter@1.0.3`) becomes the
category it needs in `default_with`, with a comment above it saying which releases it is for.
The setup picker's *Download apply script* is the same script for the categories (and
releases) you chose and the IDs you typed.
"""

TERRAFORM_AWS_EKS = """\
## The terraform-aws-eks maps

For clusters made with [terraform-aws-modules/eks/aws](https://registry.terraform.io/modules/terraform-aws-modules/eks/aws),
`terraform-aws-eks/v21.hcl` (and `v20.hcl` for v20.x) hold the rules as the module's own
inputs, to paste into your `module "eks" { ... }` block:

- `node_security_group_additional_rules`: the rules of the module's node security group
  (this reference's `node` role);
- `security_group_additional_rules` (v21) or `cluster_security_group_additional_rules`
  (v20): the rules of the module's cluster security group (the `control-plane` role).

A rule the module already creates is a comment naming the module's key, so it is not created
twice (those it creates only with `node_security_group_enable_recommended_rules`, its default,
say so). Rules on groups the module does not manage (the EKS cluster group, load balancers',
pods') are listed at the end as comments: `--format terraform` has them. The `variable`
blocks after the maps declare the IDs, ports and networks the entries use; declare them beside
the module call, or give the values instead.

The files hold every rule of the reference; for one setup's, tick it in the
[setup picker](../setup/index.md) (*Download terraform-aws-eks map*, with the IDs and values
you typed), or run `eks-sg rules --with ID[,ID...] [--sg ROLE=sg-ID] [--param NAME=VALUE]
--format terraform-aws-eks [--module-version 20] [--no-recommended-rules]`.
"""

PLAN_GATE = f"""\
## Check a plan before apply

Before `terraform apply` of any of these files (or of your own), or a CloudFormation deploy,
`eks-sg audit --plan plan.json` (the plan as `terraform show -json` writes it) or `eks-sg
audit --template FILE` judges the change against the rules your setup needs: the rules it
would leave missing, and the duplicates EC2 would refuse. See
[Check a change before it is applied]({paths.href(PATH, paths.DOCS / "plan-gate.md")}).
"""

HOW = f"""\
## How these files are made

Every file here is generated from `data/reference.yaml` by `{REGENERATE}` and committed;
`{REGENERATE} --check` fails when one is out of date, so they never drift from the data.
CSV and JSON carry no comment line (their formats have none): this page is their banner.

CSV files are UTF-8, comma-separated, quoted as RFC 4180 says, with `\\n` line ends: one rule
or port per row. A cell that a spreadsheet would run as a formula (one that starts with
`=`, `+`, `-`, `@`, a tab or a carriage return), or that starts with `'`, gets one `'` in
front; remove that one character to get the exact text.
"""


def _file(path: PurePosixPath) -> str:
    """A link from this page to a download, named by its path inside docs/downloads."""
    return f"[{path.relative_to(paths.DOWNLOADS)}]({paths.href(PATH, path)})"


def _files(ref: Reference) -> str:
    rows = [[_file(paths.rules_csv()), "Every rule of every group."]]
    for g in ref.security_groups:
        rows.append([_file(paths.rules_csv(g.id)), f"The rules of the {inline(g.title)}."])
    rows.append([_file(paths.ISTIO_CSV), "Every Istio port, with its status."])
    rows.append([_file(paths.REFERENCE_JSON), "The whole reference, normalised, with "
                 "each rule's EC2 IpProtocol, FromPort and ToPort."])  # fmt: skip
    for path in aws_scripts.script_paths():
        what = "Adds" if path.stem == "apply" else "Removes (asks first; `--yes` skips)"
        rows.append([_file(path), f"{what} the rules your setup needs (`--with`), on every group "
                     "or those `--group` names (`--list`, `--help`)."])  # fmt: skip
    for role in [None, *(g.id for g in ref.security_groups)]:
        target = "every rule" if role is None else f"the {code(role)} group's rules"
        rows.append([_file(paths.terraform(role)), f"A Terraform module of {target} "
                     "(`aws_vpc_security_group_ingress_rule` / `_egress_rule`)."])  # fmt: skip
        rows.append([_file(paths.cloudformation(role)), f"A CloudFormation template of {target} "
                     "(`AWS::EC2::SecurityGroupIngress` / `Egress`)."])  # fmt: skip
    for version in terraform_aws_eks.VERSIONS[::-1]:
        rows.append([_file(paths.terraform_aws_eks(version)), "Every rule as the inputs of "
                     f"terraform-aws-modules/eks/aws v{version}.x (see below)."])  # fmt: skip
    guide = paths.href(PATH, paths.DOCS / "organisation.md")
    rows.append([_file(config_rule_stack.TEMPLATE), "The audit as an AWS Config rule: the "
                 "Lambda, its role, the rule, optionally an organization rule (CloudFormation; "
                 f"see [Audit every cluster]({guide}))."])  # fmt: skip
    rows.append([_file(config_rule_stack.TERRAFORM), "The same deployment as a Terraform module."])
    return table(["File", "What it is"], rows)


def _columns(title: str, meanings: dict[str, str]) -> str:
    rows = [[code(name), meaning] for name, meaning in meanings.items()]
    return f"## {title}\n\n" + table(["Column", "Meaning"], rows)


def render(ref: Reference) -> dict[PurePosixPath, str]:
    assert tuple(RULE_COLUMN_MEANINGS) == csv.RULE_COLUMNS
    assert tuple(ISTIO_COLUMN_MEANINGS) == csv.ISTIO_COLUMNS
    assert tuple(SETUP_COLUMN_MEANINGS) == csv.SETUP_COLUMNS
    return {
        PATH: page(
            "Downloads",
            f"Every file here comes from {inline(release.versions(ref))}: the JSON says so in its "
            "fields, the scripts in their header, and the CSV (which has no comment line) by "
            "this page.",
            _files(ref),
            _columns("Columns of the rule sheets", RULE_COLUMN_MEANINGS),
            _columns("Columns of istio-ports.csv", ISTIO_COLUMN_MEANINGS),
            SETUP_SHEET,
            _columns("Columns of a setup's CSV", SETUP_COLUMN_MEANINGS),
            USING_SCRIPTS,
            TERRAFORM_AWS_EKS,
            PLAN_GATE,
            HOW,
        )
    }
