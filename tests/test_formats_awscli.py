"""The generated bash scripts: layout (golden), shellcheck, and what they do before any AWS call.

The scripts run for real in bash here, with a stand-in `aws` that only logs its arguments;
tests/test_awscli_moto.py runs them with the real AWS CLI against the EC2 emulator.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import ROOT, golden_mismatches

from gen.formats import awscli
from gen.model import Reference

SCRIPTS = ROOT / awscli.DIR
VALID = {
    "CLUSTER_SG_ID": "sg-0aaaaaaaaaaaaaaa1", "CONTROL_PLANE_SG_ID": "sg-0bbbbbbbbbbbbbbb2",
    "NODE_SG_ID": "sg-0ccccccccccccccc3", "ALB_SG_ID": "sg-0ddddddd", "NLB_SG_ID": "sg-0eeeeeee",
    "ALB_LISTENER_PORT": "30080", "ALB_HEALTH_CHECK_PORT": "30081",
    "NLB_LISTENER_PORT": "31080", "NLB_HEALTH_CHECK_PORT": "31081",
}  # fmt: skip


@pytest.fixture
def fake_aws(tmp_path: Path) -> Path:
    """A stand-in `aws` on PATH that appends its arguments to a log and succeeds.

    Asked to describe rules, it prints $FAKE_RULES (tab-separated, as the real CLI does), or
    fails with $FAKE_DENIED.
    """
    log = tmp_path / "aws.log"
    stub = tmp_path / "bin" / "aws"
    stub.parent.mkdir()
    stub.write_text(
        f'#!/bin/bash\nprintf "%s\\n" "$*" >> {log}\n'
        "if [[ $2 == describe-security-group-rules ]]; then\n"
        '  [[ -z ${FAKE_DENIED:-} ]] || { echo "$FAKE_DENIED" >&2; exit 254; }\n'
        '  printf "%b" "${FAKE_RULES:-}"\nfi\n'
    )
    stub.chmod(0o755)
    return log


def run(
    script: str, env: dict[str, str], log: Path, *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    path = f"{log.parent / 'bin'}:/usr/bin:/bin"
    return subprocess.run(
        ["bash", str(SCRIPTS / script), *args], env={**env, "PATH": path},
        input=stdin, capture_output=True, text=True, check=False,
    )  # fmt: skip


def calls(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


def test_golden() -> None:
    assert not (diff := golden_mismatches("awscli")), diff


def test_one_apply_and_one_revoke_script_per_group_and_for_all(ref: Reference) -> None:
    names = sorted(p.name for p in SCRIPTS.iterdir())
    groups = [g.id for g in ref.security_groups] + ["all"]
    assert names == sorted(f"{action}-{g}.sh" for action in ("apply", "revoke") for g in groups)


def test_shellcheck_finds_nothing() -> None:
    shellcheck = shutil.which("shellcheck")
    assert shellcheck, "shellcheck is installed by scripts/setup.sh test"
    scripts = sorted(SCRIPTS.glob("*.sh")) + sorted((ROOT / "scripts").glob("*.sh"))
    result = subprocess.run(
        [shellcheck, "--severity=style", *map(str, scripts)], capture_output=True, text=True
    )
    assert (result.returncode, result.stdout) == (0, "")


def test_missing_and_malformed_variables_stop_before_any_call(fake_aws: Path) -> None:
    env = VALID | {"NODE_SG_ID": "sg-123", "ALB_LISTENER_PORT": "0x50"}
    env.pop("CONTROL_PLANE_SG_ID")
    result = run("apply-all.sh", env, fake_aws)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "error: CONTROL_PLANE_SG_ID must be a security group ID such as sg-0123456789abcdef0 (it is '')",
        "error: NODE_SG_ID must be a security group ID such as sg-0123456789abcdef0 (it is 'sg-123')",
        "error: ALB_LISTENER_PORT must be a port from 1 to 65535 (it is '0x50')",
        "Set the variables above, then run this again. Nothing was changed.",
    ]
    assert calls(fake_aws) == []


@pytest.mark.parametrize("port", ["0", "65536", "080", "", "1 2", "$(id)"])
def test_bad_ports_are_refused(fake_aws: Path, port: str) -> None:
    result = run("apply-node.sh", VALID | {"ALB_LISTENER_PORT": port}, fake_aws)
    assert result.returncode == 2
    assert calls(fake_aws) == []


def test_group_script_needs_only_its_variables(fake_aws: Path) -> None:
    result = run("apply-alb.sh", {"ALB_SG_ID": VALID["ALB_SG_ID"]}, fake_aws)
    assert result.returncode == 0, result.stderr
    assert calls(fake_aws) == [
        "ec2 describe-security-group-rules --output text --filters Name=group-id,Values=sg-0ddddddd "
        "--query SecurityGroupRules[].[GroupId,IsEgress,IpProtocol,FromPort,ToPort,"
        "CidrIpv4||CidrIpv6||ReferencedGroupInfo.GroupId]",
        "ec2 authorize-security-group-egress --group-id sg-0ddddddd --ip-permissions "
        '[{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"All outbound IPv4 traffic"}]}]',
    ]


def test_apply_makes_one_call_per_group_and_direction(ref: Reference, fake_aws: Path) -> None:
    result = run("apply-all.sh", VALID, fake_aws)
    assert result.returncode == 0, result.stderr
    pairs = {(r.group, r.direction) for r in ref.rules}
    assert len(calls(fake_aws)) == 1 + len(pairs)  # one describe, one authorize per pair
    assert result.stdout.count("  added    ") == len(ref.rules)


def test_revoke_asks_and_does_nothing_without_yes(fake_aws: Path) -> None:
    result = run("revoke-node.sh", VALID, fake_aws, stdin="no\n")
    assert result.returncode == 1
    assert (
        "node-in-kubelet-from-control-plane: node inbound tcp 10250 control-plane [minimum]"
        in result.stdout
    )
    assert "Nothing was removed." in result.stderr
    assert calls(fake_aws) == []


def test_revoke_proceeds_when_the_answer_is_yes(fake_aws: Path) -> None:
    node_all_self = "sg-0ccccccccccccccc3\\tFalse\\t-1\\t-1\\t-1\\tsg-0ccccccccccccccc3\\n"
    result = run("revoke-node.sh", VALID | {"FAKE_RULES": node_all_self}, fake_aws, stdin="yes\n")
    assert result.returncode == 0, result.stderr
    assert "  removed  node-in-all-self" in result.stdout
    assert calls(fake_aws)[0].startswith("ec2 describe-security-group-rules")
    assert calls(fake_aws)[1].startswith(
        "ec2 revoke-security-group-ingress --group-id sg-0ccccccccccccccc3"
    )


def test_revoke_with_yes_does_not_read_stdin(fake_aws: Path) -> None:
    env = {
        "ALB_SG_ID": VALID["ALB_SG_ID"],
        "FAKE_RULES": "sg-0ddddddd\\tTrue\\t-1\\t-1\\t-1\\t0.0.0.0/0\\n",
    }
    result = run("revoke-alb.sh", env, fake_aws, "--yes")
    assert result.returncode == 0, result.stderr
    assert len(calls(fake_aws)) == 2
    assert "  removed  alb-out-all-ipv4" in result.stdout


def test_rules_the_group_has_are_not_sent_again(fake_aws: Path) -> None:
    """The describe answer names the rule: apply reports it present and makes no call."""
    env = {
        "ALB_SG_ID": VALID["ALB_SG_ID"],
        "FAKE_RULES": "sg-0ddddddd\\tTrue\\t-1\\t-1\\t-1\\t0.0.0.0/0\\n",
    }
    result = run("apply-alb.sh", env, fake_aws)
    assert result.returncode == 0, result.stderr
    assert "  present  alb-out-all-ipv4" in result.stdout
    assert len(calls(fake_aws)) == 1


def test_revoke_skips_rules_the_group_does_not_have(fake_aws: Path) -> None:
    result = run(
        "revoke-alb.sh", {"ALB_SG_ID": VALID["ALB_SG_ID"], "FAKE_RULES": ""}, fake_aws, "--yes"
    )
    assert result.returncode == 0, result.stderr
    assert "  absent   alb-out-all-ipv4" in result.stdout
    assert len(calls(fake_aws)) == 1


def test_without_permission_to_list_every_rule_is_tried(fake_aws: Path) -> None:
    denied = "An error occurred (UnauthorizedOperation) when calling the DescribeSecurityGroupRules operation: no"
    result = run(
        "revoke-alb.sh", {"ALB_SG_ID": VALID["ALB_SG_ID"], "FAKE_DENIED": denied}, fake_aws, "--yes"
    )
    assert result.returncode == 0, result.stderr
    assert "note: could not list the current rules, so every rule is tried: no" in result.stderr
    assert calls(fake_aws)[1].startswith("ec2 revoke-security-group-egress")


def test_help_prints_the_header_and_calls_nothing(fake_aws: Path) -> None:
    result = run("apply-node.sh", {}, fake_aws, "--help")
    assert result.returncode == 0
    assert "Usage: bash apply-node.sh" in result.stdout
    assert "NODE_SG_ID" in result.stdout
    assert calls(fake_aws) == []


def test_unknown_argument_is_refused(fake_aws: Path) -> None:
    result = run("apply-node.sh", VALID, fake_aws, "--force")
    assert result.returncode == 2
    assert result.stderr == "error: unknown argument '--force' (try --help)\n"
