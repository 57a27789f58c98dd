"""The deployment of the audit as an AWS Config custom rule, as CloudFormation and Terraform.

Both deploy the same four things: the Lambda function (`gen.audit.config_rule.handler`, code
from the zip `docs/organisation.md` says how to build from the wheel), its role with the
least privilege the handler uses (read-only EKS and EC2 describes, `config:PutEvaluations`,
Security Hub import into the account's own product), Config's permission to invoke it, and the
Config rule (configuration changes of `AWS::EKS::Cluster` and `AWS::EC2::SecurityGroup`, and a
periodic run); optionally an organization rule for every account. The policy is data, once,
written out by `json` (CloudFormation) and `hcl.string` (Terraform): nothing is pasted as code.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any

from gen.formats import hcl
from gen.formats.paths import DOWNLOADS
from gen.reference import release
from gen.reference.model import Reference

FOLDER = DOWNLOADS / "config-rule"
TEMPLATE = FOLDER / "eks-sg-config-rule.json"
TERRAFORM = FOLDER / "terraform" / "main.tf"
HANDLER = "gen.audit.config_rule.handler"
RUNTIME = "python3.12"
TRIGGERS = (
    "ConfigurationItemChangeNotification",
    "OversizedConfigurationItemChangeNotification",
    "ScheduledNotification",
)
SCOPE = ("AWS::EKS::Cluster", "AWS::EC2::SecurityGroup")
FREQUENCIES = ("One_Hour", "Three_Hours", "Six_Hours", "Twelve_Hours", "TwentyFour_Hours")
READ = (
    "eks:ListClusters",
    "eks:DescribeCluster",
    "eks:ListNodegroups",
    "eks:DescribeNodegroup",
    "ec2:DescribeSecurityGroups",
    "ec2:DescribeSecurityGroupRules",
    "ec2:DescribeVpcs",
    "ec2:DescribeLaunchTemplateVersions",
    "ec2:DescribeSubnets",
    "ec2:DescribeNetworkInterfaces",
)
"""What the handler reads (gen/aws/clusters.py); none of these takes a resource ARN."""
MEMBER_ENV = '{ EKS_SG_MEMBER_ROLE = var.organization_rule ? var.member_role_name : "" }'
LOGS = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"


def statements(region: Any, account: Any, member: Any) -> list[dict[str, Any]]:
    """The function's policy; `region`/`account`/`member` (the member role's ARN in every
    account) are whatever the target writes for them."""
    product = {"Fn::Sub": "arn:${AWS::Partition}:securityhub:${AWS::Region}:${AWS::AccountId}:"
               "product/${AWS::AccountId}/default"} if region is None else (
        f"arn:aws:securityhub:{region}:{account}:product/{account}/default")  # fmt: skip
    return [
        {"Sid": "ReadClusters", "Effect": "Allow", "Action": list(READ), "Resource": "*"},
        {"Sid": "Evaluate", "Effect": "Allow", "Action": ["config:PutEvaluations"],
         "Resource": "*"},
        {"Sid": "ImportFindings", "Effect": "Allow", "Action": ["securityhub:BatchImportFindings"],
         "Resource": product},
        {"Sid": "ResolveFindings", "Effect": "Allow", "Action": ["securityhub:GetFindings"],
         "Resource": "*"},
        {"Sid": "MemberAccounts", "Effect": "Allow", "Action": ["sts:AssumeRole"],
         "Resource": member},
    ]  # fmt: skip


def _parameters() -> dict[str, Any]:
    return {
        "CodeBucket": {"Type": "String", "Description": "S3 bucket holding the function's zip"},
        "CodeKey": {"Type": "String", "Default": "eks-sg-config-rule.zip",
                    "Description": "S3 key of the zip (see docs/organisation.md)"},
        "DefaultSetup": {"Type": "String", "Default": "",
                         "Description": "Categories of clusters without an eks-sg/with tag"},
        "SecurityHub": {"Type": "String", "Default": "true", "AllowedValues": ["true", "false"]},
        "Frequency": {"Type": "String", "Default": "TwentyFour_Hours",
                      "AllowedValues": list(FREQUENCIES)},
        "MemberRoleName": {"Type": "String", "Default": "eks-sg-audit",
                           "Description": "With OrganizationRule: the role the function assumes "
                           "in each member account (the same policy as FunctionRole's)"},
        "OrganizationRule": {"Type": "String", "Default": "false",
                             "AllowedValues": ["true", "false"],
                             "Description": "Also an organization rule (management or "
                             "delegated administrator account only)"},
    }  # fmt: skip


def _inputs() -> dict[str, Any]:
    return {"Fn::Sub": '{"with": "${DefaultSetup}", "securityHub": "${SecurityHub}"}'}


def _resources() -> dict[str, Any]:
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
             "Principal": {"Service": "lambda.amazonaws.com"}}]}  # fmt: skip
    member = {"Fn::Sub": "arn:${AWS::Partition}:iam::*:role/${MemberRoleName}"}
    policy = {"Version": "2012-10-17", "Statement": statements(None, None, member)}
    details = [{"EventSource": "aws.config", "MessageType": t} for t in TRIGGERS[:2]]
    details.append({"EventSource": "aws.config", "MessageType": TRIGGERS[2],
                    "MaximumExecutionFrequency": {"Ref": "Frequency"}})  # fmt: skip
    return {
        "FunctionRole": {"Type": "AWS::IAM::Role", "Properties": {
            "AssumeRolePolicyDocument": trust, "ManagedPolicyArns": [LOGS],
            "Policies": [{"PolicyName": "eks-sg-audit", "PolicyDocument": policy}]}},
        "Function": {"Type": "AWS::Lambda::Function", "Properties": {
            "Runtime": RUNTIME, "Handler": HANDLER, "Timeout": 300, "MemorySize": 512,
            "Role": {"Fn::GetAtt": ["FunctionRole", "Arn"]},
            "Environment": {"Variables": {"EKS_SG_MEMBER_ROLE": {
                "Fn::If": ["Organization", {"Ref": "MemberRoleName"}, ""]}}},
            "Code": {"S3Bucket": {"Ref": "CodeBucket"}, "S3Key": {"Ref": "CodeKey"}}}},
        "ConfigPermission": {"Type": "AWS::Lambda::Permission", "Properties": {
            "Action": "lambda:InvokeFunction", "FunctionName": {"Fn::GetAtt": ["Function", "Arn"]},
            "Principal": "config.amazonaws.com", "SourceAccount": {"Ref": "AWS::AccountId"}}},
        "Rule": {"Type": "AWS::Config::ConfigRule", "DependsOn": "ConfigPermission",
                 "Properties": {
            "ConfigRuleName": "eks-sg-audit",
            "Description": "EKS clusters whose security groups lack flows their setup needs",
            "Scope": {"ComplianceResourceTypes": list(SCOPE)},
            "InputParameters": _inputs(),
            "Source": {"Owner": "CUSTOM_LAMBDA", "SourceDetails": details,
                       "SourceIdentifier": {"Fn::GetAtt": ["Function", "Arn"]}}}},
        "OrgRule": {"Type": "AWS::Config::OrganizationConfigRule",
                             "Condition": "Organization", "DependsOn": "ConfigPermission",
                             "Properties": {
            "OrganizationConfigRuleName": "eks-sg-audit-organization",
            "OrganizationCustomRuleMetadata": {
                "LambdaFunctionArn": {"Fn::GetAtt": ["Function", "Arn"]},
                "OrganizationConfigRuleTriggerTypes": list(TRIGGERS),
                "ResourceTypesScope": list(SCOPE),
                "MaximumExecutionFrequency": {"Ref": "Frequency"},
                "InputParameters": _inputs()}}},
    }  # fmt: skip


def template(ref: Reference) -> str:
    """The CloudFormation template (JSON, which CloudFormation reads as it reads YAML)."""
    body = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": f"eks-sg audit as an AWS Config rule; {release.versions(ref)}",
        "Parameters": _parameters(),
        "Conditions": {"Organization": {"Fn::Equals": [{"Ref": "OrganizationRule"}, "true"]}},
        "Resources": _resources(),
        "Outputs": {"FunctionArn": {"Value": {"Fn::GetAtt": ["Function", "Arn"]}},
                    "RuleName": {"Value": {"Ref": "Rule"}}},
    }  # fmt: skip
    return json.dumps(body, indent=2) + "\n"


def _variable(name: str, kind: str, default: str | None, what: str) -> str:
    pairs = [("type", kind), ("description", hcl.string(what))]
    pairs += [("default", default)] if default is not None else []
    return hcl.block(f'variable "{name}"', pairs)


def _trigger(kind: str) -> str:
    pairs = [("message_type", hcl.string(kind))]
    if kind == "ScheduledNotification":
        pairs.append(("maximum_execution_frequency", "var.frequency"))
    return hcl.block("source_detail", pairs, indent="    ")


def terraform(ref: Reference) -> str:
    """The same deployment as a Terraform module (AWS provider, no provider block)."""
    policy = {"Version": "2012-10-17",
              "Statement": statements("REGION", "ACCOUNT", "MEMBER")}  # fmt: skip
    policy_text = hcl.string(json.dumps(policy)).replace("REGION", "${local.region}")
    policy_text = policy_text.replace("ACCOUNT", "${local.account}")
    policy_text = policy_text.replace("MEMBER", "arn:aws:iam::*:role/${local.member_role}")
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
             "Principal": {"Service": "lambda.amazonaws.com"}}]}  # fmt: skip
    triggers = "".join(_trigger(t) for t in TRIGGERS)
    inputs = "jsonencode({ with = var.default_setup, securityHub = tostring(var.security_hub) })"
    scope = ", ".join(hcl.string(s) for s in SCOPE)
    parts = [
        f"# eks-sg audit as an AWS Config rule; {release.versions(ref)}\n",
        _variable("code_bucket", "string", None, "S3 bucket holding the function's zip"),
        _variable("code_key", "string", hcl.string("eks-sg-config-rule.zip"), "S3 key of the zip"),
        _variable("default_setup", "string", '""', "Categories of clusters without the tag"),
        _variable("security_hub", "bool", "true", "Import findings into Security Hub"),
        _variable("frequency", "string", hcl.string("TwentyFour_Hours"), "Periodic run"),
        _variable("organization_rule", "bool", "false", "Also an organization rule"),
        _variable("member_role_name", "string", hcl.string("eks-sg-audit"),
                  "With organization_rule: the role assumed in each member account"),
        'data "aws_region" "current" {}\n',
        'data "aws_caller_identity" "current" {}\n',
        hcl.block("locals", [("region", "data.aws_region.current.name"),
                             ("account", "data.aws_caller_identity.current.account_id"),
                             ("member_role", "var.member_role_name")]),
        hcl.block('resource "aws_iam_role" "function"', [
            ("name_prefix", hcl.string("eks-sg-audit-")),
            ("assume_role_policy", hcl.string(json.dumps(trust)))]),
        hcl.block('resource "aws_iam_role_policy" "function"', [
            ("role", "aws_iam_role.function.id"), ("policy", policy_text)]),
        hcl.block('resource "aws_iam_role_policy_attachment" "logs"', [
            ("role", "aws_iam_role.function.name"), ("policy_arn", hcl.string(LOGS))]),
        hcl.block('resource "aws_lambda_function" "audit"', [
            ("function_name", hcl.string("eks-sg-audit")), ("role", "aws_iam_role.function.arn"),
            ("runtime", hcl.string(RUNTIME)), ("handler", hcl.string(HANDLER)),
            ("s3_bucket", "var.code_bucket"), ("s3_key", "var.code_key"),
            ("timeout", "300"), ("memory_size", "512")],
            hcl.block("environment", [("variables", MEMBER_ENV)], indent="  ")),
        hcl.block('resource "aws_lambda_permission" "config"', [
            ("statement_id", hcl.string("AllowConfig")),
            ("action", hcl.string("lambda:InvokeFunction")),
            ("function_name", "aws_lambda_function.audit.function_name"),
            ("principal", hcl.string("config.amazonaws.com")),
            ("source_account", "local.account")]),
        hcl.block('resource "aws_config_config_rule" "audit"', [
            ("name", hcl.string("eks-sg-audit")), ("input_parameters", inputs),
            ("depends_on", "[aws_lambda_permission.config]")],
            hcl.block("scope", [("compliance_resource_types", f"[{scope}]")], indent="  "),
            hcl.block("source", [("owner", hcl.string("CUSTOM_LAMBDA")),
                                 ("source_identifier", "aws_lambda_function.audit.arn")],
                      triggers, indent="  ")),
        hcl.block('resource "aws_config_organization_custom_rule" "audit"', [
            ("count", "var.organization_rule ? 1 : 0"),
            ("name", hcl.string("eks-sg-audit-organization")),
            ("lambda_function_arn", "aws_lambda_function.audit.arn"),
            ("trigger_types", "[" + ", ".join(hcl.string(t) for t in TRIGGERS) + "]"),
            ("resource_types_scope", f"[{scope}]"),
            ("maximum_execution_frequency", "var.frequency"),
            ("input_parameters", inputs), ("depends_on", "[aws_lambda_permission.config]")]),
    ]  # fmt: skip
    return "\n".join(parts)


def render(ref: Reference) -> dict[PurePosixPath, str]:
    return {TEMPLATE: template(ref), TERRAFORM: terraform(ref)}
