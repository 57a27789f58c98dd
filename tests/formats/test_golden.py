"""Every published format's output for tests/fixtures/minimal.yaml equals tests/golden/<format>/.

Layout only (real tools check the content elsewhere); after an intended change of layout,
`.venv/bin/python tests/golden/update.py` rewrites the files; read the diff before committing.
"""

from __future__ import annotations

import pytest
from helpers import GOLDEN, golden_mismatches

from gen.formats import FORMATS

# The schema depends on the model only; tests/formats/test_schema.py pins it.
NAMES = [name for name in FORMATS if name != "schema"]


def test_every_format_has_golden_files() -> None:
    assert sorted(p.name for p in GOLDEN.iterdir() if p.is_dir()) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_golden(name: str) -> None:
    assert not (diff := golden_mismatches(name)), diff
