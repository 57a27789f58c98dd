"""Command-line values: every name and value checked before anything is printed, never hidden
by a later one, and shown with control characters escaped (through `eks-sg rules`)."""

from __future__ import annotations

import pytest
from helpers import eks_sg

NODE = "--sg=node=sg-0123456789abcdef0"
CONTROL_PLANE = "--sg=control-plane=sg-0123456789abcdef1"


def test_given_ids_and_values_fill_the_script_and_the_rest_stay_variables() -> None:
    result = eks_sg("rules", "--with", "nlb", NODE, "--param=nlb-listener-port=31080",
                    "--format", "aws-cli")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert ': "${NODE_SG_ID:=sg-0123456789abcdef0}"' in result.stdout
    assert ': "${NLB_LISTENER_PORT:=31080}"' in result.stdout
    assert "NLB_SG_ID:=" not in result.stdout  # not given: the script asks for it


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--group", "nodes", NODE], "eks-sg: error: unknown role nodes; valid: cluster, control-plane, node"),
        (["--with", "istio,knativ"], "eks-sg: error: unknown category knativ; valid: default, minimum"),
        (["--sg=node=sg-12345"], "eks-sg: error: --sg node=sg-12345: a security group ID is sg- and 8 or 17 hex digits\n"),
        (["--sg=node=sg-0123456789ABCDEF0"], "eks-sg: error: --sg node=sg-0123456789ABCDEF0: a security group ID"),
        (["--sg", "node"], "eks-sg: error: --sg takes ROLE=sg-ID, not 'node'\n"),
        (["--param=alb-listener-port=99999"], "eks-sg: error: --param alb-listener-port=99999: a port is a number from 1 to 65535\n"),
        # A bad value is never hidden by a later good one: a role given twice is an error.
        (["--sg", "node=sg-123; x", NODE], "eks-sg: error: --sg 'node' is given twice; give it once\n"),
        (["--group", ","], "eks-sg: error: --group takes names separated by commas, not ','\n"),
        (["--group", "node,,alb"], "eks-sg: error: --group takes names separated by commas, not 'node,,alb'\n"),
        (["--with", ""], "eks-sg: error: --with takes names"),
        (  # Arabic-Indic digits are digits to str.isdigit(), not to a port
            ["--param=alb-listener-port=\u0663\u0663"],
            "eks-sg: error: --param alb-listener-port=\u0663\u0663: a port is a number from 1 to 65535\n",
        ),
        (  # control characters from the command line are shown escaped
            ["--sg=node=sg-0123456789abcdef0\x1b[2J"],
            "eks-sg: error: --sg node=sg-0123456789abcdef0\\x1b[2J: a security group ID",
        ),
    ],
)  # fmt: skip
def test_mistakes_are_usage_errors(args: list[str], message: str) -> None:
    result = eks_sg("rules", *args)
    assert result.returncode == 2
    assert result.stderr.startswith(message), result.stderr
    assert result.stdout == ""


SNAPSHOT = "--input=tests/fixtures/audit/snapshot.json"
COMMANDS = {
    "rules": ["rules"],
    "audit": ["audit", SNAPSHOT],
    "discover": ["discover", "--kubernetes", "tests/fixtures/discover/demo.json", SNAPSHOT],
}


@pytest.mark.parametrize(
    ("args", "message", "commands"),
    [
        (["--sg", "nod=sg-0123456789abcdef0"], "unknown role nod; valid: cluster, control-plane, "
         "node, alb, nlb, pod; did you mean node?", ("rules", "audit")),
        (["--sg", "node"], "--sg takes ROLE=sg-ID, not 'node'", ("rules", "audit", "discover")),
        (["--sg", "cluster=sg-12"], "--sg cluster=sg-12: a security group ID is sg- and 8 or 17 "
         "hex digits", ("rules", "audit", "discover")),
        (["--share", "node"], "--share takes ROLE=CARRIER, not 'node'", ("rules", "audit")),
        (["--share", "node=clustr"], "unknown role clustr; valid: cluster, control-plane, node, "
         "alb, nlb, pod; did you mean cluster?", ("rules", "audit")),
        (["--param", "vpc-cidr"], "--param takes NAME=VALUE, not 'vpc-cidr'", ("rules", "audit")),
        (["--param", "vpc-cidr=10.0.0.1/16"], "--param vpc-cidr=10.0.0.1/16: the value "
         "'10.0.0.1/16' is not a valid CIDR: 10.0.0.1/16 has host bits set", ("rules", "audit")),
        (["--with", "istoi"], "unknown category istoi; valid: ", ("rules", "audit")),
    ],
)  # fmt: skip
def test_every_command_says_the_same_about_the_same_mistake(
    args: list[str], message: str, commands: tuple[str, ...]
) -> None:
    """One parser (gen/cli/options.py): the same words and exit code 2 for every command."""
    for command in commands:
        result = eks_sg(*COMMANDS[command], *args)
        assert result.returncode == 2, (command, result.stderr)
        assert result.stderr.startswith(f"eks-sg: error: {message}"), (command, result.stderr)


def test_a_parameter_value_is_checked_as_a_value_not_as_the_data_files_example() -> None:
    result = eks_sg("rules", "--param", "vpc-cidr=fd00::/8")
    assert (
        result.stderr
        == "eks-sg: error: --param vpc-cidr=fd00::/8: vpc-cidr holds an ipv4 network\n"
    )
    assert "example" not in eks_sg("rules", "--param", "vpc-cidr=x").stderr


def test_every_wrong_option_of_an_audit_is_reported_in_one_run() -> None:
    """A role, a parameter, a category and a sharing, each mistyped: four lines, exit 2,
    before any file is read."""
    result = eks_sg("audit", "--sg", "nod=sg-0123456789abcdef0", "--with", "istoi",
                    "--param", "foo=1", "--share", "x", "--input", "missing.json")  # fmt: skip
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert [line.split(";")[0] for line in lines] == [
        "eks-sg: error: unknown role nod",
        "eks-sg: error: unknown parameter foo",
        "eks-sg: error: unknown category istoi",
        "eks-sg: error: --share takes ROLE=CARRIER, not 'x'",
    ]
