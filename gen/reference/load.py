"""The one door to the data: `load(path)` for the CLI, the mkdocs hook, tests and benchmarks.

file -> bytes -> UTF-8 text -> YAML nodes and plain data (gen/reference/yamlfile.py) -> model
(model.py) -> references between items (references.py) -> consistency findings
(consistency.py). Every failure is a located problem, and one run reports them all, up to
MAX_ERRORS: past that they are only counted, so a hostile file cannot make the report huge.
A broken item does not stop the others from being checked.
"""

from __future__ import annotations

import difflib
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from gen.reference import consistency, files, references
from gen.reference.model import Istio, Reference
from gen.reference.problems import DataError, Located, Problem, UnreadableFile, show_path
from gen.reference.salvage import salvage
from gen.reference.yamlfile import Parsed, parse

MAX_ERRORS = 200
"""Problems kept and printed; a reader fixes the first ones, and later ones often follow."""


class _Report:
    """The problems kept so far, and how many more were found past the limit."""

    def __init__(self) -> None:
        self.kept: list[Problem] = []
        self.more = 0

    @property
    def full(self) -> bool:
        return len(self.kept) >= MAX_ERRORS

    def add(self, problems: typing.Iterable[Problem]) -> None:
        for problem in problems:
            if self.full:
                self.more += 1
            else:
                self.kept.append(problem)


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The model class that validates the mapping at `loc`, to list its allowed keys."""
    model: Any = Reference
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if isinstance(model, type) else None
        if field is None:
            return None
        model = field.annotation
        while typing.get_origin(model) in (list, typing.Union, type(int | None)):
            model = next(a for a in typing.get_args(model) if a is not type(None))
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _unknown_key(loc: tuple) -> Problem:
    key, model = loc[-1], _model_at(loc[:-1])
    allowed = list(model.model_fields) if model else []
    close = difflib.get_close_matches(str(key), allowed, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return Problem(loc, f"unknown key {key!r}; {hint}allowed keys: {', '.join(allowed)}", True)


def _in_data(data: Any, loc: tuple) -> bool:
    """Whether the file has a value at `loc` (pydantic adds union branch names to a loc)."""
    for part in loc:
        if isinstance(data, list) and isinstance(part, int):
            found = part < len(data)
        else:
            found = isinstance(data, dict) and part in data
        if not found:
            return False
        data = data[part]
    return True


def _pydantic_problem(err: dict[str, Any], data: Any) -> Problem:
    loc = tuple(err["loc"])
    if err["type"] == "extra_forbidden":
        return _unknown_key(loc)
    if err["type"] == "missing":
        return Problem(loc[:-1], f"missing required key {loc[-1]!r}")
    if err["type"] == "model_type":
        model = _model_at(loc)
        keys = ", ".join(model.model_fields) if model else "keys"
        return Problem(loc, f"expected a mapping with {keys}")
    while loc and not _in_data(data, loc):  # union branches add loc parts not in the file
        loc = loc[:-1]
    message = err["msg"].removeprefix("Value error, ")
    value = err.get("input")
    if err["type"] != "value_error" and isinstance(value, str | int | float | bool):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        message += f" (got {shown})"
    return Problem(loc, message)


def _pydantic_problems(errors: list[dict[str, Any]], data: Any) -> list[Problem]:
    """One problem per error, except that a union type's branches make one problem together."""
    seen: dict[tuple, Problem] = {}
    for err in errors:
        problem = _pydantic_problem(err, data)
        branch = len(problem.path) < len(err["loc"]) and err["type"] != "missing"
        key = (problem.path, "union") if branch else (problem.path, problem.at_key, problem.message)
        seen.setdefault(key, problem)
    return list(seen.values())


SECTIONS: dict[tuple[str, ...], type[BaseModel]] = {
    (name,): typing.get_args(field.annotation)[0]
    for name, field in Reference.model_fields.items()
    if typing.get_origin(field.annotation) is list
} | {("istio", name): typing.get_args(f.annotation)[0] for name, f in Istio.model_fields.items()}
"""Each list of items in the file, and the model of its items."""


def _section(data: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        data = data.get(part) if isinstance(data, dict) else None
    return data


def _outline(data: Any) -> tuple[Any, set[tuple]]:
    """The file with every section's items taken out, and which sections had some."""
    if not isinstance(data, dict):
        return data, set()
    outline, emptied = dict(data), set()
    if isinstance(outline.get("istio"), dict):
        outline["istio"] = dict(outline["istio"])
    for path in SECTIONS:
        parent = outline if len(path) == 1 else outline.get(path[0])
        if isinstance(parent, dict) and isinstance(parent.get(path[-1]), list):
            emptied |= {path} if parent[path[-1]] else set()
            parent[path[-1]] = []
    return outline, emptied


def _outline_problems(data: Any) -> list[Problem]:
    """Problems of the file's shape: sections missing, of the wrong type, keys unknown."""
    outline, emptied = _outline(data)
    try:
        Reference.model_validate(outline)
        return []
    except ValidationError as err:
        errors = err.errors(include_url=False)
        real = [e for e in errors if not (e["type"] == "too_short" and tuple(e["loc"]) in emptied)]
        return _pydantic_problems(real, outline)


def _items(cls: type[BaseModel], path: tuple, raw: Any, report: _Report) -> list[Any]:
    """Validate a section's items one by one; an invalid item keeps only its valid fields."""
    result: list[Any] = []
    for i, item in enumerate(raw if isinstance(raw, list) else []):
        try:
            result.append(cls.model_validate(item))
        except ValidationError as err:
            if report.full:  # only counted: converting a million errors costs gigabytes
                report.more += err.error_count()
                result.append(None)
                continue
            errors = [{**e, "loc": (*path, i, *e["loc"])} for e in err.errors(include_url=False)]
            report.add(_pydantic_problems(errors, {path[0]: _section_root(path, raw)}))
            result.append(salvage(cls, item))
    return result


def _section_root(path: tuple, raw: Any) -> Any:
    """Enough of the file around `raw` for `_in_data` to follow a full path into it."""
    return raw if len(path) == 1 else {path[1]: raw}


def _partial(data: Any, report: _Report) -> Reference:
    """The valid parts of an invalid file, so that reference checks still run on them."""
    parts = {
        path: _items(cls, path, _section(data, path), report) for path, cls in SECTIONS.items()
    }
    istio = {path[1]: items for path, items in parts.items() if path[0] == "istio"}
    top = {path[0]: items for path, items in parts.items() if len(path) == 1}
    return Reference.model_construct(**top, istio=Istio.model_construct(**istio))


def validate(data: Any, report: _Report) -> Reference:
    """The model of plain data; every problem found goes to `report`."""
    try:
        ref = Reference.model_validate(data)
    except ValidationError:
        report.add(_outline_problems(data))
        ref = _partial(data, report)
    if report.full:
        return ref  # cross-checks on a file this broken would only add noise
    report.add(references.problems(ref, data))
    if not report.kept:
        report.add(consistency.problems(ref))
    return ref


def locate(file: str, problems: list[Problem], parsed: Parsed) -> list[Located]:
    """Give each problem its line and column (1-based), sorted as they stand in the file."""
    located = set()
    for problem in problems:
        line, column = problem.place or parsed.place(problem.path, problem.at_key)
        path = problem.path[:-1] if problem.at_key else problem.path
        message = f"{show_path(path)}: {problem.message}" if path else problem.message
        if problem.check:
            message = f"[{problem.check}] {message}"
        located.add(Located(file, line + 1, column + 1, message))
    return sorted(located, key=lambda p: (p.line, p.column, p.message))


def load_text(text: str, file: str) -> Reference:
    """Parse and validate YAML text; raise DataError listing every problem (up to the limit)."""
    parsed = parse(text)
    report = _Report()
    report.add(parsed.problems)
    if parsed.data is None and parsed.problems:
        raise DataError(locate(file, report.kept, parsed))
    said = {p.path for p in parsed.problems}  # a bad YAML value would be reported twice
    checked = _Report()
    ref = validate(parsed.data, checked)
    report.add(p for p in checked.kept if p.path not in said)
    report.more += checked.more
    if report.kept:
        raise DataError(locate(file, report.kept, parsed), report.more)
    return ref


def _decode(raw: bytes, file: str) -> str:
    """UTF-8 text; newlines are kept as written so that `fmt --check` sees CRLF too."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        message = f"the file is not UTF-8 (byte {raw[err.start]:#04x}); save it as UTF-8"
        raise DataError([Located(file, line, column, message)]) from None


def read_text(path: Path) -> str:
    """The data file's text, or a DataError that says why it cannot be read (gen/reference/
    files.py: a FIFO, a device or a file over 4 MiB is refused before it is read)."""
    try:
        raw = files.read_bytes(path)
    except OSError as err:
        why = err.strerror or str(err)
        raise UnreadableFile([Located(str(path), 0, 0, f"cannot read the file: {why}")]) from None
    return _decode(raw, str(path))


def load(path: Path) -> Reference:
    """Read, parse, validate and cross-check a reference file."""
    return load_text(read_text(path), str(path))
