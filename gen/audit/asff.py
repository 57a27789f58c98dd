"""Audit findings as AWS Security Finding Format (ASFF) for Security Hub's BatchImportFindings.

One finding per missing rule and per broad rule of a cluster. The id is made of what the
finding is about (account, region, cluster, kind, group, rule), never of when it was seen, so
the next audit updates the same finding, and a finding of the last audit that this one no
longer has is imported again as RESOLVED / ARCHIVED (the flow was fixed).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from gen import __version__
from gen.audit.compare import Broad, Missing
from gen.audit.organisation import Organisation, Section

SCHEMA_VERSION = "2018-10-08"
TYPES = ["Software and Configuration Checks/AWS Security Best Practices/EKS security groups"]
GENERATOR = "eks-sg-audit/{kind}"
SEVERITY = {"missing": "HIGH", "broad": "MEDIUM"}
DOCS = "https://github.com/eks-sg-reference/eks-sg-reference/blob/main/docs/organisation.md"
TEXT_LIMIT = 512
"""Remediation.Recommendation.Text and Title are limited by Security Hub (512 and 256)."""
ID_PREFIX = "eks-sg/"


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def product_arn(region: str, account: str) -> str:
    """The account's own default product: what a custom integration imports as."""
    return f"arn:aws:securityhub:{region}:{account}:product/{account}/default"


def finding_id(s: Section, kind: str, sg: str, key: str) -> str:
    return f"{ID_PREFIX}{s.account}/{s.region}/{s.cluster}/{kind}/{sg}/{key}"


def _group_arn(s: Section, sg: str) -> str:
    return f"arn:aws:ec2:{s.region}:{s.account}:security-group/{sg}"


def _text(item: Missing | Broad) -> tuple[str, str, str, tuple[str, ...]]:
    """Title, the group, the finding's key (what it is about), the fix."""
    if isinstance(item, Missing):
        title = f"Missing {item.rule} on the {item.role} group {item.sg} ({item.flow})"
        return title[:256], item.sg, item.rule, item.fix
    live = item.live
    title = (f"Broad {live.id} ({live.direction} {live.protocol} {live.ports} {live.peer}) on "
             f"the {item.role} group {live.sg}")  # fmt: skip
    return title[:256], live.sg, live.id, item.fix


def _recommendation(fix: list[str], why: str) -> str:
    if not fix:  # nothing to run (a broad rule between pods' interfaces): the reason says why
        return why[:TEXT_LIMIT]
    text = "Run: " + " ; ".join(line.replace(" \\\n  ", " ") for line in fix)
    if len(text) <= TEXT_LIMIT:
        return text
    return "Run the command in ProductFields eks-sg/fix (too long for this field)"


def _finding(s: Section, kind: str, item: Missing | Broad, at: str) -> dict[str, Any]:
    title, sg, key, fix = _text(item)
    fix = list(fix)
    why = item.why
    return {
        "SchemaVersion": SCHEMA_VERSION,
        "Id": finding_id(s, kind, sg, key),
        "ProductArn": product_arn(s.region, s.account),
        "GeneratorId": GENERATOR.format(kind=kind),
        "AwsAccountId": s.account,
        "Region": s.region,
        "Types": TYPES,
        "CreatedAt": at,
        "UpdatedAt": at,
        "Severity": {"Label": SEVERITY[kind]},
        "Title": title,
        "Description": f"{why} (setup: {', '.join(s.setup) or 'baseline'})"[:1024],
        "Remediation": {"Recommendation": {"Text": _recommendation(fix, why), "Url": DOCS}},
        "ProductFields": {
            "eks-sg/kind": kind,
            "eks-sg/cluster": s.arn,
            "eks-sg/fix": "\n".join(fix)[:2048],
            "eks-sg/version": __version__,
        },
        "Resources": [
            {"Type": "AwsEksCluster", "Id": s.arn, "Partition": "aws", "Region": s.region},
            {
                "Type": "AwsEc2SecurityGroup",
                "Id": _group_arn(s, sg),
                "Partition": "aws",
                "Region": s.region,
            },
        ],
        "Compliance": {"Status": "FAILED"},
        "Workflow": {"Status": "NEW"},
        "RecordState": "ACTIVE",
    }


def findings(s: Section, at: str | None = None) -> list[dict[str, Any]]:
    """The cluster's missing and broad rules as ASFF findings (none for a section in error)."""
    if s.report is None:
        return []
    at = at or now()
    return [_finding(s, kind, item, at) for kind in SEVERITY for item in getattr(s.report, kind)]


def resolved(previous: Iterable[Mapping[str, Any]], current: Iterable[Mapping[str, Any]],
             at: str | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """Active findings of an earlier audit that this one no longer has: passed and archived
    (Security Hub sets a finding's workflow to RESOLVED when its provider archives it or turns
    its compliance to PASSED; the workflow sent here says the same for other collectors)."""
    at = at or now()
    ids = {f["Id"] for f in current}
    gone = [f for f in previous if f["Id"] not in ids and f.get("RecordState") == "ACTIVE"]
    return [{**dict(f), "UpdatedAt": at, "Compliance": {"Status": "PASSED"},
             "Workflow": {"Status": "RESOLVED"}, "RecordState": "ARCHIVED"}
            for f in gone]  # fmt: skip


def render(org: Organisation) -> str:
    """`eks-sg audit --all-clusters --format asff`: the findings as BatchImportFindings takes
    them (`aws securityhub batch-import-findings --findings file://...`)."""
    at = now()
    return json.dumps([f for s in org.sections for f in findings(s, at)], indent=1) + "\n"
