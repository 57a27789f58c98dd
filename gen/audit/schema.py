"""The JSON schema of `eks-sg audit --format json`: one shape per kind of finding (draft
2020-12). tests/audit/ validates every report it makes against it; docs/audit.md describes it.
A finding on a planned or templated group also says where it is written (`where`); the fixes
of those are empty (the change is made in the configuration, at `where`). A broad or extra rule
between groups of interfaces that carry pods gets no revoke (its `why` says so): its fix holds
only the narrow rules to add, and may be empty."""

from __future__ import annotations

from typing import Any

_TEXT = {"type": "string"}
_TEXTS = {"type": "array", "items": _TEXT}
_FIX = {"type": "array", "items": _TEXT}
_WHERE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["address", "file", "line"],
    "properties": {
        "address": _TEXT,
        "file": {"type": ["string", "null"]},
        "line": {"type": ["integer", "null"], "minimum": 1},
    },
}
_FLOW = {
    "type": "object",
    "additionalProperties": False,
    "required": ["from", "to", "protocol", "ports"],
    "properties": {"from": _TEXT, "to": _TEXT, "protocol": _TEXT, "ports": _TEXT},
}
_LIVE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "sg", "direction", "protocol", "ports", "peer"],
    "properties": {
        "id": _TEXT, "sg": _TEXT, "direction": {"enum": ["inbound", "outbound"]},
        "protocol": _TEXT, "ports": _TEXT, "peer": _TEXT,
    },
}  # fmt: skip


def _kind(name: str, properties: dict[str, Any], located: bool = True) -> dict[str, Any]:
    """A finding's shape: every property required, and `where` when the group is planned."""
    where = {"where": _WHERE} if located else {}
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["kind", *properties],
        "properties": {"kind": {"const": name}, **properties, **where},
    }


FINDINGS = {
    "missing": _kind("missing", {
        "flow": _FLOW, "half": {"enum": ["egress", "ingress"]}, "role": _TEXT, "sg": _TEXT,
        "rule": _TEXT, "mirror": {"type": "boolean"}, "why": _TEXT, "categories": _TEXTS,
        "fix": {**_FIX, "maxItems": 1},
    }),
    "present": _kind("present", {"flow": _FLOW, "rules": _TEXTS, "egress": _TEXTS,
                                 "ingress": _TEXTS}, located=False),
    "broad": _kind("broad", {"live": _LIVE, "role": _TEXT, "allows": _TEXTS, "why": _TEXT,
                             "fix": _FIX}),
    "extra": _kind("extra", {"live": _LIVE, "role": _TEXT, "rule": {"type": ["string", "null"]},
                             "category": {"type": ["string", "null"]}, "why": _TEXT,
                             "fix": _FIX}),
    "unknown": _kind("unknown", {"live": _LIVE, "role": _TEXT, "why": _TEXT}),
    "duplicate": _kind("duplicate", {"live": _LIVE, "role": _TEXT, "of": _TEXT, "why": _TEXT}),
}  # fmt: skip

REPORT: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "eks-sg audit report",
    "type": "object",
    "additionalProperties": False,
    "required": ["setup", "groups", "interfaces", *FINDINGS],
    "properties": {
        "setup": _TEXTS,
        "groups": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "additionalProperties": False,
                "required": ["roles", "rules"],
                "properties": {"roles": _TEXTS, "rules": {"type": "integer", "minimum": 0}},
            },
        },
        "interfaces": {"type": "object", "additionalProperties": _TEXTS},
        **{kind: {"type": "array", "items": shape} for kind, shape in FINDINGS.items()},
    },
}
