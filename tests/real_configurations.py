"""Real configurations (tests/fixtures/audit/configurations.json, each rule citing its source)
rebuilt in moto, saved with the real AWS CLI, and judged by the independent judge
(tests/ec2_judge.py); shared by the configuration tests and benchmarks/audit_table.py.

What the judge is told comes from the fixture alone: which roles' interfaces carry each group
(the control plane's carry the cluster group and every additional group), the VPC's CIDR
blocks, and the rules the setup needs as the data states them (role, direction, protocol,
ports, peer, categories); EC2's union rule does the rest.
"""

from __future__ import annotations

import json
import subprocess
from typing import Any

from aws_tools import aws_executable, cli_env
from ec2_judge import End, blocked
from helpers import FIXTURES
from moto_groups import _client

from gen.reference.model import Reference
from gen.select import Setup, select

DATA = json.loads((FIXTURES / "audit" / "configurations.json").read_text())
CONFIGS = DATA["configurations"]
VPC_CIDR = "10.0.0.0/16"
VERSIONS = ("1.32", "1.33")
"""The Kubernetes version each cluster group was created on: before and since 1.33."""


def audits() -> list[tuple[str, tuple[str, ...]]]:
    """Every (configuration, setup) the fixture lists."""
    return [(name, tuple(setup)) for name, c in CONFIGS.items() for setup in c["setups"]]


def _permission(rule: dict, ids: dict[str, str], own: str) -> dict:
    perm: dict = {"IpProtocol": rule["protocol"]}
    if rule["protocol"] != "-1":
        perm |= {"FromPort": rule["from"], "ToPort": rule["to"]}
    peer = rule["peer"]
    if "group" in peer:
        group = own if peer["group"] == "self" else ids[peer["group"]]
        perm["UserIdGroupPairs"] = [{"GroupId": group}]
    elif ":" in peer["cidr"]:
        perm["Ipv6Ranges"] = [{"CidrIpv6": peer["cidr"]}]
    else:
        perm["IpRanges"] = [{"CidrIp": peer["cidr"]}]
    return perm


def _is_default_egress(rule: dict) -> bool:
    return (rule["type"], rule["protocol"]) == ("egress", "-1") and rule["peer"].get("cidr") in (
        "0.0.0.0/0",
        "::/0",
    )


def build(endpoint: str, config: dict, name: str, version: str, ipv6: bool = False):
    """The configuration's groups in a new VPC (with an IPv6 block if `ipv6`), as their
    creators leave them: (name -> sg id, the VPC's CIDR blocks)."""
    ec2 = _client(endpoint)
    vpc = ec2.create_vpc(CidrBlock=VPC_CIDR, AmazonProvidedIpv6CidrBlock=ipv6)["Vpc"]["VpcId"]
    found = ec2.describe_vpcs(VpcIds=[vpc])["Vpcs"][0]
    blocks = [VPC_CIDR, *(a["Ipv6CidrBlock"] for a in found.get("Ipv6CidrBlockAssociationSet", []))]
    ids = {g: ec2.create_security_group(GroupName=f"{g}-{name}-{version}"[:255], Description=g,
                                        VpcId=vpc)["GroupId"] for g in config["groups"]}  # fmt: skip
    rules = list(config["rules"])
    for group, spec in config["groups"].items():
        if not spec["default_egress"]:  # Terraform's aws_security_group removes EC2's default
            _revoke_default_egress(ec2, ids[group])
        if spec.get("eks_cluster_group"):
            eks = DATA["eks_cluster_group"]
            extra = eks["rules"] + (eks["since_1_33"] if version >= "1.33" else [])
            rules += [{**r, "group": group} for r in extra]
    for rule in rules:
        if _is_default_egress(rule) and config["groups"][rule["group"]]["default_egress"]:
            continue  # EC2's default egress: already there (::/0 too, in a VPC with IPv6)
        call = ec2.authorize_security_group_ingress if rule["type"] == "ingress" else (
            ec2.authorize_security_group_egress)  # fmt: skip
        call(GroupId=ids[rule["group"]], IpPermissions=[_permission(rule, ids, ids[rule["group"]])])
    return ids, tuple(blocks)


def _revoke_default_egress(ec2, sg: str) -> None:
    found = ec2.describe_security_group_rules(Filters=[{"Name": "group-id", "Values": [sg]}])
    gone = [r["SecurityGroupRuleId"] for r in found["SecurityGroupRules"] if r["IsEgress"]]
    if gone:
        ec2.revoke_security_group_egress(GroupId=sg, SecurityGroupRuleIds=gone)


def snapshot(endpoint: str, ids: dict[str, str], path) -> list[dict]:
    """`aws ec2 describe-security-group-rules --output json` of the groups, saved to `path`."""
    out = subprocess.run(
        [aws_executable(), "ec2", "describe-security-group-rules", "--output", "json",
         "--filters", f"Name=group-id,Values={','.join(ids.values())}"],
        env=cli_env(endpoint), capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    path.write_text(out)
    return json.loads(out)["SecurityGroupRules"]


def shared(config: dict) -> bool:
    """The nodes carry only the EKS cluster group (audited with managed-nodes-cluster-sg)."""
    return "managed-nodes-cluster-sg" in config.get("with", [])


def sg_args(config: dict, ids: dict[str, str]) -> list[str]:
    """--sg ROLE=ID for every role of every group, as a user names them (nodes on the cluster
    group alone: managed-nodes-cluster-sg says it instead)."""
    groups = config["groups"]
    return [f"--sg={role}={ids[g]}" for g, spec in groups.items() for role in spec["roles"]
            if not (role == "node" and "cluster" in spec["roles"] and shared(config))]  # fmt: skip


def categories(config: dict, setup: tuple[str, ...]) -> list[str]:
    return [*setup, *config.get("with", [])]


def setup_args(config: dict, setup: tuple[str, ...]) -> list[str]:
    return [f"--with={c}" for c in categories(config, setup)]


def ports_text(protocol: str, low: int, high: int) -> str:
    if protocol == "all":
        return "all"
    if protocol in ("icmp", "icmpv6"):
        return f"type {'any' if low == -1 else low} code {'any' if high == -1 else high}"
    return str(low) if low == high else f"{low}-{high}"


def ends_of(config: dict, ids: dict[str, str], addresses: tuple[str, ...],
            pod_sg_mode: str = "strict") -> dict[str, End]:  # fmt: skip
    """Each role's interfaces: the groups the fixture puts on them (pods in the VPC CNI's
    standard mode leave the VPC through the node's primary interface)."""
    by_role: dict[str, set[str]] = {}
    for g, spec in config["groups"].items():
        for role in spec["roles"]:
            by_role.setdefault(role, set()).add(ids[g])
    # The control plane's interfaces carry the cluster group and every additional group.
    plane = by_role.get("cluster", set()) | by_role.get("control-plane", set())
    ends = {role: End(role, frozenset(sgs), addresses) for role, sgs in by_role.items()}
    for role in ("cluster", "control-plane"):
        ends[role] = End(role, frozenset(plane), addresses)
    if pod_sg_mode == "standard" and "pod" in ends:
        exit = (ends["node"].groups, addresses)
        ends["pod"] = End("pod", ends["pod"].groups, addresses, leaves_vpc=exit)
    return ends


def needed(ref: Reference, config: dict, setup: tuple[str, ...]) -> list:
    """The rules the setup needs, as the data has them (added and covered alike)."""
    selection = select(ref, Setup(tuple(categories(config, setup))))
    ids = {r.id for r in selection.rules} | {c.rule.id for c in selection.covered}
    return [r for r in ref.rules if r.id in ids]


def judged(ref: Reference, config: dict, ids: dict[str, str], setup: tuple[str, ...],
           items: list[dict], addresses: tuple[str, ...] = (VPC_CIDR,),
           pod_sg_mode: str = "strict", values: dict | None = None) -> set[tuple]:  # fmt: skip
    """The halves the independent judge finds blocked, for every rule the setup needs:
    (from, to, protocol, ports, half), as the report names them (`values`: the ports of
    port parameters)."""
    ends = ends_of(config, ids, addresses, pod_sg_mode)
    in_force = set(categories(config, setup)) | {c.id for c in ref.categories if c.baseline}
    same = {c.id for c in ref.categories if c.needs_same_group and c.id in in_force}
    found = set()
    for rule in needed(ref, config, setup):
        here = ends[rule.group]
        other = (ends[rule.peer_role] if rule.peer_role
                 else End(str(rule.network), addresses=(str(rule.network),)))  # fmt: skip
        low, high, parameter = rule.port_range
        if rule.protocol == "all":
            low, high = 0, 65535
        elif parameter:
            low = high = int((values or {})[parameter])
        source, dest = (other, here) if rule.direction == "inbound" else (here, other)
        efa = bool(same & set(rule.categories))
        for half in blocked(items, source, dest, rule.protocol, low, high, same_group=efa):
            text = ports_text(rule.protocol, low, high)
            found.add((source.name, dest.name, rule.protocol, text, half))
    return found


def missing(report: dict[str, Any]) -> set[tuple]:
    return {(m["flow"]["from"], m["flow"]["to"], m["flow"]["protocol"], m["flow"]["ports"],
             m["half"]) for m in report["missing"]}  # fmt: skip
