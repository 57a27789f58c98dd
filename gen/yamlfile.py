"""Read YAML safely into plain data, remembering where every key and value stands in the file.

PyYAML's composer builds nodes without constructing anything, so a tag such as
`!!python/object` is seen as a tag and rejected here: nothing in the file is ever executed.
libyaml's parser is used when PyYAML was built with it (it is several times faster).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from gen.problems import Path, Problem

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_PLAIN_TAGS_STR = "tag:yaml.org,2002:str"
_constructor = yaml.constructor.SafeConstructor()
# Scalar construction by tag, called directly: SafeConstructor.construct_object would also
# remember every node it ever saw (its cache lives as long as this module).
_SCALARS = {
    f"tag:yaml.org,2002:{name}": getattr(_constructor, f"construct_yaml_{name}")
    for name in ("int", "float", "bool", "null", "timestamp")
} | {_PLAIN_TAGS_STR: lambda node: node.value}


@dataclass
class Marks:
    """Line and column (0-based, as PyYAML counts) of each value and each mapping key, by path."""

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def find(self, path: Path, at_key: bool = False) -> tuple[int, int]:
        """The place of `path`, or of its nearest ancestor that is in the file."""
        if at_key and path in self.keys:
            return self.keys[path]
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (0, 0))


@dataclass
class Parsed:
    """The plain data (dicts, lists, scalars), where it stands, and what was wrong with it."""

    data: Any
    marks: Marks
    problems: list[Problem]


def _place(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line, node.start_mark.column


def _mapping(node: yaml.MappingNode, path: Path, out: Parsed) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _PLAIN_TAGS_STR:
            out.problems.append(Problem(path, "mapping keys must be plain strings"))
            continue
        key = key_node.value
        if key in result:
            line = out.marks.keys[(*path, key)][0] + 1
            message = f"duplicate key {key!r} (first on line {line}); keep one"
            out.problems.append(Problem(path, message, place=_place(key_node)))
            continue
        out.marks.keys[(*path, key)] = _place(key_node)
        result[key] = _convert(value_node, (*path, key), out)
    return result


def _convert(node: yaml.Node, path: Path, out: Parsed) -> Any:
    out.marks.values[path] = _place(node)
    if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
        return _mapping(node, path, out)
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
        return [_convert(item, (*path, i), out) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.ScalarNode) and node.tag in _SCALARS:
        return _SCALARS[node.tag](node)
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    out.problems.append(
        Problem(path, f"YAML tag {tag} is not allowed here; write a plain value (it was not run)")
    )
    return None


class Unusual(Exception):
    """The quick reader met something that only the careful one reports well."""


def _quick(node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
        result: dict[str, Any] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode) or key.tag != _PLAIN_TAGS_STR:
                raise Unusual
            if key.value in result:
                raise Unusual
            result[key.value] = _quick(value)
        return result
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
        return [_quick(item) for item in node.value]
    if isinstance(node, yaml.ScalarNode) and node.tag in _SCALARS:
        return _SCALARS[node.tag](node)
    raise Unusual


def quick(text: str) -> Any:
    """The plain data of a well-formed file, without marks (so about twice as fast as `parse`).

    Raises Unusual on a syntax error, a duplicate key or a tag: `parse` then says where.
    """
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError:
        raise Unusual from None
    return None if node is None else _quick(node)


def parse(text: str) -> Parsed:
    """Parse YAML text; a syntax error becomes the only problem (nothing after it can be read)."""
    out = Parsed(None, Marks(), [])
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = (mark.line, mark.column) if mark else (0, 0)
        message = f"YAML syntax error: {err.problem or err.context}"
        if err.problem and err.context and err.context_mark:
            message += f" ({err.context} on line {err.context_mark.line + 1})"
        out.problems.append(Problem((), f"{message}; fix it, then validate again", place=where))
        return out
    if node is not None:
        out.data = _convert(node, (), out)
    return out
