"""Reading security-group rules: from AWS with boto3, or from saved `describe-security-group-rules`
JSON. Both give `{group id: [SecurityGroupRules items]}`, so the audit cannot tell them apart.

Live reads use the standard credential chain, region and `AWS_ENDPOINT_URL`, botocore's
adaptive retry mode, and a few groups at a time. Every AWS failure becomes an `AwsError` that
says what AWS said and what to check (exit 3).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from gen.reference.words import printable

WORKERS = 4
MAX_ATTEMPTS = 10
PERMISSIONS = {
    "DescribeSecurityGroups": "ec2:DescribeSecurityGroups",
    "DescribeSecurityGroupRules": "ec2:DescribeSecurityGroupRules",
    "DescribeCluster": "eks:DescribeCluster",
}
_DENIED = ("AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthFailure")
_THROTTLED = ("Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequests")
Rules = dict[str, list[dict[str, Any]]]


class AwsError(Exception):
    """AWS refused or failed: exit 3, with AWS's words and what to check."""


class InputError(Exception):
    """The user's input cannot be read (a saved file, a missing boto3): a usage error, exit 2.
    The command line turns it into its own usage error; this module never imports it."""


def session():
    """A boto3 session from the standard chain (tests replace this to add hooks)."""
    try:
        import boto3
    except ImportError:
        raise InputError(
            "reading live groups needs boto3, which is not installed: with pipx, "
            "`pipx inject eks-sg-reference boto3`; with pip, install the wheel with its aws "
            "extra (`pip install 'eks_sg_reference-VERSION-py3-none-any.whl[aws]'`, in a clone "
            "`pip install -e '.[aws]'`); or audit a saved snapshot with --input"
        ) from None
    return boto3.session.Session()


def client(service: str):
    from botocore.config import Config

    config = Config(retries={"mode": "adaptive", "max_attempts": MAX_ATTEMPTS})
    return session().client(service, config=config)


def _hint(code: str, operation: str, attempts: int) -> str:
    if code in _DENIED:
        return f"the caller needs {PERMISSIONS.get(operation, operation)} (read-only)"
    if code.startswith("InvalidGroup"):
        return "check the group id, and that the region is the group's"
    if code == "ResourceNotFoundException":
        return "check the cluster name, and that the region is the cluster's"
    if code in _THROTTLED:
        return f"throttled after {attempts} retries (adaptive mode); run it again later"
    return "see AWS's message"


def _aws_error(err: Exception) -> AwsError:
    """A botocore exception as one line: the code, AWS's message, what to check."""
    from botocore.exceptions import ClientError

    if isinstance(err, ClientError):
        error = err.response.get("Error", {})
        code, message = error.get("Code", "?"), error.get("Message", str(err))
        attempts = err.response.get("ResponseMetadata", {}).get("RetryAttempts", 0)
        hint = _hint(code, err.operation_name, attempts)
        return AwsError(f"{err.operation_name}: {code}: {printable(message)}; {hint}")
    return AwsError(f"{type(err).__name__}: {printable(str(err))}; check the credentials, "
                    "the region (AWS_REGION) and AWS_ENDPOINT_URL")  # fmt: skip


def _guarded(action, *args):
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # no boto3 either: session() says how to add it (exit 2)
        session()
        raise

    try:
        return action(*args)
    except (ClientError, BotoCoreError) as err:
        raise _aws_error(err) from None


def _rules_of(ec2, group: str) -> list[dict[str, Any]]:
    pages = ec2.get_paginator("describe_security_group_rules").paginate(
        Filters=[{"Name": "group-id", "Values": [group]}]
    )
    return [rule for page in pages for rule in page["SecurityGroupRules"]]


def _fetch(groups: list[str]) -> Rules:
    ec2 = client("ec2")
    ec2.describe_security_groups(GroupIds=groups)  # names a group that does not exist
    with ThreadPoolExecutor(WORKERS) as pool:
        found = list(pool.map(lambda g: _rules_of(ec2, g), groups))
    return dict(zip(groups, found, strict=True))


def fetch(groups: Iterable[str]) -> Rules:
    """Every rule of these groups, read from AWS."""
    return _guarded(_fetch, sorted(set(groups)))


def _cluster(name: str) -> tuple[str | None, list[str]]:
    config = client("eks").describe_cluster(name=name)["cluster"]["resourcesVpcConfig"]
    return config.get("clusterSecurityGroupId"), list(config.get("securityGroupIds", []))


def cluster_groups(name: str) -> tuple[str | None, list[str]]:
    """The cluster security group and the additional (control-plane) groups of a cluster."""
    return _guarded(_cluster, name)


def read_files(paths: Iterable[Path]) -> Rules:
    """Rules from saved `aws ec2 describe-security-group-rules --output json` files."""
    found: dict[str, dict[str, dict[str, Any]]] = {}
    for path in paths:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            for item in data["SecurityGroupRules"]:  # a rule saved twice counts once
                found.setdefault(item["GroupId"], {})[item["SecurityGroupRuleId"]] = item
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as err:
            why = err.strerror if isinstance(err, OSError) else _bad_input(err)
            raise InputError(f"--input {printable(str(path))}: {why}") from None
    return {group: list(rules.values()) for group, rules in found.items()}


def _bad_input(err: Exception) -> str:
    if isinstance(err, KeyError | TypeError):
        return "not the JSON of `aws ec2 describe-security-group-rules --output json`"
    return printable(str(err))
