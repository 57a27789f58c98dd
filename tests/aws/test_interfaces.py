"""gen/aws/interfaces.py's reader of saved describe-network-interfaces and
describe-security-groups files: a field EC2 always gives, missing or malformed, is an input
error naming the file and the item; never an interface judged unfiltered (a blocked webhook
reported open)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import FIXTURES, eks_sg

from gen.aws import interfaces
from gen.aws.live import Malformed

AWS = FIXTURES / "discover" / "aws"
FILES = ("cluster.json", "enis.json", "groups.json", "rules.json")


def _inputs(tmp_path: Path, change) -> list[str]:
    """The committed discover snapshot, with enis.json's items changed by `change`."""
    enis = json.loads((AWS / "enis.json").read_text())
    change(enis["NetworkInterfaces"])
    (tmp_path / "enis.json").write_text(json.dumps(enis))
    paths = [tmp_path / "enis.json" if name == "enis.json" else AWS / name for name in FILES]
    return [f"--input={p}" for p in paths]


def _discover(inputs: list[str]):
    return eks_sg("discover", "--kubernetes", str(FIXTURES / "discover" / "demo.json"), *inputs)


def test_the_committed_snapshot_blocks_webhooks() -> None:
    """The baseline the cases below change: the demo's webhooks are blocked (exit 1)."""
    result = _discover([f"--input={AWS / name}" for name in FILES])
    assert result.returncode == 1, result.stderr
    assert "blocked" in result.stdout


@pytest.mark.parametrize("groups", ["missing", None, []])
def test_a_node_interface_without_its_groups_is_an_input_error(tmp_path, groups) -> None:
    def change(items: list) -> None:
        if groups == "missing":
            del items[0]["Groups"]
        else:
            items[0]["Groups"] = groups

    result = _discover(_inputs(tmp_path, change))
    assert result.returncode == 2, result.stdout
    assert "enis.json: NetworkInterfaces[0].Groups: " in result.stderr
    assert "open" not in result.stdout


def test_every_malformed_interface_is_reported_in_one_run(tmp_path) -> None:
    def change(items: list) -> None:
        items[0]["PrivateIpAddress"] = 12
        items[1]["PrivateIpAddresses"][1]["PrivateIpAddress"] = "10.0.1.300"
        items[2]["NetworkInterfaceId"] = "eni-1; reboot"

    result = _discover(_inputs(tmp_path, change))
    assert result.returncode == 2
    found = [line.split("enis.json: ", 1)[1] for line in result.stderr.splitlines()]
    assert found == [
        "NetworkInterfaces[0].PrivateIpAddress: expected a string, got 12",
        "NetworkInterfaces[1].PrivateIpAddresses[1].PrivateIpAddress: expected an IP address, "
        "got '10.0.1.300'",
        "NetworkInterfaces[2].NetworkInterfaceId: expected an interface id eni-..., got "
        '"eni-1; reboot"',
    ]


def test_an_interface_ec2_leaves_without_groups_is_read_as_unfiltered() -> None:
    """A NAT gateway's interface carries no security group in EC2: that is no damage."""
    item = {"NetworkInterfaceId": "eni-0123456789abcdef0", "InterfaceType": "nat_gateway",
            "PrivateIpAddress": "10.0.0.5", "Groups": []}  # fmt: skip
    parsed = interfaces.interface_of(item)
    assert (parsed.groups, parsed.addresses, parsed.type) == ((), ("10.0.0.5",), "nat_gateway")
    with pytest.raises(Malformed, match=r"NetworkInterfaces\[0\]\.Groups: an interface of type "):
        interfaces.interface_of({**item, "InterfaceType": "interface"})
