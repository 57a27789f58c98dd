"""The network interfaces of a VPC, their groups' tags and rules, and a cluster's control-plane
groups: read live (boto3, `AWS_ENDPOINT_URL` works) or from files saved with the AWS CLI.

Interfaces are listed by VPC and matched by every address they hold here, not looked up by
address: a pod IP is a secondary address of a node's interface, and moto's
`private-ip-address` filter matches only the primary one (the project's design notes).

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
from gen.aws.live import GROUP_ID, INTERFACE_ID, InputError, Malformed, text_field
from gen.reference.flows import GroupRule
from gen.reference.words import printable, shown


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


def _sg(value: Any) -> str:
    """A group id as EC2 writes them: ids reach shell, HCL and YAML, so nothing else passes."""
    if not isinstance(value, str) or not GROUP_ID.fullmatch(value):
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


ALWAYS_FILTERED = frozenset({"interface", "efa", "efa-only", "trunk", "branch"})
"""Interface types EC2 never leaves without a security group (an interface made with none
gets the VPC's default group): an empty `Groups` of one is a damaged file, and judging it
unfiltered would call a blocked webhook open. A NAT gateway's or an NLB's may have none."""


def _list(item: Mapping[str, Any], key: str, where: str, required: bool = False) -> list:
    value = item.get(key, None if required else [])
    if not isinstance(value, list):
        raise Malformed(
            f"{where}.{key}", "expected a list, as describe-network-interfaces gives it"
        )
    return value


def _ip_field(item: Any, key: str, where: str, parse, expected: str) -> str:
    """`item[key]` parsed by `parse` (ipaddress' address or network), in its canonical text."""
    if not isinstance(item, dict):
        raise Malformed(where, f"expected an object with {key}")
    value = text_field(item, key, where)
    try:
        return str(parse(value))
    except ValueError:
        raise Malformed(f"{where}.{key}", f"expected {expected}, got {shown(value)}") from None


def _address(item: Any, key: str, where: str) -> str:
    return _ip_field(item, key, where, ipaddress.ip_address, "an IP address")


def _prefix(item: Any, key: str, where: str) -> str:
    return _ip_field(item, key, where, ipaddress.ip_network, "a CIDR prefix")


def _groups(item: Mapping[str, Any], kind: str, where: str) -> tuple[str, ...]:
    listed = _list(item, "Groups", where, required=True)
    found = []
    for i, group in enumerate(listed):
        if not isinstance(group, dict):
            raise Malformed(f"{where}.Groups[{i}]", "expected an object with GroupId")
        found.append(text_field(group, "GroupId", f"{where}.Groups[{i}]", GROUP_ID))
    if not found and kind in ALWAYS_FILTERED:
        raise Malformed(f"{where}.Groups", f"an interface of type {kind} always carries a "
                        "security group in EC2; save the file again with "
                        "`aws ec2 describe-network-interfaces`")  # fmt: skip
    return tuple(found)


def interface_of(item: Any, where: str = "NetworkInterfaces[0]") -> Interface:
    """One `NetworkInterfaces` item, checked (Malformed names the field): its groups, every
    address it holds and the prefixes delegated to it."""
    if not isinstance(item, dict):
        raise Malformed(where, "expected an object (one NetworkInterfaces item)")
    eni = text_field(item, "NetworkInterfaceId", where, INTERFACE_ID)
    kind = text_field(item, "InterfaceType", where) if "InterfaceType" in item else "interface"
    addresses = [_address(a, "PrivateIpAddress", f"{where}.PrivateIpAddresses[{i}]")
                 for i, a in enumerate(_list(item, "PrivateIpAddresses", where))]  # fmt: skip
    addresses += [_address(a, "Ipv6Address", f"{where}.Ipv6Addresses[{i}]")
                  for i, a in enumerate(_list(item, "Ipv6Addresses", where))]  # fmt: skip
    if item.get("PrivateIpAddress") is not None:
        primary = _address(item, "PrivateIpAddress", where)
        addresses = addresses if primary in addresses else [primary, *addresses]
    prefixes = [_prefix(p, "Ipv4Prefix", f"{where}.Ipv4Prefixes[{i}]")
                for i, p in enumerate(_list(item, "Ipv4Prefixes", where))]  # fmt: skip
    prefixes += [_prefix(p, "Ipv6Prefix", f"{where}.Ipv6Prefixes[{i}]")
                 for i, p in enumerate(_list(item, "Ipv6Prefixes", where))]  # fmt: skip
    said = item.get("Description", "")
    description = said if isinstance(said, str) else ""
    return Interface(eni, _groups(item, kind, where), tuple(addresses), kind, description,
                     tuple(prefixes))  # fmt: skip


def group_of(item: Any, where: str = "SecurityGroups[0]") -> GroupInfo:
    if not isinstance(item, dict):
        raise Malformed(where, "expected an object (one SecurityGroups item)")
    tags = {}
    for i, tag in enumerate(_list(item, "Tags", where)):
        if not isinstance(tag, dict):
            raise Malformed(f"{where}.Tags[{i}]", "expected an object with Key and Value")
        tags[text_field(tag, "Key", f"{where}.Tags[{i}]")] = str(tag.get("Value", ""))
    name = item.get("GroupName", "")
    return GroupInfo(text_field(item, "GroupId", where, GROUP_ID),
                     name if isinstance(name, str) else "", tags)  # fmt: skip


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
        infos = {
            g.id: g for g in (group_of(g, f"SecurityGroups[{n}]") for n, g in enumerate(found))
        }
        parsed = tuple(interface_of(i, f"NetworkInterfaces[{n}]") for n, i in enumerate(interfaces))
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
    """The same Network from saved AWS CLI JSON files (any order; an item saved twice once).
    Every malformed item of every file is reported at once, naming the file and the item."""
    cluster, interfaces, groups = ClusterInfo(), {}, {}
    rule_paths, problems = [], []
    for path in paths:
        try:
            data = _load(path)
        except InputError as err:
            problems += err.lines
            continue
        shown_path = f"--input {printable(str(path))}"
        cluster = _cluster(data, shown_path, problems) or cluster
        found = _each(data, "NetworkInterfaces", interface_of, shown_path, problems)
        interfaces |= {i.id: i for i in found}
        groups |= {g.id: g for g in _each(data, "SecurityGroups", group_of, shown_path, problems)}
        rule_paths += [path] if "SecurityGroupRules" in data else []
    try:
        rules = _rules(live.read_files(rule_paths)) if rule_paths else ()
    except InputError as err:
        problems += err.lines
    if problems:
        raise InputError.of(problems)
    return Network(cluster, tuple(interfaces.values()), groups, rules)


def _cluster(data: dict, shown_path: str, problems: list[str]) -> ClusterInfo | None:
    if "cluster" not in data:
        return None
    try:
        return cluster_of(data["cluster"])
    except (KeyError, TypeError, AttributeError, ValueError) as err:
        problems.append(f"{shown_path}: cluster: {printable(str(err))} (the JSON of "
                        "`aws eks describe-cluster`)")  # fmt: skip
        return None


def _each(data: dict, key: str, parse, shown_path: str, problems: list[str]) -> list:
    """Every item of `data[key]` parsed; each malformed one is a problem naming it."""
    items = data.get(key, [])
    if not isinstance(items, list):
        problems.append(f"{shown_path}: {key}: expected a list")
        return []
    found = []
    for i, item in enumerate(items):
        try:
            found.append(parse(item, f"{key}[{i}]"))
        except Malformed as err:
            problems.append(f"{shown_path}: {err}")
    return found
