"""python-hcl2's parse of generated Terraform, as plain values.

python-hcl2 8 keeps the quotes of block labels and string values (`'"-1"'`) and marks blocks
with `__is_block__`; the tests compare names and values, so they read it through `loads`."""

from __future__ import annotations

from typing import Any

import hcl2


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items() if k != "__is_block__"}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


def loads(text: str) -> dict[str, Any]:
    """The HCL text parsed, labels and strings without their quotes."""
    return _plain(hcl2.loads(text))
