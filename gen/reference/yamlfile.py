"""Read YAML safely into plain data, with the place where each value and key starts.

This is the only module that knows PyYAML. Safety, for a file that arrives in a pull request:
- The data is built from libyaml's events, never constructed by tag, so `!!python/object` is
  only a tag, rejected here: nothing in the file is ever run.
- Aliases are refused where they are used: `*a` repeats a value, and a chain of them (a
  "billion laughs") would expand to gigabytes. No value is ever repeated, so the work stays
  linear; and reading can stop after any item (a file of a million errors is read only as far
  as the errors that are printed).
- A scalar that does not fit its tag (`2026-02-30`, `!!int abc`) is a located problem, and so
  is a control character (PyYAML's ReaderError) or nesting deeper than any real file needs.
- Local tags a caller names (CloudFormation's `!Ref X`) become plain data (`{"Ref": "X"}`);
  every other tag is still refused.
"""

from __future__ import annotations

from collections.abc import Callable
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


Item = Callable[[Path, Any, "Parsed"], bool]
"""Called with each item of a list `sections` names, once it is read: False stops reading."""


class Parsed:
    """The plain data (dicts, lists, scalars), where each value (and key) starts, what was
    wrong, and whether reading stopped early (an `Item` said so)."""

    def __init__(self, data: Any, problems: list[Problem]) -> None:
        self.data, self.problems = data, problems
        self.places: dict[Path, tuple[int, int]] = {}
        self.key_places: dict[Path, tuple[int, int]] = {}
        self.stopped = False

    def __repr__(self) -> str:
        return f"Parsed(data={self.data!r}, problems={self.problems!r}, stopped={self.stopped})"

    def place(self, path: Path, at_key: bool = False) -> tuple[int, int]:
        """The 0-based line and column of `path` (of its key with `at_key`), or of the nearest
        ancestor the file has."""
        if at_key and path in self.key_places:
            return self.key_places[path]
        for end in range(len(path), -1, -1):
            found = self.places.get(path[:end])
            if found is not None:
                return found
        return (0, 0)


class _Stop(Exception):
    """An Item asked to stop reading."""


class _Frame:
    """An open mapping or sequence (or one being skipped: `path` None): its value so far, a
    mapping's pending key (or _KEY, _SKIP) and where it is, each key's line (for
    duplicates), and whether it is a short tag's one-key mapping."""

    __slots__ = ("first", "key", "key_place", "path", "value", "wrapper")

    def __init__(
        self, value: Any, path: Path | None, key: Any = None,
        key_place: tuple[int, int] | None = None, wrapper: bool = False,
    ) -> None:  # fmt: skip
        self.value, self.path, self.key = value, path, key
        self.key_place = key_place
        self.first: dict[str, int] = {}
        self.wrapper = wrapper  # a short tag's `{key: value}`: closed with its one value


_SKIP = object()  # drop the next value (its key was refused)
_SKIP_KEY = object()  # a mapping or list used as a key is being dropped, then its value
_KEY = object()  # a mapping waits for a key


class _Reader:
    """Plain data from YAML events: each value converted once, as its events arrive (never
    composed into a node tree), so an alias is refused without being expanded, a tag that is
    not plain data is only named, and reading can stop after any item."""

    def __init__(
        self, text: str, out: Parsed, on_item: Item | None, sections: frozenset, limit: float,
        short_tags: dict[str, str],
    ) -> None:  # fmt: skip
        self.loader = Loader(text)
        self.out, self.on_item, self.sections, self.limit = out, on_item, sections, limit
        self.short_tags = short_tags
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[int, int]] = {}
        self.problems = out.problems

    def run(self) -> None:
        get, first = self.loader.get_event, None
        while True:
            event = get()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                self.scalar(event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self.start(event, kind is yaml.MappingStartEvent)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = self.stack.pop()
                self.deliver(frame.value if frame.path is not None else None)
            elif kind is yaml.AliasEvent:
                self.alias(event)
            elif kind is yaml.DocumentStartEvent:
                if first is not None:  # as PyYAML's composer says it
                    raise yaml.composer.ComposerError("expected a single document in the stream",
                                                      first, "but found another document",
                                                      event.start_mark)  # fmt: skip
                first = event.start_mark
            elif kind is yaml.StreamEndEvent:
                return

    def child(self, mark: Any) -> Path | None:
        """Where the next value goes: its path, recorded with its place; None when skipped."""
        if not self.stack:
            path: Path = ()
        else:
            top = self.stack[-1]
            if top.path is None:
                return None
            if type(top.value) is list:
                path = (*top.path, len(top.value))
            elif top.key is _KEY or top.key is _SKIP or top.key is _SKIP_KEY:
                return None  # a key (checked where it is delivered) or a dropped value
            else:
                path = (*top.path, top.key)
                self.out.key_places[path] = top.key_place  # type: ignore[assignment]
        self.out.places[path] = (mark.line, mark.column)
        return path

    def expecting_key(self) -> bool:
        return bool(self.stack) and self.stack[-1].key is _KEY and self.stack[-1].path is not None

    def start(self, event: Any, mapping: bool) -> None:
        if event.anchor is not None:
            self.anchors[event.anchor] = (event.start_mark.line, event.start_mark.column)
        if self.expecting_key():  # a mapping or a list as a key: refused, and its value too
            self.bad_key(event.start_mark)
            self.stack[-1].key = _SKIP_KEY
            self.stack.append(_Frame(None, None))
            return
        path = self.child(event.start_mark)
        tag = event.tag
        if tag is None or tag == "!":
            tag = _MAP if mapping else _SEQ
        if path is not None and tag in self.short_tags:
            path, tag = self.wrap(path, tag, event.start_mark), _MAP if mapping else _SEQ
        if path is not None and len(path) > MAX_DEPTH:
            self.problems.append(Problem(path, f"nested more than {MAX_DEPTH} levels deep"))
            path = None
        elif path is not None and tag != (_MAP if mapping else _SEQ):
            self.bad_tag(path, tag, event.start_mark)
            path = None
        self.stack.append(_Frame({} if mapping else [], path, _KEY if mapping else None))

    def scalar(self, event: Any) -> None:
        mark = event.start_mark
        if event.anchor is not None:
            self.anchors[event.anchor] = (mark.line, mark.column)
        tag = event.tag
        if tag is None or tag == "!":
            tag = _resolved(self.loader, event.value) if event.implicit[0] else _STR
        if self.expecting_key():
            top = self.stack[-1]
            if tag != _STR:
                self.bad_key(mark)
                return
            self.key(top, event.value, (mark.line, mark.column))
            return
        path = self.child(mark)
        if path is None:
            return self.deliver(None)
        if len(path) > MAX_DEPTH:
            self.problems.append(Problem(path, f"nested more than {MAX_DEPTH} levels deep"))
            return self.deliver(None)
        if tag in self.short_tags:  # `!Ref X`: the text as written, whatever it looks like
            self.wrap(path, tag, mark)
            return self.deliver(event.value)
        if tag == _STR:
            return self.deliver(event.value)
        if tag not in _SCALARS:
            self.bad_tag(path, tag, mark)
            return self.deliver(None)
        self.deliver(_scalar(yaml.ScalarNode(tag, event.value, mark), path, self.out))

    def wrap(self, path: Path, tag: str, mark: Any) -> Path:
        """Open `{key: ...}` for a short tag at `path`; its value goes at the returned path."""
        key, place = self.short_tags[tag], (mark.line, mark.column)
        self.stack.append(_Frame({}, path, key, place, wrapper=True))
        inner = (*path, key)
        self.out.places[inner], self.out.key_places[inner] = place, place
        return inner

    def key(self, top: _Frame, key: str, place: tuple[int, int]) -> None:
        if key in top.first:
            message = f"duplicate key {shown(key)} (first on line {top.first[key] + 1}); keep one"
            self.problems.append(Problem(top.path, message, place=place))  # type: ignore[arg-type]
            top.key = _SKIP
            return
        top.first[key] = place[0]
        top.key, top.key_place = key, place

    def bad_key(self, mark: Any) -> None:
        top = self.stack[-1]
        self.problems.append(Problem(top.path, "mapping keys must be plain strings", False,  # type: ignore[arg-type]
                                     (mark.line, mark.column)))  # fmt: skip
        top.key = _SKIP

    def bad_tag(self, path: Path, tag: str, mark: Any) -> None:
        shown_tag = tag.replace(_PREFIX, "!!")
        message = (f"YAML tag {printable(shown_tag)} is not allowed here; write a plain value "
                   "(it was not run)")  # fmt: skip
        self.problems.append(Problem(path, message, place=(mark.line, mark.column)))

    def alias(self, event: Any) -> None:
        if self.expecting_key():
            return self.bad_key(event.start_mark)
        path = self.child(event.start_mark)
        if path is not None:
            line, column = self.anchors.get(event.anchor, (0, 0))
            message = (f"aliases are not allowed: this repeats the anchored value on line "
                       f"{line + 1}, column {column + 1}; write the value out")  # fmt: skip
            self.problems.append(Problem(path, message))
        self.deliver(None)

    def deliver(self, value: Any) -> None:
        """A finished value into its parent (or as the document); each finished item of a
        section goes to `on_item`."""
        if not self.stack:
            self.out.data = value
            return
        top = self.stack[-1]
        if top.path is None:
            return
        if type(top.value) is list:
            top.value.append(value)
            item = (*top.path, len(top.value) - 1)
            if top.path in self.sections and not self.on_item(item, value, self.out):  # type: ignore[misc]
                raise _Stop
        elif top.key is _SKIP_KEY:
            top.key = _SKIP
        elif top.key is _SKIP:
            top.key = _KEY
        else:
            top.value[top.key] = value
            top.key = _KEY
            if top.wrapper:
                self.stack.pop()
                return self.deliver(top.value)
        if len(self.problems) >= self.limit:
            raise _Stop


_TAGS: dict[str, str] = {}
"""Plain scalars' tags by text: keys and values recur on every item (`id`, `inbound`, `tcp`)."""


def _resolved(loader: Any, value: str) -> str:
    """The tag YAML 1.1 gives a plain scalar (`80` int, `true` bool, `x` str), as PyYAML's
    resolver says; remembered for short texts (a bounded table, whatever the file holds)."""
    tag = _TAGS.get(value)
    if tag is None:
        tag = loader.resolve(yaml.ScalarNode, value, (True, False))
        if len(value) <= 40 and len(_TAGS) < 8192:
            _TAGS[value] = tag
    return tag


def _scalar(node: yaml.ScalarNode, path: Path, out: Parsed) -> Any:
    try:
        return _SCALARS[node.tag](node)
    except Exception as err:  # PyYAML raises ValueError, KeyError or TypeError here
        kind = _KINDS[node.tag.removeprefix(_PREFIX)]
        value = node.value if len(node.value) <= 40 else node.value[:37] + "..."
        why = f" ({err})" if isinstance(err, ValueError) and "date" in kind else ""
        message = f"{shown(value)} is not a valid {kind}{why}; write a plain value"
        out.problems.append(Problem(path, message, place=_place(node)))
        return None


def _place(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line, node.start_mark.column


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


def parse(
    text: str,
    on_item: Item | None = None,
    sections: frozenset[Path] = frozenset(),
    limit: int | None = None,
    short_tags: dict[str, str] | None = None,
) -> Parsed:
    """Read YAML text into plain data. A syntax error is then the only problem (nothing after
    it can be read). Each item of a list at a path in `sections` goes to `on_item` as soon as
    it is read; reading stops when it returns False, or when `limit` problems are found.
    `short_tags` are the local tags read as data (`{"!Ref": "Ref"}`)."""
    out = Parsed(None, [])
    most = float("inf") if limit is None else limit
    reader = _Reader(text, out, on_item, sections, most, dict(short_tags or {}))
    try:
        reader.run()
    except _Stop:
        out.stopped = True
    except yaml.YAMLError as err:
        out.data, out.problems[:] = None, [_syntax_problem(err, text)]
        out.stopped = False
    finally:
        reader.loader.dispose()
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
