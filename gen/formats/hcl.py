"""HCL (Terraform) building blocks: data text becomes a quoted literal, never an expression.

`string` writes a template string that holds exactly the text: `"` and `\\` escaped, `${` and
`%{` doubled (`$${`, `%%{`, so no interpolation or directive starts), line breaks and every
other control or invisible character as `\\n` or `\\uNNNN`. `comment` writes a `#` comment
line that stays one line whatever the text holds. `aligned` lays out attributes the
way `terraform fmt` does (equals signs aligned within a run of one-line attributes).
"""

from __future__ import annotations

import re
import unicodedata

from gen.reference.words import one_line

_NAMED = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SPECIAL = re.compile(r'["\\\n\r\t]|[$%]\{|[^\x20-\x7e]')


def _escape(match: re.Match[str]) -> str:
    text = match[0]
    if text in _NAMED:
        return _NAMED[text]
    if text.endswith("{"):
        return text[0] + text  # `$${` is a literal `${`, `%%{` a literal `%{`
    if unicodedata.category(text)[0] in "CZ" and text != " ":
        return f"\\u{ord(text):04x}" if ord(text) < 0x10000 else f"\\U{ord(text):08x}"
    return text  # printable non-ASCII letters stay as they are


def string(text: str) -> str:
    """`text` as an HCL quoted string that evaluates to exactly `text`."""
    plain = text.isascii() and text.isprintable()  # nothing _SPECIAL finds (most text) ...
    if plain and '"' not in text and "\\" not in text and "{" not in text:
        return '"' + text + '"'  # ... written as it is: the regex scans slower
    return '"' + _SPECIAL.sub(_escape, text) + '"'


def comment(text: str, indent: str = "") -> str:
    """`# text` as one HCL comment line: every line break (`\\n`, `\\r`, U+2028, ...) and
    control character shown as an escape, so data text can never end the comment and become
    configuration."""
    return f"{indent}# {one_line(text)}".rstrip() + "\n"


def identifier(slug: str) -> str:
    """A slug (`[a-z0-9-]`) as an HCL name: dashes become underscores; one that would start with
    a digit gets a leading underscore (slugs have no underscore, so names stay distinct)."""
    name = slug.replace("-", "_")
    return name if name[:1].isalpha() else "_" + name


def aligned(pairs: list[tuple[str, str]], indent: str) -> list[str]:
    """`key = value` lines with the equals signs aligned, as `terraform fmt` writes them."""
    width = max((len(key) for key, _ in pairs), default=0)
    return [f"{indent}{key.ljust(width)} = {value}" for key, value in pairs]


def block(header: str, pairs: list[tuple[str, str]], *inner: str, indent: str = "") -> str:
    """A block of one-line attributes, then nested blocks (already indented), then `}`."""
    lines = [f"{indent}{header} {{", *aligned(pairs, indent + "  ")]
    for text in inner:
        lines += ["", text.rstrip("\n")] if len(lines) > 1 else [text.rstrip("\n")]
    return "\n".join([*lines, f"{indent}}}"]) + "\n"
