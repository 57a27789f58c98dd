"""An invalid item with its valid fields kept, so that the other checks still run on it.

A rule with a bad CIDR can then also be told that its source is unknown, in the same run.
Fields whose value is invalid are set to INVALID; the checks skip those (they are reported).
"""

from __future__ import annotations

import functools
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from gen.reference.problems import INVALID


@functools.cache
def _field_adapter(cls: type[BaseModel], name: str) -> TypeAdapter:
    field = cls.model_fields[name]
    return TypeAdapter(Annotated[field.annotation, field])


def _field(cls: type[BaseModel], name: str, value: Any) -> Any:
    try:
        return _field_adapter(cls, name).validate_python(value, strict=True)
    except ValidationError:
        return INVALID


def salvage(cls: type[BaseModel], item: Any) -> BaseModel | None:
    """`item` as a `cls` built without validation: valid fields kept, the others INVALID."""
    if not isinstance(item, dict):
        return None
    values: dict[str, Any] = {}
    for name, field in cls.model_fields.items():
        if name in item:
            values[name] = _field(cls, name, item[name])
        elif field.is_required():
            values[name] = INVALID
    return cls.model_construct(**values)
