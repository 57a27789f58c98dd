"""Every cluster of an organisation: `eks-sg audit --all-clusters` and the AWS Config rule,
against one moto server holding three accounts, two regions and four clusters.

The world (tests/moto_clusters.py): each cluster's groups get exactly the rules its setup
selects, then `legacy` loses its Istio webhook rules (port 15017, both halves). The judges:
one `eks-sg audit --cluster NAME --sg node=...` per cluster (the single-cluster audit, the node
group given by hand), and the rule a broken Istio webhook needs, named here.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from aws_tools import aws_executable, cli_env, moto_server
from moto_clusters import (
    EVALUATIONS,
    ROLE,
    client,
    env_keys,
    hooked_session,
    make_cluster,
    revoke_port,
)
from moto_clusters import apply as apply_setup

from gen.audit import config_rule
from gen.aws import clusters
from gen.cli import main as cli

pytestmark = pytest.mark.moto
A, B, C = "111111111111", "222222222222", "333333333333"
REGIONS = ("us-east-1", "eu-west-1")
BROKEN = ["node-in-istio-webhook-from-control-plane"]
"""The control plane's egress half stays allowed: its interfaces carry the cluster group too,
whose all-outbound rule lets 15017 out (EC2 judges all the groups on an interface)."""
WORLD = [  # account, region, name, shape, tags, setup (what the tag or mapping file says)
    (A, "us-east-1", "payments", "template", {"eks-sg/with": "istio"}, ("istio",)),
    (A, "eu-west-1", "ledger", "self-managed", {}, ("istio",)),  # from the mapping file
    (B, "us-east-1", "batch", "cluster-sg", {"eks-sg/with": "managed-nodes-cluster-sg"},
     ("managed-nodes-cluster-sg",)),
    (C, "eu-west-1", "legacy", "template", {"eks-sg/with": "istio"}, ("istio",)),
]  # fmt: skip
EVENTS_DOC = (
    "https://docs.aws.amazon.com/config/latest/developerguide/"
    "evaluate-config_develop-rules_example-events.html"
)


@pytest.fixture(scope="module")
def world(ref):
    with moto_server() as url:
        made = {}
        for account, region, name, shape, tags, setup in WORLD:
            made[name] = make_cluster(url, ref, account, region, name, shape, tags, setup)
            apply_setup(url, made[name], ref)
        revoke_port(url, made["legacy"], 15017)
        yield url, made


@pytest.fixture
def aws(world, monkeypatch, tmp_path):
    """The audit's sessions with moto's gaps filled, the caller's keys, a mapping file."""
    url, made = world
    monkeypatch.setattr(clusters, "session", hooked_session)
    for name, value in {"AWS_ENDPOINT_URL": url, "AWS_ACCESS_KEY_ID": "test",
                        "AWS_SECRET_ACCESS_KEY": "test", "AWS_CONFIG_FILE": "/dev/null",
                        "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"}.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    mapping = tmp_path / "setups.json"
    mapping.write_text(json.dumps({f"{A}/eu-west-1/ledger": "istio"}))
    EVALUATIONS.clear()
    return url, made, mapping


def all_clusters(mapping: Path, *extra: str) -> list[str]:
    regions = [f"--region={r}" for r in REGIONS]
    accounts = [f"--account={a}" for a in (A, B, C)]
    return ["audit", "--all-clusters", *regions, "--role-arn", ROLE.format(account="ACCOUNT"),
            *accounts, "--setups", str(mapping), *extra]  # fmt: skip


def single(made, monkeypatch, capsys) -> dict:
    """The one-cluster audit, as a user runs it with the cluster's own keys: EKS gives the
    cluster and additional groups, the node group is given by hand."""
    from gen.aws import live

    monkeypatch.setattr(live, "session", hooked_session)
    for name, value in env_keys(made.keys, made.region).items():
        monkeypatch.setenv(name, value)
    args = ["--cluster", made.name, f"--sg=node={made.groups['node']}"]
    code = cli.main(["audit", *args, "--with", ",".join(made.setup), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == (1 if report["missing"] else 0)
    return report


def test_all_clusters_audits_every_cluster_as_one_audit_each_does(aws, monkeypatch, capsys):
    _, made, mapping = aws
    assert cli.main(all_clusters(mapping, "--format", "json")) == 1
    org = json.loads(capsys.readouterr().out)
    found = [(s["account"], s["region"], s["cluster"], tuple(s["setup"])) for s in org["clusters"]]
    assert found == sorted((a, r, n, s) for a, r, n, _, _, s in WORLD)
    assert [s["setup_from"] for s in org["clusters"]] == [
        f"mapping {A}/eu-west-1/ledger",
        "tag eks-sg/with",
        "tag eks-sg/with",
        "tag eks-sg/with",
    ]
    for section in org["clusters"]:
        alone = single(made[section["cluster"]], monkeypatch, capsys)
        assert section["report"] == alone, section["cluster"]
    legacy = next(s for s in org["clusters"] if s["cluster"] == "legacy")
    assert sorted(i["rule"] for i in legacy["report"]["missing"]) == BROKEN
    assert {s["cluster"]: s["exit_code"] for s in org["clusters"]} == {
        "payments": 0,
        "ledger": 0,
        "batch": 0,
        "legacy": 1,
    }


def test_the_table_has_a_section_per_cluster_and_the_worst_exit_code(aws, capsys):
    _, _, mapping = aws
    assert cli.main(all_clusters(mapping)) == 1
    out = capsys.readouterr().out
    heads = re.findall(r"^== account (\d+) / (\S+) / cluster (\S+) ", out, re.M)
    assert heads == [(A, "eu-west-1", "ledger"), (A, "us-east-1", "payments"),
                     (B, "us-east-1", "batch"), (C, "eu-west-1", "legacy")]  # fmt: skip
    assert out.endswith("4 clusters, exit code 1\n")


def scheduled(account: str, region: str) -> dict:
    """A periodic trigger, shaped as EVENTS_DOC's "Example Event for Periodic Evaluations"."""
    invoking = {"awsAccountId": account, "notificationCreationTime": "2026-12-01T20:00:00.000Z",
                "messageType": "ScheduledNotification", "recordVersion": "1.0"}  # fmt: skip
    return _event(account, region, invoking)


def changed(account: str, region: str, kind: str, resource: str, arn: str) -> dict:
    """A configuration item change, shaped as EVENTS_DOC's "Example Event for Evaluations
    Triggered by Configuration Changes" (the item of an EKS cluster or a security group)."""
    item = {"configurationItemCaptureTime": "2026-12-01T20:10:00.000Z", "awsAccountId": account,
            "configurationItemStatus": "OK", "resourceId": resource, "resourceName": None,
            "ARN": arn, "awsRegion": region, "availabilityZone": "Not Applicable",
            "resourceType": kind, "tags": {}, "relationships": [], "configuration": {}}  # fmt: skip
    if kind == config_rule.CLUSTER:
        item["resourceName"] = resource
    invoking = {"configurationItem": item, "notificationCreationTime": item[
        "configurationItemCaptureTime"], "messageType": "ConfigurationItemChangeNotification",
        "recordVersion": "1.3"}  # fmt: skip
    return _event(account, region, invoking)


def oversized(account: str, region: str, name: str, arn: str) -> dict:
    """EVENTS_DOC's "Example Event for Evaluations Triggered by Oversized Configuration
    Changes": only a summary of the item, and where in S3 the whole of it is."""
    summary = {"changeType": "UPDATE", "configurationItemVersion": "1.3",
               "configurationItemCaptureTime": "2026-12-01T20:20:00.000Z",
               "configurationStateId": 0, "awsAccountId": account,
               "configurationItemStatus": "OK", "resourceType": config_rule.CLUSTER,
               "resourceId": name, "resourceName": name, "ARN": arn, "awsRegion": region,
               "availabilityZone": "Not Applicable", "configurationStateMd5Hash": "",
               "resourceCreationTime": "2026-11-30T10:00:00.000Z"}  # fmt: skip
    invoking = {"configurationItemSummary": summary,
                "s3DeliverySummary": {"s3BucketLocation": "bucket/key", "errorCode": None},
                "notificationCreationTime": summary["configurationItemCaptureTime"],
                "messageType": "OversizedConfigurationItemChangeNotification",
                "recordVersion": "1.0"}  # fmt: skip
    return _event(account, region, invoking)


def _event(account: str, region: str, invoking: dict, left_scope: bool = False) -> dict:
    rule = f"arn:aws:config:{region}:{account}:config-rule/config-rule-0123456"
    return {"invokingEvent": json.dumps(invoking), "ruleParameters": "{}",
            "resultToken": "myResultToken", "eventLeftScope": left_scope,
            "executionRoleArn": f"arn:aws:iam::{account}:role/config-role",
            "configRuleArn": rule, "configRuleName": "eks-sg-audit",
            "configRuleId": "config-rule-0123456", "accountId": account,
            "version": "1.0"}  # fmt: skip


def invoke(made_any, monkeypatch, event: dict) -> dict:
    """The handler in-process, as Lambda runs it: the account's own keys."""
    for name, value in env_keys(made_any.keys, made_any.region).items():
        monkeypatch.setenv(name, value)
    return config_rule.handler(event, None)


def verdicts() -> dict[str, str]:
    return {e["ComplianceResourceId"]: e["ComplianceType"]
            for call in EVALUATIONS for e in call["Evaluations"]}  # fmt: skip


def hub_findings(url: str, made) -> dict[str, dict]:
    hub = client(url, made.keys, "securityhub", made.region)
    return {f["Id"]: f for f in hub.get_findings()["Findings"]}


@pytest.mark.slow("three accounts in moto, the Config rule and Security Hub")
def test_config_rule_and_security_hub_agree_and_the_printed_fix_resolves(aws, monkeypatch,
                                                                         capsys):  # fmt: skip
    url, made, mapping = aws
    demo = ["$ eks-sg audit --all-clusters --region us-east-1 --region eu-west-1 "
            f"--role-arn {ROLE.format(account='ACCOUNT')} --account {A} --account {B} "
            f"--account {C} --setups setups.json"]  # fmt: skip
    code = cli.main(all_clusters(mapping))
    table = capsys.readouterr().out
    demo += [table.rstrip(), f"(exit code {code})"]
    assert code == 1
    fixes = re.findall(r"^aws ec2 authorize.*?\]'$", table, re.M | re.S)
    assert len(fixes) == 1
    one_command = {name: ("NON_COMPLIANT" if name == "legacy" else "COMPLIANT") for name in made}

    # The Config rule in every account and region that has a cluster: a periodic trigger.
    for name in made:
        answer = invoke(made[name], monkeypatch, scheduled(made[name].account, made[name].region))
        assert [e["ComplianceResourceId"] for e in answer["evaluations"]] == [name]
    assert verdicts() == one_command
    assert all(call["ResultToken"] == "myResultToken" for call in EVALUATIONS)
    legacy = made["legacy"]
    annotation = next(e["Annotation"] for c in EVALUATIONS for e in c["Evaluations"]
                      if e["ComplianceResourceId"] == "legacy")  # fmt: skip
    assert annotation == f"missing: {BROKEN[0]} on {legacy.groups['node']}"
    demo += [
        "",
        "Config rule (ScheduledNotification in each account/region):",
        *(f"  {n}: {v}" for n, v in sorted(verdicts().items())),
        f"  annotation: {annotation}",
    ]

    found = hub_findings(url, legacy)
    active = {i: f for i, f in found.items() if f["RecordState"] == "ACTIVE"}
    assert sorted(f["GeneratorId"] for f in active.values()) == ["eks-sg-audit/missing"]
    assert all(f["Compliance"]["Status"] == "FAILED" for f in active.values())
    assert sorted(f["ProductFields"]["eks-sg/fix"] for f in active.values()) == sorted(fixes)
    demo += [
        "",
        f"Security Hub of {C}/eu-west-1:",
        *(f"  {i} {f['Severity']['Label']} {f['RecordState']}" for i, f in active.items()),
    ]

    try:
        demo += _fixed(url, made, mapping, legacy, fixes, active, monkeypatch, capsys)
    finally:  # broken again for the other tests
        revoke_port(url, legacy, 15017)
    if os.environ.get("EKS_SG_DEMO"):  # the transcript, for the closing note
        Path(os.environ["EKS_SG_DEMO"]).write_text("\n".join(demo) + "\n")


def _fixed(url, made, mapping, legacy, fixes, active, monkeypatch, capsys) -> list[str]:
    """The printed fix, by the real AWS CLI, in legacy's account; then Config sees the change."""
    env = cli_env(url, **env_keys(legacy.keys, legacy.region))
    run = subprocess.run(["sh", "-c", "set -e\n" + "\n".join(fixes)], env=env,
                         capture_output=True, text=True, check=False)  # fmt: skip
    assert run.returncode == 0, run.stderr
    EVALUATIONS.clear()
    node = legacy.groups["node"]
    arn = f"arn:aws:ec2:eu-west-1:{C}:security-group/{node}"
    invoke(legacy, monkeypatch, changed(C, "eu-west-1", config_rule.GROUP, node, arn))
    assert verdicts() == {"legacy": "COMPLIANT"}
    after = hub_findings(url, legacy)
    states = {i: (f["RecordState"], f["Workflow"]["Status"], f["Compliance"]["Status"])
              for i, f in after.items() if i in active}  # fmt: skip
    assert states == dict.fromkeys(active, ("ARCHIVED", "RESOLVED", "PASSED"))
    assert cli.main(all_clusters(mapping)) == 0
    capsys.readouterr()
    return ["", "$ sh -c '<the printed aws ec2 authorize-... command>'  (exit 0)",
             f"Config rule (ConfigurationItemChangeNotification, {node}): legacy COMPLIANT",
             *(f"  {i} {after[i]['RecordState']} {after[i]['Workflow']['Status']}"
               for i in active),
             "$ eks-sg audit --all-clusters ...  (exit code 0)"]  # fmt: skip


def test_an_oversized_change_of_a_cluster_evaluates_that_cluster(aws, monkeypatch):
    _, made, _ = aws
    payments = made["payments"]
    arn = f"arn:aws:eks:us-east-1:{A}:cluster/payments"
    answer = invoke(payments, monkeypatch, oversized(A, "us-east-1", "payments", arn))
    assert [(e["ComplianceResourceId"], e["ComplianceType"]) for e in answer["evaluations"]] == [
        ("payments", "COMPLIANT")
    ]
    assert verdicts() == {"payments": "COMPLIANT"}


def test_a_cluster_that_left_the_scope_is_not_applicable(aws, monkeypatch):
    _, made, _ = aws
    event = changed(B, "us-east-1", config_rule.CLUSTER, "batch",
                    f"arn:aws:eks:us-east-1:{B}:cluster/batch")  # fmt: skip
    event["eventLeftScope"] = True
    invoke(made["batch"], monkeypatch, event)
    assert verdicts() == {"batch": "NOT_APPLICABLE"}


def test_a_group_change_evaluates_only_the_clusters_that_use_it(aws, monkeypatch):
    _, made, _ = aws
    payments = made["payments"]
    node = payments.groups["node"]
    arn = f"arn:aws:ec2:us-east-1:{A}:security-group/{node}"
    invoke(payments, monkeypatch, changed(A, "us-east-1", config_rule.GROUP, node, arn))
    assert verdicts() == {"payments": "COMPLIANT"}
    EVALUATIONS.clear()
    invoke(payments, monkeypatch, changed(A, "us-east-1", config_rule.GROUP, "sg-0123456789abcdef0",
                                          arn))  # fmt: skip
    assert EVALUATIONS == []  # nothing to evaluate: no call (PutEvaluations needs one)


def test_the_asff_and_ocsf_formats_carry_the_broken_clusters_findings(aws, capsys):
    from py_ocsf_models.events.findings.compliance_finding import ComplianceFinding

    _, _, mapping = aws
    assert cli.main(all_clusters(mapping, "--format", "asff")) == 1
    findings = json.loads(capsys.readouterr().out)
    assert sorted(f["Title"].split()[1] for f in findings) == BROKEN
    assert {f["AwsAccountId"] for f in findings} == {C}
    assert cli.main(all_clusters(mapping, "--format", "ocsf")) == 1
    events = json.loads(capsys.readouterr().out)
    for event in events:
        ComplianceFinding.model_validate(event)
    assert sorted(e["finding_info"]["uid"] for e in events) == sorted(f["Id"] for f in findings)


def test_aws_cli_sees_the_same_clusters(aws):
    """The cluster list the audit walked, as the real AWS CLI lists it in each account."""
    url, made, _ = aws
    names = set()
    for account, region, name, *_ in WORLD:
        env = cli_env(url, **env_keys(made[name].keys, region))
        out = subprocess.run([aws_executable(), "eks", "list-clusters", "--output", "json"],
                             env=env, capture_output=True, text=True, check=True).stdout  # fmt: skip
        names |= {(account, region, n) for n in json.loads(out)["clusters"]}
    assert names == {(a, r, n) for a, r, n, *_ in WORLD}
