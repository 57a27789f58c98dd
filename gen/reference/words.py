"""How counts, ids and untrusted text read in messages printed to a terminal."""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, line and paragraph separators, bidirectional overrides, BOM: none
# of them belongs in the data, and each can fake or hide text on a terminal or a page.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def plural(count: int, noun: str) -> str:
    """`1 error`, `2 errors`."""
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character written as an escape (`\\x1b`), safe to print."""
    return CONTROL.sub(_escape, text)


def shown(value: object) -> str:
    """A value quoted for a message, as `repr` would, with control characters escaped."""
    return printable(repr(value)) if isinstance(value, str) else printable(str(value))
