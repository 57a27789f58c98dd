"""docs/downloads/index.md: every download with a line on what it is, and the CSV columns."""

from __future__ import annotations

from pathlib import PurePosixPath

from gen import paths, release
from gen.formats import aws_scripts, csv
from gen.formats.labels import REGENERATE
from gen.formats.markdown import code, inline, page, table
from gen.model import Reference

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
ISTIO_COLUMN_MEANINGS = {
    "component": "The Istio component (sidecar, istiod, ztunnel, waypoint, gateways).",
    "port": "The port number.",
    "protocol": "The protocol as istio.io writes it.",
    "description": "What the port is for.",
    "pod_internal": "`yes` when only the pod or the local host connects to it.",
    "status": "`current`, `deprecated`, or `removed` (with the Istio version, where known).",
    "sources": "Ids of the documents that state the port.",
}

USING_SCRIPTS = """\
## Using the scripts

The scripts are POSIX `sh`: they run under dash, bash 3.2 (macOS) and later, and busybox sh.
Each checks its arguments and variables before it calls AWS, lists the groups' current rules
in one read-only `describe-security-groups` call, adds (or removes) only what is missing (or
present) with one call per group and direction, and says what it did with each rule. Running
it twice changes nothing the second time. A rule that is there with another description is
reported as `present, description differs`; `--update-descriptions` sets the data's text.

```sh
export NODE_SG_ID=sg-0123456789abcdef0 CONTROL_PLANE_SG_ID=sg-0123456789abcdef1 \\
       ALB_SG_ID=sg-0123456789abcdef2 NLB_SG_ID=sg-0123456789abcdef3 \\
       ALB_LISTENER_PORT=30080 ALB_HEALTH_CHECK_PORT=30081 \\
       NLB_LISTENER_PORT=31080 NLB_HEALTH_CHECK_PORT=31081
sh apply-node.sh --dry-run  # the calls it would make (after the read-only listing); changes nothing
sh apply-node.sh            # the AWS CLI uses your usual profile and region
sh revoke-node.sh           # lists what it would remove and asks; --yes skips the question
sh apply-node.sh --help     # every option and variable
```

Exit codes: 0 done, 1 AWS error or not confirmed (a group the listing does not return, e.g.
in another region, is an error), 2 bad variable, argument or shell.

For only some categories, `eks-sg cli --group node --sg node=sg-... --sg control-plane=sg-...
--category minimum,istio` prints the commands with your IDs filled in.
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
        target = "every rule" if scope == "all" else f"the {code(scope)} group's rules"
        rows.append([_file(path), f"{what} {target}."])
    return table(["File", "What it is"], rows)


def _columns(title: str, meanings: dict[str, str]) -> str:
    rows = [[code(name), meaning] for name, meaning in meanings.items()]
    return f"## {title}\n\n" + table(["Column", "Meaning"], rows)


def render(ref: Reference) -> dict[PurePosixPath, str]:
    assert tuple(RULE_COLUMN_MEANINGS) == csv.RULE_COLUMNS
    assert tuple(ISTIO_COLUMN_MEANINGS) == csv.ISTIO_COLUMNS
    return {
        PATH: page(
            "Downloads",
            f"Every file here comes from {inline(release.versions(ref))}: the JSON says so in its "
            "fields, the scripts in their header, and the CSV (which has no comment line) by "
            "this page.",
            _files(ref),
            _columns("Columns of the rule sheets", RULE_COLUMN_MEANINGS),
            _columns("Columns of istio-ports.csv", ISTIO_COLUMN_MEANINGS),
            USING_SCRIPTS,
            HOW,
        )
    }
