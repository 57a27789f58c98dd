"""The Config rule's deployment: cfn-lint and terraform validate clean, and moto's
CloudFormation creates the role and the function from the published template.

Moto gap (moto 5.2): its CloudFormation skips `AWS::Config::ConfigRule` (not implemented);
the rule's Properties are Config's `ConfigRule` API structure, so they are put with
`put_config_rule` against the function the stack created.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

import boto3
import pytest
from aws_tools import moto_server
from helpers import ROOT
from tf_tools import Terraform

from gen.formats import config_rule_stack as stack

TEMPLATE = ROOT / stack.TEMPLATE
MODULE = ROOT / stack.TERRAFORM


def cfn_lint(path: Path):
    import subprocess

    cli = Path(sys.executable).parent / "cfn-lint"
    return subprocess.run([str(cli), str(path)], capture_output=True, text=True, check=False)


def test_the_template_is_cfn_lint_clean():
    result = cfn_lint(TEMPLATE)
    assert (result.returncode, result.stdout) == (0, "")


def test_cfn_lint_sees_a_broken_template(tmp_path):
    """A control: the same run reports a misspelt rule property."""
    broken = tmp_path / "broken.json"
    broken.write_text(TEMPLATE.read_text().replace('"ConfigRuleName"', '"ConfigRuleNam"'))
    assert cfn_lint(broken).returncode != 0


def test_the_published_files_are_what_the_format_renders(ref):
    assert stack.render(ref) == {stack.TEMPLATE: TEMPLATE.read_text(),
                                 stack.TERRAFORM: MODULE.read_text()}  # fmt: skip


def test_the_role_allows_only_what_the_handler_calls():
    """Least privilege: every action is one the code calls (gen/aws/clusters.py PERMISSIONS
    plus the Config and Security Hub calls of gen/audit/config_rule.py)."""
    from gen.aws import clusters

    body = json.loads(TEMPLATE.read_text())
    role = body["Resources"]["FunctionRole"]["Properties"]
    actions = {a for s in role["Policies"][0]["PolicyDocument"]["Statement"] for a in s["Action"]}
    called = {p.split()[0] for p in clusters.PERMISSIONS.values()} - {"sts:GetCallerIdentity"}
    called |= {"config:PutEvaluations", "securityhub:BatchImportFindings",
               "securityhub:GetFindings"}  # fmt: skip
    assert actions == called
    assert role["ManagedPolicyArns"] == [stack.LOGS]


@pytest.mark.terraform
def test_the_terraform_module_is_fmt_clean_and_valid(tmp_path):
    tf = Terraform(tmp_path / "cli")
    work = tmp_path / "module"
    work.mkdir()
    (work / "main.tf").write_text(MODULE.read_text())
    (work / "versions.tf").write_text(
        "terraform {\n  required_providers {\n    aws = {\n"
        '      source = "hashicorp/aws"\n    }\n  }\n}\n'
    )
    tf.run(work, "fmt", "-check", "-diff")
    tf.run(work, "init", "-backend=false")
    result = tf.run(work, "validate")
    assert "Success" in result.stdout


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("gen/__init__.py", "")
    return buffer.getvalue()


@pytest.mark.moto
def test_moto_creates_the_role_the_function_and_the_rule():
    with moto_server() as url:
        keys = {"endpoint_url": url, "region_name": "us-east-1", "aws_access_key_id": "test",
                "aws_secret_access_key": "test"}  # fmt: skip
        s3 = boto3.client("s3", **keys)
        s3.create_bucket(Bucket="code")
        s3.put_object(Bucket="code", Key="eks-sg-config-rule.zip", Body=_zip())
        cfn = boto3.client("cloudformation", **keys)
        cfn.create_stack(StackName="eks-sg-audit", TemplateBody=TEMPLATE.read_text(),
                         Parameters=[{"ParameterKey": "CodeBucket", "ParameterValue": "code"}],
                         Capabilities=["CAPABILITY_IAM"])  # fmt: skip
        made = cfn.describe_stack_resources(StackName="eks-sg-audit")["StackResources"]
        by_id = {r.get("LogicalResourceId"): r.get("PhysicalResourceId") for r in made}
        assert {"FunctionRole", "Function"} <= set(by_id)
        function = boto3.client("lambda", **keys).get_function(FunctionName=by_id["Function"])
        config = function["Configuration"]
        assert (config["Handler"], config["Runtime"]) == (stack.HANDLER, stack.RUNTIME)
        role = boto3.client("iam", **keys).get_role(RoleName=by_id["FunctionRole"])["Role"]
        assert config["Role"] == role["Arn"]

        rule = json.loads(TEMPLATE.read_text())["Resources"]["Rule"]["Properties"]
        rule["Source"]["SourceIdentifier"] = config["FunctionArn"]
        rule["InputParameters"] = json.dumps({"with": "", "securityHub": "true"})
        for detail in rule["Source"]["SourceDetails"]:
            if "MaximumExecutionFrequency" in detail:
                detail["MaximumExecutionFrequency"] = "TwentyFour_Hours"
        aws_config = boto3.client("config", **keys)
        aws_config.put_config_rule(ConfigRule=rule)
        [found] = aws_config.describe_config_rules()["ConfigRules"]
        assert found["Source"]["SourceIdentifier"] == config["FunctionArn"]
        assert found["Scope"]["ComplianceResourceTypes"] == list(stack.SCOPE)
        assert [d["MessageType"] for d in found["Source"]["SourceDetails"]] == list(stack.TRIGGERS)
