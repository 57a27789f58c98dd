"""Security groups for pods in moto, strict and standard mode (issue 19, point 1).

The VPC CNI's standard mode (POD_SECURITY_GROUP_ENFORCING_MODE=standard) sends a pod's traffic
to destinations outside the VPC from the node's primary interface, and "the rules in the
security groups for the primary network interface are used, rather than the rules in the Pod's
security groups" (security-groups-for-pods, Considerations); strict mode, the default, judges
all of it by the pod's groups. Two constructed cases on terraform-aws-eks v21.19.0's groups
(tests/fixtures/audit/configurations.json) with a pod group that has every rule
`--with sg-for-pods` needs, then one egress narrowed to the VPC:

- the pod group's: strict mode misses the pod's egress to 0.0.0.0/0; standard mode does not
  (the node's egress_all takes it out of the VPC, the pod's VPC rule carries the rest);
- the node group's: the node's own egress is missing in both modes, and in standard mode the
  pod's egress leaving the VPC too, to be added on the node's group.

The independent judge (tests/ec2_judge.py) is told which mode the pods are in and nothing else.
"""

from __future__ import annotations

import json

import pytest
from aws_tools import FAKE_CREDENTIALS, moto_server
from real_configurations import CONFIGS, VPC_CIDR, build, judged, missing, sg_args, snapshot

from gen.cli import main as cli

pytestmark = pytest.mark.moto
PROBE = 8080
OUT = ("pod", "0.0.0.0/0", "all", "all", "egress")


def rule(group: str, kind: str, protocol: str, peer: dict, ports: int | None = None) -> dict:
    found = {"group": group, "type": kind, "protocol": protocol, "peer": peer}
    return found | ({"from": ports, "to": ports} if ports is not None else {})


def with_pods(narrowed: str) -> dict:
    """terraform-aws-eks defaults and a pod group made with the EC2 API (EC2's default egress
    kept), with sg-for-pods' rules; `narrowed`'s egress goes to the VPC only."""
    base = CONFIGS["terraform-aws-eks-v21.19.0-defaults"]
    groups = {**base["groups"], "pod": {"roles": ["pod"], "default_egress": True}}
    rules = [r for r in base["rules"] if not (narrowed == "node" and r["type"] == "egress")]
    rules += [rule("pod", "ingress", "-1", {"group": "self"}),
              rule("pod", "ingress", "tcp", {"group": "node"}, PROBE),
              rule("cluster", "ingress", "tcp", {"group": "pod"}, 443)]  # fmt: skip
    for protocol in ("tcp", "udp"):
        for dns in ("node", "eks-cluster-sg"):
            rules += [rule("pod", "egress", protocol, {"group": dns}, 53),
                      rule(dns, "ingress", protocol, {"group": "pod"}, 53)]  # fmt: skip
    if narrowed == "pod":
        groups["pod"] = {**groups["pod"], "default_egress": False}
    rules.append(rule(narrowed, "egress", "-1", {"cidr": VPC_CIDR}))
    return {"groups": groups, "rules": rules}


@pytest.fixture(scope="module")
def endpoint():
    with moto_server() as url:
        yield url


@pytest.mark.parametrize("narrowed", ["pod", "node"])
@pytest.mark.parametrize("mode", ["strict", "standard"])
def test_standard_mode_pods_leave_the_vpc_through_the_nodes_groups(endpoint, ref, narrowed, mode,
                                                                   monkeypatch, capsys,
                                                                   tmp_path) -> None:  # fmt: skip
    config = with_pods(narrowed)
    ids, _ = build(endpoint, config, f"pods-{narrowed}-{mode}", "1.33")
    items = snapshot(endpoint, ids, tmp_path / "rules.json")
    for key, value in {**FAKE_CREDENTIALS, "AWS_ENDPOINT_URL": endpoint}.items():
        monkeypatch.setenv(key, value)
    args = ["--with=sg-for-pods", f"--param=pod-probe-port={PROBE}", f"--pod-sg-mode={mode}",
            *sg_args(config, ids)]  # fmt: skip
    code = cli.main(["audit", "--format", "json", *args])
    report = json.loads(capsys.readouterr().out)
    expected = judged(
        ref,
        config,
        ids,
        ("sg-for-pods",),
        items,
        pod_sg_mode=mode,
        values={"pod-probe-port": PROBE},
    )
    assert missing(report) == expected
    assert code == (1 if expected else 0)
    node_out = ("node", "0.0.0.0/0", "all", "all", "egress")
    wanted = {("pod", "strict"): {OUT}, ("pod", "standard"): set(),
              ("node", "strict"): {node_out}, ("node", "standard"): {node_out, OUT}}  # fmt: skip
    assert expected == wanted[narrowed, mode]
    on = {(m["flow"]["from"], m["role"], m["sg"]) for m in report["missing"]}
    if OUT in expected:  # the group to add it to: the pod's in strict mode, else the node's
        role = "pod" if mode == "strict" else "node"
        assert ("pod", role, ids[role]) in on
