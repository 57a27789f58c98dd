"""The `eks-sg` command line as a user runs it: output, exit codes, no tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import DATA, FIXTURES, eks_sg, replace_once


def test_validate_real_data_says_ok(ref) -> None:
    result = eks_sg("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == (
        f"OK: {len(ref.rules)} rules, {len(ref.istio.ports)} Istio ports, "
        f"{len(ref.sources)} sources\n"
    )


def test_validate_reports_every_error_then_the_count(tmp_path: Path) -> None:
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    text = replace_once(
        text, "  ports: 10250\n  peer: control-plane", "  ports: 70000\n  peer: control-plane"
    )
    text = replace_once(text, "  peer: 10.0.0.0/16", "  peer: 10.0.0.1/16")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text, encoding="utf-8")
    result = eks_sg("validate", str(broken))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{broken}:38:10: rules[0].ports: port 70000")
    assert lines[1].startswith(f"{broken}:57:9: rules[2].peer: peer '10.0.0.1/16'")
    assert lines[2:] == ["2 errors"]
    assert "Traceback" not in result.stderr


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = eks_sg("validate", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2
    assert (
        result.stderr
        == f"eks-sg: error: {tmp_path / 'nope.yaml'}: cannot read the file: No such file or directory\n"
    )


def test_unknown_command_is_a_usage_error() -> None:
    result = eks_sg("frobnicate")
    assert result.returncode == 2
    assert "invalid choice: 'frobnicate'" in result.stderr
    assert "Traceback" not in result.stderr


def test_file_that_is_not_utf8_is_located(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(b"sources:\n- id: caf\xe9\n")
    result = eks_sg("validate", str(bad))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{bad}:2:10: the file is not UTF-8 (byte 0xe9); save it as UTF-8",
        "1 error",
    ]


def test_empty_file_names_what_is_missing(tmp_path: Path) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    result = eks_sg("validate", str(empty))
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "1 error"
    assert result.stdout.splitlines()[0] == (
        f"{empty}:1:1: expected a mapping with version, sources, security_groups, categories, parameters, rules, istio"
    )


def test_fmt_check_on_real_data_passes() -> None:
    result = eks_sg("fmt", "--check")
    assert (result.returncode, result.stdout) == (0, "")


def test_fmt_rewrites_a_copy_into_canonical_form(tmp_path: Path) -> None:
    copy = tmp_path / "reference.yaml"
    copy.write_text(DATA.read_text(encoding="utf-8").replace("\n\n", "\n"), encoding="utf-8")
    assert eks_sg("fmt", "--check", str(copy)).returncode == 1
    assert eks_sg("fmt", str(copy)).returncode == 0
    assert copy.read_text(encoding="utf-8") == DATA.read_text(encoding="utf-8")


@pytest.mark.parametrize("args", [["validate", "--help"], ["build", "--help"], ["--help"]])
def test_help_exits_zero(args: list[str]) -> None:
    assert eks_sg(*args).returncode == 0


def test_fmt_refuses_to_drop_comments_and_names_their_lines(tmp_path: Path) -> None:
    copy = tmp_path / "reference.yaml"
    text = DATA.read_text(encoding="utf-8")
    text = replace_once(text, "\nsources:\n", "\nsources:  # keep: legal\n")
    text = replace_once(text, "\nrules:\n", "\n# rules below\nrules:\n")
    copy.write_text(text, encoding="utf-8")
    lines = [
        i + 1
        for i, line in enumerate(text.splitlines())
        if "keep: legal" in line or "below" in line
    ]
    result = eks_sg("fmt", str(copy))
    assert result.returncode == 2
    assert result.stderr == (
        f"eks-sg: error: {copy} has comments on lines {lines[0]}, {lines[1]}, which `eks-sg fmt` "
        "would drop; move them into a `notes:` field (or remove them), then run it again. "
        "Nothing was changed.\n"
    )
    assert copy.read_text(encoding="utf-8") == text  # the canonical header alone is no problem
