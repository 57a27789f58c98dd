"""reference.json: the whole model, normalised, loadable back into the model."""

from __future__ import annotations

import json

import gen
from gen.formats import json as json_format
from gen.reference.model import Reference


def test_json_loads_back_into_the_same_model(ref: Reference) -> None:
    data = json.loads(json_format.render(ref)[json_format.PATH])
    assert data.pop("generated_by").startswith("Generated from data/reference.yaml")
    assert data.pop("eks_sg_version") == gen.__version__
    assert data.pop("data_checked") == str(max(s.checked for s in ref.sources))
    for rule in data["rules"]:
        rule.pop("ec2")
    assert Reference.model_validate(data, strict=False) == ref


def test_versions_come_first(ref: Reference) -> None:
    """Issue 16: the JSON says which eks-sg made it, from which reference, checked when."""
    text = json_format.render(ref)[json_format.PATH]
    assert list(json.loads(text))[:4] == [
        "generated_by",
        "eks_sg_version",
        "data_checked",
        "version",
    ]
    assert json.loads(text)["version"] == ref.version


def test_rules_carry_ec2_values(ref: Reference) -> None:
    data = json.loads(json_format.render(ref)[json_format.PATH])
    ec2 = {r["id"]: r["ec2"] for r in data["rules"]}
    assert ec2["node-in-pmtud-icmp-self"] == {
        "IpProtocol": "icmp", "FromPort": 3, "ToPort": 4, "parameter": None,
        "peer": "UserIdGroupPairs.GroupId", "peer_parameter": None,
    }  # fmt: skip
    assert ec2["node-in-pmtud-icmpv6-self"] == {
        "IpProtocol": "icmpv6", "FromPort": 2, "ToPort": 0, "parameter": None,
        "peer": "UserIdGroupPairs.GroupId", "peer_parameter": None,
    }  # fmt: skip
    assert ec2["node-in-all-self"] == {
        "IpProtocol": "-1", "FromPort": None, "ToPort": None, "parameter": None,
        "peer": "UserIdGroupPairs.GroupId", "peer_parameter": None,
    }  # fmt: skip
    assert ec2["node-in-alb-listener"]["parameter"] == "alb-listener-port"
    assert ec2["cluster-out-restricted-s3"]["peer"] == "PrefixListIds.PrefixListId"
    assert ec2["node-in-nlb-clients"]["peer_parameter"] == "nlb-client-cidr"
