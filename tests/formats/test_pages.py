"""Markdown pages: layout (golden), tables that render with the right cells, escaping, anchors."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest
from helpers import load_text
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_render import tables_of, to_html

from gen.formats import pages, paths
from gen.formats.labels import BANNER
from gen.formats.markdown import inline, table
from gen.reference.model import Reference


@pytest.fixture(scope="module")
def rendered(ref: Reference) -> dict:
    return pages.render(ref)


def test_every_table_row_has_as_many_cells_as_the_header(rendered: dict, ref: Reference) -> None:
    counted = 0
    for path, text in rendered.items():
        for rows in tables_of(text):
            widths = {len(row) for row in rows}
            assert len(widths) == 1, f"{path}: rows of {widths} cells"
            counted += len(rows)
    assert counted > len(ref.rules)  # each rule is a row of its group's table, at least


def test_every_page_starts_with_the_banner(rendered: dict) -> None:
    """The banner first, after the front matter of a page that weighs its search entries."""
    for path, text in rendered.items():
        text = re.sub(r"\A---\nsearch:\n  boost: [0-9.]+\n---\n\n", "", text)
        assert text.startswith(f"<!-- {BANNER} -->\n"), path
        assert text.endswith("\n"), path
        assert not text.endswith("\n\n"), path


def test_every_rule_has_a_stable_anchor_on_its_group_page(ref: Reference, rendered: dict) -> None:
    html = {g.id: to_html(rendered[paths.group_page(g.id)]) for g in ref.security_groups}
    for rule in ref.rules:
        assert f'id="{rule.id}"' in html[rule.group], rule.id


def test_links_between_pages_point_at_existing_pages_and_anchors(rendered: dict) -> None:
    names = {path.name for path in rendered}
    for path, text in rendered.items():
        for target in re.findall(r"\]\(([a-z0-9-]+\.md)(?:#[^)]*)?\)", text):
            assert target in names, f"{path} links to {target}"


def test_istio_page_shows_status_of_removed_ports(rendered: dict) -> None:
    text = rendered[paths.ISTIO_PORTS]
    assert '<span class="status status--removed">removed since 1\\.25</span>' not in text
    assert '<span class="status status--removed">removed since 1.25</span>' in text
    assert "H2" in text  # the seed's protocol for 15008 stays visible


@settings(max_examples=80, deadline=None)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=["Cs", "Cc"])
        | st.sampled_from("\n|<>&`*_[]#-1."),
        max_size=40,
    )
)
def test_any_text_shows_exactly_as_written_in_a_table_cell(text: str) -> None:
    [[_, [cell]]] = tables_of(table(["Text"], [[inline(text)]]))
    expected = "\n".join(line.strip() for line in text.replace("\r", "\n").split("\n"))
    assert " ".join(cell.split()) == " ".join(expected.split())


def test_html_in_data_is_never_markup() -> None:
    html = to_html(table(["T"], [[inline("<script>alert(1)</script> a|b")]]))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_findings_show_no_mirror_gap_in_the_brief_once_judged_by_interfaces(
    rendered: dict,
) -> None:
    """The brief's node rule accepts 443 from the control plane, whose additional group has no
    outbound 443; but the control plane's interfaces also carry the cluster group, whose
    outbound-all lets it out (EC2 aggregates the groups on an interface): no gap is left."""
    text = rendered[paths.FINDINGS]
    assert not [t for t in tables_of(text) if t[0][0] == "Rule in the guide"]
    assert "Mirror gaps in the older EKS guide" not in text


def _svg_rows(text: str) -> list[tuple[str, str, str, bool]]:
    """(start box, label, end box, solid) per row of a diagram, read with an XML parser."""
    start = text.index("<svg")
    svg = text[start : text.index("</svg>", start) + len("</svg>")]
    root = ElementTree.fromstring(svg)  # noqa: S314  (our own output, not untrusted input)
    ns = {"s": "http://www.w3.org/2000/svg"}
    rows = []
    for row in root.findall("s:g", ns):
        texts = [" ".join(t.itertext()) for t in row.findall("s:text", ns)]
        solid = "arrow--required" in row.find("s:line", ns).get("class")
        rows.append((texts[0], texts[1], texts[2], solid))
    return rows


def test_the_overview_has_one_arrow_per_pair_of_groups(ref: Reference) -> None:
    """Issue 22: the home page's overview is small: one arrow per pair of groups that talk
    (and the clients' to each load balancer), never every rule; static SVG, no Mermaid."""
    text = pages.overview.diagram(ref)
    assert "flowchart" not in text
    rows = _svg_rows(text)
    pairs = [(a, b) for a, _, b, _ in rows]
    assert len(pairs) == len(set(pairs))
    titles = {g.id: g.title for g in ref.security_groups}
    [to_nodes] = [label for a, label, b, _ in rows
                  if (a, b) == (titles["control-plane"], titles["node"])]  # fmt: skip
    assert to_nodes.startswith("TCP 443, ")
    assert to_nodes.endswith(" more")
    assert len(rows) < len({r.id for r in ref.rules}) / 4
    for group in ref.security_groups:
        assert any(titles[group.id] in (a, b) for a, _, b, _ in rows)


def test_group_diagrams_draw_required_and_optional_traffic_apart(ref: Reference) -> None:
    rendered = pages.render(ref)
    node = _svg_rows(rendered[paths.group_page("node")])
    assert any(solid for *_, solid in node)
    assert not all(solid for *_, solid in node)
    assert not any("All All" in label for _, label, _, _ in node)
    alb = _svg_rows(rendered[paths.group_page("alb")])
    assert alb[0][:3] == ("Clients", "listener ports", "ALB security group (alb)")


HOSTILE = "x<img src=x id=injected> *em* [l](javascript:alert(1)) | {#id} `c` <!-- & -->"
TEXT_FIELDS = {
    "sources": ("title", "location"),
    "security_groups": ("title", "seed_name", "attached_to", "created_by"),
    "categories": ("title", "seed_label", "meaning"),
    "parameters": ("title", "description"),
    "rules": ("description", "notes"),
}


def _hostile(items: list, fields: tuple[str, ...]) -> list:
    return [item.model_copy(update=dict.fromkeys(fields, HOSTILE)) for item in items]


class _Elements(HTMLParser):
    """Every element's tag and attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.found.append((tag, dict(attrs)))


def test_text_from_the_data_never_becomes_markup_on_any_page(minimal_text: str) -> None:
    """Every free-text field set to HTML and Markdown syntax (bypassing validation, as a
    future field might): each page renders it as text, with no element it asked for."""
    ref = load_text(minimal_text)
    update = {name: _hostile(getattr(ref, name), fields) for name, fields in TEXT_FIELDS.items()}
    istio = ref.istio.model_copy(
        update={
            "components": _hostile(ref.istio.components, ("title", "description")),
            "ports": _hostile(ref.istio.ports, ("description", "notes", "previous_protocol")),
        }
    )
    hostile = ref.model_copy(update={**update, "istio": istio})
    for path, text in pages.render(hostile).items():
        parser = _Elements()
        html = to_html(text)
        parser.feed(html)
        elements = parser.found
        assert not [e for e in elements if e[0] == "img" or e[1].get("id") == "injected"], path
        assert not [e for e in elements if "javascript:" in e[1].get("href", "")], path
        assert "*em*" in html, path  # the asterisks are shown, not taken as emphasis


def test_an_errors_section_links_up_to_its_rule() -> None:
    """Search lands on `#RULE-errors`, below the rule and its commands (the next ones on screen
    were another add-on's): its first sentence links up to the rule."""
    from gen.formats.pages import errors

    rule = "node-in-istio-webhook-from-control-plane"
    text = errors.section(rule)
    assert f"{{#{errors.anchor(rule)}}}" in text
    assert f"What fails when [`{rule}`](#{rule}) is missing (its commands are above)" in text
