"""docs/downloads/reference.json: the whole model, normalised, with EC2's values spelt out."""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any

from gen import ec2, paths
from gen.canonical import sorted_reference
from gen.formats.labels import BANNER
from gen.model import Reference, Rule

PATH = paths.REFERENCE_JSON


def _ec2(rule: Rule) -> dict[str, Any]:
    """The EC2 IP permission fields a rule becomes, and where its peer goes."""
    spec = ec2.permission_spec(rule)
    field, key = ec2.PEER_FIELDS[spec.peer_kind]
    return {
        "IpProtocol": spec.ip_protocol,
        "FromPort": spec.from_port,
        "ToPort": spec.to_port,
        "parameter": spec.parameter,
        "peer": f"{field}.{key}",
        "peer_parameter": spec.peer_parameter,
    }


def document(ref: Reference) -> dict[str, Any]:
    """The JSON document: every section of the reference in canonical order, rules with `ec2`."""
    ref = sorted_reference(ref)
    data = ref.model_dump(mode="json")
    for rule, dumped in zip(ref.rules, data["rules"], strict=True):
        dumped["ec2"] = _ec2(rule)
    return {"generated_by": BANNER, **data}


def pretty(value: Any, level: int = 0) -> str:
    """Indented JSON down to the items of each list, which stay on one line each: readable,
    one changed line per changed rule, and fast (json's C encoder does the items)."""
    pad, inner = "  " * level, "  " * (level + 1)
    if isinstance(value, dict) and value:
        items = [f"{inner}{json.dumps(k)}: {pretty(v, level + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    if isinstance(value, list) and value:
        items = [inner + json.dumps(item, ensure_ascii=False) for item in value]
        return "[\n" + ",\n".join(items) + f"\n{pad}]"
    return json.dumps(value, ensure_ascii=False)


def render(ref: Reference) -> dict[PurePosixPath, str]:
    return {PATH: pretty(document(ref)) + "\n"}
