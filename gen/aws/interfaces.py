"""The network interfaces of a VPC, their groups' tags and rules, and a cluster's control-plane
groups: read live (boto3, `AWS_ENDPOINT_URL` works) or from files saved with the AWS CLI.

Interfaces are listed by VPC and matched by every address they hold here, not looked up by
address: a pod IP is a secondary address of a node's interface, and moto's
`private-ip-address` filter matches only the primary one (see DESIGN.md).

Saved files, each recognised by its top-level key (the docs list the commands):
`aws eks describe-cluster` (`cluster`), `aws ec2 describe-network-interfaces`
(`NetworkInterfaces`), `describe-security-groups` (`SecurityGroups`),
`describe-security-group-rules` (`SecurityGroupRules`).
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from gen.aws import live
from gen.aws.live import InputError
from gen.reference.flows import GroupRule
from gen.reference.words import printable


@dataclass(frozen=True)
class Interface:
    id: str
    groups: tuple[str, ...]
    addresses: tuple[str, ...]
    """Every private IPv4 address (primary and secondary) and IPv6 address it holds."""
    type: str = "interface"
    """EC2's InterfaceType: `interface`, `branch` (security groups for pods), `trunk`, ..."""
    description: str = ""
    prefixes: tuple[str, ...] = ()
    """The IPv4 and IPv6 prefixes delegated to it (VPC CNI prefix delegation, every IPv6
    cluster): a pod IP taken from one is no address of any interface."""


@dataclass(frozen=True)
class GroupInfo:
    id: str
    name: str = ""
    tags: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ClusterInfo:
    name: str | None = None
    cluster_group: str | None = None
    groups: tuple[str, ...] = ()
    """The additional (control-plane) groups."""
    vpc: str | None = None


@dataclass(frozen=True)
class Network:
    """Everything the discovery reads from EC2 and EKS, typed."""

    cluster: ClusterInfo
    interfaces: tuple[Interface, ...] = ()
    groups: Mapping[str, GroupInfo] = field(default_factory=dict)
    rules: tuple[GroupRule, ...] = ()

    @cached_property
    def _by_address(self) -> dict[str, Interface]:
        return {a: i for i in reversed(self.interfaces) for a in i.addresses}

    @cached_property
    def _by_prefix(
        self,
    ) -> tuple[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, Interface], ...]:
        return tuple((ipaddress.ip_network(p), i) for i in self.interfaces for p in i.prefixes)

    def owner(self, ip: str) -> Interface | None:
        """The interface holding this address (primary or secondary, or inside a prefix
        delegated to it), if any."""
        if found := self._by_address.get(ip):
            return found
        address = ipaddress.ip_address(ip)
        return next((i for net, i in self._by_prefix if address in net), None)


_SG = re.compile(r"sg-[0-9a-f]{8}(?:[0-9a-f]{9})?")


def _sg(value: Any) -> str:
    """A group id as EC2 writes them: ids reach shell, HCL and YAML, so nothing else passes."""
    if not isinstance(value, str) or not _SG.fullmatch(value):
        raise ValueError(f"not a security group id: {printable(json.dumps(value))[:40]}")
    return value


_NAME = re.compile(r"[0-9A-Za-z][A-Za-z0-9_-]{0,99}")


def cluster_name(value: Any) -> str:
    """An EKS cluster name (EKS's own pattern): it becomes the tag key
    `kubernetes.io/cluster/NAME` inside printed fixes (shell, markdown), so nothing else
    passes."""
    if not isinstance(value, str) or not _NAME.fullmatch(value):
        raise ValueError(f"not an EKS cluster name: {printable(json.dumps(value))[:60]}")
    return value


def interface_of(item: Mapping[str, Any]) -> Interface:
    addresses = [a["PrivateIpAddress"] for a in item.get("PrivateIpAddresses") or []]
    addresses += [a["Ipv6Address"] for a in item.get("Ipv6Addresses") or []]
    if item.get("PrivateIpAddress") and item["PrivateIpAddress"] not in addresses:
        addresses.insert(0, item["PrivateIpAddress"])
    groups = tuple(_sg(g["GroupId"]) for g in item.get("Groups") or [])
    prefixes = [str(ipaddress.ip_network(p["Ipv4Prefix"])) for p in item.get("Ipv4Prefixes") or []]
    prefixes += [str(ipaddress.ip_network(p["Ipv6Prefix"])) for p in item.get("Ipv6Prefixes") or []]
    return Interface(
        item["NetworkInterfaceId"],
        groups,
        tuple(addresses),
        str(item.get("InterfaceType", "interface")),
        str(item.get("Description", "")),
        tuple(prefixes),
    )


def group_of(item: Mapping[str, Any]) -> GroupInfo:
    tags = {t["Key"]: t.get("Value", "") for t in item.get("Tags") or []}
    return GroupInfo(_sg(item["GroupId"]), str(item.get("GroupName", "")), tags)


def cluster_of(item: Mapping[str, Any]) -> ClusterInfo:
    config = item.get("resourcesVpcConfig") or {}
    name = item.get("name")
    return ClusterInfo(
        cluster_name(name) if name is not None else None,
        _sg(config["clusterSecurityGroupId"]) if config.get("clusterSecurityGroupId") else None,
        tuple(_sg(g) for g in config.get("securityGroupIds") or ()),
        config.get("vpcId"),
    )


def _read_live(name: str | None, groups: Iterable[str]) -> tuple[ClusterInfo, list, list]:
    ec2 = live.client("ec2")
    cluster = ClusterInfo()
    if name:
        cluster = cluster_of(live.client("eks").describe_cluster(name=name)["cluster"])
    vpc = cluster.vpc
    given = sorted(set(groups) | set(cluster.groups) | {cluster.cluster_group} - {None})
    if vpc is None and given:
        vpc = ec2.describe_security_groups(GroupIds=given[:1])["SecurityGroups"][0]["VpcId"]
    if vpc is None:
        raise InputError(
            "name the cluster (--cluster NAME) or its groups (--sg), so the VPC "
            "whose interfaces to read is known"
        )
    pages = ec2.get_paginator("describe_network_interfaces").paginate(
        Filters=[{"Name": "vpc-id", "Values": [vpc]}]
    )
    found = [i for page in pages for i in page["NetworkInterfaces"]]
    pages = ec2.get_paginator("describe_security_groups").paginate(
        Filters=[{"Name": "vpc-id", "Values": [vpc]}]
    )
    return cluster, found, [g for page in pages for g in page["SecurityGroups"]]


def read_live(name: str | None, groups: Iterable[str] = ()) -> Network:
    """The cluster (with `name`), every interface and group of its VPC, and their rules."""
    try:
        cluster, interfaces, found = live.guarded(_read_live, name, list(groups))
        infos = {g["GroupId"]: group_of(g) for g in found}
        parsed = tuple(interface_of(i) for i in interfaces)
    except (KeyError, TypeError, AttributeError, ValueError) as err:
        raise live.AwsError(
            f"an answer that is not EC2's ({printable(str(err))}); check AWS_ENDPOINT_URL"
        ) from None
    read = live.fetch(infos, with_vpc=False) if infos else live.Read({})
    return Network(cluster, parsed, infos, _rules(read))


def _rules(read: live.Read) -> tuple[GroupRule, ...]:
    """Every rule once, parsed by the audit's one reader (`live.parse_rule`)."""
    return tuple(rule for group in read.groups.values() for rule in group.rules)


KEYS = ("cluster", "NetworkInterfaces", "SecurityGroups", "SecurityGroupRules")


def _load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as err:
        # RecursionError: nested deeper than json can read, never the AWS CLI's output
        why = err.strerror if isinstance(err, OSError) else printable(str(err))
        raise InputError(f"--input {printable(str(path))}: {why}") from None
    if not isinstance(data, dict) or not any(k in data for k in KEYS):
        raise InputError(
            f"--input {printable(str(path))}: not the JSON output of a command "
            "the docs list (describe-cluster, describe-network-interfaces, "
            "describe-security-groups, describe-security-group-rules)"
        )
    return data


def read_saved(paths: Iterable[Path]) -> Network:
    """The same Network from saved AWS CLI JSON files (any order; an item saved twice once)."""
    cluster, interfaces, groups = ClusterInfo(), {}, {}
    rule_paths = []
    for path in paths:
        data = _load(path)
        try:
            cluster = cluster_of(data["cluster"]) if "cluster" in data else cluster
            interfaces |= {
                i["NetworkInterfaceId"]: interface_of(i) for i in data.get("NetworkInterfaces", [])
            }
            groups |= {g["GroupId"]: group_of(g) for g in data.get("SecurityGroups", [])}
        except (KeyError, TypeError, AttributeError, ValueError) as err:
            why = printable(str(err))
            raise InputError(
                f"--input {printable(str(path))}: not AWS CLI JSON ({why} missing or malformed)"
            ) from None
        rule_paths += [path] if "SecurityGroupRules" in data else []
    rules = _rules(live.read_files(rule_paths)) if rule_paths else ()
    return Network(cluster, tuple(interfaces.values()), groups, rules)
