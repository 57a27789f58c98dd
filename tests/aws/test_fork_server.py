"""The tests' `aws` (the fork server of tests/aws_fork_server.py) answers as the installed
`aws` does: the same output, errors and exit codes, from the caller's arguments, environment,
folder and standard input."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from aws_tools import aws_executable, cli_env, installed_aws, moto_server

pytestmark = pytest.mark.moto


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with moto_server() as url:
        yield url


def run(
    aws: str, args: list[str], env: dict, cwd: Path, stdin: Path
) -> subprocess.CompletedProcess:
    with stdin.open("rb") as given:  # a file, not a pipe: awscli reads file:// paths twice
        return subprocess.run([aws, *args], env=env, cwd=cwd, stdin=given, capture_output=True,
                              text=True, check=False, timeout=120)  # fmt: skip


def both(args: list[str], env: dict, cwd: Path, stdin: Path) -> tuple:
    """(exit code, stdout, stderr) of the fork server's `aws` and of the installed one."""
    return tuple(run(aws, args, env, cwd, stdin) for aws in (aws_executable(), installed_aws()))


def same(
    args: list[str], env: dict, cwd: Path, stdin: Path = Path("/dev/null")
) -> subprocess.CompletedProcess:
    forked, installed = both(args, env, cwd, stdin)
    assert (forked.returncode, forked.stdout, forked.stderr) == (
        installed.returncode, installed.stdout, installed.stderr
    )  # fmt: skip
    return forked


def test_a_group_made_through_one_is_described_alike_by_both(endpoint: str, tmp_path: Path) -> None:
    env = cli_env(endpoint)
    made = subprocess.run([aws_executable(), "ec2", "create-security-group", "--group-name", "g",
                           "--description", "d", "--output", "text", "--query", "GroupId"],
                          env=env, capture_output=True, text=True, check=True)  # fmt: skip
    group = made.stdout.strip()
    assert group.startswith("sg-")
    described = same(["ec2", "describe-security-groups", "--group-ids", group], env, tmp_path)
    assert described.returncode == 0
    assert f'"GroupId": "{group}"' in described.stdout
    assert same(["--version"], env, tmp_path).stdout.startswith("aws-cli/")


def test_the_caller_s_environment_folder_and_stdin_are_used(endpoint: str, tmp_path: Path) -> None:
    env = cli_env(endpoint)
    (tmp_path / "input.json").write_text('{"GroupIds": ["sg-fromthefile"]}')
    (tmp_path / "stdin.json").write_text('{"GroupIds": ["sg-nothere"]}')
    rules = same(["ec2", "describe-security-group-rules", "--output", "json"], env, tmp_path)
    assert rules.returncode == 0
    assert '"SecurityGroupRules"' in rules.stdout
    bad = same(["ec2", "describe-security-groups", "--group-ids", "sg-nothere"], env, tmp_path)
    assert bad.returncode == 255
    assert "InvalidGroup.NotFound" in bad.stderr
    usage = same(["ec2", "describe-security-groups", "--no-such-option"], env, tmp_path)
    assert usage.returncode == 255
    assert "Unknown options: --no-such-option" in usage.stderr
    west = same(
        ["ec2", "describe-vpcs", "--output", "json"],
        env | {"AWS_DEFAULT_REGION": "eu-west-1"},
        tmp_path,
    )
    assert west.returncode == 0
    piped = same(["ec2", "describe-security-groups", "--cli-input-json", "file:///dev/stdin",
                  "--output", "json"], env, tmp_path, stdin=tmp_path / "stdin.json")  # fmt: skip
    assert piped.returncode == 255
    assert "sg-nothere" in piped.stderr
    relative = same(
        ["ec2", "describe-security-groups", "--cli-input-json", "file://input.json"], env, tmp_path
    )  # fmt: skip (a path from the caller's folder)
    assert relative.returncode == 255
    assert "sg-fromthefile" in relative.stderr
