"""The published whole-reference Terraform module, applied by the real terraform (AWS provider
from the local mirror) against moto's EC2, then read back with describe-security-groups.

Moto gaps (moto 5.2, provider 5.100): describe-security-group-rules returns
`referenced_security_group_id` as `ACCOUNT/sg-...` and drops the Description of
group-referenced and prefix-list rules, so a second `terraform plan` shows in-place updates of
exactly those two attributes that real AWS would not: the test asserts the plan has nothing
else. describe-security-groups drops prefix-list descriptions (not compared, as in
test_aws_scripts_moto.py). The groups start without EC2's default egress rule, as groups made
by Terraform's aws_security_group do (the reference's egress-all rules would be duplicates).
"""

from __future__ import annotations

import json
import shutil

import pytest
from aws_tools import FAKE_CREDENTIALS, moto_server
from helpers import ROOT
from moto_groups import _client, described, expected, new_groups, parameter_values
from tf_tools import Terraform

from gen.formats import paths, terraform
from gen.formats.hcl import aligned, string
from gen.reference.model import Reference

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


def test_apply_plan_destroy_the_whole_reference(tmp_path, ref: Reference) -> None:
    tf = Terraform(tmp_path / "cli")
    with moto_server() as endpoint:
        groups = new_groups(endpoint, ref)
        _without_default_egress(endpoint, groups)
        values = parameter_values(endpoint, ref)
        (tmp_path / "rules").mkdir()
        shutil.copy(ROOT / paths.terraform(), tmp_path / "rules" / "main.tf")
        (tmp_path / "main.tf").write_text(_root(endpoint, ref, groups, values))
        env = dict(FAKE_CREDENTIALS)
        tf.run(tmp_path, "init", **env)
        tf.run(tmp_path, "apply", "-auto-approve", "-parallelism=20", **env)
        assert described(endpoint, groups) == expected(ref, values)

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

        tf.run(tmp_path, "destroy", "-auto-approve", "-parallelism=20", **env)
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
