"""The Lambda zip, built from the wheel as docs/organisation.md says (the dependencies left out:
no test reaches the network; Lambda's own are PyYAML, tabulate and boto3), holds the
handler and the reference it reads, and the handler imports from the unpacked zip."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest
from helpers import ROOT

pytestmark = pytest.mark.package


SOURCES = ("pyproject.toml", "README.md", "LICENSE", "MANIFEST.in", "gen", "data")
"""What the build reads (as tests/test_package.py); built from a copy, so no egg-info or
build/ lands in the clone."""


def test_the_zip_from_the_wheel_carries_the_handler_and_the_reference(tmp_path):
    src, dist = tmp_path / "src", tmp_path / "dist"
    src.mkdir()
    for name in SOURCES:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, src / name)
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(src)],
                   check=True, capture_output=True, cwd=src)  # fmt: skip
    [wheel] = dist.glob("eks_sg_reference-*-py3-none-any.whl")
    target = tmp_path / "lambda"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    "--target", str(target), str(wheel)], check=True, capture_output=True)  # fmt: skip
    archive = tmp_path / "eks-sg-config-rule.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in target.rglob("*"):
            out.write(path, path.relative_to(target).as_posix())
    names = set(zipfile.ZipFile(archive).namelist())
    assert {"gen/audit/config_rule.py", "gen/data/reference.yaml"} <= names
    unpacked = tmp_path / "task"  # where Lambda unpacks it (LAMBDA_TASK_ROOT)
    zipfile.ZipFile(archive).extractall(unpacked)
    probe = ("import gen.audit.config_rule as r, gen.cli.datafile as d; "
             "print(r.__file__); print(d.packaged()); print(callable(r.handler))")  # fmt: skip
    run = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True,
                         text=True, check=True, env={"PYTHONPATH": str(unpacked),
                                                     "PATH": "/usr/bin:/bin"})  # fmt: skip
    module, reference, handler = run.stdout.split()
    assert module == str(unpacked / "gen" / "audit" / "config_rule.py")
    assert reference == str(unpacked / "gen" / "data" / "reference.yaml")
    assert handler == "True"
