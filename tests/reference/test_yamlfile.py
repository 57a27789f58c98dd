"""Hostile or broken YAML: every case is a located error, never a traceback or a runaway.

The inputs are the ones the hardening issue found: control characters, an alias bomb,
scalars that do not fit their tag, huge nesting, and comments that `eks-sg fmt` would drop.
"""

from __future__ import annotations

import pytest
from helpers import errors_of, replace_once
from hypothesis import given, settings
from hypothesis import strategies as st

from gen.reference import yamlfile

# What YAML's reader refuses: C0 controls except tab, line feed and carriage return, DEL, and
# C1 controls except NEL (U+0085, a line break to YAML 1.1).
REFUSED = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0)) if c not in (0x09, 0x0A, 0x0D, 0x85)]


@settings(max_examples=60, deadline=None)
@given(char=st.sampled_from(REFUSED), where=st.integers(min_value=0))
def test_a_control_character_anywhere_is_located(minimal_text: str, char: str, where: int) -> None:
    where %= len(minimal_text)
    text = minimal_text[:where] + char + minimal_text[where:]
    line = text.count("\n", 0, where) + 1
    column = where - (text.rfind("\n", 0, where) + 1) + 1
    code = f"\\x{ord(char):02x}"
    assert errors_of(text) == [
        f"ref.yaml:{line}:{column}: the file has the control character '{code}', which YAML "
        "does not allow; remove it"
    ]


def test_nul_byte_in_a_title(minimal_text: str) -> None:
    text = replace_once(minimal_text, "  title: Node SG", "  title: Node\0SG")
    assert errors_of(text) == [
        "ref.yaml:9:14: the file has the control character '\\x00', which YAML does not allow; "
        "remove it"
    ]


def bomb(levels: int) -> str:
    """The "billion laughs": each level a list of ten aliases of the one before."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels + 1):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("levels", [6, 9])
def test_an_alias_bomb_is_refused_where_each_alias_is_used(levels: int) -> None:
    """Six levels took 20 s and 3 GB before; nine would be 10^10 values. Each node is now
    converted once, so this returns at once with one error per alias."""
    parsed = yamlfile.parse(bomb(levels))
    aliases = [p for p in parsed.problems if p.message.startswith("aliases are not allowed")]
    assert len(aliases) == 10 * levels  # every alias, each refused without expanding it
    assert aliases[0].path == ("a1", 0)
    assert aliases[0].message == (
        "aliases are not allowed: this repeats the anchored value on line 1, column 5; "
        "write the value out"
    )


def test_an_alias_in_the_data_is_a_located_error(minimal_text: str) -> None:
    """Placed where the alias is (what to write out), naming where the anchor is."""
    text = replace_once(minimal_text, "  title: Node SG", "  title: &t Node SG")
    text = replace_once(text, "  title: Control-plane SG", "  title: *t")
    assert errors_of(text) == [
        "ref.yaml:14:10: security_groups[1].title: aliases are not allowed: this repeats the "
        "anchored value on line 9, column 10; write the value out"
    ]


SCALARS = {
    "date out of range": (
        "  checked: 2026-11-26", "  checked: 2026-02-30",
        "ref.yaml:5:12: sources[0].checked: '2026-02-30' is not a valid date (YYYY-MM-DD) (day is out of range for "
        "month); write a plain value",
    ),
    "month 13": (
        "  checked: 2026-11-26", "  checked: 2026-13-45",
        "ref.yaml:5:12: sources[0].checked: '2026-13-45' is not a valid date (YYYY-MM-DD) (month must be in 1..12); "
        "write a plain value",
    ),
    "!!int abc": (
        "  example: 30080", "  example: !!int abc",
        "ref.yaml:31:12: parameters[0].example: 'abc' is not a valid integer; write a plain value",
    ),
    "!!bool maybe": (
        "  baseline: true", "  baseline: !!bool maybe",
        "ref.yaml:22:13: categories[0].baseline: 'maybe' is not a valid boolean (true or false); write a plain value",
    ),
    "!!timestamp foo": (
        "  checked: 2026-11-26", "  checked: !!timestamp foo",
        "ref.yaml:5:12: sources[0].checked: 'foo' is not a valid date (YYYY-MM-DD); write a plain value",
    ),
    "5,000 digits": (
        "  example: 30080", "  example: " + "9" * 5000,
        "ref.yaml:31:12: parameters[0].example: '9999999999999999999999999999999999999...' is not a valid integer; "
        "write a plain value",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", SCALARS)
def test_a_scalar_that_does_not_fit_its_tag_is_located(minimal_text: str, case: str) -> None:
    old, new, expected = SCALARS[case]
    assert errors_of(replace_once(minimal_text, old, new)) == [expected]


def test_nesting_deeper_than_any_real_file_is_refused() -> None:
    text = "rules: " + "[" * 500 + "]" * 500 + "\n"
    parsed = yamlfile.parse(text)
    assert [p.message for p in parsed.problems] == [
        f"nested more than {yamlfile.MAX_DEPTH} levels deep"
    ]


def test_comments_are_found_outside_scalars_only() -> None:
    text = (
        "# header\n"
        "a: 'x # not a comment'\n"
        "b: c#d  # a comment\n"
        "c: [e, f]  # another\n"
        "d: |\n  # inside a block scalar\n"
    )
    assert yamlfile.comment_lines(text) == [0, 2, 3]
