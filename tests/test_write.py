"""The writer: `build --check` on the repository, what it names, atomic writes, stale files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath

import pytest
from helpers import DATA, ROOT, eks_sg, replace_once

from gen import write
from gen.formats import render_all
from gen.load import load
from gen.model import Reference


def test_committed_files_are_current() -> None:
    """The repository's generated files are exactly what `eks-sg build` makes now."""
    result = eks_sg("build", "--check")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_output_is_byte_for_byte_repeatable(ref: Reference) -> None:
    first, second = render_all(ref), render_all(load(DATA))
    assert first == second
    for path, text in first.items():
        assert text.endswith("\n"), path
        assert "\r\n" not in text, path
        assert all(line == line.rstrip() for line in text.splitlines()), path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the data and generated files, to change without touching the repository."""
    for part in ("data", "docs/reference", "docs/downloads"):
        shutil.copytree(ROOT / part, tmp_path / part)
    return tmp_path


def test_editing_one_port_names_exactly_the_files_that_change(project: Path) -> None:
    data = project / "data/reference.yaml"
    old = "  ports: 15008\n  peer: self\n"
    data.write_text(replace_once(data.read_text(), old, old.replace("15008", "15009")))
    result = eks_sg("build", "--check", "--data", str(data), "--root", str(project))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "docs/downloads/aws-cli/apply-all.sh is out of date",
        "docs/downloads/aws-cli/apply-node.sh is out of date",
        "docs/downloads/aws-cli/revoke-all.sh is out of date",
        "docs/downloads/aws-cli/revoke-node.sh is out of date",
        "docs/downloads/reference.json is out of date",
        "docs/downloads/rules-node.csv is out of date",
        "docs/downloads/rules.csv is out of date",
        "docs/reference/node.md is out of date",
        "docs/reference/overview.md is out of date",
        "run `eks-sg build` to regenerate",
    ]


def test_build_then_check_is_clean(project: Path) -> None:
    (project / "docs/reference/node.md").unlink()
    (project / "docs/downloads/obsolete.csv").write_text("x\n")
    check = eks_sg(
        "build", "--check", "--data", str(project / "data/reference.yaml"), "--root", str(project)
    )
    assert check.stdout.splitlines() == [
        "docs/reference/node.md is out of date (missing)",
        "docs/downloads/obsolete.csv is no longer generated",
        "run `eks-sg build` to regenerate",
    ]
    build = eks_sg("build", "--data", str(project / "data/reference.yaml"), "--root", str(project))
    assert build.returncode == 0
    assert not (project / "docs/downloads/obsolete.csv").exists()
    again = eks_sg(
        "build", "--check", "--data", str(project / "data/reference.yaml"), "--root", str(project)
    )
    assert (again.returncode, again.stdout) == (0, "")


def test_invalid_data_changes_no_file(project: Path) -> None:
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    data = project / "data/reference.yaml"
    data.write_text(data.read_text().replace("  ports: 15008\n", "  ports: 150080\n"))
    before[data] = data.read_bytes()
    result = eks_sg("build", "--data", str(data), "--root", str(project))
    assert result.returncode == 1
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "file.md"
    target.write_text("old\n")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write.atomic_write(target, "new\n")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["file.md"]


def test_scripts_are_written_executable(tmp_path: Path) -> None:
    write.write_all({PurePosixPath("docs/downloads/a.sh"): "#!/bin/sh\n"}, tmp_path)
    assert os.access(tmp_path / "docs/downloads/a.sh", os.X_OK)
