"""Synthetic references of any size, valid under the schema, for the benchmark.

Each generated rule pair is an inbound rule on `node` from `control-plane` and its mirror, on
a distinct port, spread over the real categories, so every check has real work to do.
"""

from __future__ import annotations

from typing import Any

import yaml

from gen.reference.canonical import HEADER


class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """libyaml's dumper, writing shared lists out: the data file refuses YAML aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _pair(index: int, categories: list[str], source: str) -> list[dict[str, Any]]:
    port = 1024 + index
    category = categories[index % len(categories)]
    common = {"protocol": "tcp", "ports": port, "categories": [category], "sources": [source]}
    return [
        {"id": f"syn-node-in-{port}", "group": "node", "direction": "inbound",
         "peer": "control-plane", "description": f"Synthetic webhook {port} from the API server",
         **common},
        {"id": f"syn-control-plane-out-{port}", "group": "control-plane",
         "direction": "outbound", "peer": "node",
         "description": f"Synthetic webhook {port} to nodes", **common},
    ]  # fmt: skip


def synthetic_text(base: dict[str, Any], rules: int) -> str:
    """The real reference's other sections with `rules` rules (an even number): the real
    rules other sections name (a category's `removes`), then synthetic pairs."""
    categories = [c["id"] for c in base["categories"] if not c.get("istio")]
    named = {r for c in base["categories"] for r in c.get("removes", [])}
    kept = [r for r in base["rules"] if r["id"] in named]
    source = base["sources"][0]["id"]
    pairs = (rules - len(kept) + 1) // 2
    generated = kept + [r for i in range(pairs) for r in _pair(i, categories, source)]
    data = {**base, "rules": generated, "istio": {**base["istio"], "ports": _ports(base)}}
    return HEADER + yaml.dump(data, Dumper=Dumper, sort_keys=False, width=1000)


def _ports(base: dict[str, Any]) -> list[dict[str, Any]]:
    """Istio ports without rule links (the synthetic rules replace the real ones)."""
    return [{k: v for k, v in p.items() if k != "rules"} for p in base["istio"]["ports"]]
