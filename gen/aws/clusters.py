"""Every EKS cluster of some accounts and regions, with the groups and interfaces the audit needs.

For each (account, region) a session (the caller's own, or an `sts:AssumeRole` into the account),
then `eks list-clusters`, and per cluster: `describe-cluster` (the cluster group and the
additional groups), its node groups (`describe-nodegroup`) and their launch templates' groups
(`describe-launch-template-versions`), and the interfaces of the subnets tagged
`kubernetes.io/cluster/NAME` (`describe-network-interfaces`). The setup comes from the cluster's
`eks-sg/with` tag (AWS tag values allow no comma: `istio+nlb`, `istio nlb` or `istio:nlb`).

Clusters are read a few at a time (WORKERS) with botocore's adaptive retries; every AWS failure
is a `gen.aws.live.AwsError` naming the permission or what to check (exit 3).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from gen.aws import live
from gen.reference.words import printable

WORKERS = 8
TAG = "eks-sg/with"
SUBNET_TAG = "kubernetes.io/cluster/{name}"
ROLE_ARN = re.compile(r"^arn:aws(-cn|-us-gov)?:iam::(\d{12}|ACCOUNT):role/[\w+=,.@/-]{1,512}$")
ACCOUNT = re.compile(r"^\d{12}$")
_SEPARATORS = re.compile(r"[,+: ]+")
PERMISSIONS = {
    "AssumeRole": "sts:AssumeRole on the role (and the role's trust policy must name the caller)",
    "GetCallerIdentity": "sts:GetCallerIdentity",
    "ListClusters": "eks:ListClusters",
    "DescribeCluster": "eks:DescribeCluster",
    "ListNodegroups": "eks:ListNodegroups",
    "DescribeNodegroup": "eks:DescribeNodegroup",
    "DescribeLaunchTemplateVersions": "ec2:DescribeLaunchTemplateVersions",
    "DescribeSubnets": "ec2:DescribeSubnets",
    "DescribeNetworkInterfaces": "ec2:DescribeNetworkInterfaces",
    "DescribeSecurityGroups": "ec2:DescribeSecurityGroups",
    "DescribeSecurityGroupRules": "ec2:DescribeSecurityGroupRules",
    "DescribeVpcs": "ec2:DescribeVpcs",
}
T = TypeVar("T")


@dataclass(frozen=True)
class Target:
    """One account and region to list clusters in; `role_arn` None: the caller's credentials."""

    region: str
    role_arn: str | None = None


@dataclass(frozen=True)
class Interface:
    """A network interface in one of the cluster's subnets: EC2 judges it by all its groups."""

    id: str
    groups: tuple[str, ...]
    addresses: tuple[str, ...]
    description: str
    instance: str | None
    """The instance it is attached to (a node), if any."""


@dataclass(frozen=True)
class Cluster:
    """One cluster as the audit needs it."""

    account: str
    region: str
    name: str
    arn: str
    cluster_group: str | None
    additional: tuple[str, ...]
    node_groups: tuple[str, ...]
    """Groups of the managed node groups' launch templates. A node group's remote-access group
    (SSH only, beside the cluster group) carries none of the rules, so it is not one of them."""
    interfaces: tuple[Interface, ...] = ()
    tags: Mapping[str, str] = field(default_factory=dict)
    target: Target | None = None

    def tagged_setup(self) -> tuple[str, ...] | None:
        """The categories its `eks-sg/with` tag names (None: no tag)."""
        if TAG not in self.tags:
            return None
        return tuple(n for n in _SEPARATORS.split(self.tags[TAG].strip()) if n)

    def node_interface_groups(self) -> tuple[str, ...]:
        """Groups on the interfaces of instances (self-managed nodes as well as managed), sorted:
        EC2 lists an interface's groups in no set order, and the report should not change."""
        return tuple(sorted({g for i in self.interfaces if i.instance for g in i.groups}))


def session(**credentials: str):
    """A boto3 session (tests replace this to add hooks); without credentials, the chain's."""
    return live.session(**credentials)


def client(made, service: str, region: str):
    from botocore.config import Config

    config = Config(retries={"mode": "adaptive", "max_attempts": live.MAX_ATTEMPTS})
    return made.client(service, region_name=region, config=config)


def guarded(action: Callable[..., T], *args: Any) -> T:
    """Run an AWS call; its failure as an AwsError (denied: the permission it needs)."""
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        return action(*args)
    except ClientError as err:
        code = err.response.get("Error", {}).get("Code", "?")
        if code in live.DENIED and err.operation_name in PERMISSIONS:
            message = printable(err.response.get("Error", {}).get("Message", str(err)))
            raise live.AwsError(f"{err.operation_name}: {code}: {message}; the caller needs "
                                f"{PERMISSIONS[err.operation_name]}") from None  # fmt: skip
        raise live.aws_error(err) from None
    except BotoCoreError as err:
        raise live.aws_error(err) from None


def targets(regions: Iterable[str], role_arn: str | None, accounts: Iterable[str]) -> list[Target]:
    """(region, role) pairs: the role ARN in each --account (its account field replaced)."""
    accounts = list(accounts)
    roles: list[str | None] = [role_arn]
    if role_arn and accounts:
        parts = role_arn.split(":", 5)  # arn:aws:iam::ACCOUNT:role/NAME
        roles = [":".join([*parts[:4], account, parts[5]]) for account in accounts]
    return [Target(region, role) for role in roles for region in regions]


def credentials(target: Target) -> dict[str, str]:
    """The keys of the target's session: the assumed role's, or {} for the caller's own."""
    if target.role_arn is None:
        return {}
    with _CLIENTS:
        sts = client(session(), "sts", target.region)
    answer = guarded(lambda: sts.assume_role(RoleArn=target.role_arn,
                                             RoleSessionName="eks-sg-audit"))  # fmt: skip
    keys = answer["Credentials"]
    return {"aws_access_key_id": keys["AccessKeyId"],
            "aws_secret_access_key": keys["SecretAccessKey"],
            "aws_session_token": keys["SessionToken"]}  # fmt: skip


_CLIENTS = threading.Lock()
"""A boto3 session is not thread-safe, its clients are: clients are made one at a time, from
one session per account (a new session would parse the service's model again, ~0.3 s for EC2)."""


@dataclass
class Account:
    """A target with its credentials and its session."""

    target: Target
    keys: dict[str, str]
    id: str
    made: Any = None

    def client(self, service: str):
        with _CLIENTS:
            return client(self.made, service, self.target.region)


def account(target: Target) -> Account:
    keys = credentials(target)
    with _CLIENTS:
        made = session(**keys)
        sts = client(made, "sts", target.region)
    return Account(target, keys, guarded(sts.get_caller_identity)["Account"], made)


def names(acct: Account) -> list[str]:
    """Every cluster name in the account's region."""
    pages = acct.client("eks").get_paginator("list_clusters").paginate()
    return guarded(lambda: [n for page in pages for n in page["clusters"]])


def _launch_template_groups(ec2, template: Mapping[str, str]) -> list[str]:
    key = {"LaunchTemplateId": template["id"]} if template.get("id") else {
        "LaunchTemplateName": template["name"]}  # fmt: skip
    versions = ec2.describe_launch_template_versions(
        **key, Versions=[str(template.get("version") or "$Default")]
    )["LaunchTemplateVersions"]
    found: list[str] = []
    for version in versions:
        data = version.get("LaunchTemplateData", {})
        found += data.get("SecurityGroupIds", [])
        for interface in data.get("NetworkInterfaces", []):
            found += interface.get("Groups", [])
    return found


def _node_groups(eks, ec2, name: str) -> list[str]:
    pages = eks.get_paginator("list_nodegroups").paginate(clusterName=name)
    found: list[str] = []
    for group in (g for page in pages for g in page["nodegroups"]):
        described = eks.describe_nodegroup(clusterName=name, nodegroupName=group)["nodegroup"]
        if described.get("launchTemplate"):
            found += _launch_template_groups(ec2, described["launchTemplate"])
    return list(dict.fromkeys(found))


def _interfaces(ec2, name: str) -> tuple[Interface, ...]:
    tag = SUBNET_TAG.format(name=name)
    subnets = ec2.describe_subnets(Filters=[{"Name": "tag-key", "Values": [tag]}])["Subnets"]
    if not subnets:
        return ()
    ids = [s["SubnetId"] for s in subnets]
    pages = ec2.get_paginator("describe_network_interfaces").paginate(
        Filters=[{"Name": "subnet-id", "Values": ids}]
    )
    return tuple(_interface(i) for page in pages for i in page["NetworkInterfaces"])


def _interface(item: Mapping[str, Any]) -> Interface:
    addresses = tuple(a["PrivateIpAddress"] for a in item.get("PrivateIpAddresses", []))
    return Interface(item["NetworkInterfaceId"], tuple(g["GroupId"] for g in item["Groups"]),
                     addresses, item.get("Description", ""),
                     item.get("Attachment", {}).get("InstanceId"))  # fmt: skip


def _describe(acct: Account, name: str) -> Cluster:
    eks, ec2 = acct.client("eks"), acct.client("ec2")
    found = eks.describe_cluster(name=name)["cluster"]
    config = found.get("resourcesVpcConfig", {})
    return Cluster(
        acct.id, acct.target.region, name, found["arn"], config.get("clusterSecurityGroupId"),
        tuple(config.get("securityGroupIds", [])), tuple(_node_groups(eks, ec2, name)),
        _interfaces(ec2, name), dict(found.get("tags") or {}), acct.target,
    )  # fmt: skip


def describe(acct: Account, name: str) -> Cluster:
    """One cluster: its groups, its node groups' groups and its subnets' interfaces."""
    return guarded(_describe, acct, name)


def _read(acct: Account, ids: list[str], with_vpc: bool) -> live.Read:
    ec2 = acct.client("ec2")
    described = ec2.describe_security_groups(GroupIds=ids)["SecurityGroups"]
    vpcs = sorted({g["VpcId"] for g in described if isinstance(g.get("VpcId"), str)})
    found = [r for sg in ids for r in live.rules_of(ec2, sg)]
    networks = live.vpc_networks(ec2, vpcs) if with_vpc else ()
    return live.Read(live.grouped(ids, found), networks)


def read(acct: Account, groups: Iterable[str], with_vpc: bool = True) -> live.Read:
    """These groups in the account and region, as `live.fetch` reads the caller's: every rule,
    and (with_vpc) their VPCs' CIDR blocks."""
    try:
        return guarded(_read, acct, sorted(set(groups)), with_vpc)
    except (live.Malformed, KeyError, TypeError, ValueError) as err:
        raise live.not_aws(err) from None


def each(action: Callable[[T], Any], items: Iterable[T], workers: int = WORKERS) -> list[Any]:
    """`action` on every item, a few at a time, in the items' order."""
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(action, items))
