"""IPv6 clusters in moto: the audit reads the VPC's IPv6 block (describe-vpcs
Ipv6CidrBlockAssociationSet) or takes it from --param vpc-cidr-ipv6, and a ::/0 rule or one on
the VPC's IPv6 CIDR that carries a flow counts, as EC2 counts it.

An IPv6 EKS cluster's nodes are dual-stack and its pods IPv6, so the interfaces' addresses are
the VPC's IPv4 and IPv6 blocks together: a CIDR rule carries a flow only for the family it
names. The independent judge (tests/ec2_judge.py) is told the VPC's blocks and nothing else.
"""

from __future__ import annotations

import ipaddress
import json

import jsonschema
import pytest
from aws_tools import FAKE_CREDENTIALS, moto_server
from moto_groups import _client
from real_configurations import CONFIGS, DATA, VPC_CIDR, build, judged, missing, sg_args, snapshot

from gen.audit.schema import REPORT
from gen.cli import main as cli

pytestmark = pytest.mark.moto
PMTUD_V6 = ("node", "node", "icmpv6", "type 2 code 0", "ingress")
"""The data's ipv6 rule node-in-pmtud-icmpv6-self, which terraform-aws-eks does not create."""


@pytest.fixture(scope="module")
def endpoint():
    with moto_server() as url:
        yield url


def audit(monkeypatch, capsys, endpoint: str, *args: str) -> tuple[int, dict]:
    for key, value in {**FAKE_CREDENTIALS, "AWS_ENDPOINT_URL": endpoint}.items():
        monkeypatch.setenv(key, value)
    code = cli.main(["audit", "--format", "json", *args])
    report = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator(REPORT).validate(report)
    return code, report


@pytest.mark.parametrize("setup", [("ipv6",), ("ipv6", "istio")])
def test_an_ipv6_cluster_is_audited_on_both_families(endpoint, ref, setup, monkeypatch, capsys,
                                                     tmp_path) -> None:  # fmt: skip
    config = DATA["ipv6"]
    ids, blocks = build(endpoint, config, "ipv6-" + "-".join(setup), "1.33", ipv6=True)
    assert ipaddress.ip_network(blocks[1]).version == 6
    items = snapshot(endpoint, ids, tmp_path / "rules.json")
    args = [*(f"--with={c}" for c in setup), *sg_args(config, ids)]
    code, report = audit(monkeypatch, capsys, endpoint, *args)  # live: both blocks from EC2
    expected = judged(ref, config, ids, setup, items, blocks)
    assert missing(report) == expected
    assert expected - {PMTUD_V6} == ({("control-plane", "node", "tcp", "15017", "ingress")}
                                     if "istio" in setup else set())  # fmt: skip
    # ::/0 rules carry the IPv6 egress the data needs: the nodes' egress_all, and the EKS
    # cluster group's default egress in a VPC with an IPv6 block
    six = {p["flow"]["from"]: p["egress"] for p in report["present"] if p["flow"]["to"] == "::/0"}
    assert sorted(six) == ["cluster", "node"]
    assert all(six.values())
    saved = audit(monkeypatch, capsys, endpoint, *args, "--input", str(tmp_path / "rules.json"),
                  f"--param=vpc-cidr={VPC_CIDR}", f"--param=vpc-cidr-ipv6={blocks[1]}")  # fmt: skip
    assert saved == (code, report)


def test_cidr_rules_carry_an_ipv6_clusters_flows_family_by_family(endpoint, ref, monkeypatch,
                                                                  capsys, tmp_path) -> None:  # fmt: skip
    """terraform-aws-eks with a user's all-from-10.0.0.0/8 rule, in an IPv6 cluster with Istio:
    the rule lets the control plane's IPv4 traffic to istiod's 15017 in, not its IPv6 traffic,
    until a rule on the VPC's IPv6 CIDR joins it; then both together carry the webhook's flow
    (broad, never extra with a revoke)."""
    name = "terraform-aws-eks-v21.19.0-all-from-10/8"
    config = CONFIGS[name]
    ids, blocks = build(endpoint, config, "v6-broad", "1.33", ipv6=True)
    setup = ("ipv6", "istio")
    args = ["--with=ipv6,istio", *sg_args(config, ids)]
    items = snapshot(endpoint, ids, tmp_path / "before.json")
    _, report = audit(monkeypatch, capsys, endpoint, *args)
    expected = judged(ref, config, ids, setup, items, blocks)
    assert missing(report) == expected
    webhook = ("control-plane", "node", "tcp", "15017", "ingress")
    assert webhook in expected  # 10.0.0.0/8 holds no IPv6 address of the control plane
    _client(endpoint).authorize_security_group_ingress(GroupId=ids["node"], IpPermissions=[
        {"IpProtocol": "-1", "Ipv6Ranges": [{"CidrIpv6": blocks[1]}]}])  # fmt: skip
    items = snapshot(endpoint, ids, tmp_path / "after.json")
    _, report = audit(monkeypatch, capsys, endpoint, *args)
    expected = judged(ref, config, ids, setup, items, blocks)
    assert missing(report) == expected
    assert webhook not in expected
    broad = {b["live"]["peer"] for b in report["broad"]}
    # the report writes a network in its canonical form; moto's random block may carry a
    # leading zero in a group ("2400:6500:0abc:...": about one run in eight)
    assert {"10.0.0.0/8", str(ipaddress.ip_network(blocks[1]))} <= broad
    assert not {e["live"]["peer"] for e in report["extra"]} & broad
