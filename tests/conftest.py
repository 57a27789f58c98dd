"""Shared fixtures: the project root, the real data, and a small fixture to break on purpose."""

from __future__ import annotations

from pathlib import Path

import pytest

from gen.load import load, load_text
from gen.model import Reference
from gen.problems import DataError

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
DATA = ROOT / "data" / "reference.yaml"


@pytest.fixture(scope="session")
def ref() -> Reference:
    """The real reference, validated."""
    return load(DATA)


@pytest.fixture(scope="session")
def minimal_text() -> str:
    return (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


def errors_of(text: str, file: str = "ref.yaml") -> list[str]:
    """Every error `load_text` reports for `text`, as printed; [] when it is valid."""
    try:
        load_text(text, file)
    except DataError as err:
        return [str(e) for e in err.errors]
    return []


def replace_once(text: str, old: str, new: str) -> str:
    """`text` with the single occurrence of `old` replaced; fails loudly if not exactly one."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


GOLDEN = Path(__file__).parent / "golden"


def golden_mismatches(name: str) -> list[str]:
    """Files of format `name` whose output for the minimal fixture differs from tests/golden/."""
    from gen.formats import FORMATS

    outputs = FORMATS[name](load(FIXTURES / "minimal.yaml"))
    folder = GOLDEN / name
    expected = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    wrong = sorted(expected ^ {str(p) for p in outputs})
    for path, text in outputs.items():
        golden = folder / path
        if golden.exists() and golden.read_text(encoding="utf-8") != text:
            wrong.append(str(path))
    return wrong
