"""Hostile data files of issue 24 (the red team's reproductions), shared by the tests that
check validation refuses them and that no output carries them."""

from __future__ import annotations

from helpers import FIXTURES, replace_once

MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
CIDR_PEER = "  peer: 10.0.0.0/16\n"
EXTRA_RESOURCE = (
    r"\r  Evil:\r    Type: AWS::EC2::SecurityGroupIngress\r    Properties:\r"
    r"      GroupId: !Ref NodeSgId\r      IpProtocol: \"-1\"\r"
    r"      CidrIp: \"0.0.0.0\\x2f0\"\r#"
)
"""Item 1's payload, as YAML double-quoted text: after a CR, CloudFormation read a resource
opening all traffic from 0.0.0.0/0 (on main before the fix, cfn-lint passed it)."""
RESOLVE = "{{resolve:secretsmanager:prod/db:SecretString:password}}"
"""Item 2's payload: CloudFormation would copy the secret into the rule's description."""


def hostile_peer(peer_yaml: str) -> str:
    """The minimal fixture with its CIDR peer replaced by `peer_yaml` (YAML source text)."""
    return replace_once(MINIMAL, CIDR_PEER, f"  peer: {peer_yaml}\n")


def zone_file() -> str:
    """Item 1's reproduction: an IPv6 zone id holding a whole resource."""
    return hostile_peer(f'"::%{EXTRA_RESOURCE}/0"')
