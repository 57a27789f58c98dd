"""gen/audit/plan.py at its boundary: a value in a plan that EC2 would refuse (a port out of
range, a boolean or a fraction as a port, ports reversed, a CIDR that is not one) is an input
error naming the resource and the attribute, every wrong resource in one run, never a
Python exception's text, and never judged as an ordinary rule.

The plans here are hand-written in the shape `terraform show -json` writes (its
`resource_changes`): they test the reader's refusals, not a configuration; the real
configurations' plans are made by terraform in tests/audit/test_plan.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gen.audit import plan
from gen.cli import main as cli

NODE = "sg-0a000000000000003"
CONTROL_PLANE = "sg-0c000000000000002"


def _ingress(name: str, **after) -> dict:
    values = {"security_group_id": NODE, "ip_protocol": "tcp", "from_port": 10250,
              "to_port": 10250, "referenced_security_group_id": CONTROL_PLANE,
              "description": "kubelet"}  # fmt: skip
    return {"address": f"aws_vpc_security_group_ingress_rule.{name}", "mode": "managed",
            "type": "aws_vpc_security_group_ingress_rule", "name": name,
            "change": {"actions": ["create"], "after": {**values, **after},
                       "after_unknown": {"id": True}}}  # fmt: skip


def _written(tmp_path: Path, *changes: dict) -> Path:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps({"format_version": "1.2", "resource_changes": list(changes)}))
    return path


def test_a_plan_of_valid_rules_reads(tmp_path) -> None:
    planned = plan.read(_written(tmp_path, _ingress("kubelet")))
    [rule] = planned.groups[NODE].rules
    assert (rule.direction, rule.protocol, rule.low, rule.high, rule.peer.group) == (
        "inbound", "tcp", 10250, 10250, CONTROL_PLANE)  # fmt: skip


@pytest.mark.parametrize(
    ("after", "said"),
    [
        ({"from_port": 70000, "to_port": 70000}, "from_port 70000 is not a whole number 0..65535"),
        ({"from_port": True, "to_port": 1}, "from_port true is not a whole number 0..65535"),
        ({"to_port": 10249.9}, "to_port 10249.9 is not a whole number 0..65535"),
        ({"from_port": 10251, "to_port": 10249}, "to_port 10249 is below from_port 10251"),
        ({"from_port": "abc"}, 'from_port "abc" is not a whole number 0..65535'),
        ({"referenced_security_group_id": None, "cidr_ipv4": 5}, "cidr_ipv4 5 is not a CIDR"),
        ({"referenced_security_group_id": None, "cidr_ipv4": "0.0.0.0/99"},
         'cidr_ipv4 "0.0.0.0/99" is not a CIDR'),
    ],
)  # fmt: skip
def test_a_value_ec2_refuses_names_the_resource(tmp_path, after, said) -> None:
    with pytest.raises(plan.PlanError) as err:
        plan.read(_written(tmp_path, _ingress("bad", **after)))
    assert err.value.lines == (
        f"--plan {tmp_path / 'plan.json'}: aws_vpc_security_group_ingress_rule.bad: {said}",
    )


def test_every_wrong_resource_is_reported_in_one_run(tmp_path, capsys) -> None:
    path = _written(tmp_path, _ingress("ok"), _ingress("a", from_port=70000),
                    _ingress("b", cidr_ipv4="x", referenced_security_group_id=None),
                    {**_ingress("c"), "change": {"actions": ["create"], "after": ["x"]}})  # fmt: skip
    code = cli.main(["audit", "--plan", str(path), f"--sg=node={NODE}",
                     f"--sg=control-plane={CONTROL_PLANE}"])  # fmt: skip
    assert code == 2
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(": ", 3)[3] for line in lines] == [
        "aws_vpc_security_group_ingress_rule.a: from_port 70000 is not a whole number 0..65535",
        'aws_vpc_security_group_ingress_rule.b: cidr_ipv4 "x" is not a CIDR',
        "aws_vpc_security_group_ingress_rule.c: a field of the wrong shape (an object or a "
        "list where terraform writes the other)",
    ]
    assert not [line for line in lines if "Error:" in line or "object has no attribute" in line]
