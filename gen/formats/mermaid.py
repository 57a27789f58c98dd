"""Mermaid's quoting: node ids and labels that data text cannot break out of.

A label is written in double quotes with every character outside letters, digits, space and
`.,:/()_+=-` as a Mermaid entity code (`#60;` for `<`, `#34;` for `"`): a title such as
`x"] --> y[<img onerror=...>` then stays one label of plain text instead of adding nodes,
edges or HTML to the diagram.
"""

from __future__ import annotations

import re

_PLAIN = re.compile(r"[A-Za-z0-9 .,:/()_+=-]")


def text(value: str) -> str:
    """Text for inside a quoted label, every risky character an entity code."""
    return "".join(c if _PLAIN.fullmatch(c) else f"#{ord(c)};" for c in value)


def label(*lines: str) -> str:
    """A quoted Mermaid label showing exactly these lines of text."""
    return '"' + "<br/>".join(text(line) for line in lines) + '"'


def node_id(name: str) -> str:
    """A Mermaid node id for any name: letters, digits and underscores only, never a keyword."""
    return "n_" + "".join(c if c.isascii() and c.isalnum() else f"_{ord(c):x}_" for c in name)
