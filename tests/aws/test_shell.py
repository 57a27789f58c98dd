"""Shell quoting: whatever the text, bash sees exactly the intended words."""

from __future__ import annotations

import re
import subprocess

from hypothesis import given, settings
from hypothesis import strategies as st

from gen.aws.shell import Var, comment, quote, word

PIECES = st.sampled_from(["'", '"', "$(id)", "`id`", "\\", " ", "\n", "$HOME", "*", "!", "&&", ";"])
CHARS = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=8
)
TRICKY = st.lists(PIECES | CHARS, max_size=5).map("".join)


def bash_words(line: str, env: dict[str, str] | None = None) -> list[str]:
    script = 'printf "%s\\0" ' + line
    out = subprocess.run(
        ["bash", "-c", script], env=env or {}, capture_output=True, check=True
    ).stdout
    return out.decode("utf-8", errors="surrogateescape").split("\0")[:-1]


@settings(max_examples=150, deadline=None)
@given(st.lists(TRICKY, min_size=1, max_size=4))
def test_literal_words_arrive_unchanged(texts: list[str]) -> None:
    assert bash_words(" ".join(quote(t) for t in texts)) == texts


@settings(max_examples=100, deadline=None)
@given(before=TRICKY, value=TRICKY, after=TRICKY)
def test_variables_are_spliced_into_one_word_unsplit(before: str, value: str, after: str) -> None:
    line = word([before, Var("VALUE"), after])
    assert bash_words(line, {"VALUE": value}) == [before + value + after]


def test_adjacent_literals_are_quoted_as_one_run() -> None:
    assert word(["[", '{"a":', Var("X"), "}", "]"]) == "'[{\"a\":'\"${X}\"'}]'"


def test_empty_word_is_still_a_word() -> None:
    assert bash_words(word([]) + " " + word([""])) == ["", ""]


@settings(max_examples=150, deadline=None)
@given(TRICKY | st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=20))
def test_comment_text_stays_one_comment_line(text: str) -> None:
    """No line break or control character gets through, so nothing after `#` can run."""
    shown = comment(text)
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", shown)
    assert (
        subprocess.run(
            ["sh", "-c", f"# {shown}\nprintf ok"], capture_output=True, text=True, check=True
        ).stdout
        == "ok"
    )


def test_comment_shows_escapes_visibly() -> None:
    assert comment("a\nb\x1b[2J\\n\u2028") == "a\\nb\\x1b[2J\\\\n\\u2028"
