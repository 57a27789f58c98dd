"""`eks-sg discover` end to end against moto's EC2 and EKS, through the real entry point, with
the fixes applied by the real AWS CLI.

The VPC is built as terraform-aws-eks v20 (node_groups.tf, tag v20.31.0) leaves it by default:
the EKS cluster group (all traffic between its members, all egress), the module's cluster
group on the control plane (443 from nodes, no egress: Terraform removes AWS's), the module's
node group (443, 10250, 4443, 6443, 8443 and 9443 from the cluster group, DNS and 1025-65535
between nodes, all egress), both tagged for the cluster. Nodes hold their pods' addresses as
secondary private IPs; the control plane's interfaces carry both cluster groups.

Moto gaps (moto 5.2): `describe_cluster` has no `clusterSecurityGroupId` (so `--sg cluster=`
names it, as a user with an old saved file would); `private-ip-address` filters match only
the primary address (discover lists the VPC's interfaces and matches every address itself);
`InterfaceType="branch"` is read back as `interface` (the branch interface is known here by
the description the VPC CNI gives it, `aws-k8s-branch-eni`).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
from aws_tools import FAKE_CREDENTIALS, aws_executable, cli_env, moto_server
from helpers import ROOT
from tf_tools import Terraform

pytestmark = pytest.mark.moto
FIXTURES = Path(__file__).parent.parent / "fixtures" / "discover"
NAME = "demo"


@pytest.fixture(scope="module")
def endpoint():
    with moto_server() as url:
        yield url


def client(endpoint: str, service: str = "ec2"):
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="test", aws_secret_access_key="test")  # fmt: skip


def group(ec2, vpc: str, name: str, tags: dict[str, str], keep_egress: bool = True) -> str:
    sg = ec2.create_security_group(GroupName=name, Description=name, VpcId=vpc)["GroupId"]
    ec2.create_tags(Resources=[sg], Tags=[{"Key": k, "Value": v} for k, v in tags.items()])
    if not keep_egress:
        ec2.revoke_security_group_egress(GroupId=sg, IpPermissions=[
            {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])  # fmt: skip
    return sg


def ingress(ec2, sg: str, low: int, high: int, peer: str, protocol: str = "tcp") -> None:
    ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[{
        "IpProtocol": protocol, "FromPort": low, "ToPort": high,
        "UserIdGroupPairs": [{"GroupId": peer}]}])  # fmt: skip


def interface(ec2, subnet: str, groups: list[str], ips: list[str], description: str = "",
              kind: str | None = None) -> str:  # fmt: skip
    extra = {"InterfaceType": kind} if kind else {}
    eni = ec2.create_network_interface(SubnetId=subnet, Groups=groups, PrivateIpAddress=ips[0],
                                       Description=description, **extra)  # fmt: skip
    eni_id = eni["NetworkInterface"]["NetworkInterfaceId"]
    if ips[1:]:
        ec2.assign_private_ip_addresses(NetworkInterfaceId=eni_id, PrivateIpAddresses=ips[1:])
    return eni_id


def terraform_aws_eks_defaults(endpoint: str, name: str = NAME) -> dict[str, str]:
    """A VPC as terraform-aws-eks v20.31.0 leaves it by default; the ids by role."""
    ec2 = client(endpoint)
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
    owned = {f"kubernetes.io/cluster/{name}": "owned"}
    ids = {"vpc": vpc, "subnet": subnet}
    ids["cluster"] = group(
        ec2, vpc, f"eks-cluster-sg-{name}-1", {**owned, "aws:eks:cluster-name": name}
    )
    ids["control-plane"] = group(ec2, vpc, f"{name}-cluster", {"Name": f"{name}-cluster"}, False)
    ids["node"] = group(ec2, vpc, f"{name}-node", {**owned, "karpenter.sh/discovery": name})
    ingress(ec2, ids["cluster"], -1, -1, ids["cluster"], "-1")
    ingress(ec2, ids["control-plane"], 443, 443, ids["node"])
    for port in (443, 10250, 4443, 6443, 8443, 9443):
        ingress(ec2, ids["node"], port, port, ids["control-plane"])
    for protocol in ("tcp", "udp"):
        ingress(ec2, ids["node"], 53, 53, ids["node"], protocol)
    ingress(ec2, ids["node"], 1025, 65535, ids["node"])
    node_ips = ([f"10.0.1.1{i}" for i in range(5)], [f"10.0.1.2{i}" for i in range(5)])
    for ips in node_ips:
        interface(ec2, subnet, [ids["node"]], ips, "aws-K8S-i-0123")
    for ip in ("10.0.1.100", "10.0.1.101"):
        interface(ec2, subnet, [ids["cluster"], ids["control-plane"]], [ip], f"Amazon EKS {name}")
    client(endpoint, "eks").create_cluster(
        name=name, roleArn="arn:aws:iam::123456789012:role/eks",
        resourcesVpcConfig={"subnetIds": [subnet], "securityGroupIds": [ids["control-plane"]]},
    )  # fmt: skip
    return ids


def discover(endpoint: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gen", "discover", *args], cwd=ROOT,
                          env=cli_env(endpoint), capture_output=True, text=True, check=False)  # fmt: skip


def verdicts(report: dict) -> dict[str, str]:
    return {f"{t['kind']}/{t['name']}": t["verdict"] for t in report["targets"]}


def run_sh(endpoint: str, commands: list[str]) -> None:
    run = subprocess.run(["sh", "-c", "set -e\n" + "\n".join(commands) + "\n"],
                         env=cli_env(endpoint), capture_output=True, text=True, check=False)  # fmt: skip
    assert run.returncode == 0, run.stderr


def save(endpoint: str, path: Path, *args: str) -> Path:
    """What the docs tell a user to save: the real AWS CLI's JSON."""
    out = subprocess.run([aws_executable(), *args, "--output", "json"], env=cli_env(endpoint),
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    path.write_text(out)
    return path


def saved_inputs(endpoint: str, ids: dict[str, str], tmp: Path) -> list[str]:
    groups = client(endpoint).describe_security_groups(
        Filters=[{"Name": "vpc-id", "Values": [ids["vpc"]]}])["SecurityGroups"]  # fmt: skip
    values = ",".join(g["GroupId"] for g in groups)
    vpc = f"Name=vpc-id,Values={ids['vpc']}"
    files = [
        save(endpoint, tmp / "cluster.json", "eks", "describe-cluster", "--name", NAME),
        save(endpoint, tmp / "enis.json", "ec2", "describe-network-interfaces", "--filters", vpc),
        save(endpoint, tmp / "groups.json", "ec2", "describe-security-groups", "--filters", vpc),
        save(endpoint, tmp / "rules.json", "ec2", "describe-security-group-rules", "--filters",
             f"Name=group-id,Values={values}"),
    ]  # fmt: skip
    return [f"--input={f}" for f in files]


DEMO_OPEN = {
    "MutatingWebhookConfiguration/aws-load-balancer-webhook/mpod.elbv2.k8s.aws",
    "MutatingWebhookConfiguration/aws-load-balancer-webhook/mservice.elbv2.k8s.aws",
    "MutatingWebhookConfiguration/aws-load-balancer-webhook/mtargetgroupbinding.elbv2.k8s.aws",
    "ValidatingWebhookConfiguration/aws-load-balancer-webhook/vingressclassparams.elbv2.k8s.aws",
    "ValidatingWebhookConfiguration/aws-load-balancer-webhook/vtargetgroupbinding.elbv2.k8s.aws",
    "ValidatingWebhookConfiguration/aws-load-balancer-webhook/vingress.elbv2.k8s.aws",
    "CustomResourceDefinition/nodepools.karpenter.sh",
    "CustomResourceDefinition/nodeclaims.karpenter.sh",
    "CustomResourceDefinition/ec2nodeclasses.karpenter.k8s.aws",
}
DEMO_BLOCKED = {
    "MutatingWebhookConfiguration/istio-sidecar-injector/rev.namespace.sidecar-injector.istio.io",
    "MutatingWebhookConfiguration/istio-sidecar-injector/rev.object.sidecar-injector.istio.io",
    "MutatingWebhookConfiguration/istio-sidecar-injector/namespace.sidecar-injector.istio.io",
    "MutatingWebhookConfiguration/istio-sidecar-injector/object.sidecar-injector.istio.io",
    "ValidatingWebhookConfiguration/istio-validator-istio-system/rev.validation.istio.io",
}


def test_demo_istio_lb_controller_karpenter_on_terraform_aws_eks_defaults(endpoint, tmp_path):
    """The issue's done-when: exactly istiod's 15017 is blocked, with its fix; the LB
    controller (9443) and Karpenter's conversion webhooks (8443) are open, and by which rules.
    After the printed aws-cli fix runs through the real AWS CLI, everything is open, exit 0."""
    ids = terraform_aws_eks_defaults(endpoint)
    args = ["--kubernetes", str(FIXTURES / "demo.json"), "--cluster", NAME,
            f"--sg=cluster={ids['cluster']}"]  # fmt: skip
    table = discover(endpoint, *args)
    print(table.stdout)  # the report's demo: pytest -s shows it
    assert table.returncode == 1, table.stderr
    result = discover(endpoint, *args, "--format", "json")
    report = json.loads(result.stdout)
    found = verdicts(report)
    assert {k for k, v in found.items() if v == "blocked"} == DEMO_BLOCKED
    assert {k for k, v in found.items() if v == "open"} == DEMO_OPEN
    istiod = [t for t in report["targets"] if t["verdict"] == "blocked"]
    assert {(t["service"], t["port"], t["category"]) for t in istiod} == {
        ("istio-system/istiod", 15017, "istio")
    }
    assert [(f["group"], f["direction"], f["port"], f["peer"]) for f in report["fixes"]] == [
        (ids["node"], "inbound", 15017, ids["control-plane"])
    ]
    assert "the target's ingress missing" in istiod[0]["why"]
    lbc = next(
        t for t in report["targets"] if t["service"].endswith("aws-load-balancer-webhook-service")
    )
    assert lbc["category"] == "aws-load-balancer-controller"
    assert "ingress by sgr-" in lbc["why"]
    karpenter = next(t for t in report["targets"] if t["kind"] == "CustomResourceDefinition")
    assert karpenter["category"] == "karpenter"
    assert f"on {ids['node']} (tcp 8443-8443 from {ids['control-plane']})" in karpenter["why"]

    offline = discover(endpoint, "--kubernetes", str(FIXTURES / "demo.json"),
                       f"--sg=cluster={ids['cluster']}", *saved_inputs(endpoint, ids, tmp_path),
                       "--format", "json")  # fmt: skip
    assert offline.returncode == 1, offline.stderr
    assert json.loads(offline.stdout) == report

    run_sh(endpoint, [f["aws-cli"] for f in report["fixes"]])
    after = discover(endpoint, *args, "--format", "json")
    assert after.returncode == 0, after.stdout
    assert set(verdicts(json.loads(after.stdout)).values()) == {"open"}


def test_addons_fargate_branch_interface_host_network_overlay(endpoint):
    """metrics-server (chart on 10250, the EKS add-on on Fargate on 10251), cert-manager,
    Kyverno on a branch interface with its own group, and the edge cases, each reported."""
    ids = terraform_aws_eks_defaults(endpoint, "addons")
    ec2 = client(endpoint)
    pod_sg = group(ec2, ids["vpc"], "kyverno-pod", {})
    interface(ec2, ids["subnet"], [ids["cluster"]], ["10.0.1.30"], "[fargate] metrics-server")
    interface(ec2, ids["subnet"], [pod_sg], ["10.0.1.40"], "aws-k8s-branch-eni", "branch")
    args = ["--kubernetes", str(FIXTURES / "addons.json"), "--cluster", "addons",
            f"--sg=cluster={ids['cluster']}", "--format", "json"]  # fmt: skip
    result = discover(endpoint, *args)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    by_service = {(t["service"], t["port"]): t for t in report["targets"]}
    assert by_service[("kube-system/metrics-server", 10250)]["verdict"] == "open"
    assert by_service[("kube-system/metrics-server", 10250)]["category"] == "metrics-server"
    fargate = by_service[("eks-addons/metrics-server", 10251)]
    assert (fargate["verdict"], fargate["groups"]) == ("open", [ids["cluster"]])
    assert "Fargate pod" in fargate["addresses"][0]["note"]
    cert = by_service[("cert-manager/cert-manager-webhook", 10250)]
    assert (cert["verdict"], cert["category"]) == ("open", "cert-manager")
    kyverno = by_service[("kyverno/kyverno-svc", 9443)]
    assert (kyverno["verdict"], kyverno["groups"]) == ("blocked", [pod_sg])
    assert "branch interface" in kyverno["addresses"][0]["note"]
    host = by_service[("edge/host-webhook", 9444)]
    assert host["verdict"] == "blocked"
    assert "hostNetwork" in host["addresses"][0]["note"]
    overlay = by_service[("edge/overlay-webhook", 9445)]
    assert overlay["verdict"] == "unknown"
    assert "overlay" in overlay["why"]
    url = next(t for t in report["targets"] if t["name"] == "external-policy/check.example.com")
    assert url["verdict"] == "unknown"
    idle = next(t for t in report["targets"] if t["name"] == "idle-webhook/idle.example.com")
    assert "no ready endpoints" in idle["why"]
    assert {(f["group"], f["port"]) for f in report["fixes"]} == {
        (pod_sg, 9443),
        (ids["node"], 9444),
    }
    run_sh(endpoint, [f["aws-cli"] for f in report["fixes"]])
    after = json.loads(discover(endpoint, *args).stdout)
    assert "blocked" not in set(verdicts(after).values())


def provider(endpoint: str) -> str:
    """The provider block that points terraform at moto (as tests/formats/test_terraform_moto.py)."""
    return (
        'provider "aws" {\n  region = "us-east-1"\n  access_key = "test"\n  secret_key = "test"\n'
        "  skip_credentials_validation = true\n  skip_requesting_account_id = true\n"
        f'  skip_metadata_api_check = true\n  endpoints {{\n    ec2 = "{endpoint}"\n'
        f'    sts = "{endpoint}"\n  }}\n}}\n'
    )


@pytest.mark.slow("terraform init and apply against moto")
@pytest.mark.terraform
def test_the_terraform_fix_applied_by_terraform_opens_istiod(endpoint, tmp_path):
    ids = terraform_aws_eks_defaults(endpoint, "tf")
    args = ["--kubernetes", str(FIXTURES / "demo.json"), "--cluster", "tf",
            f"--sg=cluster={ids['cluster']}", "--format", "json"]  # fmt: skip
    report = json.loads(discover(endpoint, *args).stdout)
    (tmp_path / "main.tf").write_text(
        provider(endpoint) + "".join(f["terraform"] for f in report["fixes"])
    )
    tf = Terraform(tmp_path / "cli")
    tf.run(tmp_path, "init", **FAKE_CREDENTIALS)
    tf.run(tmp_path, "apply", "-auto-approve", **FAKE_CREDENTIALS)
    after = discover(endpoint, *args)
    assert after.returncode == 0, after.stdout
    assert set(verdicts(json.loads(after.stdout)).values()) == {"open"}


def test_an_aws_error_exits_3_with_what_to_check(endpoint):
    result = discover(endpoint, "--kubernetes", str(FIXTURES / "demo.json"), "--cluster", "nope")
    assert result.returncode == 3
    assert result.stderr.startswith("eks-sg: AWS error: DescribeCluster: ResourceNotFoundException")
    assert "check the cluster name" in result.stderr
