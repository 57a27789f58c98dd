"""Typed values from plain data: the small validation library the model is declared with.

A model is a class of annotated fields, each with a docstring (gen/reference/model.py). The
annotations say everything: the type (`str`, `int`, `bool`, `datetime.date`, `Literal`,
`list`, `dict`, unions with None, other models), the constraints (`Field`: pattern, lengths,
bounds) and the checks (`After`, `Before`: functions that raise ValueError with a message for
the file's author). Each field's check is compiled once, when the class is made, into one
function; validating an item runs those functions and nothing else, so starting `eks-sg` costs
little and a file of 10,000 rules is checked quickly.

Validation is strict, as the data file needs: no value is coerced (`"80"` is not a port, 1 is
not true). Every problem is collected, with its place in the data (`("rules", 3, "ports")`),
in the words pydantic used for the same problem (the tests and users know those), and a model
that fails keeps its valid fields for the cross-checks (`validate(..., salvage=True)`).

The JSON Schema of a model (data/schema.json, for editors) is made from the same annotations,
with the attribute docstrings read from the source only then (`json_schema`).
"""

from __future__ import annotations

import datetime
import re
import sys
import types
import typing
from collections.abc import Callable
from typing import Any, ClassVar, Literal, NamedTuple

from gen.reference.problems import INVALID

REQUIRED: Any = type("Required", (), {"__repr__": lambda self: "REQUIRED"})()
_BAD: Any = type("Bad", (), {"__repr__": lambda self: "BAD"})()
"""What a field check returns for a value it refused (its error is in the list)."""

Loc = tuple[str | int, ...]
Check = Callable[[Any, Loc, list], Any]


class Field(NamedTuple):
    """A field's default and constraints (in `Annotated[...]` or as the field's default)."""

    default: Any = REQUIRED
    default_factory: Callable[[], Any] | None = None
    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    ge: int | None = None
    le: int | None = None


class After(NamedTuple):
    """A check run on the value once its type and constraints hold; raises ValueError."""

    check: Callable[[Any], Any]


class Before(NamedTuple):
    """A check run on the raw value, before its type is checked; raises ValueError."""

    check: Callable[[Any], Any]


class Error(NamedTuple):
    """One problem: where (`loc`), which kind, the message, and the value found.

    Kinds: `missing` (a required key), `extra` (an unknown key), `mapping` (a model's value is
    not a mapping), `value` (a check's own message), `type` (the type or a constraint)."""

    loc: Loc
    kind: str
    message: str
    input: Any = None


class ValidationError(ValueError):
    """The errors of one validation, in the order found."""

    def __init__(self, errors: list[Error]) -> None:
        super().__init__("; ".join(f"{'.'.join(map(str, e.loc))}: {e.message}" for e in errors))
        self.errors = errors


def check_field(name: str) -> Callable:
    """Mark a model's function `(value, fields so far) -> value` as a check of field `name`,
    run after the field's own checks (the fields before it in the class are in the dict)."""

    def mark(function: Callable) -> Callable:
        function.__checks_field__ = name  # type: ignore[attr-defined]
        return function

    return mark


def check_model(function: Callable) -> Callable:
    """Mark a model's method as a check of the whole value, run once every field is valid;
    it raises ValueError (placed at the model's value) or returns None. A check that takes a
    second argument gets the validation context (`validate(..., context=)`)."""
    function.__checks_model__ = True  # type: ignore[attr-defined]
    return function


class Spec(NamedTuple):
    """A field of a model: its resolved annotation, default and compiled check."""

    name: str
    annotation: Any
    default: Any
    default_factory: Callable[[], Any] | None
    check: Check

    def is_required(self) -> bool:
        return self.default is REQUIRED and self.default_factory is None

    def make_default(self) -> Any:
        return self.default_factory() if self.default_factory else self.default


# -- compiling a field's check -------------------------------------------------------------


def _choices(values: tuple) -> str:
    shown = [repr(v) for v in values]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"


def _s(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _fail(errors: list, loc: Loc, message: str, value: Any, kind: str = "type") -> Any:
    errors.append(Error(loc, kind, message, value))
    return _BAD


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _scalar(kind: type) -> Check:
    if kind is str:
        return lambda v, loc, e: v if isinstance(v, str) else _fail(e, loc, "Input should be a valid string", v)  # noqa: E501  # fmt: skip
    if kind is int:
        return lambda v, loc, e: v if _is_int(v) else _fail(e, loc, "Input should be a valid integer", v)  # noqa: E501  # fmt: skip
    if kind is bool:
        return lambda v, loc, e: v if v is True or v is False else _fail(e, loc, "Input should be a valid boolean", v)  # noqa: E501  # fmt: skip
    if kind is datetime.date:
        return _date
    raise TypeError(f"no check for {kind!r}")


_lax = False
"""Set while validating with strict=False: a date may then be ISO text (reference.json)."""

_context: dict[str, Any] = {}
"""What a value is validated with beyond its own data (a rule: the peer kinds of the
parameters it may name), given to `validate`/`model_validate` or by an enclosing model's
`field_context`; read only by the model checks that take a `context` argument."""


def _date(value: Any, loc: Loc, errors: list) -> Any:
    if type(value) is datetime.date:
        return value
    if _lax and isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    return _fail(errors, loc, "Input should be a valid date", value)


def _literal(choices: tuple) -> Check:
    allowed, message = frozenset(choices), f"Input should be {_choices(choices)}"

    def check(value: Any, loc: Loc, errors: list) -> Any:
        if isinstance(value, str) and value in allowed:
            return value
        return _fail(errors, loc, message, value)

    return check


def _list(item: Check) -> Check:
    def check(value: Any, loc: Loc, errors: list) -> Any:
        if type(value) is not list:
            return _fail(errors, loc, "Input should be a valid list", value)
        result, bad = [], False
        for i, each in enumerate(value):
            checked = item(each, (*loc, i), errors)
            bad = bad or checked is _BAD
            result.append(checked)
        return _BAD if bad else result

    return check


def _dict(key: Check, item: Check) -> Check:
    def check(value: Any, loc: Loc, errors: list) -> Any:
        if not isinstance(value, dict):
            return _fail(errors, loc, "Input should be a valid dictionary", value)
        result, bad = {}, False
        for k, v in value.items():
            checked_key, checked = key(k, (*loc, k), errors), item(v, (*loc, k), errors)
            bad = bad or _BAD in (checked_key, checked)
            result[checked_key] = checked
        return _BAD if bad else result

    return check


def _optional(inner: Check) -> Check:
    return lambda v, loc, e: None if v is None else inner(v, loc, e)


def _union(branches: list[Check]) -> Check:
    """The first branch the value fits; else the first branch's error (one, not one each)."""

    def check(value: Any, loc: Loc, errors: list) -> Any:
        first: list = []
        for branch in branches:
            tried: list = []
            checked = branch(value, loc, tried)
            if checked is not _BAD:
                return checked
            first = first or tried
        errors.append(first[0])
        return _BAD

    return check


_WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
"""Unicode's White_Space, what `\\s` means to the schema's readers (Python's `\\s` also
takes the separators \\x1c-\\x1f, which are control characters to be refused as such)."""


def _pattern(pattern: str) -> Callable[[str], str | None]:
    # `$` ends the text, as in the JSON Schema's regular expressions (Python's also matches
    # before a final line break); `\s` stands inside a character class in the model's patterns
    python = pattern.replace("\\s", _WHITE_SPACE)
    compiled = re.compile(python[:-1] + r"\Z" if python.endswith("$") else python)
    message = f"String should match pattern '{pattern}'"
    return lambda v: None if compiled.search(v) else message


def _constraints(base: Any, field: Field) -> list[Callable[[Any], str | None]]:
    """The constraint checks of `field` on a value of type `base`, each None or a message."""
    found: list[Callable[[Any], str | None]] = []
    many = typing.get_origin(base) in (list, dict)
    what, unit = ("List", "item") if many else ("String", "character")
    low, high = field.min_length, field.max_length
    if low is not None:
        tail = " after validation, not {n}" if many else ""  # {n}: filled in below
        text = f"{what} should have at least {_s(low, unit)}" + tail
        found.append(lambda v: text.format(n=len(v)) if len(v) < low else None)
    if high is not None:
        text = f"{what} should have at most {_s(high, unit)}"
        found.append(lambda v: text if len(v) > high else None)
    if field.pattern is not None:
        found.append(_pattern(field.pattern))
    if field.ge is not None:
        ge = field.ge
        found.append(lambda v: f"Input should be greater than or equal to {ge}" if v < ge else None)
    if field.le is not None:
        le = field.le
        found.append(lambda v: f"Input should be less than or equal to {le}" if v > le else None)
    return found


def _with_checks(core: Check, befores: list, constraints: list, afters: list) -> Check:
    if not (befores or constraints or afters):
        return core

    def check(value: Any, loc: Loc, errors: list) -> Any:
        try:
            for before in befores:
                value = before(value)
        except ValueError as err:
            return _fail(errors, loc, str(err), value, "value")
        value = core(value, loc, errors)
        if value is _BAD:
            return _BAD
        for constraint in constraints:
            message = constraint(value)
            if message is not None:
                return _fail(errors, loc, message, value)
        try:
            for after in afters:
                value = after(value)
        except ValueError as err:
            return _fail(errors, loc, str(err), value, "value")
        return value

    return check


def _split(annotation: Any) -> tuple[Any, list]:
    """An annotation without its `Annotated` layers, and their metadata (outer last)."""
    meta: list = []
    while typing.get_origin(annotation) is typing.Annotated:
        annotation, *extra = typing.get_args(annotation)
        meta = extra + meta
    return annotation, meta


def _union_args(annotation: Any) -> tuple | None:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return typing.get_args(annotation)
    return None


def compile_check(annotation: Any) -> Check:
    """One function checking a value of `annotation` (and its constraints and checks)."""
    base, meta = _split(annotation)
    fields = [m for m in meta if isinstance(m, Field)]
    constraints = [c for f in fields for c in _constraints(base, f)]
    befores = [m.check for m in meta if isinstance(m, Before)]
    afters = [m.check for m in meta if isinstance(m, After)]
    return _with_checks(_core(base), befores, constraints, afters)


def _core(base: Any) -> Check:
    args = _union_args(base)
    if args is not None:
        branches = [a for a in args if a is not type(None)]
        core = compile_check(branches[0]) if len(branches) == 1 else _union(
            [compile_check(b) for b in branches]
        )  # fmt: skip
        return _optional(core) if len(branches) < len(args) else core
    origin = typing.get_origin(base)
    if origin is Literal:
        return _literal(typing.get_args(base))
    if origin is list:
        return _list(compile_check(typing.get_args(base)[0]))
    if origin is dict:
        key, value = typing.get_args(base)
        return _dict(compile_check(key), compile_check(value))
    if isinstance(base, type) and issubclass(base, Model):
        return base._check
    return _scalar(base)


def _field_annotation(annotation: Any, field: Field | None) -> Any:
    """The annotation with a field default's constraints on its non-None part."""
    if field is None or not any(
        v is not None for v in (field.pattern, field.min_length, field.max_length, field.ge,
                                field.le)
    ):  # fmt: skip
        return annotation
    constraint = Field(pattern=field.pattern, min_length=field.min_length,
                       max_length=field.max_length, ge=field.ge, le=field.le)  # fmt: skip
    args = _union_args(annotation)
    if args is not None and type(None) in args:
        inner = [a for a in args if a is not type(None)]
        return typing.Annotated[typing.Union[tuple(inner)], constraint] | None  # noqa: UP007
    return typing.Annotated[annotation, constraint]


# -- models ---------------------------------------------------------------------------------


class Model:
    """A frozen value of declared fields, made by validating plain data (`model_validate`)."""

    model_fields: ClassVar[dict[str, Spec]] = {}
    _field_checks: ClassVar[dict[str, list[Callable]]] = {}
    _model_checks: ClassVar[list[Callable]] = []
    _wants_context: ClassVar[set[Callable]] = set()
    _gives_context: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        module = sys.modules[cls.__module__].__dict__
        specs: dict[str, Spec] = {}
        for name, written in cls.__dict__.get("__annotations__", {}).items():  # noqa: RUF063 (inspect costs start-up time)
            hint = eval(written, module) if isinstance(written, str) else written  # noqa: S307 (the class's own source)
            if name.startswith("_") or typing.get_origin(hint) is ClassVar:
                continue
            given = cls.__dict__.get(name, REQUIRED)
            field = given if isinstance(given, Field) else None
            default = field.default if field else given
            annotation = _field_annotation(hint, field)
            specs[name] = Spec(name, annotation, default, field.default_factory if field else None,
                               compile_check(annotation))  # fmt: skip
            if name in cls.__dict__:
                delattr(cls, name)  # read from the instance, never the class
        cls.model_fields = {**cls.model_fields, **specs}
        members = [m for k in reversed(cls.__mro__) for m in vars(k).values()]
        cls._field_checks = {}
        for member in members:  # a static method marked before or after @staticmethod
            function = getattr(member, "__func__", member)
            target = getattr(member, "__checks_field__", None) or getattr(
                function, "__checks_field__", None
            )
            if target:
                cls._field_checks.setdefault(target, []).append(function)
        cls._model_checks = [m for m in members if getattr(m, "__checks_model__", False)]
        cls._wants_context = {m for m in cls._model_checks if m.__code__.co_argcount == 2}
        cls._gives_context = cls.field_context.__func__ is not Model.field_context.__func__  # type: ignore[attr-defined]

    def __init__(self, **data: Any) -> None:
        errors: list[Error] = []
        made = type(self)._check(data, (), errors)
        if errors:
            raise ValidationError(errors)
        object.__setattr__(self, "__dict__", made.__dict__)

    @classmethod
    def _check(cls, data: Any, loc: Loc, errors: list) -> Any:
        made, ok = cls._validate(data, loc, errors, salvage=False)
        return made if ok else _BAD

    @classmethod
    def _validate(
        cls, data: Any, loc: Loc, errors: list, salvage: bool, given: dict | None = None,
        given_valid: bool = True,
    ) -> tuple[Any, bool]:  # fmt: skip
        """The model of `data` and whether it is valid; with `salvage`, an invalid one keeps
        its valid fields (INVALID for the others; None when `data` is not a mapping).
        `given` holds fields checked already (a section's items, one by one), all valid or
        not (`given_valid`)."""
        if not isinstance(data, dict):
            name = cls.__name__
            errors.append(Error(loc, "mapping", f"Input should be a valid dictionary or instance of {name}", data))  # noqa: E501  # fmt: skip
            return None, False
        before = len(errors)
        values: dict[str, Any] = {}
        for name, spec in cls.model_fields.items():
            if given is not None and name in given:
                values[name] = given[name]
            elif name in data:
                context = cls.field_context(name, values) if cls._gives_context else None
                value = _with_context(context, spec.check, data[name], (*loc, name), errors)
                checks = cls._field_checks.get(name)
                if checks and value is not _BAD:
                    value = _field_checked(checks, value, values, (*loc, name), errors)
                values[name] = value
            elif spec.default is REQUIRED and spec.default_factory is None:
                errors.append(Error((*loc, name), "missing", "Field required"))
                values[name] = _BAD
            else:
                values[name] = spec.default_factory() if spec.default_factory else spec.default
        for key in data:
            if key not in cls.model_fields:
                errors.append(Error((*loc, key), "extra", "Extra inputs are not permitted", data[key]))  # noqa: E501  # fmt: skip
        if len(errors) > before or not given_valid:
            if not salvage:
                return None, False
            return cls.model_construct(**{k: INVALID if v is _BAD else v for k, v in values.items()}), False  # noqa: E501  # fmt: skip
        made = cls.__new__(cls)
        made.__dict__.update(values)
        try:
            for check in cls._model_checks:
                check(made, _context) if check in cls._wants_context else check(made)
        except ValueError as err:
            errors.append(Error(loc, "value", str(err), data))
            return (made if salvage else None), False
        return made, True

    @classmethod
    def field_context(cls, name: str, values: dict[str, Any]) -> dict[str, Any] | None:
        """The context field `name` is validated with, from the fields before it (`values`);
        None: the current one. A Reference gives its rules its parameters' peer kinds."""
        return None

    @classmethod
    def model_validate(
        cls, data: Any, strict: bool = True, context: dict[str, Any] | None = None
    ) -> Any:
        """The model of plain data, or ValidationError listing every problem."""
        global _lax
        errors: list[Error] = []
        _lax = not strict
        try:
            made = _with_context(context, cls._check, data, (), errors)
        finally:
            _lax = False
        if errors:
            raise ValidationError(errors)
        return made

    @classmethod
    def validate(
        cls, data: Any, loc: Loc, errors: list, given: dict | None = None,
        given_valid: bool = True, context: dict[str, Any] | None = None,
    ) -> Any:  # fmt: skip
        """The model, or an invalid one that keeps its valid fields (`errors` say why); None
        when `data` is not a mapping. `context`: what its checks may ask beyond its data."""
        return _with_context(context, cls._validate, data, loc, errors, True, given,
                             given_valid)[0]  # fmt: skip

    @classmethod
    def model_construct(cls, **values: Any) -> Any:
        """A model of these values, unchecked; fields not given take their defaults."""
        made = cls.__new__(cls)
        for name, spec in cls.model_fields.items():
            if name not in values and not spec.is_required():
                values[name] = spec.make_default()
        made.__dict__.update(values)
        return made

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Any:
        """A copy with some fields replaced, unchecked (derived values are the class's job)."""
        fields = {name: self.__dict__[name] for name in self.model_fields if name in self.__dict__}
        return type(self).model_construct(**{**fields, **(update or {})})

    def model_dump(self, mode: str = "python", exclude_defaults: bool = False) -> dict[str, Any]:
        """The fields as plain data (`mode="json"`: dates as ISO text), in declared order."""
        found = {}
        for name, spec in self.model_fields.items():
            value = self.__dict__[name]
            if exclude_defaults and not spec.is_required() and value == spec.make_default():
                continue
            found[name] = _dump(value, mode, exclude_defaults)
        return found

    def value_key(self) -> tuple:
        """The model's value as a hashable tuple (lists as tuples), equal for equal values:
        what a value-keyed memo keys it by. Made once: the model is frozen."""
        key = self.__dict__.get("_value_key")
        if key is None:
            key = (type(self).__name__, *(_frozen(self.__dict__.get(n)) for n in self.model_fields))
            self.__dict__["_value_key"] = key
        return key

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen; use model_copy(update=...)")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(self.__dict__.get(n) == other.__dict__.get(n) for n in self.model_fields)

    def __hash__(self) -> int:
        return hash(tuple(self.__dict__.get(n) for n in self.model_fields))

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={self.__dict__.get(n)!r}" for n in self.model_fields)
        return f"{type(self).__name__}({shown})"

    @classmethod
    def model_json_schema(cls) -> dict[str, Any]:
        return json_schema(cls)


def _inner_model(annotation: Any) -> type[Model] | None:
    """The model a field holds, through Optional, lists and dicts; None for plain values."""
    base, _ = _split(annotation)
    args = _union_args(base)
    if args is not None:
        found = [m for a in args if (m := _inner_model(a))]
        return found[0] if found else None
    if typing.get_origin(base) in (list, dict):
        return _inner_model(typing.get_args(base)[-1])
    return base if isinstance(base, type) and issubclass(base, Model) else None


def items_model(annotation: Any) -> type[Model] | None:
    """The model of a list field's items (`list[Rule]` -> Rule); None for other fields."""
    base, _ = _split(annotation)
    return _inner_model(base) if typing.get_origin(base) is list else None


def model_at(root: type[Model], loc: Loc) -> type[Model] | None:
    """The model whose mapping stands at `loc` in data of `root` (to list its keys)."""
    model: type[Model] | None = root
    for part in loc:
        if isinstance(part, int):
            continue
        spec = model.model_fields.get(part) if model else None  # type: ignore[arg-type]
        if spec is None:
            return None
        model = _inner_model(spec.annotation)
    return model


def _with_context(context: dict[str, Any] | None, check: Callable, *args: Any) -> Any:
    """`check(*args)` with `context` as the validation context (None: the current one)."""
    global _context
    if context is None:
        return check(*args)
    before, _context = _context, context
    try:
        return check(*args)
    finally:
        _context = before


def _field_checked(checks: list, value: Any, values: dict, loc: Loc, errors: list) -> Any:
    valid = {k: v for k, v in values.items() if v is not _BAD}
    try:
        for check in checks:
            value = check(value, valid)
    except ValueError as err:
        return _fail(errors, loc, str(err), value, "value")
    return value


def _frozen(value: Any) -> Any:
    if isinstance(value, Model):
        return value.value_key()
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _frozen(v)) for k, v in value.items())
    return value


def _dump(value: Any, mode: str, exclude_defaults: bool) -> Any:
    if isinstance(value, Model):
        return value.model_dump(mode, exclude_defaults)
    if isinstance(value, list):
        return [_dump(v, mode, exclude_defaults) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v, mode, exclude_defaults) for k, v in value.items()}
    if mode == "json" and isinstance(value, datetime.date):
        return value.isoformat()
    return value


# -- the JSON Schema -------------------------------------------------------------------------


class _Defs(dict):
    """The schemas of the models reached, by name; and each module's source lines, read once
    (for the attribute docstrings)."""

    def __init__(self) -> None:
        super().__init__()
        self.sources: dict[str, list[str]] = {}

    def lines(self, module: str) -> list[str]:
        if module not in self.sources:
            import inspect

            self.sources[module] = inspect.getsource(sys.modules[module]).splitlines()
        return self.sources[module]


_FIELD_LINE = re.compile(r"    ([a-z_][a-z0-9_]*)\s*:")
_BLOCK_LINE = re.compile(r"    (def |async |class |@|if |for |while |with |return )")


def _docstrings(cls: type, lines: list[str]) -> dict[str, str]:
    """Each field's docstring: the string literal just under its annotation in the class's
    source (`name: type` at the class body's indent, then `\"\"\"...\"\"\"`). The source is read
    line by line, not parsed: it is this project's own model, written that way."""
    import ast

    start = next(i for i, line in enumerate(lines) if line.startswith(f"class {cls.__name__}("))
    found: dict[str, str] = {}
    pending, i = None, start + 1
    while i < len(lines) and (not lines[i] or lines[i][0] in " #"):
        line = lines[i]
        if line.startswith('    """'):
            end = i
            while lines[end].count('"""') < 2 and (end == i or '"""' not in lines[end]):
                end += 1
            if pending:
                found[pending] = _cleandoc(ast.literal_eval("\n".join(lines[i : end + 1]).strip()))
            pending, i = None, end + 1
            continue
        field = _FIELD_LINE.match(line)
        if field and not line.startswith("     "):
            pending = field.group(1)
        elif _BLOCK_LINE.match(line):
            pending = None
        i += 1
    return found


def _cleandoc(text: str) -> str:
    import inspect

    return inspect.cleandoc(text)


def _type_schema(annotation: Any, defs: _Defs) -> dict[str, Any]:
    base, meta = _split(annotation)
    schema = _base_schema(base, defs)
    for field in (m for m in meta if isinstance(m, Field)):
        many = typing.get_origin(base) in (list, dict)
        names = {"min_length": "minItems" if many else "minLength",
                 "max_length": "maxItems" if many else "maxLength", "pattern": "pattern",
                 "ge": "minimum", "le": "maximum"}  # fmt: skip
        for attribute, key in names.items():
            if getattr(field, attribute) is not None:
                schema[key] = getattr(field, attribute)
    return schema


def _base_schema(base: Any, defs: _Defs) -> dict[str, Any]:
    args = _union_args(base)
    if args is not None:
        options = []
        for arg in args:
            part = _type_schema(arg, defs) if arg is not type(None) else {"type": "null"}
            options += part["anyOf"] if list(part) == ["anyOf"] else [part]
        return {"anyOf": options}
    origin = typing.get_origin(base)
    if origin is Literal:
        return {"enum": list(typing.get_args(base)), "type": "string"}
    if origin is list:
        return {"items": _type_schema(typing.get_args(base)[0], defs), "type": "array"}
    if origin is dict:
        key, value = (_type_schema(a, defs) for a in typing.get_args(base))
        pattern = key.pop("pattern")
        key.pop("type")
        return {"patternProperties": {pattern: value}, "propertyNames": key, "type": "object"}
    if isinstance(base, type) and issubclass(base, Model):
        if base.__name__ not in defs:
            defs[base.__name__] = None  # taken: a model may be reached twice
            defs[base.__name__] = _model_schema(base, defs)
        return {"$ref": f"#/$defs/{base.__name__}"}
    return {str: {"type": "string"}, int: {"type": "integer"}, bool: {"type": "boolean"},
            datetime.date: {"format": "date", "type": "string"}}[base]  # fmt: skip


def _is_model(annotation: Any) -> bool:
    base, _ = _split(annotation)
    args = _union_args(base) or (base,)
    return any(isinstance(a, type) and issubclass(a, Model) for a in args)


def _model_schema(cls: type[Model], defs: _Defs) -> dict[str, Any]:
    docs = _docstrings(cls, defs.lines(cls.__module__))
    properties = {}
    for name, spec in cls.model_fields.items():
        schema = _type_schema(spec.annotation, defs)
        if spec.default is not REQUIRED:
            schema["default"] = spec.default
        if name in docs:
            schema["description"] = docs[name]
        if not _is_model(spec.annotation):  # as pydantic: a reference to a model has no title
            schema["title"] = name.title().replace("_", " ")
        properties[name] = schema
    import inspect

    return {"additionalProperties": False, "description": inspect.cleandoc(cls.__doc__ or ""),
            "properties": properties,
            "required": [n for n, s in cls.model_fields.items() if s.is_required()],
            "title": cls.__name__, "type": "object"}  # fmt: skip


def _sorted(value: Any, keep_order: bool = False) -> Any:
    """Keys sorted at every level except a model's properties and a default's value (the
    layout pydantic gave data/schema.json, so the file did not change with the library)."""
    if isinstance(value, dict):
        keys = list(value) if keep_order else sorted(value)
        return {k: v if k == "default" else _sorted(v, k == "properties") for k in keys
                for v in [value[k]]}  # fmt: skip
    if isinstance(value, list):
        return [_sorted(v) for v in value]
    return value


def json_schema(cls: type[Model]) -> dict[str, Any]:
    """The JSON Schema of a model and every model it holds (in `$defs`)."""
    defs = _Defs()
    body = _model_schema(cls, defs)
    schema = {"$defs": dict(sorted(defs.items())), **body} if defs else body
    return _sorted(schema)
