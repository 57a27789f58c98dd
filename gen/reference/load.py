"""The one door to the data: `load(path)` for the CLI, the mkdocs hook, tests and benchmarks.

file -> bytes -> UTF-8 text -> plain data (gen/reference/yamlfile.py), each item of a section
checked against the model (model.py) as soon as it is read -> the whole model -> references
between items (references.py) -> consistency findings (consistency.py). Every failure is a
located problem, and one run reports them all, up to MAX_ERRORS: there reading stops, so a
hostile file costs neither time nor memory. A broken item does not stop the others from being
checked.
"""

from __future__ import annotations

import difflib
import typing
from pathlib import Path
from typing import Any

from gen.reference import consistency, files, references
from gen.reference.model import PEER_PARAMETERS, Istio, Reference, peer_parameters
from gen.reference.problems import DataError, Located, Problem, UnreadableFile, show_path
from gen.reference.typed import Error, Model, items_model, model_at
from gen.reference.yamlfile import Parsed, parse

MAX_ERRORS = 200
"""Problems kept and printed; a reader fixes the first ones, and later ones often follow.
Reading stops there: a file of a million errors is read only as far as the first 200."""


class _Report:
    """The problems kept so far; `full` once MAX_ERRORS are."""

    def __init__(self) -> None:
        self.kept: list[Problem] = []

    @property
    def full(self) -> bool:
        return len(self.kept) >= MAX_ERRORS

    def add(self, problems: typing.Iterable[Problem]) -> None:
        for problem in problems:
            if self.full:
                return
            self.kept.append(problem)


def _unknown_key(loc: tuple) -> Problem:
    key, model = loc[-1], model_at(Reference, loc[:-1])
    allowed = list(model.model_fields) if model else []
    close = difflib.get_close_matches(str(key), allowed, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return Problem(loc, f"unknown key {key!r}; {hint}allowed keys: {', '.join(allowed)}", True)


def _problem(error: Error) -> Problem:
    """A validation error in the words of the file: keys, mappings, values as written."""
    loc = error.loc
    if error.kind == "extra":
        return _unknown_key(loc)
    if error.kind == "missing":
        return Problem(loc[:-1], f"missing required key {loc[-1]!r}")
    if error.kind == "mapping":
        model = model_at(Reference, loc)
        keys = ", ".join(model.model_fields) if model else "keys"
        return Problem(loc, f"expected a mapping with {keys}")
    message, value = error.message, error.input
    if error.kind != "value" and isinstance(value, str | int | float | bool):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        message += f" (got {shown})"
    return Problem(loc, message)


SECTIONS: dict[tuple[str, ...], type[Model]] = {
    (name,): model for name, spec in Reference.model_fields.items()
    if (model := items_model(spec.annotation))
} | {
    ("istio", name): model for name, spec in Istio.model_fields.items()
    if (model := items_model(spec.annotation))
}  # fmt: skip
"""Each list of items in the file, and the model of its items."""


RULES, PARAMETERS = ("rules",), ("parameters",)


class _Items:
    """Each item of a section, checked as the reader finds it; reading stops at the limit.
    A rule is checked knowing the parameters its peer may name: the file lists them first
    (`eks-sg fmt` writes it so). A rule read before any parameter is checked at once (its
    problems count towards the limit) and, if it names a parameter read later, parsed again
    at the end with every parameter known."""

    def __init__(self) -> None:
        self.report = _Report()
        self.made: dict[tuple, dict[int, Any]] = {path: {} for path in SECTIONS}
        self.early: dict[tuple, Any] = {}  # rules read before the parameters, as written
        self.valid = True
        self._context: tuple[int, dict[str, Any]] = (0, {PEER_PARAMETERS: {}})

    def __call__(self, loc: tuple, value: Any, parsed: Parsed) -> bool:
        if loc[:-1] == RULES and not self.made[PARAMETERS]:
            self.early[loc] = value
        self.check(loc, value)
        return len(self.report.kept) + len(parsed.problems) < MAX_ERRORS

    def check(self, loc: tuple, value: Any) -> None:
        errors: list[Error] = []
        made = SECTIONS[loc[:-1]].validate(value, loc, errors, context=self.context())
        self.made[loc[:-1]][loc[-1]] = made
        if errors:
            self.valid = False
            self.report.add(_problem(e) for e in errors)

    def context(self) -> dict[str, Any]:
        """The parameters read so far, as a rule's validation context (made again only when
        another parameter was read)."""
        parameters = self.made[PARAMETERS]
        if self._context[0] != len(parameters):
            kinds = peer_parameters(list(parameters.values()))
            self._context = (len(parameters), {PEER_PARAMETERS: kinds})
        return self._context[1]

    def finish(self) -> None:
        """The rules read before the parameters that name one of them: parsed again, now
        that every parameter is known (their problems were counted the first time)."""
        kinds = self.context()[PEER_PARAMETERS]
        for loc, value in self.early.items():
            peer = value.get("peer") if isinstance(value, dict) else None
            if isinstance(peer, str) and peer in kinds:
                again = SECTIONS[RULES].validate(value, loc, [], context=self.context())
                self.made[RULES][loc[-1]] = again
        self.early.clear()

    def section(self, data: Any, path: tuple[str, ...]) -> list[Any] | None:
        """The section's items as made, or None where the file has no list of them."""
        for part in path:
            data = data.get(part) if isinstance(data, dict) else None
        if not isinstance(data, list) or not data:
            return None  # checked with the rest of the file: a missing or empty list
        return [self.made[path].get(i) for i in range(len(data))]


def _outline(data: Any, items: _Items, errors: list[Error]) -> Reference | None:
    """The whole reference, its sections' items already checked; None if it is not valid."""
    given = {path: found for path in SECTIONS if (found := items.section(data, path))}
    istio_data = data.get("istio") if isinstance(data, dict) else None
    top = {path[0]: v for path, v in given.items() if len(path) == 1}
    if isinstance(istio_data, dict):
        inner = {path[1]: v for path, v in given.items() if path[0] == "istio"}
        top["istio"] = Istio.validate(istio_data, ("istio",), errors, inner, items.valid)
    ref = Reference.validate(data, (), errors, top, items.valid)
    return ref if items.valid and not errors else None


def _partial(data: Any, items: _Items) -> Reference:
    """The valid parts of an invalid file, so that reference checks still run on them."""
    parts = {path: items.section(data, path) or [] for path in SECTIONS}
    istio = {path[1]: found for path, found in parts.items() if path[0] == "istio"}
    top = {path[0]: found for path, found in parts.items() if len(path) == 1}
    return Reference.model_construct(**top, istio=Istio.model_construct(**istio))


def validate(data: Any, items: _Items, report: _Report) -> Reference:
    """The model of plain data, its items checked already; every problem goes to `report`."""
    errors: list[Error] = []
    ref = _outline(data, items, errors)
    report.add(_problem(e) for e in errors)
    report.add(items.report.kept)
    if ref is None:
        ref = _partial(data, items)
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
    """Parse and validate YAML text; raise DataError listing every problem (up to the limit,
    where reading stops)."""
    items = _Items()
    parsed = parse(text, items, frozenset(SECTIONS), MAX_ERRORS)
    if parsed.data is None and parsed.problems:
        raise DataError(locate(file, parsed.problems, parsed))
    said = {p.path for p in parsed.problems}  # a bad YAML value would be reported twice
    report = _Report()
    report.add(parsed.problems)
    if parsed.stopped:
        report.add(p for p in items.report.kept if p.path not in said)
        raise DataError(locate(file, report.kept, parsed), stopped=True)
    items.finish()
    checked = _Report()
    ref = validate(parsed.data, items, checked)
    report.add(p for p in checked.kept if p.path not in said)
    if report.kept:
        raise DataError(locate(file, report.kept, parsed), stopped=report.full)
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
