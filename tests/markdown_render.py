"""Render Markdown the way the site does (mkdocs.yml's extensions) and read tables back."""

from __future__ import annotations

import functools
from html.parser import HTMLParser

import markdown
from helpers import ROOT
from mkdocs.config import load_config


@functools.cache
def _site_extensions() -> tuple[list, dict]:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config["markdown_extensions"], config["mdx_configs"]


def to_html(text: str) -> str:
    extensions, configs = _site_extensions()
    return markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text)


class Tables(HTMLParser):
    """Every table as a list of rows, each row a list of cell texts (tags dropped)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def tables_of(text: str) -> list[list[list[str]]]:
    parser = Tables()
    parser.feed(to_html(text))
    return parser.tables
