"""Issue 16: the package as a new user gets it. Build the sdist, and the wheel from it
(`python -m build`), pass `twine check`, install the wheel into a fresh virtualenv outside the
repository, and run every command from an empty folder: the output is the repository's.

Needs the package index for the build backend and the wheel's dependencies (pip's cache
usually has them). Takes about half a minute.
"""

from __future__ import annotations

import email.parser
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from helpers import DATA, FIXTURES, ROOT, eks_sg

import gen
from gen.cli import datafile

pytestmark = pytest.mark.package

SOURCES = ("pyproject.toml", "README.md", "LICENSE", "MANIFEST.in", "gen", "data")
"""What the build reads; the build runs on a copy, so no egg-info lands in the clone."""

SG = ("--sg", "node=sg-0123456789abcdef0", "--sg", "control-plane=sg-0123456789abcdef1")

COMMANDS = [
    pytest.param(["validate"], id="validate"),
    pytest.param(["fmt", "--check"], id="fmt-check"),
    pytest.param(["rules", "--group", "node", *SG, "--format", "aws-cli"], id="rules-with-ids"),
    pytest.param(["--data", str(DATA), "validate"], id="validate-data-option"),
    pytest.param(["rules", "--format", "json"], id="rules-json"),
    pytest.param(["rules", "--with", "istio,nlb", "--format", "aws-cli"], id="rules-aws-cli"),
]
"""Run by the installed wheel from an empty folder and by the repository: same result."""

ENV = {k: v for k, v in os.environ.items() if k not in (datafile.ENV, "PYTHONPATH")}


def run(
    *args: str | Path, cwd: Path, timeout: int = 300, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env={**ENV, **(env or {})}, capture_output=True,
        text=True, check=False, timeout=timeout,
    )  # fmt: skip
    return result


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel built from it, as `python -m build` makes them."""
    src, out = tmp_path_factory.mktemp("src"), tmp_path_factory.mktemp("dist")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, src / name)
    result = run(sys.executable, "-m", "build", "--outdir", out, src, cwd=src)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def wheel(dist: Path) -> Path:
    (found,) = dist.glob("*.whl")
    return found


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Path:
    """A fresh virtualenv, outside the repository, with only the wheel (and its dependencies);
    returns its `eks-sg`."""
    venv = tmp_path_factory.mktemp("venv")
    assert not venv.is_relative_to(ROOT)
    assert run(sys.executable, "-m", "venv", venv, cwd=venv).returncode == 0
    result = run(venv / "bin/python", "-m", "pip", "install", "-q", wheel, cwd=venv)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return venv / "bin" / "eks-sg"


@pytest.fixture(scope="module")
def installed_with_aws(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Path:
    """Another fresh virtualenv with the wheel and its `aws` extra, as the README's pip line
    installs it (`pip install 'dist/...whl[aws]'`); returns its `eks-sg`."""
    venv = tmp_path_factory.mktemp("venv-aws")
    assert run(sys.executable, "-m", "venv", venv, cwd=venv).returncode == 0
    result = run(venv / "bin/python", "-m", "pip", "install", "-q", f"{wheel}[aws]", cwd=venv)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return venv / "bin" / "eks-sg"


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    """An empty folder outside any clone, to run the installed command from."""
    assert datafile.repository(tmp_path) is None
    return tmp_path


def test_twine_check_passes(dist: Path) -> None:
    files = sorted(dist.iterdir())
    assert [f.name for f in files] == [
        f"eks_sg_reference-{gen.__version__}-py3-none-any.whl",
        f"eks_sg_reference-{gen.__version__}.tar.gz",
    ]
    result = run(sys.executable, "-m", "twine", "check", "--strict", *files, cwd=dist)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("PASSED") == 2, result.stdout


def test_the_wheel_holds_gen_and_the_reference_only(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    dist_info = f"eks_sg_reference-{gen.__version__}.dist-info"
    assert {n.split("/")[0] for n in names} == {"gen", dist_info}
    sources = {p.relative_to(ROOT).as_posix() for p in (ROOT / "gen").rglob("*.py")}
    assert sources - set(names) == set(), "a subpackage missing from [tool.setuptools] packages"
    assert {
        "gen/formats/templates/script.sh",
        "gen/data/reference.yaml",
        "gen/data/schema.json",
    } <= set(names)
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read("gen/data/reference.yaml") == DATA.read_bytes()
        assert archive.read("gen/data/schema.json") == (ROOT / "data/schema.json").read_bytes()
        assert archive.read(f"{dist_info}/top_level.txt").decode().split() == ["gen"]


def test_the_sdist_builds_the_wheel_and_leaves_the_tests_to_the_clone(dist: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    top = f"eks_sg_reference-{gen.__version__}"
    with tarfile.open(sdist) as archive:
        names = {n.removeprefix(f"{top}/") for n in archive.getnames()}
    assert {
        "pyproject.toml",
        "README.md",
        "LICENSE",
        "data/reference.yaml",
        "gen/cli/main.py",
    } <= names
    assert not {n for n in names if n.startswith(("tests", "docs", "benchmarks", "scripts"))}


def test_metadata(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        dist_info = f"eks_sg_reference-{gen.__version__}.dist-info"
        meta = email.parser.Parser().parsestr(archive.read(f"{dist_info}/METADATA").decode())
        entry_points = archive.read(f"{dist_info}/entry_points.txt").decode()
    assert (meta["Name"], meta["Version"]) == ("eks-sg-reference", gen.__version__)
    assert meta["Summary"].startswith("Which security-group rules an Amazon EKS cluster needs")
    assert meta["Description-Content-Type"] == "text/markdown"
    assert meta.get_payload().startswith("# eks-sg-reference")
    assert meta["License-Expression"] == "Apache-2.0"
    assert meta["License-File"] == "LICENSE"
    assert meta["Requires-Python"] == ">=3.11"
    assert "Programming Language :: Python :: 3.11" in meta.get_all("Classifier")
    assert "Environment :: Console" in meta.get_all("Classifier")
    assert "eks-sg = gen.cli.main:main" in entry_points


def test_version_from_anywhere(installed: Path, empty: Path) -> None:
    ours = eks_sg("--version", env=ENV)
    theirs = run(installed, "--version", cwd=empty)
    assert (theirs.returncode, theirs.stderr) == (0, "")
    versions, _, where = theirs.stdout.partition(" from ")
    assert versions == ours.stdout.partition(" from ")[0]
    assert versions.startswith(f"eks-sg {gen.__version__}, reference ")
    shipped = installed.parent.parent / "lib"
    assert where.startswith(str(shipped))
    assert where.endswith("/site-packages/gen/data/reference.yaml (installed with eks-sg)\n")


@pytest.mark.parametrize("args", COMMANDS)
def test_command_from_an_empty_folder(installed: Path, empty: Path, args: list[str]) -> None:
    ours = eks_sg(*args, env=ENV)
    theirs = run(installed, *args, cwd=empty)
    assert (theirs.returncode, theirs.stdout, theirs.stderr) == (
        ours.returncode, ours.stdout, ours.stderr,
    )  # fmt: skip
    assert ours.returncode == 0, ours.stdout + ours.stderr
    assert list(empty.iterdir()) == []


AUDIT = [
    "audit", "--with", "istio", "--sg", "cluster=sg-03a4ad6c4ef6a08da",
    "--sg", "control-plane=sg-f7751dcf51307f6b0", "--sg", "node=sg-252a5a6a3678a6f37",
    "--input", str(FIXTURES / "audit" / "snapshot.json"), "--format", "json", "--strict",
]  # fmt: skip


def test_audit_of_a_saved_snapshot_from_an_empty_folder(installed: Path, empty: Path) -> None:
    """The snapshot has a broad and an extra rule, so with --strict both say so with exit 1, in
    the same words."""
    ours = eks_sg(*AUDIT, env=ENV)
    theirs = run(installed, *AUDIT, cwd=empty)
    assert (theirs.returncode, theirs.stdout, theirs.stderr) == (1, ours.stdout, ours.stderr)
    assert ours.returncode == 1
    assert '"broad"' in ours.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["build"], "`eks-sg build` writes docs/ and data/schema.json of a clone"),
        (["fmt"], "is the reference installed with eks-sg; `eks-sg fmt` rewrites files"),
    ],
)
def test_commands_that_write_refuse_outside_a_clone(
    installed: Path, empty: Path, args: list[str], says: str
) -> None:
    result = run(installed, *args, cwd=empty)
    assert (result.returncode, result.stdout) == (2, "")
    assert says in result.stderr
    assert list(empty.iterdir()) == []


def test_python_m_gen_is_the_same_command(installed: Path, empty: Path) -> None:
    python = installed.parent / "python"
    assert run(python, "-m", "gen", "validate", cwd=empty).stdout == eks_sg("validate").stdout


def test_live_audit_without_boto3_says_how_to_add_it(installed: Path, empty: Path) -> None:
    """The wheel alone has no boto3 (it is the `aws` extra): the live audit stops with a usage
    error naming the commands that add it, never a traceback."""
    probe = run(installed.parent / "python", "-c", "import boto3", cwd=empty)
    assert probe.returncode == 1
    assert "No module named 'boto3'" in probe.stderr
    result = run(installed, "audit", "--cluster", "demo", "--sg", "node=sg-0123456789abcdef0",
                 cwd=empty)  # fmt: skip
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("eks-sg: error: reading live groups needs boto3")
    assert "`pipx inject eks-sg-reference boto3`" in result.stderr
    assert "py3-none-any.whl[aws]" in result.stderr


@pytest.mark.moto
def test_live_audit_with_boto3_reads_the_groups(installed_with_aws: Path, empty: Path, ref) -> None:
    """With the `aws` extra the live audit reads the groups from EC2 (moto here) and reports
    exactly what the clone reports: fresh groups miss every rule of the setup (exit 1)."""
    from aws_tools import FAKE_CREDENTIALS, moto_server
    from moto_groups import new_groups

    with moto_server() as endpoint:
        groups = new_groups(endpoint, ref)
        args = ["audit", "--with", "istio", "--format", "json",
                *[f"--sg={role}={groups[role]}" for role in ("cluster", "control-plane", "node")]]  # fmt: skip
        env = {**FAKE_CREDENTIALS, "AWS_ENDPOINT_URL": endpoint}
        theirs = run(installed_with_aws, *args, cwd=empty, env=env)
        ours = eks_sg(*args, env={**ENV, **env})
    assert (theirs.returncode, theirs.stdout, theirs.stderr) == (1, ours.stdout, ours.stderr)
    assert '"missing"' in theirs.stdout
    assert groups["node"] in theirs.stdout
