"""A `Fix` in every form a user applies rules with: the AWS CLI (POSIX sh), Terraform, the
terraform-aws-eks module's inputs, CloudFormation. Every value goes through the target's own
quoting function (`shell.quote`, `hcl.string`, `yamltext.string`).
"""

from __future__ import annotations

import json

from gen.aws.interfaces import Network
from gen.aws.shell import quote
from gen.discover.repair import Fix
from gen.formats import hcl, yamltext

FORMATS = ("aws-cli", "terraform", "terraform-aws-eks", "cloudformation")


def _slug(fix: Fix) -> str:
    side = "ingress" if fix.direction == "inbound" else "egress"
    group = "".join(c for c in fix.group.removeprefix("sg-") if c.isascii() and c.isalnum())
    return f"{side}-{group}-{fix.port}"


def aws_cli(fix: Fix) -> str:
    side = "ingress" if fix.direction == "inbound" else "egress"
    permission = [
        {
            "IpProtocol": fix.protocol,
            "FromPort": fix.port,
            "ToPort": fix.port,
            "UserIdGroupPairs": [{"GroupId": fix.peer, "Description": fix.description}],
        }
    ]
    text = json.dumps(permission, separators=(",", ":"))
    return (
        f"aws ec2 authorize-security-group-{side} \\\n  --group-id {quote(fix.group)} \\\n"
        f"  --ip-permissions {quote(text)}"
    )


def terraform(fix: Fix) -> str:
    side = "ingress" if fix.direction == "inbound" else "egress"
    pairs = [
        ("security_group_id", hcl.string(fix.group)),
        ("referenced_security_group_id", hcl.string(fix.peer)),
        ("ip_protocol", hcl.string(fix.protocol)),
        ("from_port", str(fix.port)),
        ("to_port", str(fix.port)),
        ("description", hcl.string(fix.description)),
    ]
    name = hcl.string(hcl.identifier(_slug(fix)))
    return hcl.block(f'resource "aws_vpc_security_group_{side}_rule" {name}', pairs)


def terraform_aws_eks(fix: Fix, network: Network) -> str:
    """The module's inputs: on the node group from the cluster group it made (or the reverse)."""
    additional = fix.peer in network.cluster.groups or fix.group in network.cluster.groups
    inbound = fix.direction == "inbound"
    field = "source_cluster_security_group" if inbound else "source_node_security_group"
    other = (field, "true") if additional else ("source_security_group_id", hcl.string(fix.peer))
    pairs = [
        ("description", hcl.string(fix.description)),
        ("protocol", hcl.string(fix.protocol)),
        ("from_port", str(fix.port)),
        ("to_port", str(fix.port)),
        ("type", hcl.string("ingress" if inbound else "egress")),
        other,
    ]
    key = f"{'ingress_cluster' if inbound else 'egress_nodes'}_{fix.port}_webhook"
    entry = hcl.block(f"{key} =", pairs, indent="  ")
    mapping = (
        "node_security_group_additional_rules" if inbound else "security_group_additional_rules"
    )
    where = "the module's node security group" if inbound else "the module's cluster security group"
    return f'# in module "eks", when {fix.group} is {where}\n{mapping} = {{\n{entry}}}\n'


def cloudformation(fix: Fix) -> str:
    inbound = fix.direction == "inbound"
    kind = "AWS::EC2::SecurityGroupIngress" if inbound else "AWS::EC2::SecurityGroupEgress"
    peer = "SourceSecurityGroupId" if inbound else "DestinationSecurityGroupId"
    name = yamltext.logical_id(_slug(fix))
    lines = [
        f"{name}:",
        f"  Type: {kind}",
        "  Properties:",
        f"    GroupId: {yamltext.string(fix.group)}",
        f"    IpProtocol: {yamltext.string(fix.protocol)}",
        f"    FromPort: {fix.port}",
        f"    ToPort: {fix.port}",
        f"    {peer}: {yamltext.string(fix.peer)}",
        f"    Description: {yamltext.string(fix.description)}",
    ]
    return "\n".join(lines) + "\n"


def forms(fix: Fix, network: Network) -> dict[str, str]:
    """The fix in every format, by format name."""
    return {
        "aws-cli": aws_cli(fix),
        "terraform": terraform(fix),
        "terraform-aws-eks": terraform_aws_eks(fix, network),
        "cloudformation": cloudformation(fix),
    }
