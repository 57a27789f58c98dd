"""Output formats, registered by name. Each is a pure function from the model to files.

Every formatter has the signature `render(ref) -> {relative path: text}` and does no I/O;
gen/write.py writes what they return.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

from gen.formats import (
    aws_scripts,
    csv,
    json,
    pages,
    schema,
)
from gen.model import Reference

Render = Callable[[Reference], dict[PurePosixPath, str]]

FORMATS: dict[str, Render] = {
    "schema": schema.render,
    "pages": pages.render,
    "csv": csv.render,
    "json": json.render,
    "aws_scripts": aws_scripts.render,
}


def render_all(ref: Reference) -> dict[PurePosixPath, str]:
    """Every generated file; two formats claiming the same path is a bug, so it raises."""
    outputs: dict[PurePosixPath, str] = {}
    for name, render in FORMATS.items():
        for path, text in render(ref).items():
            if path in outputs:
                raise RuntimeError(f"format {name!r} writes {path} a second time")
            outputs[path] = text
    return outputs
