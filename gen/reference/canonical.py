"""The canonical text of data/reference.yaml: what `eks-sg fmt` writes and `--check` expects.

Canonical means: keys in model order, defaults left out, rules sorted by group, direction and
id, Istio ports by component and port, short lists of ids on one line, a blank line between
sections. Two editors who add the same rule produce the same diff.
"""

from __future__ import annotations

import re
from typing import Any

from gen.reference.model import Reference
from gen.reference.yamlfile import FlowList, comment_lines
from gen.reference.yamlfile import dump as dump_yaml

HEADER = """\
# yaml-language-server: $schema=schema.json
# The single source of truth of eks-sg-reference. Every page, CSV, JSON file and script under
# docs/ is generated from it: edit here, then run `eks-sg fmt` and `eks-sg build`.
# Field meanings: data/schema.json (generated from gen/reference/model.py), or the docs site.
"""

_ID_LISTS = {"categories", "sources", "istio_ports", "rules", "excludes", "only_with"}


def _flow_id_lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: FlowList(item)
            if key in _ID_LISTS and isinstance(item, list) and all(isinstance(i, str) for i in item)
            else _flow_id_lists(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_flow_id_lists(item) for item in value]
    return value


def sorted_reference(ref: Reference) -> Reference:
    """The same reference with rules and Istio ports in canonical order (made once per
    reference: the CSV sheets and the JSON ask)."""
    return ref.derived(("sorted",), lambda: _sorted(ref))


def _sorted(ref: Reference) -> Reference:
    groups = {g.id: i for i, g in enumerate(ref.security_groups)}
    components = {c.id: i for i, c in enumerate(ref.istio.components)}
    rules = sorted(ref.rules, key=lambda r: (groups.get(r.group, 99), r.direction, r.id))
    ports = sorted(ref.istio.ports, key=lambda p: (components.get(p.component, 99), p.port))
    istio = ref.istio.model_copy(update={"ports": ports})
    return ref.model_copy(update={"rules": rules, "istio": istio})


def dump(ref: Reference) -> str:
    """The canonical YAML text of a reference."""
    data = _flow_id_lists(sorted_reference(ref).model_dump(exclude_defaults=True))
    body = re.sub(r"^(?=[a-z_]+:)", "\n", dump_yaml(data), flags=re.MULTILINE)  # blank lines
    text = HEADER + body
    _check_round_trip(ref, text)
    return text


def _check_round_trip(ref: Reference, text: str) -> None:
    """The canonical text must read back as the same reference, or fmt would change the data."""
    from gen.reference.load import load_text  # load imports the model only; this import is for fmt

    if load_text(text, "canonical form") != sorted_reference(ref):
        raise AssertionError("the canonical form does not read back as the same reference")


def lost_comments(text: str) -> list[int]:
    """1-based lines of comments that the canonical form would drop (all but its header)."""
    header, lines = HEADER.splitlines(), text.splitlines()
    kept = {i for i, line in enumerate(header) if i < len(lines) and lines[i] == line}
    return [line + 1 for line in comment_lines(text) if line not in kept]
