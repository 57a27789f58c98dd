"""CSV rule sheets: layout (golden), exact round trip through the csv module, formula safety."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from gen.formats import csv as csv_format
from gen.formats import paths
from gen.formats.labels import ports_text, status_text
from gen.reference.model import EC2_DESCRIPTION_CHARS, Reference

EC2_DESCRIPTIONS = st.from_regex(f"[{EC2_DESCRIPTION_CHARS}]{{1,60}}", fullmatch=True)


def read_back(text: str) -> list[dict[str, str]]:
    """What a program reading the sheet gets, with the formula guard taken off."""
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    return [{k: csv_format.original_cell(v) for k, v in row.items()} for row in rows]


def expected_rule(rule) -> dict[str, str]:
    return {
        "id": rule.id, "security_group": rule.group, "direction": rule.direction,
        "protocol": rule.protocol, "ports": ports_text(rule), "peer": rule.peer,
        "category": ", ".join(rule.categories), "description": rule.description,
        "sources": ", ".join(rule.sources), "notes": rule.notes or "",
    }  # fmt: skip


def test_rules_csv_round_trips_to_the_model(ref: Reference) -> None:
    text = csv_format.render(ref)[paths.rules_csv()]
    assert read_back(text) == [expected_rule(r) for r in csv_format.sheet_order(ref)]


def test_rule_sheets_are_sorted_group_direction_baseline_first(ref: Reference) -> None:
    """Issue 15: within a group and direction, the rules every cluster needs come first."""
    baseline = {c.id for c in ref.categories if c.baseline}
    groups = [g.id for g in ref.security_groups]
    rows = read_back(csv_format.render(ref)[paths.rules_csv()])
    keys = [
        (groups.index(r["security_group"]), r["direction"],
         not baseline & set(r["category"].split(", ")))
        for r in rows
    ]  # fmt: skip
    assert keys == sorted(keys)
    assert len(rows) == len(ref.rules)


def test_one_sheet_per_group_holds_exactly_its_rules(ref: Reference) -> None:
    files = csv_format.render(ref)
    for group in ref.security_groups:
        rows = read_back(files[paths.rules_csv(group.id)])
        ordered = csv_format.sheet_order(ref)
        assert [r["id"] for r in rows] == [r.id for r in ordered if r.group == group.id]


def test_istio_csv_round_trips(ref: Reference) -> None:
    rows = read_back(csv_format.render(ref)[paths.ISTIO_CSV])
    assert rows == [
        {
            "component": p.component, "port": str(p.port), "protocol": p.protocol,
            "description": p.description, "pod_internal": "yes" if p.internal else "no",
            "status": status_text(p), "sources": ", ".join(p.sources),
        }
        for p in ref.istio.ports
    ]  # fmt: skip


def test_header_and_line_ends(ref: Reference) -> None:
    text = csv_format.render(ref)[paths.rules_csv()]
    assert text.startswith("id,security_group,direction,protocol,ports,peer,category,")
    assert "\r" not in text
    assert text.endswith("\n")


def test_ports_are_written_as_documented(ref: Reference) -> None:
    rows = {r["id"]: r for r in read_back(csv_format.render(ref)[paths.rules_csv()])}
    assert rows["node-in-kubelet-from-control-plane"]["ports"] == "10250"
    assert rows["node-in-ephemeral-self"]["ports"] == "1025-65535"
    assert rows["node-in-all-self"]["ports"] == "All"
    assert rows["node-in-pmtud-icmp-self"]["ports"] == "type 3 code 4"
    assert rows["node-in-alb-listener"]["ports"] == "alb-listener-port"


@settings(max_examples=60, deadline=None)
@given(
    description=EC2_DESCRIPTIONS,
    notes=st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=60),
)
def test_any_text_round_trips_and_never_runs_as_a_formula(
    ref: Reference, description: str, notes: str
) -> None:
    rule = ref.rules[0].model_copy(update={"description": description, "notes": notes or None})
    text = csv_format.render(ref.model_copy(update={"rules": [rule]}))[paths.rules_csv()]
    raw = list(csv.reader(io.StringIO(text, newline="")))[1]
    assert read_back(text)[0]["description"] == description
    assert read_back(text)[0]["notes"] == notes
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in raw)


def test_formula_cells_are_neutralised_and_numbers_left_alone() -> None:
    assert csv_format.safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert csv_format.safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_format.safe_cell("-1+2") == "'-1+2"
    assert csv_format.safe_cell("'quoted") == "''quoted"
    assert csv_format.safe_cell("1025-65535") == "1025-65535"
    assert csv_format.safe_cell("443") == "443"
