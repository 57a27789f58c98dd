"""Output formats, registered by name. Each is a pure function; none does I/O.

- FORMATS: the published files, `render(ref) -> {relative path: text}`; gen/write.py writes
  what they return.
- SELECTION_FORMATS: one setup's rules, as `eks-sg rules --format NAME` prints them,
  `render(ref, selection, values) -> text`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

from gen.aws.commands import Values
from gen.formats import (
    aws_scripts,
    cloudformation,
    config_rule_stack,
    csv,
    json,
    pages,
    picker,
    rule_table,
    schema,
    terraform,
    terraform_aws_eks,
)
from gen.reference.model import Reference
from gen.select import Selection, variants

Render = Callable[[Reference], dict[PurePosixPath, str]]

FORMATS: dict[str, Render] = {
    "schema": schema.render,
    "pages": pages.render,
    "csv": csv.render,
    "json": json.render,
    "aws_scripts": aws_scripts.render,
    "picker": picker.render,
    "terraform": terraform.render,
    "terraform_aws_eks": terraform_aws_eks.render,
    "cloudformation": cloudformation.render,
    "config_rule_stack": config_rule_stack.render,
}


SelectionRender = Callable[[Reference, Selection, Values], str]

SELECTION_FORMATS: dict[str, SelectionRender] = {
    "table": rule_table.terminal,
    "markdown": rule_table.markdown,
    "csv": csv.render_selection,
    "json": json.render_selection,
    "aws-cli": aws_scripts.render_selection,
    "terraform": terraform.render_selection,
    "terraform-aws-eks": terraform_aws_eks.render_selection,
    "cloudformation": cloudformation.render_selection,
}


SHARE_VARIANTS = {"aws_scripts": aws_scripts.render, "picker": picker.render}
"""The formats that read the sharing variants (gen.select.variants): computed once per build."""


def render_all(ref: Reference) -> dict[PurePosixPath, str]:
    """Every generated file; two formats claiming the same path is a bug, so it raises."""
    outputs: dict[PurePosixPath, str] = {}
    found = variants(ref)
    for name, render in FORMATS.items():
        files = SHARE_VARIANTS[name](ref, found) if name in SHARE_VARIANTS else render(ref)
        for path, text in files.items():
            if path in outputs:
                raise RuntimeError(f"format {name!r} writes {path} a second time")
            outputs[path] = text
    return outputs
