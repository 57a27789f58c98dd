"""All Markdown pages: each page module renders its own files; this collects them."""

from __future__ import annotations

from pathlib import PurePosixPath

from gen.formats.pages import (
    categories,
    downloads,
    findings,
    groups,
    istio,
    overview,
    sources,
)
from gen.reference.model import Reference

PAGES = (overview, groups, istio, categories, sources, findings, downloads)


def render(ref: Reference) -> dict[PurePosixPath, str]:
    files: dict[PurePosixPath, str] = {}
    for module in PAGES:
        files.update(module.render(ref))
    return files
