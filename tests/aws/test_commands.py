"""Every generated AWS CLI command, parsed by bash and then by the real AWS CLI.

bash expands the command's words (quotes, variables); awscli's own driver parses the options
and botocore validates the parameters against EC2's model; the request is captured, not sent.
"""

from __future__ import annotations

import subprocess

import pytest
from aws_tools import CapturingCli
from botocore.session import get_session
from botocore.validate import ParamValidator

from gen.aws import commands as aws_commands
from gen.aws import ec2
from gen.reference.model import Reference

GROUP_IDS = {
    "cluster": "sg-0aaaaaaaaaaaaaaa1",
    "control-plane": "sg-0bbbbbbbbbbbbbbb2",
    "node": "sg-0ccccccccccccccc3",
    "alb": "sg-0ddddddddddddddd4",
    "nlb": "sg-0eeeeeeeeeeeeeee5",
    "pod": "sg-0fffffffffffffff6",
}
OPERATIONS = {
    "inbound": "AuthorizeSecurityGroupIngress",
    "outbound": "AuthorizeSecurityGroupEgress",
}


@pytest.fixture(scope="module")
def cli() -> CapturingCli:
    return CapturingCli()


def shell_words(command: str, env: dict[str, str]) -> list[str]:
    """The arguments bash passes to `aws` when it runs `command`."""
    script = 'aws() { printf "%s\\0" "$@"; }\n' + command
    out = subprocess.run(["bash", "-c", script], env=env, capture_output=True, check=True).stdout
    return out.decode().split("\0")[:-1]


def variables(ref: Reference) -> dict[str, str]:
    env = {g.variable: GROUP_IDS[g.id] for g in ref.security_groups}
    return env | {p.variable: str(p.example) for p in ref.parameters}


def expected_params(ref: Reference, rule) -> dict:
    ports = {p.id: p.example for p in ref.parameters}
    return {
        "GroupId": GROUP_IDS[rule.group],
        "IpPermissions": [ec2.ip_permission(rule, GROUP_IDS, ports)],
    }


def test_every_docs_snippet_runs_through_the_real_cli(ref: Reference, cli: CapturingCli) -> None:
    values = aws_commands.Values.variables(ref)
    validator = ParamValidator()
    ec2_model = get_session().get_service_model("ec2")
    for rule in ref.rules:
        add, _ = aws_commands.authorize_and_revoke(rule, values)  # what the pages show
        words = shell_words(add, variables(ref))
        code, err = cli.run(words)
        assert code == 0, f"{rule.id}: {err}"
        operation, params = cli.calls[-1]
        assert operation == OPERATIONS[rule.direction]
        assert params == expected_params(ref, rule), rule.id
        shape = ec2_model.operation_model(operation).input_shape
        assert not validator.validate(params, shape).has_errors(), rule.id


def test_a_docs_snippet_stops_before_aws_when_a_variable_is_unset(ref: Reference) -> None:
    """Issue 15: pasted into a shell without $NODE_SG_ID, the command names it and runs nothing."""
    rule = next(r for r in ref.rules if r.id == "node-in-istio-webhook-from-control-plane")
    for command in aws_commands.authorize_and_revoke(rule, aws_commands.Values.variables(ref)):
        env = {k: v for k, v in variables(ref).items() if k != "NODE_SG_ID"}
        script = "aws() { echo called; }\n" + command
        result = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True)
        assert result.returncode != 0
        assert "called" not in result.stdout
        assert "NODE_SG_ID: set NODE_SG_ID" in result.stderr
        assert '\n      "IpProtocol": "tcp",\n' in command  # one field per line


def test_icmp_rides_in_from_and_to_port(ref: Reference, cli: CapturingCli) -> None:
    """The DESIGN facts, checked on what the CLI would send."""
    rules = {r.id: r for r in ref.rules}
    for rule_id, want in [
        ("node-in-pmtud-icmp-self", ("icmp", 3, 4)),
        ("node-in-pmtud-icmpv6-self", ("icmpv6", 2, 0)),
    ]:
        cli.run(
            shell_words(
                aws_commands.authorize(rules[rule_id], aws_commands.Values.variables(ref)),
                variables(ref),
            )
        )
        permission = cli.calls[-1][1]["IpPermissions"][0]
        assert (permission["IpProtocol"], permission["FromPort"], permission["ToPort"]) == want


def test_self_is_the_groups_own_id_and_all_is_minus_one(ref: Reference, cli: CapturingCli) -> None:
    rule = next(r for r in ref.rules if r.id == "node-in-all-self")
    cli.run(
        shell_words(
            aws_commands.authorize(rule, aws_commands.Values.variables(ref)), variables(ref)
        )
    )
    [permission] = cli.calls[-1][1]["IpPermissions"]
    assert permission["IpProtocol"] == "-1"
    assert "FromPort" not in permission
    assert permission["UserIdGroupPairs"][0]["GroupId"] == GROUP_IDS["node"]


def test_commands_with_real_ids_run_through_the_real_cli(ref: Reference, cli: CapturingCli) -> None:
    """What `eks-sg audit` prints to fix a missing rule: the command with the user's real IDs
    (and a parameter given as a value), parsed and validated by awscli itself."""
    given = {p.id: p.example for p in ref.parameters if p.kind == "port"}
    values = aws_commands.Values(
        dict(GROUP_IDS), {**aws_commands.Values.variables(ref).ports, **given}
    )
    env = {p.variable: str(p.example) for p in ref.parameters} | {"PATH": "/usr/bin:/bin"}
    for rule in ref.rules:
        command = aws_commands.authorize(rule, values)
        assert "_SG_ID" not in command, command  # every group ID is filled in
        code, err = cli.run(shell_words(command, env))
        assert code == 0, err
        assert cli.calls[-1][1] == expected_params(ref, rule)
