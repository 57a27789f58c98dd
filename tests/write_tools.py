"""A throw-away clone for the writer's tests, and how to read back what it wrote."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers import ROOT

from gen import write
from gen.formats import render_all
from gen.reference.load import load
from gen.reference.model import Reference

PORT = "  ports: 15008\n  peer: self\n  categories: [istio-ambient]\n"  # node-in-hbone-self


GENERATED = len(render_all(load(ROOT / "data/reference.yaml")))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the data, the generated files and the manifest, to change freely."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "data", root / "data")
    for line in (ROOT / write.MANIFEST).read_text().splitlines():  # every generated file
        if line and not line.startswith("#") and (ROOT / line).is_file():
            (root / line).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / line, root / line)
    shutil.copy2(ROOT / write.MANIFEST, root / write.MANIFEST)
    return root


def tree(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `root` (temporaries included) with its content and mode.

    Leaves out the lock file: a build creates it (empty) before it can look at anything.
    """
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mode & 0o777)
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink() and p.name != write.LOCK.name
    }


def temporaries(root: Path) -> list[Path]:
    return list(root.rglob("*.tmp"))


def changed_outputs(ref: Reference) -> write.Outputs:
    """Every generated file with different content: a build must replace all of them."""
    return {path: text + "changed\n" for path, text in render_all(ref).items()}


def fail_on_call(monkeypatch, name: str, number: int, error: BaseException) -> None:
    """Make `os.<name>` raise `error` on its `number`-th call (counting from 1)."""
    real, calls = getattr(os, name), []

    def failing(*args, **kwargs):
        calls.append(args)
        if len(calls) == number:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, failing)
