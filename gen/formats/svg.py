"""Traffic diagrams as static SVG, drawn at build time: no diagram library reaches a reader.

A diagram is a ladder of rows, one per direction of traffic: the box where it starts, an arrow
(solid: traffic every cluster needs; dotted: an add-on's) with its ports above it, and the box
where it arrives. Rows never cross, so a diagram stays legible at any width: it is 360 units
wide and scales with the page (at 390 px a unit is a pixel). Every text from the data is
escaped once here (`_text`); colours come from the site's stylesheet (currentColor), so light
and dark schemes both work.
"""

from __future__ import annotations

import functools
import textwrap
from html import escape
from typing import NamedTuple

WIDTH = 360
BOX = 112  # width of a box at each end
LINE = 14  # height of one line of text
PAD = 6
BOX_CHARS = 17  # characters per line in a box (12 px text)
LABEL_CHARS = 21  # characters per line of an arrow's label (11 px text)


class Row(NamedTuple):
    """One arrow: where it starts, where it arrives, its label, and whether it is required."""

    source: tuple[str, ...]
    target: tuple[str, ...]
    label: str
    required: bool


@functools.lru_cache(maxsize=8192)
def _text(value: str) -> str:
    return escape(value, quote=True)  # the same box and label texts recur: escaped once each


@functools.lru_cache(maxsize=8192)
def _wrapped(line: str, width: int) -> tuple[str, ...]:
    """A line wrapped to `width` characters (the same box and label texts recur on every
    diagram: each is wrapped once)."""
    return tuple(textwrap.wrap(line, width)) or ("",)


def _lines(lines: tuple[str, ...], width: int) -> tuple[str, ...]:
    return tuple(part for line in lines for part in _wrapped(line, width))


@functools.lru_cache(maxsize=8192)
def _box(x: int, y: int, height: int, lines: tuple[str, ...]) -> str:
    """A group's box: the same few boxes recur at the same place (every rule's own row in the
    picker has its two at the top), so each is written once."""
    top = y + (height - LINE * len(lines)) // 2 + LINE - 3
    words = "".join(
        f'<tspan x="{x + BOX // 2}" y="{top + i * LINE}">{_text(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (f'<rect class="box" x="{x}" y="{y}" width="{BOX}" height="{height}" rx="5"/>'
            f'<text class="box-text" text-anchor="middle">{words}</text>')  # fmt: skip


def _arrow(y: int, height: int, label: tuple[str, ...], required: bool) -> str:
    start, end, middle = BOX + 4, WIDTH - BOX - 4, y + height // 2 + LINE // 2
    kind = "required" if required else "optional"
    top = middle - 4 - LINE * (len(label) - 1) - 2
    words = "".join(
        f'<tspan x="{WIDTH // 2}" y="{top + i * LINE}">{_text(line)}</tspan>'
        for i, line in enumerate(label)
    )
    return (f'<line class="arrow arrow--{kind}" x1="{start}" y1="{middle}" x2="{end - 7}" '
            f'y2="{middle}"/><path class="arrow-head" d="M{end} {middle} l-8 -4 v8 z"/>'
            f'<text class="arrow-text" text-anchor="middle">{words}</text>')  # fmt: skip


def _row(row: Row, y: int) -> tuple[str, int]:
    left, right = _lines(row.source, BOX_CHARS), _lines(row.target, BOX_CHARS)
    label = _lines((row.label,), LABEL_CHARS)
    height = max(len(left), len(right), len(label) * 2) * LINE + 2 * PAD
    parts = [_box(0, y, height, left), _arrow(y, height, label, row.required),
             _box(WIDTH - BOX, y, height, right)]  # fmt: skip
    return f'<g class="traffic-row">{"".join(parts)}</g>', height


def diagram(rows: list[Row], title: str, css_class: str = "traffic-diagram") -> str:
    """An `<svg>` of the rows, named `title` for screen readers; one line of text, so Markdown
    passes it through untouched inside a `<div>`."""
    parts, y = [], 0
    for row in rows:
        text, height = _row(row, y)
        parts.append(text)
        y += height + PAD
    height = max(y - PAD, 1)
    name = _text(title)
    return (f'<svg class="{css_class}" xmlns="http://www.w3.org/2000/svg" role="img" '
            f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
            f'aria-label="{name}"><title>{name}</title>{"".join(parts)}</svg>')  # fmt: skip


def block(rows: list[Row], title: str) -> str:
    """The diagram as a block of a page: kept out of the search index (the tables say it)."""
    return f'<div class="diagram" data-search-exclude>{diagram(rows, title)}</div>'
