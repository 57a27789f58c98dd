"""`eks-sg audit` red-team review: each test is one attack that used to succeed.

Snapshots are real-shaped: groups created in moto, their rules saved with the real AWS CLI
(`aws ec2 describe-security-group-rules --output json`), audited offline with `--input`. The
expectations are EC2's own rules, read independently of gen's code: a rule allowing all
traffic from 10.0.0.0/8 lets the control plane's kubelet calls reach the nodes whenever the
VPC lies inside 10.0.0.0/8; without knowing the VPC's CIDR the audit cannot tell, so it must
not offer to revoke the rule (that would cut the cluster off), only say what it needs to know.
"""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest
from aws_tools import aws_json, moto_server
from helpers import ROOT, eks_sg
from moto_groups import _client

from gen.audit.schema import REPORT

GOOD = {"SecurityGroupRuleId": "sgr-0123456789abcdef0", "GroupId": "sg-252a5a6a3678a6f37",
        "IsEgress": False, "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
        "CidrIpv4": "10.0.0.0/16"}  # fmt: skip
NODE_ONLY = ["--sg=cluster=sg-03a4ad6c4ef6a08da", "--sg=control-plane=sg-f7751dcf51307f6b0",
             "--sg=node=sg-252a5a6a3678a6f37"]  # fmt: skip


@pytest.fixture(scope="module")
def cidr_snapshot(tmp_path_factory):
    """terraform-aws-eks's user shape from issue 19: the nodes allow all traffic from
    10.0.0.0/8 instead of the kubelet and node-to-node group rules; VPC 10.0.0.0/16."""
    path = tmp_path_factory.mktemp("cidr") / "rules.json"
    with moto_server() as endpoint:
        ec2 = _client(endpoint)
        vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        sgs = {role: ec2.create_security_group(GroupName=role, Description=role, VpcId=vpc)[
            "GroupId"] for role in ("cluster", "control-plane", "node")}  # fmt: skip

        def ingress(role: str, **permission) -> None:
            ec2.authorize_security_group_ingress(GroupId=sgs[role], IpPermissions=[permission])

        ingress("cluster", IpProtocol="-1", UserIdGroupPairs=[{"GroupId": sgs["cluster"]}])
        ingress("control-plane", IpProtocol="tcp", FromPort=443, ToPort=443,
                UserIdGroupPairs=[{"GroupId": sgs["node"]}])  # fmt: skip
        ingress("node", IpProtocol="-1", IpRanges=[{"CidrIp": "10.0.0.0/8"}])
        ids = ",".join(sgs.values())
        data = aws_json(endpoint, "describe-security-group-rules", "--filters",
                        f"Name=group-id,Values={ids}")  # fmt: skip
    path.write_text(json.dumps(data))
    wide = next(r["SecurityGroupRuleId"] for r in data["SecurityGroupRules"]
                if r.get("CidrIpv4") == "10.0.0.0/8")  # fmt: skip
    return path, sgs, wide


def _audit(path, sgs, *extra: str) -> tuple[int, dict]:
    args = [f"--sg={role}={sg}" for role, sg in sgs.items()]
    result = subprocess.run([sys.executable, "-m", "gen", "audit", *args, "--input", str(path),
                             "--format", "json", *extra], cwd=ROOT, capture_output=True,
                            text=True, check=False)  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr
    report = json.loads(result.stdout)
    jsonschema.Draft202012Validator(REPORT).validate(report)
    return result.returncode, report


@pytest.mark.moto
def test_a_cidr_rule_that_may_carry_needed_flows_is_never_offered_for_revoke(cidr_snapshot):
    path, sgs, wide = cidr_snapshot
    code, report = _audit(path, sgs)
    fixes = [c for kind in ("broad", "extra") for item in report[kind] for c in item["fix"]]
    assert not any(wide in command for command in fixes), fixes
    assert [i["live"]["id"] for i in report["extra"]] == []
    unknown = {i["live"]["id"]: i["why"] for i in report["unknown"]}
    assert "--param vpc-cidr=" in unknown[wide]
    assert code == 1  # the flows it may carry stay missing until the VPC's CIDR is known


@pytest.mark.moto
def test_a_cidr_rule_is_judged_once_the_vpc_cidr_is_given(cidr_snapshot):
    path, sgs, wide = cidr_snapshot
    code, report = _audit(path, sgs, "--param", "vpc-cidr=10.0.0.0/16")
    assert code == 0
    assert report["missing"] == []
    assert [i["live"]["id"] for i in report["broad"]] == [wide]
    # the broad fix adds the narrow rules; it offers no revoke: 10.0.0.0/8 holds the VPC, where
    # the pods' addresses are, so the rule may carry their own traffic between nodes (CoreDNS,
    # the services' ports), which no category knows (the revoke cut it)
    fix = report["broad"][0]["fix"]
    assert fix
    assert all("authorize-security-group-ingress" in c for c in fix)
    assert not [c for c in fix if wide in c]
    assert "may carry your pods' own traffic" in report["broad"][0]["why"]


@pytest.mark.moto
def test_a_cidr_rule_outside_the_vpc_stays_extra(cidr_snapshot):
    path, sgs, wide = cidr_snapshot
    _, report = _audit(path, sgs, "--param", "vpc-cidr=172.16.0.0/16")
    assert [i["live"]["id"] for i in report["extra"]] == [wide]
    assert report["unknown"] == []


@pytest.mark.parametrize("protocol", ["²", "٦", "六", "1\u200b7"])
def test_a_protocol_of_non_ascii_digits_is_a_located_usage_error(tmp_path, protocol) -> None:
    # str.isdigit() is true for "²" and "٦"; int() takes "٦" as 6 and fails on "²". EC2 only
    # ever answers ASCII digits.
    (tmp_path / "s.json").write_text(json.dumps({"SecurityGroupRules": [
        {**GOOD, "IpProtocol": protocol}]}))  # fmt: skip
    result = eks_sg("audit", *NODE_ONLY, "--input", str(tmp_path / "s.json"))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "SecurityGroupRules[0].IpProtocol: expected a protocol" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "option",
    [["--share", "no\x1bde=cluster"], ["--share", "node=clu\x1bster"],
     ["--with", "is\x1b[31mtio"], ["--with", "istio,\u2028x"]],
)  # fmt: skip
def test_setup_errors_echo_no_control_characters(tmp_path, option) -> None:
    (tmp_path / "s.json").write_text(json.dumps({"SecurityGroupRules": [GOOD]}))
    result = eks_sg("audit", *NODE_ONLY, *option, "--input", str(tmp_path / "s.json"))
    assert result.returncode == 2
    assert "unknown" in result.stderr
    assert not any(c in result.stderr for c in "\x1b\u2028")
    assert "Traceback" not in result.stderr


SNAPSHOT = ROOT / "tests" / "fixtures" / "audit" / "snapshot.json"
RESTRICTED = ["--with", "restricted-egress", "--param", "s3-prefix-list=pl-0123456789abcdef0",
              "--param", "vpc-cidr=10.0.0.0/16"]  # fmt: skip


def _restricted(path) -> dict:
    result = eks_sg("audit", *NODE_ONLY, *RESTRICTED, "--input", str(path), "--format", "json")
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    jsonschema.Draft202012Validator(REPORT).validate(report)
    return report


def test_all_egress_to_0_0_0_0_0_carries_the_flow_to_s3s_prefix_list() -> None:
    # EC2: a rule to 0.0.0.0/0 contains every IPv4 address, S3's prefix-list entries too; the
    # snapshot's control-plane groups keep EC2's default allow-all egress.
    report = _restricted(SNAPSHOT)
    assert [m["rule"] for m in report["missing"]] == []
    s3 = [p for p in report["present"] if p["rules"] == ["cluster-out-restricted-s3"]]
    assert len(s3) == 1


def test_without_ipv4_egress_the_flow_to_s3_is_missing(tmp_path) -> None:
    data = json.loads(SNAPSHOT.read_text())
    control_plane = {"sg-03a4ad6c4ef6a08da", "sg-f7751dcf51307f6b0"}
    kept = [
        r
        for r in data["SecurityGroupRules"]
        if not (
            r["GroupId"] in control_plane and r["IsEgress"] and r.get("CidrIpv4") == "0.0.0.0/0"
        )
    ]
    (tmp_path / "s.json").write_text(json.dumps({"SecurityGroupRules": kept}))
    missing = {(m["rule"], m["half"]) for m in _restricted(tmp_path / "s.json")["missing"]}
    assert ("cluster-out-restricted-s3", "egress") in missing  # ::/0 holds no IPv4 address
