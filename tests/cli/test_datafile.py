"""Issue 16: which reference file a command reads, `eks-sg --version`, and the one version.

Order: `--data FILE`, EKS_SG_DATA, the clone the command runs in (from the current folder
upward), the reference installed with the package. The installed wheel itself is tested in
tests/test_package.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from pathlib import Path

from helpers import DATA, FIXTURES, ROOT, eks_sg

import gen
from gen.cli import datafile
from gen.cli import main as cli
from gen.reference import release
from gen.reference.model import Reference

NO_ENV = {k: v for k, v in os.environ.items() if k != datafile.ENV}


def version_line(ref: Reference, path: Path, origin: str) -> str:
    return f"{release.versions(ref)} from {path} ({origin})\n"


def test_the_package_version_is_set_in_one_place() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"]
    assert pyproject["project"]["dynamic"] == ["version"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "gen.__version__"}


def test_data_checked_is_the_newest_source_check(ref: Reference) -> None:
    assert release.checked(ref) == max(s.checked for s in ref.sources)
    assert release.versions(ref) == (
        f"eks-sg {gen.__version__}, reference {ref.version} (data checked {release.checked(ref)})"
    )


def test_version_in_the_clone_root(ref: Reference) -> None:
    result = eks_sg("--version", env=NO_ENV)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == version_line(ref, DATA, "the repository")


def test_version_from_a_subfolder_of_the_clone(ref: Reference) -> None:
    result = eks_sg("--version", cwd=ROOT / "docs" / "downloads", env=NO_ENV)
    assert result.stdout == version_line(ref, DATA, "the repository")
    assert datafile.resolve(env={}, cwd=ROOT / "docs").path == DATA
    assert datafile.resolve(env={}, cwd=ROOT).path == Path("data/reference.yaml")


def test_outside_a_clone_the_installed_reference_is_used(tmp_path: Path, ref: Reference) -> None:
    """In this editable install, the installed reference is the clone's file; a wheel's is
    gen/data/reference.yaml (tests/test_package.py)."""
    result = eks_sg("--version", cwd=tmp_path, env=NO_ENV)
    assert result.stdout == version_line(ref, datafile.packaged(), "installed with eks-sg")
    assert eks_sg("validate", cwd=tmp_path, env=NO_ENV).stdout == eks_sg("validate").stdout


def test_env_then_option_override(tmp_path: Path) -> None:
    minimal = FIXTURES / "minimal.yaml"
    fixture = eks_sg("validate", str(minimal)).stdout
    env = {**NO_ENV, datafile.ENV: str(minimal)}
    assert eks_sg("validate", env=env).stdout == fixture
    assert eks_sg("--version", env=env).stdout.endswith(f"{minimal} ({datafile.ENV})\n")
    copy = tmp_path / "copy.yaml"
    shutil.copy(DATA, copy)
    result = eks_sg("--data", str(copy), "--version", env=env)
    assert result.stdout.endswith(f"from {copy} (--data)\n")
    assert eks_sg("--data", str(copy), "validate", env=env).stdout == eks_sg("validate").stdout
    # the subcommand's own FILE or --data is more specific than the global option
    assert eks_sg("--data", str(copy), "validate", str(minimal)).stdout == fixture


def test_a_folder_that_only_looks_like_a_clone_is_not_one(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    shutil.copy(FIXTURES / "minimal.yaml", tmp_path / "data" / "reference.yaml")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "other"\n', encoding="utf-8")
    assert datafile.repository(tmp_path) is None
    assert datafile.resolve(env={}, cwd=tmp_path).origin == "package"
    (tmp_path / "pyproject.toml").write_text(f'[project]\nname = "{datafile.PROJECT}"\n')
    assert datafile.repository(tmp_path / "data") == tmp_path


def test_build_outside_a_clone_is_a_usage_error(tmp_path: Path) -> None:
    result = eks_sg("build", cwd=tmp_path, env=NO_ENV)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "eks-sg: error: `eks-sg build` writes docs/ and data/schema.json of a clone of "
        f"eks-sg-reference, and {tmp_path} is not in one; run it inside a clone (or pass "
        "--root FOLDER)\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_fmt_never_rewrites_the_installed_reference(monkeypatch, tmp_path: Path, capsys) -> None:
    shipped = tmp_path / "gen" / "data" / "reference.yaml"
    shipped.parent.mkdir(parents=True)
    shipped.write_text(DATA.read_text(encoding="utf-8").replace("\n\n", "\n"))
    monkeypatch.setattr(datafile, "SHIPPED", shipped)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(datafile.ENV, raising=False)
    assert cli.main(["fmt"]) == 2
    assert "is the reference installed with eks-sg" in capsys.readouterr().err
    assert cli.main(["fmt", "--check"]) == 1  # reading it is fine
    assert shipped.read_text() == DATA.read_text(encoding="utf-8").replace("\n\n", "\n")


def test_version_of_a_broken_file_reports_its_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 2026.10\n", encoding="utf-8")
    result = eks_sg("--data", str(bad), "--version")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"eks-sg {gen.__version__}; the reference from {bad} (--data) does not load:"
    assert f"{bad}:1:10: version: write the version in quotes, e.g. '2026.11'" in result.stdout


def test_no_command_is_still_a_usage_error() -> None:
    result = eks_sg()
    assert result.returncode == 2
    assert result.stderr.endswith("eks-sg: error: the following arguments are required: COMMAND\n")


def test_scripts_and_their_help_carry_the_versions(ref: Reference, tmp_path: Path) -> None:
    from gen.formats import aws_scripts

    for path, text in aws_scripts.render(ref).items():
        assert f"\n# {release.versions(ref)}\n" in text, path
    script = ROOT / "docs/downloads/aws-cli/apply.sh"
    result = subprocess.run(
        ["sh", str(script), "--help"], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert result.stdout.splitlines()[1] == release.versions(ref)


def test_readme_install_section_comes_before_the_set_up_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    install = readme.index("## Install")
    assert install < readme.index("bash scripts/build.sh   # main job")
    assert install < readme.index("bash scripts/test.sh    # install what the tests need")
    assert "pipx install dist/eks_sg_reference-" in readme
    assert "pip install -e ." in readme
    assert "The import name is `gen`" in readme
