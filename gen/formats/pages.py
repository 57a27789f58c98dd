"""All Markdown pages: each page module renders its own files; this collects them."""

from __future__ import annotations

from pathlib import PurePosixPath

from gen.formats import (
    categories_page,
    downloads_page,
    findings_page,
    group_pages,
    istio_page,
    overview_page,
    sources_page,
)
from gen.model import Reference

PAGES = (
    overview_page, group_pages, istio_page, categories_page, sources_page, findings_page,
    downloads_page,
)  # fmt: skip


def render(ref: Reference) -> dict[PurePosixPath, str]:
    files: dict[PurePosixPath, str] = {}
    for module in PAGES:
        files.update(module.render(ref))
    return files
