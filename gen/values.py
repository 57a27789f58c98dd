"""Small value types shared by the model and the formatters: port specs and their parsing."""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

_RANGE = re.compile(r"^(\d+)-(\d+)$")
_PARAM = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Ports(NamedTuple):
    """A parsed `ports` value: a numeric range, or the id of a user-supplied parameter."""

    low: int | None
    high: int | None
    parameter: str | None = None

    @property
    def is_all(self) -> bool:
        return (self.low, self.high) == (0, 65535)


ALL_PORTS = Ports(0, 65535)


def _port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise ValueError(f"port {value} is outside 0-65535")
    return value


@functools.cache  # called for every rule by every output; specs are few and small
def parse_ports(spec: int | str) -> Ports:
    """Read `443`, `1025-65535`, `all` or a parameter id; raise ValueError saying what is wrong."""
    if isinstance(spec, int):
        return Ports(_port(str(spec)), _port(str(spec)))
    if spec == "all":
        return ALL_PORTS
    if spec.isdigit():
        return parse_ports(int(spec))
    match = _RANGE.match(spec)
    if match:
        low, high = _port(match[1]), _port(match[2])
        if low > high:
            raise ValueError(f"port range {spec!r} runs backwards: {low} is greater than {high}")
        return Ports(low, high)
    if _PARAM.match(spec):
        return Ports(None, None, spec)
    raise ValueError(
        f"ports {spec!r} is not a port (443), a range (1025-65535), 'all' or a parameter id"
    )
