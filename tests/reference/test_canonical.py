"""data/reference.yaml is in canonical form, and canonical form loses nothing."""

from __future__ import annotations

from helpers import DATA, load_text, replace_once
from hypothesis import given, settings
from hypothesis import strategies as st

from gen.reference import canonical
from gen.reference.model import Reference
from gen.reference.words import CONTROL


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


PLAIN_TEXT = st.text(st.characters(codec="utf-8"), min_size=1).filter(
    lambda text: not CONTROL.search(text)  # what the model accepts in a text field
)


@settings(max_examples=150, deadline=None)
@given(title=PLAIN_TEXT, notes=PLAIN_TEXT)
def test_any_valid_text_survives_the_canonical_form(
    minimal_text: str, title: str, notes: str
) -> None:
    """Whatever a contributor may write in a text field, `fmt` writes it back unchanged
    (a title holding U+0085 used to change: the model now refuses such characters)."""
    ref = load_text(minimal_text)
    group = ref.security_groups[0].model_copy(update={"title": title})
    rule = ref.rules[0].model_copy(update={"notes": notes})
    changed = ref.model_copy(update={"security_groups": [group, *ref.security_groups[1:]],
                                     "rules": [rule, *ref.rules[1:]]})  # fmt: skip
    text = canonical.dump(changed)
    assert load_text(text) == canonical.sorted_reference(changed)
    assert canonical.dump(load_text(text)) == text
