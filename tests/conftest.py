"""Shared fixtures: the real data, validated once per session. Helpers are in helpers.py."""

from __future__ import annotations

import pytest
from helpers import DATA, FIXTURES
from write_tools import project  # noqa: F401 (a fixture of the writer tests)

from gen.reference.load import load
from gen.reference.model import Reference


@pytest.fixture(scope="session")
def ref() -> Reference:
    """The real reference, validated."""
    return load(DATA)


@pytest.fixture(scope="session")
def minimal_text() -> str:
    return (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
