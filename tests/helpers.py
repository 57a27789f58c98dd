"""What many test modules share: paths, the real command, broken-data helpers, golden files."""

from __future__ import annotations

import difflib
import subprocess
import sys
import tempfile
from pathlib import Path

from gen.reference.load import load
from gen.reference.model import Reference
from gen.reference.problems import DataError

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
DATA = ROOT / "data" / "reference.yaml"
GOLDEN = Path(__file__).parent / "golden"


def eks_sg(*args: str, cwd: Path = ROOT, **kwargs) -> subprocess.CompletedProcess[str]:
    """Run the real entry point in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "gen", *args],
        cwd=cwd, capture_output=True, text=True, check=False, **kwargs,
    )  # fmt: skip


def errors_of(text: str, file: str = "ref.yaml") -> list[str]:
    """Every error `load` reports for a file holding `text`, as printed, without the count
    line; [] when it is valid. Paths read `ref.yaml:3:5: ...` (the file's folder is cut)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / file
        path.write_text(text, encoding="utf-8", newline="")
        try:
            load(path)
        except DataError as err:
            return [line.replace(f"{tmp}/", "") for line in err.lines()[:-1]]
    return []


def load_text(text: str) -> Reference:
    """The reference in `text`, through `load` like every caller (from a temporary file)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ref.yaml"
        path.write_text(text, encoding="utf-8", newline="")
        return load(path)


def replace_once(text: str, old: str, new: str) -> str:
    """`text` with the single occurrence of `old` replaced; fails loudly if not exactly one."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def golden_mismatches(name: str) -> str:
    """A unified diff between format `name`'s output for the minimal fixture and tests/golden/
    (empty when they agree). Regenerate with `.venv/bin/python tests/golden/update.py`."""
    from gen.formats import FORMATS

    outputs = {str(p): text for p, text in FORMATS[name](load(FIXTURES / "minimal.yaml")).items()}
    folder = GOLDEN / name
    golden = {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in folder.rglob("*") if p.is_file()
    }  # fmt: skip
    diffs = []
    for path in sorted(golden.keys() | outputs.keys()):
        old, new = golden.get(path, "").splitlines(True), outputs.get(path, "").splitlines(True)
        diffs += difflib.unified_diff(old, new, f"golden/{name}/{path}", f"generated/{path}")
    return "".join(diffs)
