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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test marked slow says why (`@pytest.mark.slow("terraform apply against moto")`):
    the reason is what a reader weighs before running it, and what a speed-up would remove.

    Slow tests run first (in collection order otherwise): xdist's workers then end on short
    tests, not with one worker on a 90-second test while the other waits."""
    bad = [item.nodeid for item in items for mark in item.iter_markers("slow")
           if len(mark.args) != 1 or not isinstance(mark.args[0], str) or not mark.args[0]]  # fmt: skip
    if bad:
        raise pytest.UsageError(
            f"@pytest.mark.slow needs its reason: {', '.join(sorted(set(bad)))}"
        )
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
