"""data/reference.yaml is in canonical form, and canonical form loses nothing."""

from __future__ import annotations

from helpers import DATA, load_text, replace_once

from gen import canonical
from gen.model import Reference


def test_data_file_is_canonical(ref: Reference) -> None:
    assert DATA.read_text(encoding="utf-8") == canonical.dump(ref), "run `eks-sg fmt`"


def test_dump_round_trips(ref: Reference) -> None:
    assert load_text(canonical.dump(ref)) == canonical.sorted_reference(ref)


def test_dump_sorts_rules_and_is_stable(minimal_text: str) -> None:
    """Moving a rule does not change the canonical text."""
    first = load_text(minimal_text)
    block = minimal_text[
        minimal_text.index("- id: node-in-pmtud") : minimal_text.index("- id: node-in-listener")
    ]
    moved = replace_once(minimal_text, block, "")
    moved = replace_once(moved, "istio:\n", block + "istio:\n")
    assert canonical.dump(load_text(moved)) == canonical.dump(first)
