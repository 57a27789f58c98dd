"""The audit as an AWS Config custom rule: `gen.audit.config_rule.handler` is the Lambda handler.

Config invokes it with one of three events (docs: "Example Events for AWS Config Rules"):
a configuration item change, an oversized configuration item change (only a summary of the
item), or a scheduled notification. A change of an `AWS::EKS::Cluster` evaluates that cluster,
a change of an `AWS::EC2::SecurityGroup` every cluster of the region that uses the group, a
scheduled notification every cluster of the region. Each cluster gets COMPLIANT or
NON_COMPLIANT (an annotation names the missing rules, within Config's 256 characters) through
`PutEvaluations`, and its missing and broad rules go to Security Hub (`BatchImportFindings`),
where a finding the cluster no longer has is resolved.

With an organization rule, the function (in the management or delegated administrator
account) acts in each member account through the role EKS_SG_MEMBER_ROLE names.

Rule parameters (a JSON object, all optional): `with` the categories of clusters without an
`eks-sg/with` tag (`"istio,nlb"`), `securityHub` `"false"` to skip Security Hub.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from typing import Any

from gen.audit import asff, organisation
from gen.aws import clusters, live

CLUSTER = "AWS::EKS::Cluster"
GROUP = "AWS::EC2::SecurityGroup"
ANNOTATION_LIMIT = 256
MEMBER_ROLE = "EKS_SG_MEMBER_ROLE"
BATCH = 100  # PutEvaluations takes at most 100 evaluations, BatchImportFindings 100 findings


def _item(invoking: Mapping[str, Any]) -> Mapping[str, Any] | None:
    kind = invoking.get("messageType")
    if kind == "ConfigurationItemChangeNotification":
        return invoking["configurationItem"]
    if kind == "OversizedConfigurationItemChangeNotification":
        return invoking["configurationItemSummary"]  # type and id are all this rule reads
    return None  # ScheduledNotification: every cluster


def annotation(section: organisation.Section) -> str:
    """Why NON_COMPLIANT, in at most 256 characters: the missing rules, then the broad ones."""
    if section.error:
        return section.error[:ANNOTATION_LIMIT]
    report = section.report
    assert report is not None  # a section without an error has a report
    names = [f"{i.rule} on {i.sg}" for i in report.missing]
    text = "missing: " + ", ".join(names) if names else "nothing missing"
    broad = [i.live.id for i in report.broad]
    text += f"; broad: {', '.join(broad)}" if broad else ""
    if len(text) <= ANNOTATION_LIMIT:
        return text
    cut = text[: ANNOTATION_LIMIT - 40].rsplit(", ", 1)[0]
    return f"{cut}, ... ({len(names)} missing, {len(broad)} broad; see Security Hub)"


def compliance(section: organisation.Section) -> str:
    return "NON_COMPLIANT" if section.exit_code() else "COMPLIANT"


def evaluation(section: organisation.Section, at: str) -> dict[str, Any]:
    return {"ComplianceResourceType": CLUSTER, "ComplianceResourceId": section.cluster,
            "ComplianceType": compliance(section), "Annotation": annotation(section),
            "OrderingTimestamp": at}  # fmt: skip


def _affected(item, found: Sequence[tuple[clusters.Account, clusters.Cluster]]):
    if item is None:
        return list(found)
    kind, rid = item.get("resourceType"), item.get("resourceId")
    if kind == CLUSTER:
        name = item.get("resourceName") or rid
        return [pair for pair in found if pair[1].name == name]
    if kind == GROUP:
        return [pair for pair in found if rid in organisation.groups_needed(pair[1])]
    return []


def _deleted(item) -> bool:
    return bool(item) and item.get("configurationItemStatus") in (
        "ResourceDeleted",
        "ResourceDeletedNotRecorded",
    )


def _parameters(event: Mapping[str, Any]) -> dict[str, str]:
    text = event.get("ruleParameters") or "{}"
    data = json.loads(text)
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _region(item, event: Mapping[str, Any]) -> str:
    if item and item.get("awsRegion"):
        return item["awsRegion"]
    arn = str(event.get("configRuleArn", ""))  # arn:aws:config:REGION:ACCOUNT:config-rule/...
    return arn.split(":")[3] if arn.count(":") >= 5 else os.environ["AWS_REGION"]


def _member_role(event: Mapping[str, Any]) -> str | None:
    """An organization rule runs this function for every account: with EKS_SG_MEMBER_ROLE set
    (a role name), it acts in the event's account through that role."""
    name = os.environ.get(MEMBER_ROLE, "")
    if not name or not event.get("accountId"):
        return None
    partition = str(event.get("configRuleArn", "arn:aws")).split(":")[1] or "aws"
    return f"arn:{partition}:iam::{event['accountId']}:role/{name}"


def evaluate(event: Mapping[str, Any]) -> dict[str, Any]:
    """The whole rule: evaluate, put the evaluations, import and resolve the findings."""
    from gen.cli.datafile import packaged
    from gen.reference.load import load

    invoking = json.loads(event["invokingEvent"])
    item = _item(invoking)
    at = (item or {}).get("configurationItemCaptureTime") or invoking["notificationCreationTime"]
    params = _parameters(event)
    acct = clusters.account(clusters.Target(_region(item, event), _member_role(event)))
    evaluations: list[dict[str, Any]] = []
    sections: list[organisation.Section] = []
    if event.get("eventLeftScope") or (_deleted(item) and item.get("resourceType") == CLUSTER):
        name = item.get("resourceName") or item.get("resourceId")
        evaluations.append(
            {
                "ComplianceResourceType": CLUSTER,
                "ComplianceResourceId": name,
                "ComplianceType": "NOT_APPLICABLE",
                "OrderingTimestamp": at,
            }
        )
    else:
        found = [(acct, clusters.describe(acct, n)) for n in clusters.names(acct)]
        ref = load(packaged())  # the reference the wheel carries
        default = tuple(n for n in params.get("with", "").split(",") if n.strip())
        for a, cluster in _affected(item, found):
            setup = organisation.setup_of(cluster, {}, default)
            sections.append(organisation.section(ref, a, cluster, setup, {}))
        evaluations += [evaluation(s, at) for s in sections]
    _put_evaluations(acct, evaluations, event["resultToken"])
    imported = 0
    if params.get("securityHub", "true").lower() != "false":
        imported = _security_hub(acct, sections)
    return {"evaluations": evaluations, "findings": imported}


def _put_evaluations(acct: clusters.Account, evaluations: list[dict], token: str) -> None:
    config = acct.client("config")
    for start in range(0, len(evaluations), BATCH):
        chunk = evaluations[start : start + BATCH]
        clusters.guarded(lambda c=chunk: config.put_evaluations(Evaluations=c, ResultToken=token))


def _active(hub, arns: set[str]) -> list[dict[str, Any]]:
    """This tool's active findings on these clusters (filtered here too: the filter is a
    request, and only our own ids may be resolved)."""
    filters = {"GeneratorId": [{"Value": "eks-sg-audit/", "Comparison": "PREFIX"}],
               "RecordState": [{"Value": "ACTIVE", "Comparison": "EQUALS"}]}  # fmt: skip
    pages = hub.get_paginator("get_findings").paginate(Filters=filters)
    return [f for page in pages for f in page["Findings"]
            if f["Id"].startswith(asff.ID_PREFIX) and f.get("RecordState") == "ACTIVE"
            and f.get("ProductFields", {}).get("eks-sg/cluster") in arns]  # fmt: skip


def _security_hub(acct: clusters.Account, sections: list[organisation.Section]) -> int:
    """Import the sections' findings, and resolve the ones their clusters no longer have."""
    done = [s for s in sections if s.report is not None]
    if not done:
        return 0
    hub = acct.client("securityhub")
    current = [f for s in done for f in asff.findings(s)]
    previous = clusters.guarded(_active, hub, {s.arn for s in done})
    batch = current + asff.resolved(previous, current)
    for start in range(0, len(batch), BATCH):
        chunk = batch[start : start + BATCH]
        answer = clusters.guarded(lambda c=chunk: hub.batch_import_findings(Findings=c))
        if answer.get("FailedCount"):
            raise live.AwsError(f"BatchImportFindings: {answer['FailedFindings'][:3]}")
    return len(batch)


def handler(event: Mapping[str, Any], context: Any) -> dict[str, Any]:
    """The Lambda entry point. An AWS failure raises (Lambda retries, Config shows the error)."""
    return evaluate(event)
