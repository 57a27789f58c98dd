"""Shell words and comments: data text reaches a script only as a literal, never as code.

`quote` makes a literal word, `word` a word of literals and variables, `comment` text that
stays inside one `#` comment line. Every data string that goes into a script passes one of them.

A word is a list of parts: a `str` is literal text (single-quoted when it needs quoting, so
nothing in it is expanded), a `Var` is `"$NAME"` (double-quoted, so its value is never split
or globbed). Adjacent parts join into one word: '[{"GroupId":"'"$NODE_SG_ID"'"}]'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SAFE = re.compile(r"[A-Za-z0-9_@%+=:,./-]+")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Var:
    """A reference to a shell variable."""

    name: str

    def __post_init__(self) -> None:
        if not _NAME.fullmatch(self.name):
            raise ValueError(f"not a shell variable name: {self.name!r}")


Part = str | Var


def quote(text: str) -> str:
    """One literal shell word: left bare when safe, else single-quoted ('\\'' for a quote)."""
    if _SAFE.fullmatch(text):
        return text
    return "'" + text.replace("'", "'\\''") + "'"


def word(parts: list[Part], guard: bool = False) -> str:
    """The parts as one shell word (`guard`: each variable as `"${NAME:?set NAME}"`, so a
    command pasted into a shell where it is unset stops before it runs)."""
    merged: list[Part] = []
    for part in parts:  # adjacent literals become one quoted run: '[{"a":1}]', not '[''{...'
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        elif part != "":
            merged.append(part)
    if not merged:
        return "''"
    return "".join(_var(p, guard) if isinstance(p, Var) else quote(p) for p in merged)


def _var(var: Var, guard: bool) -> str:
    return f'"${{{var.name}:?set {var.name}}}"' if guard else f'"${{{var.name}}}"'


_UNSEEN = re.compile(r"[\\\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(match: re.Match[str]) -> str:
    char = match[0]
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 256 else f"\\u{ord(char):04x}")


def comment(text: str) -> str:
    """`text` on one line with no control character, for a `#` comment or a printed line.

    A line break would end the comment and start code, and a control character (ESC, ...)
    could rewrite the terminal of whoever reads or runs the script: each is shown as an escape
    (`\\n`, `\\x1b`, a backslash as `\\\\`), so the text can still be read back exactly.
    """
    return _UNSEEN.sub(_visible, text)
