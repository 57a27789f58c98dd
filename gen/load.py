"""Load data/reference.yaml into a validated Reference, or fail once with every error located.

Steps: YAML -> plain data with marks (gen/yamlfile.py) -> pydantic model (gen/model.py) ->
references and uniqueness (gen/integrity.py) -> consistency (gen/checks.py). A broken item does
not stop the others from being checked, so one run reports everything it can.
"""

from __future__ import annotations

import difflib
import functools
import typing
from pathlib import Path as FsPath
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from gen import checks, integrity
from gen.memory import collector_paused
from gen.model import Istio, Reference
from gen.problems import INVALID, DataError, Located, Problem, show_path
from gen.yamlfile import Marks, Unusual, parse, quick


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


def _pydantic_problem(err: dict[str, Any], marks: Marks) -> Problem:
    loc = tuple(err["loc"])
    if err["type"] == "extra_forbidden":
        return _unknown_key(loc)
    if err["type"] == "missing":
        return Problem(loc[:-1], f"missing required key {loc[-1]!r}")
    if err["type"] == "model_type":
        model = _model_at(loc)
        keys = ", ".join(model.model_fields) if model else "keys"
        return Problem(loc, f"expected a mapping with {keys}")
    while loc and loc not in marks.values:  # union branches add loc parts not in the file
        loc = loc[:-1]
    message = err["msg"].removeprefix("Value error, ")
    value = err.get("input")
    if err["type"] != "value_error" and isinstance(value, str | int | float | bool):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        message += f" (got {shown})"
    return Problem(loc, message)


def _pydantic_problems(errors: list[dict[str, Any]], marks: Marks) -> list[Problem]:
    """One problem per error, except that a union type's branches make one problem together."""
    seen: dict[tuple, Problem] = {}
    for err in errors:
        problem = _pydantic_problem(err, marks)
        branch = len(problem.path) < len(err["loc"]) and err["type"] not in ("missing",)
        key = (problem.path, "union") if branch else (problem.path, problem.at_key, problem.message)
        seen.setdefault(key, problem)
    return list(seen.values())


@functools.cache
def _field_adapter(cls: type[BaseModel], name: str) -> TypeAdapter:
    field = cls.model_fields[name]
    return TypeAdapter(Annotated[field.annotation, field])


def _salvage(cls: type[BaseModel], item: Any) -> BaseModel | None:
    """An invalid item with its valid fields kept and its invalid ones set to None.

    Reference checks then still run on what is valid: a rule with a bad CIDR can also be told
    that its source is unknown. Checks skip INVALID fields: their errors are reported already.
    """
    if not isinstance(item, dict):
        return None
    values: dict[str, Any] = {}
    for name, field in cls.model_fields.items():
        if name in item:
            try:
                values[name] = _field_adapter(cls, name).validate_python(item[name], strict=True)
            except ValidationError:
                values[name] = INVALID
        elif field.is_required():
            values[name] = INVALID
    return cls.model_construct(**values)


def _valid_items(cls: type[BaseModel], raw: Any) -> list[Any]:
    """Validate list items one by one; an invalid item keeps only its valid fields."""
    result: list[Any] = []
    for item in raw if isinstance(raw, list) else []:
        try:
            result.append(cls.model_validate(item))
        except ValidationError:
            result.append(_salvage(cls, item))
    return result


def _partial(data: Any) -> Reference:
    """The valid parts of an invalid file, so that reference checks still run on them."""
    data = data if isinstance(data, dict) else {}
    fields = {}
    for name, field in Reference.model_fields.items():
        if name != "istio":
            fields[name] = _valid_items(typing.get_args(field.annotation)[0], data.get(name))
    istio = data.get("istio") if isinstance(data.get("istio"), dict) else {}
    parts = {
        name: _valid_items(typing.get_args(f.annotation)[0], istio.get(name))
        for name, f in Istio.model_fields.items()
    }
    return Reference.model_construct(**fields, istio=Istio.model_construct(**parts))


def validate(data: Any, marks: Marks) -> tuple[Reference, list[Problem]]:
    """Validate plain data; return the (possibly partial) model and every problem found."""
    try:
        ref = Reference.model_validate(data)
        problems: list[Problem] = []
    except ValidationError as err:
        problems = _pydantic_problems(err.errors(include_url=False), marks)
        ref = _partial(data)
    problems += integrity.problems(ref, data)
    if not problems:
        problems = checks.problems(ref)
    return ref, problems


def locate(file: str, problems: list[Problem], marks: Marks) -> list[Located]:
    """Give each problem its line and column (1-based), sorted as they stand in the file."""
    located = set()
    for problem in problems:
        line, column = problem.place or marks.find(problem.path, problem.at_key)
        path = problem.path[:-1] if problem.at_key else problem.path
        message = f"{show_path(path)}: {problem.message}" if path else problem.message
        located.add(Located(file, line + 1, column + 1, message))
    return sorted(located, key=lambda p: (p.line, p.column, p.message))


@collector_paused()
def load_text(text: str, file: str) -> Reference:
    """Parse and validate YAML text; raise DataError listing every problem.

    A valid file is read once, quickly, without line marks; only a file with problems is read
    again, carefully, to say where each one is.
    """
    try:
        ref, problems = validate(quick(text), Marks())
        if not problems:
            return ref
    except Unusual:
        pass
    return _load_carefully(text, file)


def _load_carefully(text: str, file: str) -> Reference:
    parsed = parse(text)
    if parsed.problems and parsed.data is None:
        raise DataError(locate(file, parsed.problems, parsed.marks))
    ref, problems = validate(parsed.data, parsed.marks)
    bad_yaml = {p.path for p in parsed.problems}  # already said; the type error would repeat it
    problems = parsed.problems + [p for p in problems if p.path not in bad_yaml]
    if problems:
        raise DataError(locate(file, problems, parsed.marks))
    return ref


def load(path: FsPath) -> Reference:
    """Load and validate a reference file."""
    return load_text(path.read_text(encoding="utf-8"), str(path))
