"""Every row of the seed document is in the data, recognisably, citing the seed."""

from __future__ import annotations

import pytest
import yaml
from helpers import FIXTURES

from gen.formats.labels import ports_text
from gen.reference.model import Reference

SEED = yaml.safe_load((FIXTURES / "seed_rows.yaml").read_text(encoding="utf-8"))


# Rows whose category a source corrected (issue 25, issue 19 point 4): the row is still in the
# data under this rule id, citing the seed; only its category moved, for the reason given.
RECATEGORISED = {
    ("node", "inbound", "tcp", "443", "control-plane"): (
        "node-in-https-from-control-plane",
        "eksctl-broad",
        "the API server calls istiod's pod on 15017, not 443",
    ),
    ("node", "inbound", "all", "All", "self"): (
        "node-in-all-self",
        "recommended",
        "nodes join and are managed without it (terraform-aws-eks' design)",
    ),
}


def _label(row: dict) -> str:
    return f"{row['group']} {row['direction']} {row['protocol']} {row['ports']} {row['peer']}"


@pytest.mark.parametrize("row", SEED["rules"], ids=_label)
def test_seed_rule_is_in_the_data(ref: Reference, row: dict) -> None:
    for ports in row["ports"]:
        found = [
            r
            for r in ref.rules
            if (r.group, r.direction, r.protocol, r.peer)
            == (row["group"], row["direction"], row["protocol"], row["peer"])
            and ports_text(r) == ports
        ]
        assert len(found) == 1, f"no single rule for {_label(row)} ports {ports}"
        key = (row["group"], row["direction"], row["protocol"], ports, row["peer"])
        rule_id, category, _reason = RECATEGORISED.get(key, (found[0].id, row["category"], ""))
        assert found[0].id == rule_id
        assert category in found[0].categories
        assert ref.original_brief.id in found[0].sources


def test_recategorised_rows_say_why_in_their_notes(ref: Reference) -> None:
    rules = {r.id: r for r in ref.rules}
    for rule_id, category, _reason in RECATEGORISED.values():
        assert "Older EKS guides" in (rules[rule_id].notes or ""), rule_id
        assert category in rules[rule_id].categories


def test_seed_categories_keep_their_labels(ref: Reference) -> None:
    labels = {c.id: c.seed_label for c in ref.categories if c.seed_label}
    assert labels == SEED["categories"]


@pytest.mark.parametrize("row", SEED["istio_ports"], ids=lambda r: f"{r['component']}-{r['port']}")
def test_seed_istio_port_is_in_the_data(ref: Reference, row: dict) -> None:
    [port] = [
        p for p in ref.istio.ports if (p.component, p.port) == (row["component"], row["port"])
    ]
    assert row["protocol"] in (port.protocol, port.previous_protocol)
    assert port.internal == row["internal"]
    assert ref.original_brief.id in port.sources


def test_seed_gap_is_closed_and_explained(ref: Reference) -> None:
    """The seed opens node inbound 443 for Istio, which is not enough: the data says so."""
    rules = {r.id: r for r in ref.rules}
    seed_row = rules["node-in-https-from-control-plane"]
    assert "15017" in (seed_row.notes or "")
    webhook = rules["node-in-istio-webhook-from-control-plane"]
    assert (webhook.protocol, webhook.ports, webhook.peer) == ("tcp", 15017, "control-plane")
    mirror = rules["control-plane-out-https-to-node"]
    assert (mirror.direction, mirror.ports, mirror.peer) == ("outbound", 443, "node")
