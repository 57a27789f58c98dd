"""Read YAML safely into plain data; keep the node tree to say where any path stands.

This is the only module that knows PyYAML. Safety, for a file that arrives in a pull request:
- Nodes are composed, never constructed by tag, so `!!python/object` is only a tag, rejected
  here: nothing in the file is ever run.
- Aliases are refused where they are used: `*a` repeats a node, and a chain of them (a "billion
  laughs") would expand to gigabytes. Each node is converted once, so the work stays linear.
- A scalar that does not fit its tag (`2026-02-30`, `!!int abc`) is a located problem, and so
  is a control character (PyYAML's ReaderError) or nesting deeper than any real file needs.
- Local tags a caller names (CloudFormation's `!Ref X`) become plain data (`{"Ref": "X"}`);
  every other tag is still refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from gen.reference.problems import Path, Problem
from gen.reference.words import printable, shown

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is several times faster
MAX_DEPTH = 32  # the data nests 5 levels; Python's recursion limit is near 1,000

_PREFIX = "tag:yaml.org,2002:"
_MAP, _SEQ, _STR = f"{_PREFIX}map", f"{_PREFIX}seq", f"{_PREFIX}str"
_constructor = yaml.constructor.SafeConstructor()
_KINDS = {"int": "integer", "float": "number", "bool": "boolean (true or false)",
          "null": "null", "timestamp": "date (YYYY-MM-DD)"}  # fmt: skip
# Scalar construction by tag, called directly: SafeConstructor.construct_object would also
# remember every node it ever saw (its cache lives as long as this module).
_SCALARS = {f"{_PREFIX}{name}": getattr(_constructor, f"construct_yaml_{name}") for name in _KINDS}


@dataclass
class Parsed:
    """The plain data (dicts, lists, scalars), the nodes it came from, and what was wrong."""

    data: Any
    root: yaml.Node | None
    problems: list[Problem]
    _seen: set[int] = field(default_factory=set, repr=False)
    short_tags: dict[str, str] = field(default_factory=dict, repr=False)
    """Local tag -> the key it stands for: `!Ref X` is read as `{"Ref": "X"}`."""

    def place(self, path: Path, at_key: bool = False) -> tuple[int, int]:
        """The 0-based line and column of `path` (of its key with `at_key`), or of the nearest
        ancestor the file has."""
        node, key = self.root, None
        for part in path:
            found = _child(node, part)
            if found is None:
                key = None
                break
            key, node = found
        chosen = key if at_key and key is not None else node
        return (chosen.start_mark.line, chosen.start_mark.column) if chosen else (0, 0)


def _child(node: yaml.Node | None, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        return next(((k, v) for k, v in node.value if getattr(k, "value", None) == part), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return None, node.value[part]
    return None


def _place(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line, node.start_mark.column


def _mapping(node: yaml.MappingNode, path: Path, out: Parsed, depth: int) -> dict[str, Any]:
    result: dict[str, Any] = {}
    first: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
            out.problems.append(Problem(path, "mapping keys must be plain strings", False,
                                        _place(key_node)))  # fmt: skip
            continue
        key = key_node.value
        if key in first:
            line = first[key].start_mark.line + 1
            message = f"duplicate key {shown(key)} (first on line {line}); keep one"
            out.problems.append(Problem(path, message, place=_place(key_node)))
            continue
        first[key] = key_node
        result[key] = _convert(value_node, (*path, key), out, depth + 1)
    return result


def _scalar(node: yaml.ScalarNode, path: Path, out: Parsed) -> Any:
    try:
        return node.value if node.tag == _STR else _SCALARS[node.tag](node)
    except Exception as err:  # PyYAML raises ValueError, KeyError or TypeError here
        kind = _KINDS[node.tag.removeprefix(_PREFIX)]
        value = node.value if len(node.value) <= 40 else node.value[:37] + "..."
        why = f" ({err})" if isinstance(err, ValueError) and "date" in kind else ""
        message = f"{shown(value)} is not a valid {kind}{why}; write a plain value"
        out.problems.append(Problem(path, message, place=_place(node)))
        return None


def _convert(node: yaml.Node, path: Path, out: Parsed, depth: int = 0) -> Any:
    if id(node) in out._seen:
        line, column = _place(node)
        message = (f"aliases are not allowed: this repeats the anchored value on line "
                   f"{line + 1}, column {column + 1}; write the value out")  # fmt: skip
        out.problems.append(Problem(path, message))
        return None
    out._seen.add(id(node))
    if depth > MAX_DEPTH:
        out.problems.append(Problem(path, f"nested more than {MAX_DEPTH} levels deep"))
        return None
    if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
        return _mapping(node, path, out, depth)
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
        return [_convert(item, (*path, i), out, depth + 1) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.ScalarNode) and (node.tag == _STR or node.tag in _SCALARS):
        return _scalar(node, path, out)
    if node.tag in out.short_tags:
        return {out.short_tags[node.tag]: _untagged(node, path, out, depth)}
    tag = node.tag.replace(_PREFIX, "!!")
    message = f"YAML tag {printable(tag)} is not allowed here; write a plain value (it was not run)"
    out.problems.append(Problem(path, message, place=_place(node)))
    return None


def _untagged(node: yaml.Node, path: Path, out: Parsed, depth: int) -> Any:
    """A short-tagged node's value: a string, a list or a mapping, as if it had no tag."""
    if isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), out, depth + 1) for i, item in enumerate(node.value)]
    return _mapping(node, path, out, depth)  # type: ignore[arg-type]


def _offset_place(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset)
    return line, offset - (text.rfind("\n", 0, offset) + 1)


def _syntax_problem(err: yaml.YAMLError, text: str) -> Problem:
    if isinstance(err, yaml.reader.ReaderError):
        char = err.character if isinstance(err.character, str) else chr(err.character)
        message = (f"the file has the control character {shown(char)}, which "
                   "YAML does not allow; remove it")  # fmt: skip
        return Problem((), message, place=_offset_place(text, err.position))
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    where = (mark.line, mark.column) if mark else (0, 0)
    problem, context = getattr(err, "problem", None), getattr(err, "context", None)
    message = f"YAML syntax error: {problem or context or err}"
    if problem and context and err.context_mark:
        message += f" ({context} on line {err.context_mark.line + 1})"
    return Problem((), f"{message}; fix it, then validate again", place=where)


def parse(text: str, short_tags: dict[str, str] | None = None) -> Parsed:
    """Parse YAML text; a syntax error is the only problem (nothing after it can be read).
    `short_tags` are the local tags read as data (`{"!Ref": "Ref"}`)."""
    out = Parsed(None, None, [], short_tags=dict(short_tags or {}))
    try:
        out.root = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError as err:
        out.problems.append(_syntax_problem(err, text))
        return out
    if out.root is not None:
        out.data = _convert(out.root, (), out)
    out._seen.clear()
    return out


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # repeated values are written out, never as &anchors


class FlowList(list):
    """A list written on one line: `[a, b]`."""


_Dumper.add_representer(FlowList, lambda d, v: d.represent_sequence(_SEQ, v, flow_style=True))


def dump(data: Any) -> str:
    """Block-style YAML of plain data, keys in the order given, unicode kept, no line folding."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000,
                     indent=2)  # fmt: skip


def _scalar_spans(node: yaml.Node | None) -> list[tuple[int, int]]:
    """Where each scalar (key or value) starts and ends in the text, by character offset."""
    spans, stack = [], [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            spans.append((current.start_mark.index, current.end_mark.index))
        elif isinstance(current, yaml.MappingNode):
            stack += [part for pair in current.value for part in pair]
        elif isinstance(current, yaml.SequenceNode):
            stack += current.value
    return sorted(spans)


def comment_lines(text: str) -> list[int]:
    """The 0-based lines that hold a comment: a `#` after a space or at a line's start that is
    not inside a scalar (PyYAML drops comments, so they are found around the scalars)."""
    spans = _scalar_spans(yaml.compose(text, Loader=Loader))
    found, span = set(), 0
    for offset, char in enumerate(text):
        while span < len(spans) and spans[span][1] <= offset:
            span += 1
        inside = span < len(spans) and spans[span][0] <= offset
        if char == "#" and not inside and (offset == 0 or text[offset - 1] in " \t\n"):
            found.add(text.count("\n", 0, offset))
    return sorted(found)
