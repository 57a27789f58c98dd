"""YAML (CloudFormation) scalars: data text becomes a double-quoted literal, never a tag,
an alias, a number or a second key.

`string` writes a YAML double-quoted scalar holding exactly the text: `"` and `\\` escaped,
line breaks and every control or invisible character as `\\n` or `\\uNNNN`. Quoted, `!Ref`,
`*alias`, `key: value` and `${...}` are plain characters (CloudFormation substitutes `${}` only
inside Fn::Sub, which the generated templates never use). `comment` writes a `#` line that
stays one line; `key` a mapping key that is always a string (never `yes`, `null` or `010`).
CloudFormation resolves `{{resolve:...}}` in any string of a template (a secret or parameter
copied into the stack), so `string` refuses that text.
"""

from __future__ import annotations

import re
import unicodedata

from gen.reference.words import DYNAMIC_REFERENCE, one_line

_NAMED = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SPECIAL = re.compile(r'["\\]|[^\x20-\x7e]')


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    if char in _NAMED:
        return _NAMED[char]
    if unicodedata.category(char)[0] in "CZ" or char in "\u2028\u2029\x85\ufeff":
        code = ord(char)
        return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    return char


def string(text: str) -> str:
    """`text` as a YAML double-quoted scalar that loads as exactly `text`; ValueError for a
    dynamic reference, which CloudFormation would replace by a secret's value."""
    if DYNAMIC_REFERENCE.search(text):
        raise ValueError(
            "refusing to write '{{resolve:' into a CloudFormation template: "
            f"CloudFormation would resolve it (text: {one_line(text)!r})"
        )
    return '"' + _SPECIAL.sub(_escape, text) + '"'


def comment(text: str, indent: str = "") -> str:
    """`# text` as one YAML comment line: line breaks of every kind (`\\n`, `\\r`, U+0085,
    U+2028, U+2029, ...) and control characters shown as escapes, so data text never ends
    the comment and starts a key."""
    return f"{indent}# {one_line(text)}".rstrip() + "\n"


_PLAIN_KEY = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_RESOLVED = {"y", "yes", "n", "no", "true", "false", "on", "off", "null"}
"""Plain scalars YAML 1.1 (PyYAML, cfn-lint) or 1.2 reads as booleans or null (any case)."""


def key(name: str) -> str:
    """A mapping key that loads as the string `name`: left plain when it is letters and digits
    starting with a letter and not a boolean or null word, else double-quoted."""
    if _PLAIN_KEY.fullmatch(name) and name.lower() not in _RESOLVED:
        return name
    return string(name)


def logical_id(slug: str) -> str:
    """A slug as a CloudFormation logical id: its words capitalised and joined
    (`node-in-kubelet` -> `NodeInKubelet`). Callers check that ids stay unique."""
    return "".join(word[:1].upper() + word[1:] for word in slug.split("-"))
