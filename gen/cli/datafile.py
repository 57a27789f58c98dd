"""Which reference file a command reads, and which project folder `eks-sg build` writes.

In this order: `--data FILE`, then the EKS_SG_DATA environment variable, then the clone of
this project the command runs in (the nearest folder, from the current one upward, with a
pyproject.toml of eks-sg-reference and a data/reference.yaml: editing the YAML works as it
always did), and last the reference installed with the package (gen/data/ in the wheel,
which the build maps from the repository's data/, so git holds one copy).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

import gen

ENV = "EKS_SG_DATA"
RELATIVE = Path("data/reference.yaml")
PROJECT = "eks-sg-reference"

ORIGINS = {
    "option": "--data",
    "env": ENV,
    "repository": "the repository",
    "package": "installed with eks-sg",
}
"""How `eks-sg --version` names where the file came from."""


class DataFile(NamedTuple):
    """The reference file a command uses, and why (a key of ORIGINS)."""

    path: Path
    origin: str

    def shown(self) -> str:
        """`/abs/path/reference.yaml (the repository)`, as `eks-sg --version` prints it."""
        return f"{self.path.absolute()} ({ORIGINS[self.origin]})"


_NAME = re.compile(r'^\[project\]\s*$(?:(?!^\[)[\s\S])*?^name\s*=\s*"([^"]*)"', re.MULTILINE)
"""`name = "..."` in the [project] table of a pyproject.toml, as this project writes it (read
on every command: a TOML parser costs more start-up time than the whole check)."""


def is_project(folder: Path) -> bool:
    """Whether `folder` is a clone of this project: its pyproject.toml and data file."""
    try:
        text = (folder / "pyproject.toml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    found = _NAME.search(text)
    return bool(found) and found.group(1) == PROJECT and (folder / RELATIVE).is_file()


def repository(start: Path | None = None) -> Path | None:
    """The clone that holds `start` (default: the current folder), or None outside one."""
    here = (start or Path.cwd()).absolute()
    return next((folder for folder in (here, *here.parents) if is_project(folder)), None)


SHIPPED = Path(gen.__file__).parent / "data" / "reference.yaml"
"""Where a wheel puts the reference (pyproject.toml maps the repository's data/ to gen/data/)."""


def packaged() -> Path:
    """The reference installed with the package: gen/data/reference.yaml from a wheel; in an
    editable install (gen/ is the clone's own folder) the clone's data/reference.yaml."""
    return SHIPPED if SHIPPED.is_file() else SHIPPED.parent.parent.parent / RELATIVE


def is_shipped(path: Path) -> bool:
    """Whether `path` is the copy inside an installed wheel, which no command may rewrite."""
    return SHIPPED.is_file() and path.resolve() == SHIPPED.resolve()


def resolve(
    option: Path | None = None, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> DataFile:
    """The file to read: `--data`, EKS_SG_DATA, the repository's, or the installed one."""
    if option is not None:
        return DataFile(option, "option")
    value = (os.environ if env is None else env).get(ENV, "")
    if value:
        return DataFile(Path(value), "env")
    here = (cwd or Path.cwd()).absolute()
    root = repository(here)
    if root is not None:  # relative in the clone's root, so messages read as they always did
        return DataFile(RELATIVE if root == here else root / RELATIVE, "repository")
    return DataFile(packaged(), "package")
