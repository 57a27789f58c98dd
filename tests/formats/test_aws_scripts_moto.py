"""apply.sh and revoke.sh, run by dash and bash with the real AWS CLI against moto's EC2: for
every group, and with `--group` for some (the other groups must not change).

The groups are read back with `aws ec2 describe-security-groups` and compared with the data:
protocol, ports, peer group or CIDR, and description, rule for rule. The only rule that is not
the data's is the default egress rule EC2 gives every new group (all traffic to 0.0.0.0/0, and
to ::/0 in a VPC with IPv6, no description); where the data has that same rule, EC2 keeps the
existing one, so its description is not compared (until --update-descriptions sets it).

Parameter peers (CIDR and prefix-list parameters) get their example values; the prefix list is
one the test creates with `create_managed_prefix_list`, as a user would pass a real one.

Moto gaps (moto 5.2): `describe-security-group-rules` drops the Description of group-referenced
rules, which is why the scripts list rules with `describe-security-groups`;
`update-security-group-rule-descriptions-*` changes only CIDR rules' descriptions, so the
description test uses a CIDR rule; and `describe-security-groups` returns PrefixListIds
entries without their Description (so a prefix-list rule is reported "present, description
differs" on a second run here, and its description is not compared). Moto also accepts a
prefix-list id that does not exist; real EC2 refuses it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from aws_tools import FAKE_CREDENTIALS, cli_env, moto_server
from helpers import ROOT, eks_sg
from moto_groups import described, expected, new_groups, parameter_values

from gen.formats import paths
from gen.reference.model import Reference
from gen.select import Setup, select

pytestmark = pytest.mark.moto

DEFAULT_EGRESS = {("outbound", "-1", None, None, cidr) for cidr in ("0.0.0.0/0", "::/0")}


@pytest.fixture(scope="module")
def endpoint():
    with moto_server() as url:
        yield url


SHELLS = ["dash", "bash"]
WITH_ALB = ("--with", "alb", "--group", "alb")


@pytest.fixture(scope="module")
def values(endpoint: str, ref: Reference) -> dict[str, str]:
    return parameter_values(endpoint, ref)


def run_script(
    name: str,
    endpoint: str,
    ref: Reference,
    groups: dict[str, str],
    *args: str,
    shell: str = "dash",
    values: dict[str, str] | None = None,
    **extra: str,
) -> subprocess.CompletedProcess[str]:
    env = cli_env(endpoint, **{g.variable: groups[g.id] for g in ref.security_groups}, **extra)
    given = values or {p.id: str(p.example) for p in ref.parameters}
    env |= {p.variable: given[p.id] for p in ref.parameters}
    script = name if "/" in name else str(ROOT / paths.SCRIPTS / name)
    return subprocess.run([shell, script, *args], env=env,
                          capture_output=True, text=True, check=False, timeout=600)  # fmt: skip


def without_default_egress_description(rules: set[tuple]) -> set[tuple]:
    return {(*r[:-1], None) if r[1:6] in DEFAULT_EGRESS else r for r in rules}


def big_setup(ref: Reference) -> tuple[str, ...]:
    """As many categories as can go together, without sharing: most rules of the reference."""
    chosen: list[str] = []
    for c in ref.categories:
        clash = any(
            c.id in o.excludes or o.id in c.excludes for o in ref.categories if o.id in chosen
        )
        if not (c.baseline or c.shares or clash):
            chosen.append(c.id)
    return tuple(chosen)


def apply_twice_then_revoke(
    endpoint: str,
    ref: Reference,
    values: dict[str, str],
    shell: str,
    chosen: tuple[str, ...],
    apply: str = "apply.sh",
    with_args: tuple[str, ...] | None = None,
    only: tuple[str, ...] = (),
) -> None:
    """Fresh groups; apply creates exactly the selected rules (next to EC2's default egress
    rules), a second apply changes nothing, revoke with the same selection removes them.
    `only`: the roles `--group` names (and the script is given); every other group keeps
    exactly its default rules throughout."""
    rules = select(ref, Setup(chosen, groups=only)).rules
    args = ("--with", ",".join(chosen)) if with_args is None else with_args
    args += ("--group", ",".join(only)) if only and with_args is None else ()
    groups = new_groups(endpoint, ref)
    defaults = {(role, *rule, None) for role in groups for rule in DEFAULT_EGRESS}
    assert described(endpoint, groups) == defaults
    if only:  # the test's own judge: the roles the rules are on are the ones named
        assert {r.group for r in rules} == set(only)

    first = run_script(apply, endpoint, ref, groups, *args, shell=shell, values=values)
    assert first.returncode == 0, first.stderr
    want = without_default_egress_description(expected(ref, values, rules))
    leftover = {r for r in defaults if r[:6] not in {w[:6] for w in want}}
    after_first = described(endpoint, groups)
    assert after_first == want | leftover
    untouched = set(groups) - set(only) if only else set()
    assert {r for r in after_first if r[0] in untouched} == {
        r for r in defaults if r[0] in untouched
    }
    assert first.stdout.count("  added    ") + first.stdout.count("  present  ") == len(rules)

    second = run_script(apply, endpoint, ref, groups, *args, shell=shell, values=values)
    assert second.returncode == 0, second.stderr
    assert second.stdout.count("  present  ") == len(rules)
    assert "  added    " not in second.stdout
    assert described(endpoint, groups) == after_first

    scope = ("--group", ",".join(only)) if only else ()
    revoke = run_script("revoke.sh", endpoint, ref, groups, "--yes", "--with", ",".join(chosen),
                        *scope, shell=shell, values=values)  # fmt: skip
    assert revoke.returncode == 0, revoke.stderr
    assert described(endpoint, groups) == leftover


@pytest.mark.slow(
    "every rule added twice and revoked through the real AWS CLI (a fork of the AWS CLI per call)"
)
@pytest.mark.parametrize("shell", SHELLS)
def test_apply_all_twice_then_revoke_all(
    endpoint: str, ref: Reference, values: dict[str, str], shell: str
) -> None:
    """Most rules of the reference: every category that can go with the others."""
    assert FAKE_CREDENTIALS["AWS_ACCESS_KEY_ID"] == "test"
    apply_twice_then_revoke(endpoint, ref, values, shell, big_setup(ref))


@pytest.mark.slow(
    "a big setup's rules on one or two groups, added twice and revoked through the real AWS CLI"
)
@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize("only", [("node",), ("node", "control-plane")])
def test_apply_some_groups_twice_then_revoke_them(
    endpoint: str, ref: Reference, values: dict[str, str], shell: str, only: tuple[str, ...]
) -> None:
    """`--group node` and `--group node,control-plane`: only those groups change."""
    apply_twice_then_revoke(endpoint, ref, values, shell, big_setup(ref), only=only)


@pytest.mark.slow("a setup's rules added through the real AWS CLI")
@pytest.mark.parametrize("shell", SHELLS)
def test_the_script_of_eks_sg_rules_applies_its_setup(
    endpoint: str, ref: Reference, values: dict[str, str], shell: str, tmp_path: Path
) -> None:
    """`eks-sg rules --with istio,nlb --format aws-cli`, run without arguments; then
    `revoke.sh --with istio,nlb --yes`; the same with `--group node` built in."""
    made = eks_sg("rules", "--with", "istio,nlb", "--format", "aws-cli")
    assert made.returncode == 0, made.stderr
    script = tmp_path / "setup.sh"
    script.write_text(made.stdout)
    apply_twice_then_revoke(endpoint, ref, values, shell, ("istio", "nlb"), str(script), ())
    made = eks_sg("rules", "--with", "istio,nlb", "--group", "node", "--format", "aws-cli")
    assert made.returncode == 0, made.stderr
    script.write_text(made.stdout)
    apply_twice_then_revoke(
        endpoint, ref, values, shell, ("istio", "nlb"), str(script), (), only=("node",)
    )


@pytest.mark.parametrize("shell", SHELLS)
def test_aws_errors_stop_the_script_with_the_aws_message(
    endpoint: str, ref: Reference, shell: str
) -> None:
    """A group that does not exist is not a duplicate: the script stops with AWS's words."""
    missing = {g.id: "sg-0123456789abcdef0" for g in ref.security_groups}
    result = run_script("apply.sh", endpoint, ref, missing, *WITH_ALB, shell=shell)
    assert result.returncode == 1
    assert "InvalidGroup.NotFound" in result.stderr
    assert "Done" not in result.stdout


@pytest.mark.parametrize("shell", SHELLS)
def test_revoke_in_another_region_stops_and_names_it(
    endpoint: str, ref: Reference, shell: str
) -> None:
    """The groups are in us-east-1: in us-west-2 revoke must not call every rule absent.

    AWS_DEFAULT_REGION, as the AWS CLI v1 installed here ignores AWS_REGION (v2 reads it).
    """
    groups = new_groups(endpoint, ref)
    result = run_script(
        "revoke.sh",
        endpoint,
        ref,
        groups,
        "--yes",
        "--group",
        "node",
        shell=shell,
        AWS_DEFAULT_REGION="us-west-2",
    )
    assert result.returncode == 1
    assert f"security group {groups['node']}" in result.stderr
    assert "in us-west-2" in result.stderr
    assert "Done" not in result.stdout


@pytest.mark.parametrize("shell", SHELLS)
def test_a_description_that_differs_is_reported_then_updated(
    endpoint: str, ref: Reference, shell: str
) -> None:
    """EC2's default egress rule is alb-out-all-ipv4 without its description."""
    groups = new_groups(endpoint, ref)
    first = run_script("apply.sh", endpoint, ref, groups, *WITH_ALB, shell=shell)
    assert first.returncode == 0, first.stderr
    assert "  present  alb-out-all-ipv4, description differs" in first.stdout
    fixed = run_script(
        "apply.sh", endpoint, ref, groups, "--update-descriptions", *WITH_ALB, shell=shell
    )
    assert fixed.returncode == 0, fixed.stderr
    assert "  updated  alb-out-all-ipv4" in fixed.stdout
    rule = next(r for r in ref.rules if r.id == "alb-out-all-ipv4")
    alb = {r for r in described(endpoint, groups) if r[0] == "alb"}
    assert ("alb", "outbound", "-1", None, None, "0.0.0.0/0", rule.description) in alb
    again = run_script("apply.sh", endpoint, ref, groups, *WITH_ALB, shell=shell)
    assert "  present  alb-out-all-ipv4\n" in again.stdout
