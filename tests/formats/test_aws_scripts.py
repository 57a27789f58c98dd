"""The generated POSIX sh scripts: layout (golden), shellcheck -s sh, arguments, variables, and
what they do around each AWS call.

The scripts run for real in dash (some tests also in bash and busybox sh), with a stand-in
`aws` that only logs its arguments; tests/formats/test_aws_scripts_moto.py runs them with the real AWS CLI against the EC2 emulator.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import ROOT, eks_sg, load_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from setups import valid_setups

from gen.formats import aws_scripts, paths
from gen.reference.model import Reference
from gen.select import Setup, SetupError, select

SCRIPTS = ROOT / paths.SCRIPTS
VALID = {
    "CLUSTER_SG_ID": "sg-0aaaaaaaaaaaaaaa1", "CONTROL_PLANE_SG_ID": "sg-0bbbbbbbbbbbbbbb2",
    "NODE_SG_ID": "sg-0ccccccccccccccc3", "ALB_SG_ID": "sg-0ddddddd", "NLB_SG_ID": "sg-0eeeeeee",
    "ALB_LISTENER_PORT": "30080", "ALB_HEALTH_CHECK_PORT": "30081",
    "NLB_LISTENER_PORT": "31080", "NLB_HEALTH_CHECK_PORT": "31081",
    "POD_SG_ID": "sg-0fffffff", "POD_PROBE_PORT": "8080", "ALB_TARGET_PORT": "8081",
    "ALB_TARGET_HEALTH_CHECK_PORT": "8082", "NLB_TARGET_PORT": "9080",
    "NLB_TARGET_HEALTH_CHECK_PORT": "9081", "HYBRID_WEBHOOK_PORT": "9443",
    "NLB_CLIENT_CIDR": "203.0.113.0/24", "VPC_CIDR": "10.0.0.0/16",
    "S3_PREFIX_LIST_ID": "pl-63a5400a", "REMOTE_NODE_CIDR": "192.168.100.0/24",
    "REMOTE_POD_CIDR": "192.168.64.0/20", "REMOTE_MESH_CIDR": "10.1.0.0/16",
    "SSH_SOURCE_CIDR": "198.51.100.0/24", "ALB_FRONTEND_PORT": "443", "NLB_FRONTEND_PORT": "443",
    "NLB_SUBNET_CIDR": "10.0.64.0/20", "CLIENT_CIDR_IPV6": "::/0",
}  # fmt: skip


SHELLS = ["dash", "bash", "busybox sh"]
ALB = {"ALB_SG_ID": VALID["ALB_SG_ID"]}
WITH_ALB = ("--with", "alb", "--group", "alb")  # the ALB group exists only with an ALB
NODE = ("--group", "node")
ALB_OUT = "P\\tTrue\\t-1\\tNone\\tNone\\nR\\t0.0.0.0/0\\t"  # + description: FAKE_RULES


@pytest.fixture
def fake_aws(tmp_path: Path) -> Path:
    """A stand-in `aws` on PATH that appends its arguments to a log and succeeds.

    Asked to describe groups, it prints "G<tab>id" for each group asked for (except those in
    $FAKE_MISSING) then $FAKE_RULES (the tagged rows of the script's query, as the real CLI
    prints them), or fails with $FAKE_DENIED.
    """
    log = tmp_path / "aws.log"
    stub = tmp_path / "bin" / "aws"
    stub.parent.mkdir()
    stub.write_text(
        f'#!/bin/sh\nprintf "%s\\n" "$*" >> {log}\n'
        'if [ "$2" = describe-security-groups ]; then\n'
        '  [ -z "${FAKE_DENIED:-}" ] || { echo "$FAKE_DENIED" >&2; exit 254; }\n'
        "  shift 5\n"
        "  for id do\n"
        "    case $id in --*) break ;; esac\n"
        '    case " ${FAKE_MISSING:-} " in *" $id "*) ;; *) printf "G\\t%s\\n" "$id" ;; esac\n'
        "  done\n"
        '  printf "%b" "${FAKE_RULES:-}"\nfi\n'
    )
    stub.chmod(0o755)
    return log


def run(
    script: str, env: dict[str, str], log: Path, *args: str, stdin: str = "", shell: str = "dash"
) -> subprocess.CompletedProcess[str]:
    path = f"{log.parent / 'bin'}:/usr/bin:/bin"
    return subprocess.run(
        [*shell.split(), str(SCRIPTS / script), *args], env={**env, "PATH": path},
        input=stdin, capture_output=True, text=True, check=False,
    )  # fmt: skip


def calls(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


def test_two_scripts_apply_and_revoke() -> None:
    assert sorted(p.name for p in SCRIPTS.iterdir()) == ["apply.sh", "revoke.sh"]


def test_shellcheck_finds_nothing(tmp_path: Path) -> None:
    """The scripts as POSIX sh (`-s sh`: no bash-only syntax), and one that `eks-sg rules`
    made with its defaults filled in; scripts/*.sh are bash. One shellcheck per file, all at
    once (a reference without rules is checked in test_a_group_without_rules_does_nothing)."""
    shellcheck = shutil.which("shellcheck")
    assert shellcheck, "shellcheck is installed by scripts/setup.sh test"
    made = tmp_path / "apply-setup.sh"
    made.write_text(eks_sg("rules", "--with", "istio,nlb", "--group", "node,nlb", "--sg",
                           "node=sg-0ccccccc", "--param", "nlb-listener-port=31080",
                           "--format", "aws-cli").stdout)  # fmt: skip
    runs = [
        subprocess.Popen(
            [shellcheck, "-s", dialect, "--severity=style", str(script)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for dialect, scripts in (
            ("sh", [*sorted(SCRIPTS.glob("*.sh")), made]),
            ("bash", sorted((ROOT / "scripts").glob("*.sh"))),
        )
        for script in scripts
    ]
    for check in runs:
        out, _ = check.communicate()
        assert (check.returncode, out) == (0, "")


def test_scripts_start_as_posix_sh_and_use_no_bash_syntax() -> None:
    for path in SCRIPTS.glob("*.sh"):
        text = path.read_text()
        assert text.startswith("#!/bin/sh\n")
        for bashism in ("[[ ", "pipefail", "declare ", "local ", "read -p", "$'", "BASH_"):
            assert bashism not in text, (path.name, bashism)


@pytest.mark.parametrize("shell", SHELLS)
def test_missing_and_malformed_variables_stop_before_any_call(fake_aws: Path, shell: str) -> None:
    env = VALID | {"NODE_SG_ID": "sg-123", "ALB_LISTENER_PORT": "0x50"}
    env.pop("CONTROL_PLANE_SG_ID")
    result = run("apply.sh", env, fake_aws, "--with", "alb", shell=shell)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "error: CONTROL_PLANE_SG_ID must be a security group ID such as sg-0123456789abcdef0 (it is '')",
        "error: NODE_SG_ID must be a security group ID such as sg-0123456789abcdef0 (it is 'sg-123')",
        "error: ALB_LISTENER_PORT must be a port from 1 to 65535 (it is '0x50')",
        "Set the variables above, then run this again. Nothing was changed.",
    ]
    assert calls(fake_aws) == []


@pytest.mark.parametrize("port", ["0", "65536", "080", "", "1 2", "$(id)", "-1", "123456"])
def test_bad_ports_are_refused(fake_aws: Path, port: str) -> None:
    env = VALID | {"ALB_LISTENER_PORT": port}
    result = run("apply.sh", env, fake_aws, "--with", "alb", *NODE)
    assert result.returncode == 2
    assert calls(fake_aws) == []


@pytest.mark.parametrize(
    "sg",
    ["sg-0123456", "sg-0123456789abcdef", "sg-0123456789ABCDEF0", "sg-0123456g", "xg-01234567"],
)
def test_bad_group_ids_are_refused(fake_aws: Path, sg: str) -> None:
    result = run("apply.sh", {"ALB_SG_ID": sg}, fake_aws, *WITH_ALB)
    assert result.returncode == 2
    assert calls(fake_aws) == []


@pytest.mark.parametrize("shell", SHELLS)
def test_one_group_needs_only_its_variables(fake_aws: Path, shell: str) -> None:
    result = run("apply.sh", ALB, fake_aws, *WITH_ALB, shell=shell)
    assert result.returncode == 0, result.stderr
    assert calls(fake_aws)[0].startswith(
        "ec2 describe-security-groups --output text --group-ids sg-0ddddddd --query "
        "SecurityGroups[].[['G',GroupId],IpPermissions[]"
    )
    assert calls(fake_aws)[1:] == [
        "ec2 authorize-security-group-egress --group-id sg-0ddddddd --ip-permissions "
        '[{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"All outbound IPv4 traffic"}]}]',
    ]
    assert result.stdout.splitlines()[-2:] == ["  added    alb-out-all-ipv4", "Done."]


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


def test_apply_makes_one_call_per_group_and_direction(ref: Reference, fake_aws: Path) -> None:
    chosen = big_setup(ref)
    result = run("apply.sh", VALID, fake_aws, "--with", ",".join(chosen))
    assert result.returncode == 0, result.stderr
    rules = select(ref, Setup(chosen)).rules
    pairs = {(r.group, r.direction) for r in rules}
    assert len(calls(fake_aws)) == 1 + len(pairs)  # one describe, one authorize per pair
    assert result.stdout.count("  added    ") == len(rules)


def test_revoke_asks_and_does_nothing_without_yes(fake_aws: Path) -> None:
    result = run("revoke.sh", VALID, fake_aws, *NODE, stdin="no\n")
    assert result.returncode == 1
    assert (
        "node-in-kubelet-from-control-plane: node inbound tcp 10250 control-plane [minimum, "
        "metrics-server, cert-manager, external-secrets]" in result.stdout
    )
    assert "Nothing was removed." in result.stderr
    assert calls(fake_aws) == []


def test_revoke_proceeds_when_the_answer_is_yes(fake_aws: Path) -> None:
    node_all_self = (
        "P\\tFalse\\t-1\\tNone\\tNone\\nR\\tsg-0ccccccccccccccc3\\tAll traffic between nodes\\n"
    )
    env = VALID | {"FAKE_RULES": node_all_self}  # all traffic between nodes is recommended
    result = run("revoke.sh", env, fake_aws, "--with", "recommended", *NODE, stdin="yes\n")
    assert result.returncode == 0, result.stderr
    assert "  removed  node-in-all-self" in result.stdout
    assert "  absent   node-in-kubelet-from-control-plane" in result.stdout
    assert calls(fake_aws)[0].startswith("ec2 describe-security-groups")
    assert calls(fake_aws)[1].startswith(
        "ec2 revoke-security-group-ingress --group-id sg-0ccccccccccccccc3"
    )


@pytest.mark.parametrize("shell", SHELLS)
def test_revoke_with_yes_does_not_read_stdin(fake_aws: Path, shell: str) -> None:
    env = ALB | {"FAKE_RULES": ALB_OUT + "All outbound IPv4 traffic\\n"}
    result = run("revoke.sh", env, fake_aws, "--yes", *WITH_ALB, shell=shell)
    assert result.returncode == 0, result.stderr
    assert len(calls(fake_aws)) == 2
    assert "  removed  alb-out-all-ipv4" in result.stdout


def test_rules_the_group_has_are_not_sent_again(fake_aws: Path) -> None:
    """The listing names the rule: apply reports it present and makes no call."""
    env = ALB | {"FAKE_RULES": ALB_OUT + "All outbound IPv4 traffic\\n"}
    result = run("apply.sh", env, fake_aws, *WITH_ALB)
    assert result.returncode == 0, result.stderr
    assert "  present  alb-out-all-ipv4\n" in result.stdout
    assert len(calls(fake_aws)) == 1


def test_a_rule_with_another_description_is_reported_and_left(fake_aws: Path) -> None:
    env = ALB | {"FAKE_RULES": ALB_OUT + "None\\n"}  # EC2's default egress rule: no description
    result = run("apply.sh", env, fake_aws, *WITH_ALB)
    assert result.returncode == 0, result.stderr
    assert "  present  alb-out-all-ipv4, description differs" in result.stdout
    assert len(calls(fake_aws)) == 1


@pytest.mark.parametrize("shell", SHELLS)
def test_update_descriptions_sets_the_data_description(fake_aws: Path, shell: str) -> None:
    env = ALB | {"FAKE_RULES": ALB_OUT + "old words\\n"}
    result = run("apply.sh", env, fake_aws, "--update-descriptions", *WITH_ALB, shell=shell)
    assert result.returncode == 0, result.stderr
    assert "  updated  alb-out-all-ipv4" in result.stdout
    assert calls(fake_aws)[1:] == [
        "ec2 update-security-group-rule-descriptions-egress --group-id sg-0ddddddd "
        '--ip-permissions [{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0",'
        '"Description":"All outbound IPv4 traffic"}]}]'
    ]


def test_revoke_skips_rules_the_group_does_not_have(fake_aws: Path) -> None:
    result = run("revoke.sh", ALB | {"FAKE_RULES": ""}, fake_aws, "--yes", *WITH_ALB)
    assert result.returncode == 0, result.stderr
    assert "  absent   alb-out-all-ipv4" in result.stdout
    assert len(calls(fake_aws)) == 1


@pytest.mark.parametrize("script", ["apply.sh", "revoke.sh"])
def test_a_failed_listing_stops_with_the_aws_message(fake_aws: Path, script: str) -> None:
    denied = "An error occurred (UnauthorizedOperation) when calling the DescribeSecurityGroups operation: no"
    env = ALB | {"FAKE_DENIED": denied, "AWS_REGION": "eu-west-3"}
    result = run(
        script, env, fake_aws, *WITH_ALB, *(["--yes"] if script.startswith("revoke") else [])
    )
    assert result.returncode == 1
    assert result.stderr.endswith(
        f"error: could not list the rules of security group sg-0ddddddd in eu-west-3: {denied}\n"
    )
    assert len(calls(fake_aws)) == 1


@pytest.mark.parametrize(
    ("region", "shown"),
    [({"AWS_DEFAULT_REGION": "us-west-2"}, "us-west-2"), ({}, "the CLI's default region")],
)
def test_a_group_the_listing_leaves_out_is_an_error(
    fake_aws: Path, region: dict[str, str], shown: str
) -> None:
    """A wrong region or account: revoke must not call every rule absent and say Done."""
    env = ALB | region | {"FAKE_MISSING": VALID["ALB_SG_ID"]}
    result = run("revoke.sh", env, fake_aws, "--yes", *WITH_ALB)
    assert result.returncode == 1
    assert result.stderr == (
        f"error: security group sg-0ddddddd is not in {shown} (the listing did not return it)\n"
    )
    assert "Done" not in result.stdout
    assert len(calls(fake_aws)) == 1


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize("script", ["apply.sh", "revoke.sh"])
def test_help_parses_arguments_first_and_prints_only_the_usage(
    fake_aws: Path, shell: str, script: str
) -> None:
    result = run(script, {}, fake_aws, "--group", "xyz", "--help", shell=shell)
    assert (result.returncode, result.stderr) == (2, "error: unknown role xyz; valid: "
                                                  "cluster, control-plane, node, alb, nlb, pod\n")  # fmt: skip
    result = run(script, {}, fake_aws, "--help", "--group", "xyz", shell=shell)
    assert (result.returncode, result.stderr) == (0, "")
    assert f"Usage: sh {script} [--with ID[,ID...]] [--group ROLE[,ROLE...]] [--dry-run]" in (
        result.stdout
    )
    assert "NODE_SG_ID" in result.stdout
    assert (
        "Exit codes: 0 done, 1 AWS error or not confirmed, 2 bad variable, argument or shell."
        in result.stdout
    )
    assert calls(fake_aws) == []


@pytest.mark.parametrize(
    ("script", "args", "bad"),
    [
        ("apply.sh", ["--force"], "--force"),
        ("apply.sh", ["--yes"], "--yes"),
        ("revoke.sh", ["--update-descriptions"], "--update-descriptions"),
        ("revoke.sh", ["--yes", "--dry-run", "extra"], "extra"),
    ],
)
def test_unknown_argument_is_refused(
    fake_aws: Path, script: str, args: list[str], bad: str
) -> None:
    result = run(script, VALID, fake_aws, *args)
    assert result.returncode == 2
    assert result.stderr == f"error: unknown argument '{bad}' (try --help)\n"
    assert calls(fake_aws) == []


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize("args", [["--yes", "--dry-run"], ["--dry-run", "--yes"], ["--dry-run"]])
def test_dry_run_revoke_shows_the_calls_and_changes_nothing(
    fake_aws: Path, shell: str, args: list[str]
) -> None:
    """Every argument counts: `--yes --dry-run` used to revoke (only $1 was read)."""
    env = ALB | {"FAKE_RULES": ALB_OUT + "All outbound IPv4 traffic\\n"}
    result = run("revoke.sh", env, fake_aws, *args, *WITH_ALB, shell=shell)
    assert result.returncode == 0, result.stderr
    assert [c.split()[1] for c in calls(fake_aws)] == ["describe-security-groups"]
    assert (
        "  would run: aws ec2 revoke-security-group-egress --group-id sg-0ddddddd --ip-permissions "
        '\'[{"IpProtocol":"-1","IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"All outbound IPv4 traffic"}]}]\''
        in result.stdout
    )
    assert "  to revoke alb-out-all-ipv4" in result.stdout
    assert result.stdout.endswith("Done (dry run: nothing was changed).\n")


def test_dry_run_apply_changes_nothing(ref: Reference, fake_aws: Path) -> None:
    chosen = ",".join(big_setup(ref))
    result = run(
        "apply.sh", VALID, fake_aws, "--dry-run", "--update-descriptions", f"--with={chosen}"
    )
    assert result.returncode == 0, result.stderr
    assert len(calls(fake_aws)) == 1
    assert result.stdout.count("  would run: aws ec2 authorize-security-group-") == len(
        {(r.group, r.direction) for r in select(ref, Setup(tuple(chosen.split(",")))).rules}
    )


@pytest.mark.parametrize("shell", SHELLS)
def test_a_group_without_rules_does_nothing(
    minimal_text: str, fake_aws: Path, tmp_path: Path, shell: str
) -> None:
    """`--group ROLE` for a role the reference has no rules for (its group page still links
    the scripts): they say so, ask nothing, call nothing, and exit 0."""
    ref = load_text(minimal_text)
    ref = ref.model_copy(update={"rules": [r for r in ref.rules if r.group == "node"]})
    scripts = aws_scripts.render(ref)
    env = {"CONTROL_PLANE_SG_ID": VALID["CONTROL_PLANE_SG_ID"]}
    for action in aws_scripts.ACTIONS:
        path = tmp_path / f"{action}.sh"
        path.write_text(scripts[paths.script(action)])
        lint = subprocess.run(["shellcheck", "-s", "sh", str(path)], capture_output=True, text=True)
        assert lint.returncode == 0, lint.stdout
        result = subprocess.run(
            [*shell.split(), str(path), "--group", "control-plane"],
            env={**env, "PATH": f"{fake_aws.parent / 'bin'}:/usr/bin:/bin"},
            capture_output=True, text=True, check=False, input="",
        )  # fmt: skip
        assert (result.returncode, result.stderr) == (0, ""), result.stderr
        assert aws_scripts.NOTHING in result.stdout
    assert calls(fake_aws) == []


# The selection at run time: the same rules, covered rules and messages as gen/select.py.


def script_selection(out: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The rule ids a dry run would apply, and the (covered, by) pairs it reports."""
    lines = out.splitlines()
    applied = [line.split()[-1] for line in lines if line.startswith("  to authorize ")]
    covered = [  # "  covered  ID (WHY)"
        (line.split()[1], line.split(" (", 1)[1].removesuffix(")"))
        for line in lines
        if line.startswith("  covered  ")
    ]
    return applied, covered


def engine_selection(ref: Reference, setup: Setup) -> tuple[list[str], list[tuple[str, str]]]:
    selection = select(ref, setup)
    return [r.id for r in selection.rules], [(c.rule.id, c.why) for c in selection.covered]


def with_args(chosen: tuple[str, ...]) -> list[str]:
    return ["--with", ",".join(chosen)] if chosen else []


def test_every_category_alone_applies_what_the_engine_selects(
    ref: Reference, fake_aws: Path
) -> None:
    for category in ref.categories:
        chosen = () if category.baseline else (category.id,)
        result = run("apply.sh", VALID, fake_aws, "--dry-run", *with_args(chosen))
        assert result.returncode == 0, (category.id, result.stderr)
        assert script_selection(result.stdout) == engine_selection(ref, Setup(chosen)), category.id


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_setups_apply_and_revoke_what_the_engine_selects(
    ref: Reference, fake_aws: Path, data: st.DataObject
) -> None:
    """Every group, or some (`--group`, as `eks-sg rules --group`), under dash."""
    chosen = data.draw(valid_setups(ref))
    roles = [g.id for g in ref.security_groups]
    groups = tuple(data.draw(st.lists(st.sampled_from(roles), unique=True, max_size=3)))
    setup = Setup(chosen, groups=groups)
    args = [*with_args(chosen), *(["--group", ",".join(groups)] if groups else [])]
    result = run("apply.sh", VALID, fake_aws, "--dry-run", *args)
    assert result.returncode == 0, result.stderr
    want = engine_selection(ref, setup)
    assert script_selection(result.stdout) == want
    revoke = run("revoke.sh", VALID, fake_aws, "--dry-run", *args)
    assert revoke.returncode == 0, revoke.stderr
    listed = [line.split(":")[0].strip() for line in revoke.stdout.splitlines() if ": " in line
              and line.startswith("  ") and not line.startswith("  would run")]  # fmt: skip
    assert listed == want[0]


def test_with_takes_repeated_options_and_comma_lists(ref: Reference, fake_aws: Path) -> None:
    one = run("apply.sh", VALID, fake_aws, "--dry-run", "--with", "istio,nlb", "--with=alb")
    assert one.returncode == 0, one.stderr
    assert script_selection(one.stdout) == engine_selection(ref, Setup(("istio", "nlb", "alb")))
    assert "Categories: default minimum alb nlb istio\n" in one.stdout
    assert "Groups:" not in one.stdout


def test_group_takes_repeated_options_and_comma_lists(ref: Reference, fake_aws: Path) -> None:
    args = ["--dry-run", "--with", "istio,nlb", "--group", "node,nlb", "--group=control-plane"]
    one = run("apply.sh", VALID, fake_aws, *args)
    assert one.returncode == 0, one.stderr
    setup = Setup(("istio", "nlb"), groups=("node", "nlb", "control-plane"))
    assert script_selection(one.stdout) == engine_selection(ref, setup)
    assert "Groups: node nlb control-plane\n" in one.stdout
    sections = {line.split("(")[1].split(",")[0] for line in one.stdout.splitlines()
                if line.endswith(("inbound rules", "outbound rules", "inbound rule",
                                  "outbound rule"))}  # fmt: skip
    assert sections == {"node", "nlb", "control-plane"}


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize(
    "args",
    [["--group", "nod"], ["--group=node,Node"], ["--group", "nodes"], ["--group", "controlplane"],
     ["--group", "xyz"], ["--group", "node", "--group", "pod s"], ["--group", "*"],
     ["--with", "istoi"], ["--with", "Istio"], ["--with", "karpnter"], ["--with", "nope"]],
)  # fmt: skip
def test_unknown_roles_and_categories_get_the_words_of_eks_sg_rules(
    fake_aws: Path, shell: str, args: list[str]
) -> None:
    """The valid roles, and the closest one: eks-sg rules' message (Python's difflib), word for
    word; for a category the script also points at --list."""
    cli = eks_sg("rules", *args)
    assert cli.returncode == 2
    said = cli.stderr.removeprefix("eks-sg: ")
    if args[0] == "--with":
        listed, _, guess = said.rstrip("\n").partition("; did you mean")
        said = (
            f"{listed} (--list says what each is for){'; did you mean' + guess if guess else ''}\n"
        )
    for name in ("apply.sh", "revoke.sh"):
        result = run(name, VALID, fake_aws, *args, shell=shell)
        assert (result.returncode, result.stdout, result.stderr) == (2, "", said)
    assert calls(fake_aws) == []


def test_group_without_ids_is_refused(fake_aws: Path) -> None:
    for args, message in (
        (["--group"], "error: --group needs roles, e.g. --group node,control-plane\n"),
        (["--group", "node,,pod"], "error: --group takes roles separated by commas, not "
                                   "'node,,pod'\n"),
    ):  # fmt: skip
        result = run("apply.sh", VALID, fake_aws, *args)
        assert (result.returncode, result.stderr) == (2, message)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--with", "nope"], "error: unknown category nope; valid: default, minimum, "),
        (["--with", "istio,Istio"], "error: unknown category Istio; valid: default, minimum, "),
        (["--with", "istio nlb"], "error: unknown category istio nlb; valid: "),
        (["--with", "*"], "error: unknown category *; valid: "),
        (["--with", "istio,,nlb"], "error: --with takes category ids separated by commas, not 'istio,,nlb'"),
        (["--with"], "error: --with needs category ids, e.g. --with istio,nlb"),
        (["--with", "metrics-server-legacy,metrics-server"],
         "error: categories metrics-server and metrics-server-legacy exclude each other"),
        (["--with", "mixed-nodes", "--with", "managed-nodes-cluster-sg"],
         "error: categories managed-nodes-cluster-sg and mixed-nodes exclude each other"),
    ],
)  # fmt: skip
def test_unknown_and_excluded_categories_are_refused(
    fake_aws: Path, args: list[str], message: str
) -> None:
    for name in ("apply.sh", "revoke.sh"):
        result = run(name, VALID, fake_aws, *args)
        assert (result.returncode, result.stdout) == (2, ""), result.stdout
        assert result.stderr.startswith(message), result.stderr
        assert calls(fake_aws) == []


def test_exclusion_messages_are_the_ones_of_eks_sg_rules(ref: Reference, fake_aws: Path) -> None:
    for category in ref.categories:
        for other in category.excludes:
            for pair in ((category.id, other), (other, category.id)):
                result = run("apply.sh", {}, fake_aws, "--with", ",".join(pair))
                with pytest.raises(SetupError) as raised:
                    select(ref, Setup(pair))
                assert result.returncode == 2
                assert result.stderr == f"error: {raised.value}\n"


@pytest.mark.parametrize("shell", SHELLS)
def test_list_prints_what_eks_sg_rules_list_prints(fake_aws: Path, shell: str) -> None:
    # the scripts take category ids: eks-sg rules --list adds the releases after them
    expected = eks_sg("rules", "--list").stdout.split("\nReleases (--with PRODUCT@VERSION")[0]
    for name in ("apply.sh", "revoke.sh"):
        result = run(name, {}, fake_aws, "--list", shell=shell)
        assert (result.returncode, result.stderr) == (0, "")
        assert result.stdout == expected
    assert "default (baseline: always in)\n" in expected
    assert calls(fake_aws) == []


@pytest.mark.parametrize("shell", SHELLS)
def test_the_baseline_needs_only_its_groups(fake_aws: Path, shell: str) -> None:
    """No parameter and no optional group: `--group node` needs the node and control-plane
    IDs, and so do all groups (the baseline's cluster-group rules are AWS's own: nothing to
    add there); a category with rules on the cluster group asks for its ID too."""
    node = {k: VALID[k] for k in ("NODE_SG_ID", "CONTROL_PLANE_SG_ID")}
    result = run("apply.sh", node, fake_aws, *NODE, shell=shell)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("Done.\n")
    result = run("apply.sh", node, fake_aws, shell=shell)
    assert result.returncode == 0, result.stderr
    values = {k: VALID[k] for k in ("VPC_CIDR", "S3_PREFIX_LIST_ID")}
    every = node | values | {"CLUSTER_SG_ID": VALID["CLUSTER_SG_ID"]}
    restricted = ("--with", "restricted-egress")
    result = run("apply.sh", every, fake_aws, *restricted, shell=shell)
    assert result.returncode == 0, result.stderr
    missing = run("apply.sh", node | values, fake_aws, *restricted, shell=shell)
    assert missing.returncode == 2
    assert missing.stderr.splitlines()[0].startswith("error: CLUSTER_SG_ID must be")


def test_a_category_asks_for_the_variables_its_rules_use(ref: Reference, fake_aws: Path) -> None:
    every = {k: VALID[k] for k in ("NODE_SG_ID", "CONTROL_PLANE_SG_ID", "CLUSTER_SG_ID")}
    result = run("apply.sh", every, fake_aws, "--with", "nlb")
    assert result.returncode == 2
    named = [line.split()[1] for line in result.stderr.splitlines() if line.startswith("error: ")]
    rules = select(ref, Setup(("nlb",))).rules
    used = {
        g.variable
        for g in ref.security_groups
        if g.id in {r.group for r in rules} | {r.peer_role for r in rules}
    }
    used |= {p.variable for p in ref.parameters if p.id in {r.port_range.parameter for r in rules} | {r.peer for r in rules}}  # fmt: skip
    assert set(named) == used - set(every)
    assert {"NLB_SG_ID", "NLB_LISTENER_PORT", "NLB_HEALTH_CHECK_PORT"} <= set(named)
    assert calls(fake_aws) == []


def test_every_script_has_the_two_default_lines_once(ref: Reference) -> None:
    for path in SCRIPTS.glob("*.sh"):
        text = path.read_text()
        assert text.count("\ndefault_group=''\ndefault_with=''\n") == 1, path.name


def test_eks_sg_rules_aws_cli_is_apply_with_the_setup_as_default(ref: Reference) -> None:
    published = (SCRIPTS / "apply.sh").read_text()
    result = eks_sg("rules", "--with", "istio,nlb", "--format", "aws-cli", "--sg", "node=sg-0ccccccc",
                    "--param", "nlb-listener-port=31080")  # fmt: skip
    assert result.returncode == 0, result.stderr
    build = "by `eks-sg build`;"  # the banner names the command that makes the script again
    assert published.count(build) == 2  # the comment, and the --help text
    assert result.stdout == published.replace(
        build, "by `eks-sg rules --format aws-cli --with istio,nlb`;"
    ).replace(
        "\ndefault_with=''\n",
        "\ndefault_with='istio,nlb'\n"
        ': "${NODE_SG_ID:=sg-0ccccccc}"\n: "${NLB_LISTENER_PORT:=31080}"\n',
    )
    groups = eks_sg("rules", "--format", "aws-cli", "--group", "node", "--group", "control-plane")
    assert groups.stdout == published.replace(
        build, "by `eks-sg rules --format aws-cli --group node,control-plane`;"
    ).replace("\ndefault_group=''\n", "\ndefault_group='node,control-plane'\n")


def stated_defaults(help_text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The `--with` and `--group` defaults a script's --help states, as ids."""
    said = re.findall(r"\(default: ([^)]*)\)\n", help_text)
    assert len(said) == 2, help_text
    ids = {"none, the baseline alone": (), "every group": ()}
    return tuple(ids.get(s, tuple(s.split(","))) for s in said)  # type: ignore[return-value]


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize(
    "options",
    [[], ["--with", "istio,nlb"], ["--group", "node"],
     ["--with", "alb,istio", "--group", "node,alb"], ["--with", "managed-nodes-cluster-sg"]],
)  # fmt: skip
def test_help_states_the_defaults_the_script_applies(
    ref: Reference, fake_aws: Path, tmp_path: Path, shell: str, options: list[str]
) -> None:
    """The script `eks-sg rules --format aws-cli` (and the picker) hands out, run with --help
    and then without arguments: it applies exactly the setup its --help names as default (the
    picker's used to say "the baseline alone" whatever it held)."""
    made = tmp_path / "apply-setup.sh"
    made.write_text(eks_sg("rules", *options, "--format", "aws-cli").stdout)
    helped = run(str(made), {}, fake_aws, "--help", shell=shell)
    assert helped.returncode == 0, helped.stderr
    categories, groups = stated_defaults(helped.stdout)
    result = run(str(made), VALID, fake_aws, "--dry-run", shell=shell)
    assert result.returncode == 0, result.stderr
    assert script_selection(result.stdout) == engine_selection(
        ref, Setup(categories, groups=groups)
    )
    baseline = [c.id for c in ref.categories if c.baseline]
    assert f"Categories: {' '.join(baseline)}" in result.stdout
    named = set(categories) | set(baseline)
    shown = next(line for line in result.stdout.splitlines() if line.startswith("Categories: "))
    assert set(shown.split()[1:]) == named
    assert (
        ("Groups: " + " ".join(groups) in result.stdout)
        if groups
        else "Groups:" not in (result.stdout)
    )


def test_a_sharing_no_category_declares_cannot_be_built_into_a_script() -> None:
    result = eks_sg("rules", "--share", "node=cluster", "--format", "aws-cli")
    assert result.returncode == 2
    assert "choose a category that declares the sharing instead (managed-nodes-cluster-sg)" in (
        result.stderr
    )
    same = eks_sg("rules", "--with", "managed-nodes-cluster-sg", "--share", "node=cluster",
                  "--share", "control-plane=cluster", "--format", "aws-cli")  # fmt: skip
    assert same.returncode == 0, same.stderr


def test_the_built_in_default_applies_unless_with_is_given(
    ref: Reference, fake_aws: Path, tmp_path: Path
) -> None:
    baked = tmp_path / "setup.sh"
    baked.write_text(
        aws_scripts.with_defaults((SCRIPTS / "apply.sh").read_text(), ("istio", "nlb"))
    )
    env = {**VALID, "PATH": f"{fake_aws.parent / 'bin'}:/usr/bin:/bin"}
    for args, chosen in (
        ([], ("istio", "nlb")),
        (["--with", "alb"], ("alb",)),
        (["--with", ""], ()),
    ):
        result = subprocess.run(["dash", str(baked), "--dry-run", *args], env=env,
                                capture_output=True, text=True, check=False)  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert script_selection(result.stdout) == engine_selection(ref, Setup(chosen))
    with pytest.raises(SetupError):
        aws_scripts.with_defaults("default_group=''\ndefault_with=''\n", ("istio'; touch x; '",))
    with pytest.raises(SetupError):
        aws_scripts.with_defaults("default_group=''\ndefault_with=''\n", (), (), ("node'$(id)",))
