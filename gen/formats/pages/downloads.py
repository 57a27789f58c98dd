"""docs/downloads/index.md: every download with a line on what it is, and the CSV columns."""

from __future__ import annotations

from pathlib import PurePosixPath

from gen.formats import aws_scripts, config_rule_stack, csv, paths
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

The scripts are POSIX `sh`: they run under dash, bash 3.2 (macOS) and later, and busybox sh.
Each holds every rule it may change and takes your setup when it runs:

- `--with ID[,ID...]` names the categories your cluster runs on top of the baseline (repeat it
  or separate the ids with commas). Without `--with`, a script applies (or revokes) the
  baseline alone: the `default` and `minimum` rules.
- `--list` prints every category with its question and help (what `eks-sg rules --list`
  prints), and exits; it needs no variable.
- It keeps the rules of the categories in force whose groups exist (no ALB group without an
  ALB), moves a role's rules onto the group that carries it (nodes on the cluster security
  group), and leaves out the rules another selected rule already allows, printing each as
  `covered  ID (by OTHER-ID)`. The selection is the one `eks-sg rules` and the setup picker
  make.
- It asks only for the variables the selected rules use: for the baseline, `apply-node.sh`
  needs `NODE_SG_ID` and `CONTROL_PLANE_SG_ID`; `--with nlb` also needs `NLB_SG_ID` and the
  NLB ports. A missing or malformed one stops it before any AWS call.

Then it lists the groups' current rules in one read-only `describe-security-groups` call,
adds (or removes) only what is missing (or present) with one call per group and direction,
and says what it did with each rule. Running it twice changes nothing the second time. A rule
that is there with another description is reported as `present, description differs`;
`--update-descriptions` sets the data's text. A revoke script with the same `--with` removes
the same rules.

```sh
export NODE_SG_ID=sg-0123456789abcdef0 CONTROL_PLANE_SG_ID=sg-0123456789abcdef1
sh apply-node.sh --list              # the categories you can name with --with
sh apply-node.sh --dry-run           # the baseline: the calls it would make; changes nothing
sh apply-node.sh                     # the AWS CLI uses your usual profile and region
export NLB_SG_ID=sg-0123456789abcdef3 NLB_LISTENER_PORT=31080 NLB_HEALTH_CHECK_PORT=31081
sh apply-node.sh --with istio,nlb    # the baseline, Istio and an NLB with instance targets
sh revoke-node.sh --with istio,nlb   # lists what it would remove and asks; --yes skips the question
sh apply-node.sh --help              # every option and variable
```

Exit codes: 0 done, 1 AWS error or not confirmed (a group the listing does not return, e.g.
in another region, is an error), 2 bad variable, argument (an unknown category, or two that
exclude each other) or shell.

`eks-sg rules --with istio,nlb --format aws-cli [--sg node=sg-...]` prints `apply-all.sh`
with that setup as its default (the line `default_with=''` becomes `default_with='istio,nlb'`,
and each ID or value you gave follows it); `--with` on its command line still replaces it.
A release (`--with karpenter@1.0.3`) becomes the category it needs in that line, with a comment
above it saying which releases it is for. The setup picker's download is the same script.
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
    for path in aws_scripts.script_paths(ref):
        action, _, scope = path.stem.partition("-")
        what = "Adds" if action == "apply" else "Removes (asks first; `--yes` skips)"
        target = "every group's rules" if scope == "all" else f"the {code(scope)} group's rules"
        rows.append([_file(path), f"{what} {target} for your setup (`--with`, `--list`)."])
    for role in [None, *(g.id for g in ref.security_groups)]:
        target = "every rule" if role is None else f"the {code(role)} group's rules"
        rows.append([_file(paths.terraform(role)), f"A Terraform module of {target} "
                     "(`aws_vpc_security_group_ingress_rule` / `_egress_rule`)."])  # fmt: skip
        rows.append([_file(paths.cloudformation(role)), f"A CloudFormation template of {target} "
                     "(`AWS::EC2::SecurityGroupIngress` / `Egress`)."])  # fmt: skip
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
            HOW,
        )
    }
