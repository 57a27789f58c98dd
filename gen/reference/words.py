"""How counts, ids and untrusted text read in messages printed to a terminal."""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, line and paragraph separators, bidirectional overrides, BOM: none
# of them belongs in the data, and each can fake or hide text on a terminal or a page.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
"""Every character `str.splitlines` breaks a line at (YAML also breaks at \\x85, U+2028 and
U+2029): all of them are in CONTROL, so `printable` text is one line in every language."""
_BREAK = re.compile(f"[{LINE_BREAKS}]")


DYNAMIC_REFERENCE = re.compile(r"\{\{\s*resolve\s*:", re.IGNORECASE)
"""What starts a CloudFormation dynamic reference (`{{resolve:secretsmanager:...}}`, `ssm`,
`ssm-secure`): CloudFormation replaces it, in any string of a template, by the secret's value."""


MAX_PROBLEMS = 20
"""Problems of one input printed in a run: every one is found, the first ones shown."""


def first_problems(problems: list[str]) -> list[str]:
    """The first MAX_PROBLEMS lines, and a last one saying how many more there are."""
    more = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS], *([f"... and {more} more problems"] if more > 0 else [])]


def malformed(err: Exception, tool: str) -> str:
    """What is wrong with an item of a tool's JSON, in words: a field it lacks, a value (the
    ValueError names it), or a field of the wrong shape; never a Python exception's name."""
    if isinstance(err, KeyError):
        return f"no field {printable(str(err))}; is it {tool}'s unmodified JSON?"
    if isinstance(err, ValueError):
        return printable(str(err))
    return f"a field of the wrong shape (an object or a list where {tool} writes the other)"


def plural(count: int, noun: str) -> str:
    """`1 error`, `2 errors`."""
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character written as an escape (`\\x1b`), safe to print."""
    return CONTROL.sub(_escape, text)


def _escape_but_breaks(match: re.Match[str]) -> str:
    return match.group() if match.group() in "\n\r" else _escape(match)


def printable_lines(text: str) -> str:
    """`printable`, but `\\n` and `\\r` kept: for a format that shows line breaks its own way."""
    return CONTROL.sub(_escape_but_breaks, text)


def shown(value: object) -> str:
    """A value quoted for a message, as `repr` would, with control characters escaped."""
    return printable(repr(value)) if isinstance(value, str) else printable(str(value))


def one_line(text: str) -> str:
    """`text` as one printable line, for a comment in any output language: every line break
    and control character written as an escape (`\\r` as `\\x0d`, U+2028 as `\\u2028`)."""
    line = printable(text)
    if _BREAK.search(line):  # CONTROL holds them all; never rely on luck
        raise ValueError(f"a line break survived escaping in {line!r}")
    return line
