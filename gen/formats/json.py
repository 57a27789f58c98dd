"""docs/downloads/reference.json: the whole model, normalised, with EC2's values spelt out."""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any

from gen import ec2
from gen.canonical import sorted_reference
from gen.formats.text import BANNER
from gen.model import Reference, Rule

PATH = PurePosixPath("docs/downloads/reference.json")


def _rule(rule: Rule) -> dict[str, Any]:
    """The rule as written, plus the EC2 IP permission fields it becomes."""
    spec = ec2.permission_spec(rule)
    data = rule.model_dump(mode="json")
    data["ec2"] = {
        "IpProtocol": spec.ip_protocol,
        "FromPort": spec.from_port,
        "ToPort": spec.to_port,
        "parameter": spec.parameter,
    }
    return data


def document(ref: Reference) -> dict[str, Any]:
    """The JSON document: every section of the reference in canonical order."""
    ref = sorted_reference(ref)
    data = ref.model_dump(mode="json")
    data["rules"] = [_rule(rule) for rule in ref.rules]
    return {"generated_by": BANNER, **data}


def render(ref: Reference) -> dict[PurePosixPath, str]:
    return {PATH: json.dumps(document(ref), indent=2, ensure_ascii=False) + "\n"}
