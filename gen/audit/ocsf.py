"""The same findings as OCSF Compliance Findings (class 2003), for collectors other than
Security Hub (Security Lake, SIEMs). Built from the ASFF findings, so ids, severities and
remediation are the same in both."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from gen import __version__
from gen.audit import asff
from gen.audit.organisation import Organisation

OCSF_VERSION = "1.3.0"
CLASS_UID = 2003  # Compliance Finding
CATEGORY_UID = 2  # Findings
ACTIVITY = {"ACTIVE": 1, "ARCHIVED": 3}  # Create, Close
SEVERITY_ID = {"HIGH": 4, "MEDIUM": 3}
STATUS_ID = {"NEW": 1, "RESOLVED": 4}  # finding status: New, Resolved
COMPLIANCE_STATUS_ID = {"FAILED": 3, "PASSED": 1}  # Fail, Pass


def _millis(stamp: str) -> int:
    return int(datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp() * 1000)


def from_asff(f: Mapping[str, Any]) -> dict[str, Any]:
    activity = ACTIVITY[f["RecordState"]]
    cluster, group = f["Resources"][0], f["Resources"][1]
    return {
        "class_uid": CLASS_UID,
        "class_name": "Compliance Finding",
        "category_uid": CATEGORY_UID,
        "category_name": "Findings",
        "activity_id": activity,
        "type_uid": CLASS_UID * 100 + activity,
        "time": _millis(f["UpdatedAt"]),
        "severity_id": SEVERITY_ID[f["Severity"]["Label"]],
        "severity": f["Severity"]["Label"].title(),
        "status_id": STATUS_ID[f["Workflow"]["Status"]],
        "metadata": {"version": OCSF_VERSION, "product": {
            "name": "eks-sg", "vendor_name": "eks-sg-reference", "version": __version__}},
        "finding_info": {"uid": f["Id"], "title": f["Title"], "desc": f["Description"],
                         "types": list(f["Types"]), "created_time": _millis(f["CreatedAt"])},
        "compliance": {"status_id": COMPLIANCE_STATUS_ID[f["Compliance"]["Status"]],
                       "control": f["GeneratorId"], "standards": ["eks-sg-reference"]},
        "remediation": {"desc": f["ProductFields"]["eks-sg/fix"],
                        "references": [f["Remediation"]["Recommendation"]["Url"]]},
        "resources": [
            {"uid": cluster["Id"], "type": cluster["Type"], "region": cluster["Region"],
             "cloud_partition": "aws"},
            {"uid": group["Id"], "type": group["Type"], "region": group["Region"],
             "cloud_partition": "aws"},
        ],
        "cloud": {"provider": "AWS", "region": f["Region"], "account": {"uid": f["AwsAccountId"]}},
    }  # fmt: skip


def render(org: Organisation) -> str:
    """`--format ocsf`: one JSON array of Compliance Findings."""
    at = asff.now()
    found = [from_asff(f) for s in org.sections for f in asff.findings(s, at)]
    return json.dumps(found, indent=1) + "\n"
