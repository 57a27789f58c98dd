"""Port ranges: what `ports: 443`, `1025-65535`, `all` or a parameter id mean, parsed once."""

from __future__ import annotations

import re
from typing import NamedTuple

_NUMBER = re.compile(r"[0-9]+")  # ASCII only: str.isdigit() would also take '٣٣'
_RANGE = re.compile(r"([0-9]+)-([0-9]+)")
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
"""Every id in the data: lower-case words joined by single hyphens."""
MAX_PORT = 65535


class PortRange(NamedTuple):
    """What a rule opens, in EC2's terms: FromPort and ToPort, or the parameter giving both.

    For ICMP rules `low` and `high` are the type and code (-1: every one), as EC2 has them.
    """

    low: int | None
    high: int | None
    parameter: str | None = None

    @property
    def is_all(self) -> bool:
        return (self.low, self.high) == (0, MAX_PORT)

    def text(self) -> str:
        """`443`, `1025-65535`, `All`, or the parameter id (ICMP is worded by the caller)."""
        if self.parameter:
            return self.parameter
        if self.is_all:
            return "All"
        return str(self.low) if self.low == self.high else f"{self.low}-{self.high}"


ALL_PORTS = PortRange(0, MAX_PORT)


def _port(text: str) -> int:
    if len(text) > len(str(MAX_PORT)) or int(text) > MAX_PORT:
        shown = text if len(text) <= 12 else text[:9] + "..."
        raise ValueError(f"port {shown} is outside 0-{MAX_PORT}")
    return int(text)


def parse_ports(spec: int | str) -> PortRange:
    """Read `443`, `1025-65535`, `all` or a parameter id; raise ValueError saying what is wrong."""
    if isinstance(spec, bool):  # YAML's `yes` is a bool, and bool is an int to Python
        raise ValueError(f"ports {spec!r} is not a port")
    text = str(spec)
    if isinstance(spec, int) and spec < 0:
        raise ValueError(f"port {spec} is outside 0-{MAX_PORT}")
    if spec == "all":
        return ALL_PORTS
    if _NUMBER.fullmatch(text):
        return PortRange(_port(text), _port(text))
    if match := _RANGE.fullmatch(text):
        low, high = _port(match[1]), _port(match[2])
        if low > high:
            raise ValueError(f"port range {text!r} runs backwards: {low} is greater than {high}")
        return PortRange(low, high)
    if SLUG.fullmatch(text):  # numbers are matched above, so this names a parameter
        return PortRange(None, None, text)
    raise ValueError(
        f"ports {text!r} is not a port (443), a range (1025-65535), 'all' or a parameter id"
    )
