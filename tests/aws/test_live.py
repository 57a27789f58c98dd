"""gen/aws/live.py's reader of saved `describe-security-group-rules` files: every malformed
item of every file is reported in one run, each naming its file and item, and a snapshot that
holds one rule id twice with different fields is refused (one of them would be dropped)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import FIXTURES, eks_sg

from gen.aws import live

SNAPSHOT = FIXTURES / "audit" / "snapshot.json"
GROUPS = {"cluster": "sg-03a4ad6c4ef6a08da", "control-plane": "sg-f7751dcf51307f6b0",
          "node": "sg-252a5a6a3678a6f37"}  # fmt: skip
SG_ARGS = [f"--sg={role}={sg}" for role, sg in GROUPS.items()]


def _saved(tmp_path: Path, name: str, change) -> Path:
    """The committed snapshot with its items changed by `change` (a list -> list)."""
    items = json.loads(SNAPSHOT.read_text())["SecurityGroupRules"]
    path = tmp_path / name
    path.write_text(json.dumps({"SecurityGroupRules": change(items)}, indent=2))
    return path


def _damaged(items: list) -> list:
    items[7]["FromPort"], items[8]["IsEgress"], items[9]["GroupId"] = "x", 3, "bogus"
    return items


def test_every_malformed_item_of_every_file_is_reported_in_one_run(tmp_path) -> None:
    first = _saved(tmp_path, "first.json", _damaged)
    tcp = lambda items: [i for i in items if i["IpProtocol"] == "tcp"][:1]  # noqa: E731
    second = _saved(tmp_path, "second.json", lambda items: [{**tcp(items)[0], "ToPort": 70000}])
    empty = tmp_path / "empty.json"
    empty.write_text("")
    result = eks_sg("audit", *SG_ARGS, "--input", str(first), "--input", str(second),
                    "--input", str(empty))  # fmt: skip
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines == [
        f"eks-sg: error: --input {first}: SecurityGroupRules[7].FromPort: expected a whole "
        'number 0..65535, got "x"',
        f"eks-sg: error: --input {first}: SecurityGroupRules[8].IsEgress: expected true or false",
        f"eks-sg: error: --input {first}: SecurityGroupRules[9].GroupId: expected a group id "
        'sg-..., got "bogus"',
        f"eks-sg: error: --input {second}: SecurityGroupRules[0].ToPort: expected a whole number "
        "0..65535, got 70000",
        f"eks-sg: error: --input {empty}:1:1: an empty file; save it again with `aws ec2 "
        "describe-security-group-rules --filters Name=group-id,Values=SG --output json`",
    ]


def test_the_problems_printed_stop_at_the_limit_and_say_how_many_more(tmp_path) -> None:
    def damaged(items: list) -> list:
        return [{**item, "IpProtocol": "tcpx"} for item in items * 3]  # 45 items

    path = _saved(tmp_path, "bad.json", damaged)
    count = len(json.loads(path.read_text())["SecurityGroupRules"])
    assert count > 20  # the limit the docs give
    with pytest.raises(live.InputError) as err:
        live.read_files([path])
    assert len(err.value.lines) == 20 + 1
    assert err.value.lines[-1] == f"... and {count - 20} more problems"


def test_one_rule_id_with_two_different_rules_is_refused(tmp_path) -> None:
    def twice(items: list) -> list:
        return [*items, {**items[0], "FromPort": 1, "ToPort": 2, "IpProtocol": "tcp"}]

    path = _saved(tmp_path, "twice.json", twice)
    with pytest.raises(live.InputError) as err:
        live.read_files([path])
    rule_id = json.loads(SNAPSHOT.read_text())["SecurityGroupRules"][0]["SecurityGroupRuleId"]
    [line] = err.value.lines
    assert line.startswith(f"--input {path}: SecurityGroupRules[")
    assert f"rule {rule_id} differs from the rule of that id at --input {path} " in line
    assert line.endswith("SecurityGroupRules[0]; save each group once")


def test_a_rule_saved_twice_alike_counts_once(tmp_path) -> None:
    path = _saved(tmp_path, "alike.json", lambda items: [*items, items[0]])
    again = live.read_files([SNAPSHOT, path])
    once = live.read_files([SNAPSHOT])
    assert {sg: g.rules for sg, g in again.groups.items()} == {
        sg: g.rules for sg, g in once.groups.items()
    }
