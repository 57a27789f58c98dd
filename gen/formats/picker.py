"""docs/setup/: the setup picker page, and selection.json that its script reads.

The browser selects rules exactly as gen/select.py does, from data computed here: the
categories (baseline, exclusions, shared groups), the groups (when they exist), and for each
sharing variant the rules in output order with their coverers (gen.select.variants). Every
piece of text the page shows or downloads (table cells, CSV lines, diagram lines) is rendered
here once, so the page joins the same bytes `eks-sg rules` prints; its script only filters and
concatenates (docs/assets/setup.js).
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any

from gen.aws.commands import Values
from gen.formats import cloudformation, csv, mermaid, paths, rule_table, terraform
from gen.formats.diagrams import ends, traffic_label
from gen.formats.labels import BANNER
from gen.formats.markdown import page, raw_html
from gen.formats.rule_table import HEADERS
from gen.reference import release
from gen.reference.model import Reference, Rule
from gen.select import Selection, Setup, Variant, variants

# Placeholders the page fills in: the `--with` words of the command line, the categories in
# force, and the rule count. Category ids are slugs, so the shell words need no quoting.
WITH, IN_FORCE, COUNT = "@WITH@", "@IN_FORCE@", "@COUNT@"


def _edge(ref: Reference, rule: Rule) -> list[str]:
    """The diagram's arrow for the rule: from, to (Mermaid ids), its label text, escaped for
    inside a quoted label (the page joins a pair's labels with `, `), and the arrow: solid for
    a rule every cluster needs, dotted for an optional one."""
    start, end = ends(rule)
    label = traffic_label(rule)  # `All traffic`, not `All All`
    baseline = {c.id for c in ref.categories if c.baseline}
    arrow = "-->" if baseline & set(rule.categories) else "-.->"
    return [mermaid.node_id(start), mermaid.node_id(end), mermaid.text(label), arrow]


def _variant(ref: Reference, variant: Variant, shared: tuple[str, ...]) -> dict[str, Any]:
    """The rules as carried in one sharing variant (gen.select.variants), in output order,
    with what covers each and why a group already has it (`present`)."""
    return {
        "shares": sorted(shared),
        "rules": [
            {"id": r.id, "group": r.group, "peer": r.peer, "coverers": variant.coverers[r.id],
             "present": variant.present.get(r.id), "removed_by": variant.removed_by[r.id],
             "peer_role": r.peer_role,
             "parameters": sorted({r.port_range.parameter, r.peer_parameter} - {None}),
             "cells": rule_table.cells(r), "csv": csv.line(csv.rule_row(r)), "edge": _edge(ref, r),
             "terraform": terraform.rule_fragment(ref, r),
             "cloudformation": cloudformation.rule_fragment(ref, r)}
            for r in variant.rules
        ],
    }  # fmt: skip


def _nodes(ref: Reference) -> dict[str, str]:
    """Every diagram box by Mermaid id: the groups, and the CIDRs and values rules name."""
    boxes = {mermaid.node_id(g.id): f"[{mermaid.label(g.title, f'({g.id})')}]"
             for g in ref.security_groups}  # fmt: skip
    for rule in ref.rules:
        if rule.peer_kind not in ("role", "self"):
            boxes.setdefault(mermaid.node_id(rule.peer), f"(({mermaid.label(rule.peer)}))")
    boxes[mermaid.node_id("clients")] = f"([{mermaid.label('Clients')}])"  # to a load balancer
    return boxes


def _headers(ref: Reference) -> dict[str, str]:
    """The Terraform and CloudFormation headers (and the footer) of a setup, with placeholders
    where `eks-sg rules` writes the setup: rendered by the same functions the CLI uses."""
    empty = Selection(Setup((WITH,)), (IN_FORCE,), [])
    words = Values({}, {})
    out = {}
    for name, module in (("terraform", terraform), ("cloudformation", cloudformation)):
        text = module.render_selection(ref, empty, words)
        out[name] = text.split("\n\nvariable ")[0] if name == "terraform" else text
    footer = cloudformation.footer(ref, [None] * 99).replace('"99"', f'"{COUNT}"')  # type: ignore[list-item]
    before, empty_resources = out["cloudformation"].split("Resources:\n")
    return {
        "terraform": out["terraform"],
        "cloudformation": before,
        "cloudformation_empty": empty_resources.removesuffix(cloudformation.footer(ref, [])),
        "cloudformation_footer": footer,
    }


def document(ref: Reference, found: list[Variant] | None = None) -> dict[str, Any]:
    """selection.json: everything the page needs to select and show a setup's rules."""
    found = found if found is not None else variants(ref)
    return {
        "generated_by": BANNER,
        "versions": release.versions(ref),
        "categories": [
            {"id": c.id, "title": c.title, "question": c.question or c.title,
             "help": c.help or c.meaning, "baseline": c.baseline, "excludes": c.excludes,
             "shares": bool(c.shares)}
            for c in ref.categories
        ],
        "groups": [{"id": g.id, "only_with": g.only_with,
                    "terraform": terraform.role_fragment(g),
                    "cloudformation": cloudformation.role_fragment(g)}
                   for g in ref.security_groups],
        "parameters": [{"id": p.id, "terraform": terraform.parameter_fragment(p),
                        "cloudformation": cloudformation.parameter_fragment(p)}
                       for p in ref.parameters],
        "iac": _headers(ref),
        "roles": {r.id: [r.group, r.peer_role] for r in ref.rules},
        "categories_of": {r.id: r.categories for r in ref.rules},
        "variants": [_variant(ref, v, key) for v in found for key in v.keys],
        "headers": list(HEADERS),
        "csv_header": csv.line(csv.RULE_COLUMNS),
        "nodes": _nodes(ref),
    }  # fmt: skip


def _question(category: dict[str, Any]) -> str:
    """One checkbox: the question, its help, and the category id it sets."""
    cid = category["id"]
    return (
        f'<label class="setup-question" for="with-{cid}">'
        f'<input type="checkbox" id="with-{cid}" name="with" value="{cid}"> '
        f"<strong>{raw_html(category['question'])}</strong> <code>{cid}</code><br>"
        f'<span class="setup-help">{raw_html(category["help"])}</span></label>'
    )


INTRO = """\
Answer what your cluster runs; the rules below are exactly those `eks-sg rules --with ...`
prints for the same answers, and the link in your address bar reproduces the selection. Rules
that another selected rule already allows are folded away under *Covered*. Every cluster gets
the baseline (the AWS defaults and the minimum rules).
"""


def _page(ref: Reference, data: dict[str, Any]) -> str:
    questions = [_question(c) for c in data["categories"] if not c["baseline"]]
    form = '<form id="setup-form" class="setup-form">\n' + "\n".join(questions) + "\n</form>"
    result = (
        '<div id="setup-result" class="setup-result" aria-live="polite">'
        "Loading the rules (this page needs JavaScript).</div>\n"
        f'<script src="{paths.href(PAGE, paths.SETUP_SCRIPT)}"></script>'
    )
    return page("Pick your setup", INTRO, "## Your cluster runs", form, "## Its rules", result)


PAGE = paths.SETUP_PAGE


def render(ref: Reference, found: list[Variant] | None = None) -> dict[PurePosixPath, str]:
    """The page and selection.json; `found`: the sharing variants, if computed already."""
    data = document(ref, found)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"
    return {paths.SETUP_DATA: text, PAGE: _page(ref, data)}
