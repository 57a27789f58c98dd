"""Plain tables for a terminal: `eks-sg rules`, `audit` and `discover` print them in 100
columns by default, wrapping the longest cells, and never wrap them with `--wide`.

Cells and lines must already be printable (gen.reference.words.printable): this module only
lays text out.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping, Sequence

WIDTH = 100
"""Columns a terminal table fits in unless --wide."""

GAP = 2
"""Spaces between two columns."""

_WORDS = (", ", " ")
"""Where a cell breaks first: after a list's comma, else after a space."""

_PARTS = ("-", "/", ".")
"""Else after the last hyphen, path slash or dot that fits (`istio-sidecar-injector/` of a
webhook's name, `rev.namespace.` of its dotted part)."""

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
"""Inside `MutatingWebhookConfiguration`, before each word's capital."""


def _widths(
    headers: Sequence[str], rows: Sequence[Sequence[str]], width: int | None,
    shortest: Mapping[int, int],
) -> list[int]:  # fmt: skip
    """Each column's width: the widest cell, and while the table is wider than `width`, the
    wrappable column (in `shortest`: its fewest characters) with the most to give gives one."""
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    while width and shortest and sum(widths) + GAP * (len(widths) - 1) > width:
        column = max(shortest, key=lambda i: widths[i] - shortest[i])
        if widths[column] <= shortest[column]:
            break
        widths[column] -= 1
    return widths


def _cut(cell: str, width: int) -> int:
    """Where a cell longer than `width` breaks: after the last word separator that fits, else
    after the last part separator, else before a capital, else at `width`."""
    for sep in _WORDS:
        at = cell.rfind(sep, 0, width)
        if at > 0:
            return at + len(sep)
    at = max(cell.rfind(sep, 0, width) for sep in _PARTS)
    if at > 0:
        return at + 1
    capitals = [m.start() for m in _CAMEL.finditer(cell, 0, width)]
    return capitals[-1] if capitals else width


def wrap(cell: str, width: int) -> list[str]:
    """A cell over lines of at most `width` characters."""
    lines = []
    while len(cell) > width:
        cut = _cut(cell, width)
        lines.append(cell[:cut].rstrip())
        cell = cell[cut:].lstrip()
    return [*lines, cell]


def table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], width: int | None = WIDTH,
    shortest: Mapping[int, int] | None = None, under: int | None = None,
) -> str:  # fmt: skip
    """Header, a line of dashes, the rows: the columns in `shortest` wrap to fit `width` (None:
    never wrapped); when a row wraps, a blank line between rows keeps them apart. `under`: a
    column of prose printed beneath the other cells of its row, over the whole width, when the
    table has to fit a width (its header beneath the others' headers)."""
    if under is not None and width:
        return _with_prose_under(headers, rows, width, shortest or {}, under)
    headers = list(headers)
    widths = _widths(headers, rows, width, shortest or {})
    return "\n".join(_lines(headers, rows, widths))


def _lines(headers: Sequence[str], rows: Sequence[Sequence[str]], widths: list[int],
           beneath: Sequence[Sequence[str]] = ()) -> list[str]:  # fmt: skip
    """The laid-out table; `beneath` (one list of lines per row, and one for the header) go
    under each row."""

    def line(cells: Sequence[str]) -> str:
        return (" " * GAP).join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [line(headers), *(beneath[0] if beneath else []), line(["-" * w for w in widths])]
    blocks = []
    for r, row in enumerate(rows):
        wrapped = [wrap(cell, w) for cell, w in zip(row, widths, strict=True)]
        height = max(map(len, wrapped))
        block = [line([c[i] if i < len(c) else "" for c in wrapped]) for i in range(height)]
        blocks.append(block + list(beneath[r + 1] if beneath else []))
    gap = [""] if any(len(b) > 1 for b in blocks) else []
    for i, block in enumerate(blocks):
        out += (gap if i else []) + block
    return out


def _with_prose_under(
    headers: Sequence[str], rows: Sequence[Sequence[str]], width: int,
    shortest: Mapping[int, int], under: int,
) -> str:  # fmt: skip
    def without(cells: Sequence[str]) -> list[str]:
        return [c for i, c in enumerate(cells) if i != under]

    kept = {i - (i > under): n for i, n in shortest.items() if i != under}
    widths = _widths(without(headers), [without(r) for r in rows], width, kept)
    # Past a short first column (a verdict), else two spaces in: the prose keeps most of the width.
    first = widths[0] + GAP
    indent = " " * (first if first <= width // 4 else GAP)
    prose = [headers[under], *(r[under] for r in rows)]
    beneath = [[indent + line for line in paragraph(text, width - len(indent))] for text in prose]
    return "\n".join(_lines(without(headers), [without(r) for r in rows], widths, beneath))


def paragraph(text: str, width: int | None = WIDTH, indent: str = "") -> list[str]:
    """A line of prose over lines of at most `width` (None: one line), broken at spaces, each
    line starting with `indent`."""
    if not width or len(indent + text) <= width:
        return [indent + text]
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)  # fmt: skip
