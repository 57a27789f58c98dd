"""The published whole-reference Terraform module, applied by the real terraform (AWS provider
from the local mirror) against moto's EC2, then read back with describe-security-groups.

Moto gaps (moto 5.2, provider 5.100): describe-security-group-rules returns
`referenced_security_group_id` as `ACCOUNT/sg-...` and drops the Description of
group-referenced and prefix-list rules, so a second `terraform plan` shows in-place updates of
exactly those two attributes that real AWS would not: the test asserts the plan has nothing
else. describe-security-groups drops prefix-list descriptions (not compared, as in
test_aws_scripts_moto.py). The groups start without EC2's default egress rule, as groups made
by Terraform's aws_security_group do (the reference's egress-all rules would be duplicates).

A setup's module is also applied onto real-shaped groups: made through the EC2 API (with EC2's
default egress) and as aws_security_group makes them (without), the EKS cluster group with the
rules EKS creates in both: no InvalidPermission.Duplicate, and a second plan changes nothing
but moto's known differences.
"""

from __future__ import annotations

import json
import shutil

import pytest
from aws_tools import FAKE_CREDENTIALS, moto_server
from helpers import ROOT
from moto_groups import _client, described, expected, new_groups, parameter_values
from tf_tools import Terraform

from gen.aws.commands import Values
from gen.formats import paths, terraform
from gen.formats.hcl import aligned, string
from gen.reference.model import Reference
from gen.select import Setup, everything, select

pytestmark = [pytest.mark.terraform, pytest.mark.moto]


def _without_default_egress(endpoint: str, groups: dict[str, str]) -> None:
    client = _client(endpoint)
    for sg in groups.values():
        for perm in client.describe_security_groups(GroupIds=[sg])["SecurityGroups"][0][
            "IpPermissionsEgress"
        ]:
            client.revoke_security_group_egress(GroupId=sg, IpPermissions=[perm])


def _root(endpoint: str, ref: Reference, groups: dict[str, str], values: dict[str, str]) -> str:
    args = [("source", '"./rules"')]
    args += [(terraform.role_variable(g), string(sg)) for g, sg in groups.items()]
    for p in ref.parameters:
        value = values[p.id]
        args.append(
            (terraform.parameter_variable(p.id), value if p.kind == "port" else string(value))
        )
    provider = [("region", '"us-east-1"'), ("access_key", '"test"'), ("secret_key", '"test"'),
                ("skip_credentials_validation", "true"), ("skip_requesting_account_id", "true"),
                ("skip_metadata_api_check", "true")]  # fmt: skip
    endpoints = aligned([("ec2", string(endpoint)), ("sts", string(endpoint))], "    ")
    return (
        'provider "aws" {\n' + "\n".join(aligned(provider, "  ")) + "\n\n  endpoints {\n"
        + "\n".join(endpoints) + "\n  }\n}\n\n"
        'module "rules" {\n' + "\n".join(aligned(args, "  ")) + "\n}\n"
    )  # fmt: skip


@pytest.mark.slow("terraform apply, plan and destroy of every rule against moto")
def test_apply_plan_destroy_the_whole_reference(tmp_path, ref: Reference) -> None:
    tf = Terraform(tmp_path / "cli")
    with moto_server() as endpoint:
        groups = new_groups(endpoint, ref)
        _without_default_egress(endpoint, groups)
        values = parameter_values(endpoint, ref)
        (tmp_path / "rules").mkdir()
        shutil.copy(ROOT / paths.terraform(), tmp_path / "rules" / "main.tf")
        module = (ROOT / paths.terraform()).read_text()  # a parameter no rule uses: not declared
        (tmp_path / "main.tf").write_text(_setup_root(endpoint, ref, module, groups, values))
        env = dict(FAKE_CREDENTIALS)
        tf.run(tmp_path, "init", **env)
        tf.run(tmp_path, "apply", "-auto-approve", "-parallelism=20", **env)
        assert described(endpoint, groups) == expected(ref, values, everything(ref).rules)

        tf.run(tmp_path, "plan", "-out=again.plan", **env)
        plan = json.loads(tf.run(tmp_path, "show", "-json", "again.plan", **env).stdout)
        by_name = {terraform.resource_name(r): r for r in ref.rules}
        updates = 0
        for change in plan["resource_changes"]:
            actions = change["change"]["actions"]
            assert actions in (["no-op"], ["update"]), change["address"]
            if actions == ["update"]:
                updates += 1
                _only_moto_differences(change, by_name[change["name"]], groups)
        assert updates > 0  # the gap is real here; if moto fixes it, this says so

        # the plan has just read every rule back: the state is EC2's, no second refresh
        tf.run(tmp_path, "destroy", "-auto-approve", "-refresh=false", "-parallelism=20", **env)
        assert described(endpoint, groups) == set()


def _only_moto_differences(change: dict, rule, groups: dict[str, str]) -> None:
    """The plan's update changes only what moto reports differently from AWS."""
    before, after = change["change"]["before"], change["change"]["after"]
    differing = {k for k in after if before.get(k) != after.get(k)}
    assert differing <= {"referenced_security_group_id", "description"}, (
        change["address"],
        differing,
    )
    if "referenced_security_group_id" in differing:
        account, _, sg = before["referenced_security_group_id"].partition("/")
        assert (account, sg) == ("123456789012", after["referenced_security_group_id"])
    if "description" in differing:
        assert before["description"] is None
        assert after["description"] == rule.description
        assert rule.peer_kind in ("role", "self", "prefix-list")


SETUP = ("istio", "alb", "nlb", "metrics-server", "aws-load-balancer-controller", "ssh")


def _eks_defaults(endpoint: str, cluster: str) -> None:
    """What EKS puts on the cluster group besides EC2's egress: all traffic from and to itself."""
    client = _client(endpoint)
    pair = [{"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": cluster}]}]
    client.authorize_security_group_ingress(GroupId=cluster, IpPermissions=pair)
    client.authorize_security_group_egress(GroupId=cluster, IpPermissions=pair)


def _declared(text: str) -> set[str]:
    return {line.split('"')[1] for line in text.splitlines() if line.startswith("variable ")}


def _setup_root(endpoint: str, ref: Reference, text: str, groups: dict, values: dict) -> str:
    """The root module for one setup's module: only the variables it declares."""
    declared = _declared(text)
    used = {g: sg for g, sg in groups.items() if terraform.role_variable(g) in declared}
    kept = ref.model_copy(update={"parameters": [
        p for p in ref.parameters if terraform.parameter_variable(p.id) in declared]})  # fmt: skip
    return _root(endpoint, kept, used, values)


@pytest.mark.slow("terraform init and apply against moto")
@pytest.mark.parametrize("created_by", ["ec2-api", "aws_security_group"])
def test_a_setup_applies_onto_real_shaped_groups(tmp_path, ref: Reference, created_by) -> None:
    from test_select import _reference_facts  # the data facts this branch asks for

    world = _reference_facts(ref)
    tf = Terraform(tmp_path / "cli")
    with moto_server() as endpoint:
        groups = new_groups(endpoint, world)
        if created_by == "aws_security_group":  # EKS creates the cluster group with its egress
            _without_default_egress(endpoint, {r: sg for r, sg in groups.items() if r != "cluster"})
        _eks_defaults(endpoint, groups["cluster"])
        before = described(endpoint, groups)
        egress = tuple(groups) if created_by == "ec2-api" else ()
        selection = select(world, Setup(SETUP, egress_default=egress))
        values = parameter_values(endpoint, world)
        text = terraform.render_selection(world, selection, Values.variables(world))
        (tmp_path / "rules").mkdir()
        (tmp_path / "rules" / "main.tf").write_text(text)
        (tmp_path / "main.tf").write_text(_setup_root(endpoint, world, text, groups, values))
        env = dict(FAKE_CREDENTIALS)
        tf.run(tmp_path, "init", **env)
        tf.run(tmp_path, "apply", "-auto-approve", "-parallelism=20", **env)  # no Duplicate
        added = expected(world, values, selection.rules)
        assert described(endpoint, groups) == before | added
        # nodes get their egress from the module exactly when their group lacks EC2's
        assert ("node-out-all-ipv4" in {r.id for r in selection.rules}) == (not egress)

        tf.run(tmp_path, "plan", "-out=again.plan", **env)
        plan = json.loads(tf.run(tmp_path, "show", "-json", "again.plan", **env).stdout)
        by_name = {terraform.resource_name(r): r for r in world.rules}
        for change in plan["resource_changes"]:
            actions = change["change"]["actions"]
            assert actions in (["no-op"], ["update"]), change["address"]
            if actions == ["update"]:
                _only_moto_differences(change, by_name[change["name"]], groups)
