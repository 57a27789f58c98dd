"""Groups in moto for the tests that apply generated rules: create them, read them back, and
the data's rules in the same shape."""

from __future__ import annotations

import uuid

import boto3
from aws_tools import aws_json

from gen.aws import ec2
from gen.reference.model import Reference, Rule


def _client(endpoint: str):
    return boto3.client("ec2", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="test", aws_secret_access_key="test")  # fmt: skip


def parameter_values(endpoint: str, ref: Reference) -> dict[str, str]:
    """Each parameter's example, except prefix lists: a new managed prefix list in moto."""
    values = {p.id: str(p.example) for p in ref.parameters}
    for p in ref.parameters:
        if p.kind == "prefix-list":
            created = _client(endpoint).create_managed_prefix_list(
                PrefixListName=p.id, MaxEntries=4, AddressFamily="IPv4"
            )
            values[p.id] = created["PrefixList"]["PrefixListId"]
    return values


def new_groups(endpoint: str, ref: Reference) -> dict[str, str]:
    """One fresh security group per role in a new VPC: role -> sg id."""
    client = _client(endpoint)
    # With an IPv6 block, as an IPv6-ready VPC has: moto ignores IPv6 egress revokes without one.
    vpc = client.create_vpc(CidrBlock="10.0.0.0/16", AmazonProvidedIpv6CidrBlock=True)["Vpc"][
        "VpcId"
    ]
    suffix = uuid.uuid4().hex[:8]
    return {
        g.id: client.create_security_group(
            GroupName=f"{g.id}-{suffix}", Description=g.title, VpcId=vpc
        )["GroupId"]
        for g in ref.security_groups
    }


def described(endpoint: str, groups: dict[str, str]) -> set[tuple]:
    """Every rule on the groups, as (role, direction, protocol, from, to, peer, description)."""
    roles = {sg: role for role, sg in groups.items()}
    data = aws_json(endpoint, "describe-security-groups", "--group-ids", *groups.values())
    found = set()
    for group in data["SecurityGroups"]:
        role = roles[group["GroupId"]]
        for direction, key in (("inbound", "IpPermissions"), ("outbound", "IpPermissionsEgress")):
            for perm in group[key]:
                ports = (
                    (None, None)
                    if perm["IpProtocol"] == "-1"
                    else (perm["FromPort"], perm["ToPort"])
                )
                peers = [
                    (roles[p["GroupId"]], p.get("Description")) for p in perm["UserIdGroupPairs"]
                ]
                peers += [(r["CidrIp"], r.get("Description")) for r in perm["IpRanges"]]
                peers += [(r["CidrIpv6"], r.get("Description")) for r in perm["Ipv6Ranges"]]
                peers += [(r["PrefixListId"], None) for r in perm.get("PrefixListIds", [])]
                for peer, description in peers:
                    peer = "self" if peer == role else peer
                    found.add((role, direction, perm["IpProtocol"], *ports, peer, description))
    return found


def expected(
    ref: Reference, values: dict[str, str], selected: list[Rule] | None = None
) -> set[tuple]:
    """The rules (the data's by default) in the same shape, with the parameters' values
    (prefix-list rules without their description: moto does not return it)."""
    rules = set()
    for rule in ref.rules if selected is None else selected:
        spec = ec2.permission_spec(rule)
        low = int(values[spec.parameter]) if spec.parameter else spec.from_port
        high = int(values[spec.parameter]) if spec.parameter else spec.to_port
        peer = values[spec.peer_parameter] if spec.peer_parameter else rule.peer
        description = None if spec.peer_kind == "prefix-list" else rule.description
        rules.add((rule.group, rule.direction, spec.ip_protocol, low, high, peer, description))
    return rules
