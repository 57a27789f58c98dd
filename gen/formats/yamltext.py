"""YAML (CloudFormation) scalars: data text becomes a double-quoted literal, never a tag,
an alias, a number or a second key.

`string` writes a YAML double-quoted scalar holding exactly the text: `"` and `\\` escaped,
line breaks and every control or invisible character as `\\n` or `\\uNNNN`. Quoted, `!Ref`,
`*alias`, `key: value` and `${...}` are plain characters (CloudFormation substitutes `${}` only
inside Fn::Sub, which the generated templates never use).
"""

from __future__ import annotations

import re
import unicodedata

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
    """`text` as a YAML double-quoted scalar that loads as exactly `text`."""
    return '"' + _SPECIAL.sub(_escape, text) + '"'


def logical_id(slug: str) -> str:
    """A slug as a CloudFormation logical id: its words capitalised and joined
    (`node-in-kubelet` -> `NodeInKubelet`). Callers check that ids stay unique."""
    return "".join(word[:1].upper() + word[1:] for word in slug.split("-"))
