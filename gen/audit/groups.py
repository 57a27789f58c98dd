"""Security groups as the audit reads them, from any source: live (boto3), saved
(`describe-security-group-rules` JSON), planned (`terraform show -json`) or templated
(CloudFormation). Each reader parses its input once into these values; the audit never sees
AWS dicts, plan JSON or template YAML."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from gen.reference.flows import GroupRule


@dataclass(frozen=True)
class Where:
    """Where a group or rule is written: a file and line (plan configuration, template), and
    the resource address (Terraform) or logical id (CloudFormation)."""

    address: str
    file: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class Group:
    """One security group and every rule on it."""

    id: str
    """`sg-...` live; a resource address or logical id when planned."""
    rules: tuple[GroupRule, ...] = ()
    tags: Mapping[str, str] = field(default_factory=dict)
    name: str | None = None
    vpc: str | None = None
    where: Where | None = None
    rule_where: Mapping[str, Where] = field(default_factory=dict)
    """Rule id -> where that rule is written (planned and templated rules)."""
