"""docs/downloads/reference.json: the whole model, normalised, with EC2's values spelt out."""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any

from gen.aws import ec2
from gen.aws.commands import Values
from gen.formats import paths
from gen.formats.labels import BANNER
from gen.reference import release
from gen.reference.canonical import sorted_reference
from gen.reference.model import Reference, Rule
from gen.select import Selection, egress_roles

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
    """The JSON document: who made it (eks_sg_version, data_checked), then every section of
    the reference (version first) in canonical order, rules with `ec2`."""
    ref = sorted_reference(ref)
    data = ref.model_dump(mode="json")
    for rule, dumped in zip(ref.rules, data["rules"], strict=True):
        dumped["ec2"] = _ec2(rule)
    return {"generated_by": BANNER, **release.fields(ref), **data}


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


def _selected(rule: Rule, values: Values, releases: str | None) -> dict[str, Any]:
    """One emitted rule, with EC2's ports; a parameter's value where the user gave it."""
    spec = ec2.permission_spec(rule)
    given = values.ports.get(spec.parameter) if spec.parameter else None
    low, high = (given, given) if isinstance(given, int) else (spec.from_port, spec.to_port)
    known = lambda role: v if isinstance(v := values.groups.get(role), str) else None  # noqa: E731
    return {
        "id": rule.id, "group": rule.group, "sg": known(rule.group),
        "direction": rule.direction, "protocol": rule.protocol, "ip_protocol": spec.ip_protocol,
        "from_port": low, "to_port": high, "parameter": spec.parameter, "peer": rule.peer,
        "peer_kind": rule.peer_kind, "peer_sg": known(spec.peer_group) if spec.peer_group else None,
        "categories": rule.categories, "description": rule.description, "sources": rule.sources,
        "for_releases": releases,
    }  # fmt: skip


def selection_document(ref: Reference, selection: Selection, values: Values) -> dict[str, Any]:
    """`eks-sg rules --format json`: the setup, the rules to apply, and the covered ones."""
    setup, notes = selection.setup, selection.notes
    return {
        "generated_by": release.versions(ref),
        "setup": {"with": list(setup.categories), "categories": list(selection.categories),
                  "sharing": dict(setup.sharing), "groups": list(setup.groups),
                  "egress_default": sorted(egress_roles(ref, setup)),
                  "releases": [{"product": r.product, "version": r.version,
                                "category": r.category, "range": r.span.text}
                               for r in setup.releases]},
        "rules": [_selected(rule, values, notes.get(rule.id)) for rule in selection.rules],
        "covered": [{"id": c.rule.id, "group": c.rule.group,
                     "by": c.by.id if c.by else None, "why": c.why,
                     "for_releases": notes.get(c.rule.id)}
                    for c in selection.covered],
    }  # fmt: skip


def render_selection(ref: Reference, selection: Selection, values: Values) -> str:
    return pretty(selection_document(ref, selection, values)) + "\n"


def render(ref: Reference) -> dict[PurePosixPath, str]:
    return {PATH: pretty(document(ref)) + "\n"}
