"""The only module that touches generated files: compare them, or write them atomically.

Each file is written to a temporary file beside it and renamed over the old one, so a reader
(or a crash) never sees half a file. Everything is rendered in memory before the first write,
so a build that fails leaves every file as it was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path, PurePosixPath

Outputs = dict[PurePosixPath, str]

OWNED_DIRS = (PurePosixPath("docs/reference"), PurePosixPath("docs/downloads"))
"""Folders that hold only generated files: a file there that is not generated is removed."""


def atomic_write(path: Path, text: str) -> None:
    """Replace `path` with `text` (UTF-8, newlines as given) in one rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        mode = path.stat().st_mode & 0o777 if path.exists() else _mode_for(path)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    return 0o755 if path.suffix == ".sh" else 0o644


def _current(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def obsolete(outputs: Outputs, root: Path) -> list[PurePosixPath]:
    """Files in the generated folders that the build no longer makes."""
    found = []
    for owned in OWNED_DIRS:
        for path in sorted((root / owned).rglob("*")):
            relative = PurePosixPath(path.relative_to(root).as_posix())
            if path.is_file() and relative not in outputs:
                found.append(relative)
    return found


def stale(outputs: Outputs, root: Path) -> list[str]:
    """One line per file that `write_all` would change; empty when everything is current."""
    lines = []
    for relative, text in sorted(outputs.items()):
        current = _current(root / relative)
        if current != text:
            lines.append(f"{relative} is out of date" + (" (missing)" if current is None else ""))
    lines += [f"{relative} is no longer generated" for relative in obsolete(outputs, root)]
    if lines:
        lines.append("run `eks-sg build` to regenerate")
    return lines


def write_all(outputs: Outputs, root: Path) -> list[PurePosixPath]:
    """Write every changed file, remove obsolete ones; return what changed."""
    changed = []
    for relative, text in sorted(outputs.items()):
        if _current(root / relative) != text:
            atomic_write(root / relative, text)
            changed.append(relative)
    for relative in obsolete(outputs, root):
        (root / relative).unlink()
        changed.append(relative)
    return changed
