"""`eks-sg cli`: the chosen rules only, real IDs validated, clear errors listing valid names."""

from __future__ import annotations

import pytest
from helpers import eks_sg

from gen.model import Reference

NODE = "--sg=node=sg-0123456789abcdef0"
CONTROL_PLANE = "--sg=control-plane=sg-0123456789abcdef1"


def rule_ids(stdout: str) -> list[str]:
    return [
        line[2:].split(":")[0]
        for line in stdout.splitlines()
        if line.startswith("# ") and ":" in line[:60] and not line.startswith("# eks-sg")
    ]


def test_selects_exactly_the_groups_and_categories(ref: Reference) -> None:
    result = eks_sg("cli", "--group", "node", NODE, CONTROL_PLANE, "--category", "minimum,istio")
    assert result.returncode == 0, result.stderr
    want = [
        r.id for r in ref.rules if r.group == "node" and {"minimum", "istio"} & set(r.categories)
    ]
    assert rule_ids(result.stdout) == want
    assert "sg-0123456789abcdef1" in result.stdout
    assert "$" not in result.stdout  # every ID is filled in


def test_unset_parameters_stay_variables_and_are_named(ref: Reference) -> None:
    result = eks_sg("cli", "--group", "node", NODE, "--sg=alb=sg-01234567", "--category", "alb")
    assert result.returncode == 0, result.stderr
    assert (
        "# Set ALB_HEALTH_CHECK_PORT, ALB_LISTENER_PORT first, or pass --port NAME=PORT."
        in result.stdout
    )
    assert '"FromPort":\'"${ALB_LISTENER_PORT}"\'' in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--group", "nodes", NODE],
            "eks-sg: error: unknown group nodes; valid: cluster, control-plane, node, alb, nlb, pod\n",
        ),
        (
            ["--group", "node", NODE, "--category", "istio,knativ"],
            "eks-sg: error: unknown category knativ; valid: default, minimum, ",
        ),
        (
            ["--group", "node", "--sg=node=sg-12345"],
            "eks-sg: error: --sg node=sg-12345: a security group ID is sg- and 8 or 17 hex digits\n",
        ),
        (
            ["--group", "node", "--sg=node=sg-0123456789ABCDEF0"],
            "eks-sg: error: --sg node=sg-0123456789ABCDEF0: a security group ID",
        ),
        (
            ["--group", "node", NODE],
            "eks-sg: error: these rules also need --sg alb=sg-... --sg cluster=sg-... --sg control-plane=sg-... --sg nlb=sg-... --sg pod=sg-...\n",
        ),
        (["--group", "node", "--sg", "node"], "eks-sg: error: --sg takes NAME=VALUE, not 'node'\n"),
        (
            [
                "--group",
                "node",
                NODE,
                CONTROL_PLANE,
                "--category",
                "minimum",
                "--port=alb-listener-port=99999",
            ],
            "eks-sg: error: --port alb-listener-port=99999: a port is a number from 1 to 65535\n",
        ),
        # A bad value is never hidden by a later good one: a role given twice is an error.
        (
            ["--group", "node", "--sg", "node=sg-123; x", NODE, CONTROL_PLANE],
            "eks-sg: error: --sg 'node' is given twice; give it once\n",
        ),
        (
            ["--group", ",", NODE],
            "eks-sg: error: --group takes names separated by commas, not ','\n",
        ),
        (
            ["--group", "node,,alb", NODE],
            "eks-sg: error: --group takes names separated by commas, not 'node,,alb'\n",
        ),
        (["--group", "node", NODE, "--category", ""], "eks-sg: error: --category takes names"),
        (  # Arabic-Indic digits are digits to str.isdigit(), not to a port
            [
                "--group",
                "alb",
                "--sg=alb=sg-01234567",
                NODE,
                "--port=alb-listener-port=\u0663\u0663",
            ],
            "eks-sg: error: --port alb-listener-port=\u0663\u0663: a port is a number from 1 to 65535\n",
        ),
        (  # control characters from the command line are shown escaped
            ["--group", "node", "--sg=node=sg-0123456789abcdef0\x1b[2J"],
            "eks-sg: error: --sg node=sg-0123456789abcdef0\\x1b[2J: a security group ID",
        ),
    ],
)
def test_mistakes_are_usage_errors(args: list[str], message: str) -> None:
    result = eks_sg("cli", *args)
    assert result.returncode == 2
    assert result.stderr.startswith(message)
    assert result.stdout == ""


def test_no_matching_rule_says_so() -> None:
    result = eks_sg("cli", "--group", "alb", "--sg=alb=sg-01234567", "--category", "istio")
    assert result.returncode == 1
    assert result.stderr == "eks-sg: no rule of alb is in istio\n"
