"""Output formats, registered by name. Each is a pure function; none does I/O.

- FORMATS: the published files, `render(ref) -> {relative path: text}`; gen/write.py writes
  what they return.
- SELECTION_FORMATS: one setup's rules, as `eks-sg rules --format NAME` prints them,
  `render(ref, selection, values) -> text`.

The registries name each format's module and function; a module is imported when its format
is first used, so a command that only lists the names (`eks-sg rules --help`, `eks-sg
validate`) starts without importing any formatter.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gen.aws.commands import Values
    from gen.reference.model import Reference, Rule
    from gen.select import Selection


def per_rule(render: Callable[[Reference, Rule], str]) -> Callable[[Reference, Rule], str]:
    """A rule's fragment made once per reference and rule value: the picker's variants, the
    group pages and the modules ask for the same fragments (kept with the reference, which
    is frozen; a changed rule is another value)."""
    name = f"{render.__module__}.{render.__qualname__}"

    @functools.wraps(render)
    def once(ref: Reference, rule: Rule) -> str:
        key = (name, rule.value_key(), rule.peer_kind)  # the kind depends on the reference
        return ref.derived(key, lambda: render(ref, rule))

    return once


class Registry(Mapping[str, Callable[..., Any]]):
    """Format name -> its function, imported from `gen.formats.MODULE` on first use."""

    def __init__(self, entries: dict[str, str]) -> None:
        self._entries = entries  # name -> "module:function"
        self._loaded: dict[str, Callable[..., Any]] = {}

    def __getitem__(self, name: str) -> Callable[..., Any]:
        if name not in self._loaded:
            module, function = self._entries[name].split(":")
            self._loaded[name] = getattr(importlib.import_module(f"gen.formats.{module}"), function)
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


Render = Callable[["Reference"], dict[PurePosixPath, str]]

FORMATS = Registry({
    "schema": "schema:render",
    "pages": "pages:render",
    "csv": "csv:render",
    "json": "json:render",
    "aws_scripts": "aws_scripts:render",
    "picker": "picker:render",
    "terraform": "terraform:render",
    "terraform_aws_eks": "terraform_aws_eks:render",
    "cloudformation": "cloudformation:render",
    "config_rule_stack": "config_rule_stack:render",
})  # fmt: skip


SelectionRender = Callable[["Reference", "Selection", "Values"], str]

SELECTION_FORMATS = Registry({
    "table": "rule_table:terminal",
    "markdown": "rule_table:markdown",
    "csv": "csv:render_selection",
    "json": "json:render_selection",
    "aws-cli": "aws_scripts:render_selection",
    "terraform": "terraform:render_selection",
    "terraform-aws-eks": "terraform_aws_eks:render_selection",
    "cloudformation": "cloudformation:render_selection",
})  # fmt: skip


SHARE_VARIANTS = ("aws_scripts", "picker")
"""The formats that read the sharing variants (gen.select.variants): computed once per build."""


def render_all(ref: Reference) -> dict[PurePosixPath, str]:
    """Every generated file; two formats claiming the same path is a bug, so it raises."""
    from gen.select import variants

    outputs: dict[PurePosixPath, str] = {}
    found = variants(ref)
    for name, render in FORMATS.items():
        files = render(ref, found) if name in SHARE_VARIANTS else render(ref)
        for path, text in files.items():
            if path in outputs:
                raise RuntimeError(f"format {name!r} writes {path} a second time")
            outputs[path] = text
    return outputs
