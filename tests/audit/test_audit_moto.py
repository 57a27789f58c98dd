"""`eks-sg audit` end to end: moto's EC2 and EKS, real boto3, the real AWS CLI and the generated
apply script.

The groups get the baseline + Istio from `eks-sg rules --format aws-cli` run by `sh`; then the
15017 rules go, 0.0.0.0/0 TCP 22 comes, and the kubelet's 10250 becomes 1025-65535. The audit
must say exactly that, judged as EC2 does (every group on an interface together), and the
commands it prints must make it pass.

Expectations changed with the flow model (the old one-group-at-a-time audit was wrong): moto's
groups keep EC2's default egress, and the control plane's interfaces carry the cluster group
and the control-plane group, so an egress half such as
`control-plane-out-istio-webhook-to-node` is never missing while that egress exists: with the
15017 rules gone only the node's ingress half is missing; with 10250 widened to 1025-65535 the
webhook is allowed again (broad, not missing).

Moto gap (moto 5.2): EKS `describe_cluster` returns `securityGroupIds` but no
`clusterSecurityGroupId`; the --cluster test adds that field with a botocore `after-call` hook
on the session the audit uses (`gen.aws.live.session`), as EKS would return it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import boto3
import pytest
from aws_tools import FAKE_CREDENTIALS, aws_executable, cli_env, moto_server
from helpers import ROOT, eks_sg
from moto_groups import _client, new_groups

from gen.aws import live
from gen.cli import main as cli

pytestmark = pytest.mark.moto
ROLES = ("cluster", "control-plane", "node")


@pytest.fixture(scope="module")
def endpoint():
    with moto_server() as url:
        yield url


def audit(endpoint: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gen", "audit", *args], cwd=ROOT,
                          env=cli_env(endpoint), capture_output=True, text=True, check=False)  # fmt: skip


def sg_options(groups: dict[str, str]) -> list[str]:
    return [f"--sg={role}={groups[role]}" for role in ROLES]


def apply_baseline_and_istio(endpoint: str, groups: dict[str, str], tmp_path) -> None:
    script = eks_sg("rules", "--with", "istio", "--format", "aws-cli", *sg_options(groups))
    assert script.returncode == 0, script.stderr
    (tmp_path / "apply.sh").write_text(script.stdout)
    run = subprocess.run(["sh", str(tmp_path / "apply.sh")], env=cli_env(endpoint),
                         capture_output=True, text=True, check=False)  # fmt: skip
    assert run.returncode == 0, run.stderr
    # The groups are moto's stand-ins: the EKS cluster group comes with its own rules from EKS
    # (all traffic between its members), which the script rightly leaves to AWS.
    _client(endpoint).authorize_security_group_ingress(
        GroupId=groups["cluster"],
        IpPermissions=[{"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": groups["cluster"]}]}],
    )


def revoke_where(endpoint: str, groups: dict[str, str], port: int, egress: bool | None = None):
    ec2 = _client(endpoint)
    found = ec2.describe_security_group_rules(
        Filters=[{"Name": "group-id", "Values": [groups[r] for r in ROLES]}]
    )["SecurityGroupRules"]
    for rule in found:
        if rule.get("FromPort") == port and egress in (None, rule["IsEgress"]):
            revoke = ec2.revoke_security_group_egress if rule["IsEgress"] else (
                ec2.revoke_security_group_ingress)  # fmt: skip
            revoke(GroupId=rule["GroupId"], SecurityGroupRuleIds=[rule["SecurityGroupRuleId"]])


def ingress(endpoint: str, group: str, **permission) -> None:
    _client(endpoint).authorize_security_group_ingress(GroupId=group, IpPermissions=[permission])


def findings(report: dict, kind: str) -> list[tuple]:
    if kind == "missing":
        return sorted((i["rule"], i["role"], i["sg"], i["half"]) for i in report[kind])
    return sorted((i["role"], i["live"]["protocol"], i["live"]["ports"], i["live"]["peer"])
                  for i in report[kind])  # fmt: skip


def run_fixes(endpoint: str, commands: list[str]) -> None:
    script = "set -e\n" + "\n".join(commands) + "\n"
    run = subprocess.run(["sh", "-c", script], env=cli_env(endpoint), capture_output=True,
                         text=True, check=False)  # fmt: skip
    assert run.returncode == 0, run.stderr


def snapshot(endpoint: str, groups: dict[str, str], path) -> None:
    """What an auditor saves: the real CLI's describe-security-group-rules JSON."""
    values = ",".join(groups[r] for r in ROLES)
    out = subprocess.run(
        [aws_executable(), "ec2", "describe-security-group-rules", "--output", "json",
         "--filters", f"Name=group-id,Values={values}"],
        env=cli_env(endpoint), capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    path.write_text(out)


@pytest.mark.slow("apply.sh, three audits and the printed fixes through the real AWS CLI")
def test_audit_reports_what_was_broken_and_its_fixes_make_it_pass(endpoint, ref, tmp_path):
    groups = new_groups(endpoint, ref)
    apply_baseline_and_istio(endpoint, groups, tmp_path)
    clean = audit(endpoint, "--with", "istio", *sg_options(groups), "--strict")
    assert clean.returncode == 0, clean.stdout + clean.stderr

    revoke_where(endpoint, groups, 15017)
    ingress(endpoint, groups["node"], IpProtocol="tcp", FromPort=22, ToPort=22,
            IpRanges=[{"CidrIp": "0.0.0.0/0"}])  # fmt: skip
    first = audit(endpoint, "--with", "istio", *sg_options(groups), "--format", "json")
    assert first.returncode == 1, first.stderr
    report = json.loads(first.stdout)
    assert findings(report, "missing") == [
        ("node-in-istio-webhook-from-control-plane", "node", groups["node"], "ingress")
    ]  # the egress half leaves by the groups' default egress
    assert findings(report, "extra") == [("node", "tcp", "22", "0.0.0.0/0")]
    assert report["extra"][0]["rule"] == "node-in-ssh"  # the ssh category, not selected
    assert report["broad"] == report["unknown"] == []

    revoke_where(endpoint, groups, 10250, egress=False)
    ingress(endpoint, groups["node"], IpProtocol="tcp", FromPort=1025, ToPort=65535,
            UserIdGroupPairs=[{"GroupId": groups["control-plane"]}])  # fmt: skip
    second = audit(endpoint, "--with", "istio", *sg_options(groups), "--format", "json")
    assert second.returncode == 0, second.stderr
    report = json.loads(second.stdout)
    # 1025-65535 from the control plane lets 15017 and 10250 in: broad, nothing missing.
    assert report["missing"] == []
    assert findings(report, "broad") == [("node", "tcp", "1025-65535", groups["control-plane"])]
    assert report["broad"][0]["allows"] == [
        "control-plane -> node tcp 15017", "control-plane -> node tcp 10250"]  # fmt: skip
    assert findings(report, "extra") == [("node", "tcp", "22", "0.0.0.0/0")]
    assert report["unknown"] == []
    present = {p["flow"]["ports"]: p["ingress"] for p in report["present"]}
    assert present["10250"] == [report["broad"][0]["live"]["id"]]

    saved = tmp_path / "snapshot.json"
    snapshot(endpoint, groups, saved)
    offline = audit(endpoint, "--with", "istio", *sg_options(groups), "--format", "json",
                    "--input", str(saved), "--param=vpc-cidr=10.0.0.0/16")  # fmt: skip
    assert (offline.returncode, offline.stdout) == (0, second.stdout)

    assert "0 missing, 1 broad, 1 extra" in audit(endpoint, "--with", "istio",
                                                   *sg_options(groups)).stdout  # fmt: skip
    assert audit(endpoint, "--with", "istio", *sg_options(groups), "--strict").returncode == 1
    run_fixes(endpoint, [c for i in report["broad"] + report["extra"] for c in i["fix"]])
    tight = audit(endpoint, "--with", "istio", *sg_options(groups), "--strict")
    assert tight.returncode == 0, tight.stdout


def test_the_table_prints_the_fix_commands(endpoint, ref, tmp_path):
    groups = new_groups(endpoint, ref)
    apply_baseline_and_istio(endpoint, groups, tmp_path)
    revoke_where(endpoint, groups, 15017)
    result = audit(endpoint, "--with", "istio", *sg_options(groups))
    assert result.returncode == 1
    commands = re.findall(r"^aws ec2 authorize.*?\]'$", result.stdout, re.M | re.S)
    assert len(commands) == 1  # the node's ingress; the egress leaves by the default egress
    run_fixes(endpoint, commands)
    assert audit(endpoint, "--with", "istio", *sg_options(groups)).returncode == 0


def _aws_env(monkeypatch, endpoint: str) -> None:
    for name, value in {**FAKE_CREDENTIALS, "AWS_ENDPOINT_URL": endpoint}.items():
        monkeypatch.setenv(name, value)


def test_cluster_finds_the_cluster_and_control_plane_groups(endpoint, ref, monkeypatch, capsys):
    groups = new_groups(endpoint, ref)
    _aws_env(monkeypatch, endpoint)
    boto3.client("eks", endpoint_url=endpoint, region_name="us-east-1").create_cluster(
        name="demo", roleArn="arn:aws:iam::123456789012:role/eks",
        resourcesVpcConfig={"subnetIds": [], "securityGroupIds": [groups["control-plane"]]},
    )  # fmt: skip

    def with_cluster_sg(parsed, **_):  # what EKS returns and moto 5.2 leaves out
        parsed["cluster"]["resourcesVpcConfig"]["clusterSecurityGroupId"] = groups["cluster"]

    def session():
        made = boto3.session.Session()
        made.events.register("after-call.eks.DescribeCluster", with_cluster_sg)
        return made

    monkeypatch.setattr(live, "session", session)
    args = ["audit", "--with", "istio", "--format", "json"]
    assert cli.main([*args, "--cluster", "demo", f"--sg=node={groups['node']}"]) == 1
    by_cluster = capsys.readouterr().out
    assert cli.main([*args, *sg_options(groups)]) == 1
    assert by_cluster == capsys.readouterr().out
    assert set(json.loads(by_cluster)["groups"]) == {groups[r] for r in ROLES}
    # EKS may list the cluster group among the additional groups too: a group on two roles, and
    # the cluster's own flows still judged (the old audit skipped them: a false all-clear).
    boto3.client("eks", endpoint_url=endpoint, region_name="us-east-1").create_cluster(
        name="twice", roleArn="arn:aws:iam::123456789012:role/eks",
        resourcesVpcConfig={"subnetIds": [], "securityGroupIds": [groups["control-plane"],
                                                                  groups["cluster"]]},
    )  # fmt: skip
    assert cli.main([*args, "--cluster", "twice", f"--sg=node={groups['node']}"]) == 1
    twice = json.loads(capsys.readouterr().out)
    assert twice["missing"] == json.loads(by_cluster)["missing"]
    assert ("cluster", "cluster") in {
        (m["flow"]["from"], m["flow"]["to"]) for m in twice["missing"]
    }


def test_a_group_that_does_not_exist_is_an_aws_error(endpoint, ref):
    groups = new_groups(endpoint, ref) | {"node": "sg-0123456789abcdef0"}
    result = audit(endpoint, *sg_options(groups))
    assert result.returncode == 3
    assert "InvalidGroup.NotFound" in result.stderr
    assert "check the group id, and that the region is the group's" in result.stderr
    assert "Traceback" not in result.stderr
