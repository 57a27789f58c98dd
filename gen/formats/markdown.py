"""Markdown building blocks: escaped table cells, tables, links, the page banner.

Text from the data never reaches a page raw: `inline` escapes what Markdown or HTML
would interpret, so a description can show `|`, `<script>` or `*` and nothing else happens.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from gen.formats.labels import BANNER
from gen.reference.words import CONTROL, printable_lines

# Characters that mean something anywhere in a line (emphasis, code, links, attributes, cells).
_SPECIAL = re.compile(r"([\\`*_{}\[\]|])")
# What means something only at the start of a block (headings, lists); escaped there only.
_BLOCK_START = re.compile(r"^([#+-]|\d+[.)])")
# Text without any of these needs no escaping at all (most descriptions): the fast path.
_NEEDS_WORK = re.compile(r"[\\`*_{}\[\]|<>&\r\n]|^\s|\s$|^([#+-]|\d+[.)])|" + CONTROL.pattern)


def inline(text: str) -> str:
    """Plain text as one line of Markdown: HTML and Markdown escaped, newlines become <br>."""
    if not _NEEDS_WORK.search(text):
        return text
    text = printable_lines(text)  # ESC or a bidi override would rewrite a terminal or a page
    escaped = _SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
    escaped = _BLOCK_START.sub(lambda m: m[0][:-1] + "\\" + m[0][-1], escaped, count=1)
    lines = escaped.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(line.strip() for line in lines)


def raw_html(text: str) -> str:
    """Plain text inside a raw HTML block (the picker's form): Markdown is not read there, so
    only HTML is escaped (`*` stays `*`, never `\\*`); a line break would end the block."""
    if any(char in text for char in "\r\n"):
        raise ValueError(f"text inside an HTML block cannot hold a line break: {text!r}")
    return html.escape(text, quote=False)  # element text, never an attribute value


def code(text: str) -> str:
    """An inline code span for ids and values that contain no backtick."""
    if "`" in text:
        raise ValueError(f"code span cannot hold a backtick: {text!r}")
    return f"`{text}`"


def link(text: str, target: str) -> str:
    """A link whose text is already Markdown (escaped or a code span)."""
    return f"[{text}]({target})"


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A pipe table; cells must already be Markdown (use `inline` for text), and are written
    as they are (a port `0443` stays `0443`). No alignment colons, so the HTML carries no
    inline styles. Columns are padded to line up, as tabulate's `github` format lays them out
    (a column is at least its header and two spaces wide): the pages did not change when it
    was replaced by these lines, which are several times faster."""
    cells = [[cell.strip() for cell in row] for row in rows]
    for row in cells:
        if len(row) != len(headers):
            raise ValueError(f"row has {len(row)} cells, table has {len(headers)}: {row}")
        if any("\n" in cell for cell in row):  # one line per row, or the table breaks
            raise ValueError(f"a table cell holds a line break: {row}")
    heads = list(headers)
    widths = [max([len(h) + 2, *(len(row[i]) for row in cells)]) for i, h in enumerate(heads)]

    def line(values: Sequence[str]) -> str:
        return "| " + " | ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(heads), rule, *map(line, cells)]) + "\n"


def page(title: str, *blocks: str, boost: float | None = None) -> str:
    """A whole page: banner comment, title, blocks separated by blank lines.

    The title and blocks are Markdown already: data text goes through `inline` first. `boost`
    weighs the page's sections in the site's search (front matter `search.boost`): above 1 for
    the pages holding rule and port entries, below 1 for pages that only cite them.
    """
    parts = [f"<!-- {BANNER} -->", f"# {title}", *(b.strip("\n") for b in blocks if b)]
    front = f"---\nsearch:\n  boost: {boost:g}\n---\n\n" if boost is not None else ""
    return front + "\n\n".join(parts) + "\n"
