"""docs/setup/: the setup picker page, and selection.json that its script reads.

The browser selects rules exactly as gen/select.py does, from data computed here: the
categories (baseline, exclusions, shared groups), the groups (when they exist), and for each
sharing variant the rules in output order with their coverers (gen.select.variants). Every
piece of text the page shows or downloads (table cells, CSV lines, diagram rows as SVG) is
rendered here once, so the page joins the same bytes `eks-sg rules` prints; its script only
filters, fills in the values the reader types, and concatenates (docs/assets/setup.js).

Releases (gen/reference/versions.py): a category whose rules some releases of its product need
and others not gets a release select; each release offered is the first of its span, so the
page's `--with karpenter@1.0.0` is a command line `eks-sg rules` takes as it is. A rule only
versioned categories need carries NOTE at the end of its description and categories cell and
FOR in its CSV `for_releases` cell; the page puts the note the command line would write there
(notes hold no character that CSV, HCL or YAML quote).
"""

from __future__ import annotations

import json
from html import escape
from pathlib import PurePosixPath
from typing import Any

from gen.aws.commands import Values
from gen.formats import (
    aws_scripts,
    cloudformation,
    csv,
    paths,
    per_rule,
    rule_table,
    svg,
    terraform,
    terraform_aws_eks,
)
from gen.formats.diagrams import LOAD_BALANCERS, clients_row, rule_row
from gen.formats.given import Given, given
from gen.formats.labels import BANNER
from gen.formats.markdown import page, raw_html
from gen.formats.rule_table import HEADERS
from gen.reference import release, versions
from gen.reference.model import Category, Parameter, Reference, Rule, version_key
from gen.select import Selection, Setup, Variant, variants

# Placeholders the page fills in: the `--with` words of the command line, the categories in
# force, and the rule count. Category ids are slugs, so the shell words need no quoting.
WITH, IN_FORCE, COUNT = "@WITH@", "@IN_FORCE@", "@COUNT@"
NOTE, FOR = "<NOTE>", "<FOR>"
"""Where a rule takes its note: NOTE becomes `; for karpenter 1.0.x` (or nothing), FOR the note
alone. `<` is in no EC2 description, category id or CSV cell the data can hold."""


def _marked(ref: Reference, rule: Rule) -> tuple[Rule, list[str], str]:
    """The rule, its table cells and its CSV line, with NOTE and FOR where a note goes (only
    on rules some versioned category needs: the others never get one)."""
    if _longest_note(ref, rule) is None:
        return rule, rule_table.cells(rule), csv_template(ref, rule)
    marked = rule.model_copy(update={"description": rule.description + NOTE})
    cells = rule_table.cells(rule)
    return marked, [*cells[:-1], cells[-1] + NOTE], csv_template(ref, marked, FOR)


def _longest_note(ref: Reference, rule: Rule) -> str | None:
    """versions.longest_note, once per list of categories (all it reads of a rule; every rule
    of every variant asks, and rules share a few lists)."""
    key = ("longest-note", tuple(rule.categories))
    return ref.derived(key, lambda: versions.longest_note(ref, rule))


def _rule(ref: Reference, variant: Variant, rule: Rule) -> dict[str, Any]:
    marked, cells, csv_line = _marked(ref, rule)
    return {"id": rule.id, "group": rule.group, "peer": rule.peer,
            "coverers": variant.coverers[rule.id], "present": variant.present.get(rule.id),
            "removed_by": variant.removed_by[rule.id], "peer_role": rule.peer_role,
            "parameters": sorted({rule.port_range.parameter, rule.peer_parameter} - {None}),
            "cells": cells, "csv": csv_line, "row": rule_row(ref, rule),
            "terraform": terraform.rule_fragment(ref, marked),
            "terraform_aws_eks": terraform_aws_eks.marked_fragment(marked, VALUE),
            "cloudformation": cloudformation.rule_fragment(ref, marked)}  # fmt: skip


def _variant(ref: Reference, variant: Variant, shared: tuple[str, ...]) -> dict[str, Any]:
    """The rules as carried in one sharing variant (gen.select.variants), in output order,
    with what covers each and why a group already has it (`present`)."""
    return {"shares": sorted(shared), "rules": [_rule(ref, variant, r) for r in variant.rules]}


def offered(ref: Reference, category: Category) -> list[versions.Span]:
    """The spans a category's release select offers, oldest first: its product's spans that
    need this category or no rule of their own, each named by its first release; none when
    the release would not change the rules (one span, or none that needs the category)."""
    product = category.versions[0].product
    spans = [s for s in versions.spans(ref, product)
             if s.first is not None and s.category in (category.id, None)]  # fmt: skip
    useful = len(spans) > 1 and any(s.category == category.id for s in spans)
    return spans if useful else []


def _release(span: versions.Span) -> dict[str, Any]:
    """One release a select offers, with what the outputs say for it."""
    named = versions.Release(span.product, str(span.first), span)
    bounds = [list(version_key(v)) if v else None for v in (span.first, span.before)]
    return {"version": named.version, "category": span.category, "note": span.text,
            "bounds": bounds,
            "label": f"{span.label}: " + (f"the rules of {span.category}" if span.category
                                          else versions.NONE),
            "line": named.text, "comment": aws_scripts.release_comments([named.text])}  # fmt: skip


def _versions(ref: Reference) -> dict[str, Any]:
    """Per versioned category: its product, the note and setup line it gets when no release is
    named (gen.reference.versions), and the releases its select offers, newest last."""
    out = {}
    for c in (c for c in ref.categories if c.versions):
        [line] = versions.setup_lines(ref, [c.id])
        out[c.id] = {"product": c.versions[0].product, "note": versions.category_note(c),
                     "line": line, "comment": aws_scripts.release_comments([line]),
                     "releases": [_release(s) for s in offered(ref, c)]}  # fmt: skip
    return out


VALUE = "@VALUE@"
"""Where a fragment takes the value the reader typed (IDs, ports, CIDRs, prefix lists: none of
them needs quoting in shell, HCL or YAML, so the value goes in as typed)."""
_PORT_MARK = 1234567  # a port parameter's default is a number: rendered, then marked VALUE


def _marks(ref: Reference) -> Values:
    """Every group and parameter given as a mark naming it: `\x01sg:node\x01` (made once per
    reference: every rule's CSV line asks; nothing changes the dicts)."""
    return ref.derived(("picker-marks",), lambda: Values(
        {g.id: f"\x01sg:{g.id}\x01" for g in ref.security_groups},
        {p.id: f"\x01param:{p.id}\x01" for p in ref.parameters},
    ))  # fmt: skip


def csv_template(ref: Reference, rule: Rule, releases: str | None = None) -> str:
    """The rule's CSV line with the reader's marks (`_marked_row`); made once per rule when
    it names no releases (every setup asks for it)."""
    return _plain_template(ref, rule) if releases is None else _marked_row(ref, rule, releases)


@per_rule
def _plain_template(ref: Reference, rule: Rule) -> str:
    return _marked_row(ref, rule, None)


def _marked_row(ref: Reference, rule: Rule, releases: str | None) -> str:
    """The rule's line of a setup's CSV, each cell that takes a value the reader may type as
    `\x01NAME\x02WITHOUT\x01` (NAME `sg:ROLE` or `param:ID`; WITHOUT what `eks-sg rules`
    writes when it is not given). Control characters are never in data text (EC2's charset),
    so the page can only replace marks."""
    plain = given(rule, Values({}, {}))  # only these cells take a value: the rest is one row
    marked = given(rule, _marks(ref))
    cells = [m if m == p else f"{m[:-1]}\x02{p}\x01" for m, p in zip(marked, plain, strict=True)]
    return csv.line(csv.given_row(ref, rule, Given(*cells), releases))


def _with_value(ref: Reference, render, item, port: bool = False) -> str:
    """A fragment rendered with a given value, the value marked VALUE."""
    text = render(item, _PORT_MARK if port else VALUE)
    return text.replace(str(_PORT_MARK), VALUE) if port else text


def _check(parameter: Parameter) -> str:
    """How the page checks a typed value, as `eks-sg rules --param` does."""
    return "port" if parameter.kind == "port" else str(parameter.peer_kind)


def _clients(ref: Reference) -> dict[str, str]:
    """The clients' arrow to each load balancer, shown when the setup has that group."""
    present = {g.id for g in ref.security_groups}
    return {lb: svg.diagram([clients_row(ref, lb)], "Clients to the load balancer", "traffic-row")
            for lb in LOAD_BALANCERS if lb in present}  # fmt: skip


def _headers(ref: Reference) -> dict[str, Any]:
    """The Terraform, terraform-aws-eks and CloudFormation headers (and the footer) of a setup,
    with placeholders where `eks-sg rules` writes the setup: rendered by the same functions the
    CLI uses."""
    empty = Selection(Setup((WITH,)), (IN_FORCE,), [])
    words = Values({}, {})
    return {
        "terraform": terraform.selection_header(ref, empty, words),
        "terraform_aws_eks": terraform_aws_eks.parts(ref, empty),
        "cloudformation": cloudformation.selection_header(ref, empty, words),
        "cloudformation_empty": cloudformation.NO_RULES,
        "cloudformation_footer": cloudformation.footer(ref, COUNT),
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
             "aws_default": c.aws_default,
             "shares": bool(c.shares)}
            for c in ref.categories
        ],
        "groups": [{"id": g.id, "title": g.title, "only_with": g.only_with,
                    "terraform": terraform.role_fragment(g),
                    "cloudformation": cloudformation.role_fragment(g),
                    "given": {"terraform": _with_value(ref, terraform.role_fragment, g),
                              "cloudformation": _with_value(ref, cloudformation.role_fragment, g),
                              "script": aws_scripts._defaults(ref, Values({g.id: VALUE}, {}))}}
                   for g in ref.security_groups],
        "parameters": [{"id": p.id, "title": p.title, "check": _check(p),
                        "example": str(p.example),
                        "terraform": terraform.parameter_fragment(p),
                        "cloudformation": cloudformation.parameter_fragment(p),
                        "given": {
                            "terraform": _with_value(ref, terraform.parameter_fragment, p,
                                                     p.kind == "port"),
                            "cloudformation": _with_value(ref, cloudformation.parameter_fragment,
                                                          p, p.kind == "port"),
                            "script": aws_scripts._defaults(ref, Values({}, {p.id: VALUE}))}}
                       for p in ref.parameters],
        "iac": _headers(ref),
        "roles": {r.id: [r.group, r.peer_role] for r in ref.rules},
        "releases_of": _versions(ref),
        "marks": {"note": NOTE, "for": FOR, "lead": versions.NOTE_LEAD},
        "categories_of": {r.id: r.categories for r in ref.rules},
        "variants": [_variant(ref, v, key) for v in found for key in v.keys],
        "headers": list(HEADERS),
        "csv_header": csv.line(csv.SETUP_COLUMNS),
        "formats": _formats(),
        "clients": _clients(ref),
    }  # fmt: skip


def _formats() -> list[str]:
    """`eks-sg rules --format` names, from the registry (imported late: it imports this)."""
    from gen.formats import SELECTION_FORMATS

    return list(SELECTION_FORMATS)


def _value_field(name: str, label: str, example: str) -> str:
    """One input for a group ID or a parameter's value; the script shows the ones a setup uses
    and says what is wrong with a value the command line would refuse."""
    slug = name.replace(":", "-")
    return (
        f'<div class="setup-value" data-value="{name}" hidden>'
        f'<label for="value-{slug}">{escape(label)}</label> '
        f'<input type="text" id="value-{slug}" name="{name}" placeholder="{escape(example)}" '
        f'autocomplete="off" spellcheck="false" aria-describedby="error-{slug}">'
        f'<span class="setup-value-error" id="error-{slug}" aria-live="polite"></span></div>'
    )


def _value_fields(ref: Reference) -> str:
    fields = [_value_field(f"sg:{g.id}", f"{g.title} ID ({g.id})", "sg-0123456789abcdef0")
              for g in ref.security_groups]  # fmt: skip
    fields += [_value_field(f"param:{p.id}", f"{p.title} ({p.id})", str(p.example))
               for p in ref.parameters]  # fmt: skip
    return '<form id="setup-values" class="setup-values">\n' + "\n".join(fields) + "\n</form>"


def _release_select(cid: str, entry: dict[str, Any]) -> str:
    """The release select under a checked question: newest first and chosen (the default),
    then older ones, and `not given` (as --with CATEGORY: every release with its rules)."""
    product = escape(entry["product"])
    options = [f'<option value="{escape(r["version"])}"'
               + (" selected" if i == 0 else "") + f'>{escape(r["label"])}</option>'
               for i, r in enumerate(reversed(entry["releases"]))]  # fmt: skip
    options.append(f'<option value="">not given: {escape(entry["note"])}</option>')
    return (
        f'<div class="setup-version" data-category="{cid}" hidden>'
        f'<label for="version-{cid}">Your {product} release</label> '
        f'<select id="version-{cid}" name="version" data-category="{cid}">'
        + "".join(options)
        + "</select></div>"
    )


def _question(category: dict[str, Any], versions_of: dict[str, Any]) -> str:
    """One checkbox: the question, its help, and the category id it sets; with the release
    select where the release changes the rules."""
    cid = category["id"]
    box = (
        f'<label class="setup-question" for="with-{cid}">'
        f'<input type="checkbox" id="with-{cid}" name="with" value="{cid}"> '
        f"<strong>{raw_html(category['question'])}</strong> <code>{cid}</code><br>"
        f'<span class="setup-help">{raw_html(category["help"])}</span></label>'
    )
    entry = versions_of.get(cid)
    if not entry or not entry["releases"]:
        return box
    return f'<div class="setup-versioned">{box}{_release_select(cid, entry)}</div>'


INTRO = """\
The rules your cluster needs, first; below them, what your cluster runs and your group IDs.
They are exactly what `eks-sg rules --with ...` prints for the same answers, and the link in
your address bar reproduces the selection. Each row says whether you add it, AWS creates it,
or another selected rule already allows it. Every cluster gets the baseline (the AWS defaults
and the minimum rules).
"""


def _plan_gate() -> str:
    """Where the rules go next: the same setup, judged in CI before every apply."""
    link = paths.href(PAGE, paths.DOCS / "plan-gate.md")
    return (
        "## Keep them: check every change before apply\n\n"
        "Once these rules are in your Terraform or CloudFormation, `eks-sg audit --plan plan.json` "
        "(or `--template FILE`) with the same `--with` as the command line above fails the pull "
        "request that would drop one of them, on the line to change: "
        f"[Check a change before it is applied]({link})."
    )


def _page(ref: Reference, data: dict[str, Any]) -> str:
    questions = [_question(c, data["releases_of"]) for c in data["categories"] if not c["baseline"]]
    form = '<form id="setup-form" class="setup-form">\n' + "\n".join(questions) + "\n</form>"
    bar = ('<div class="setup-count-bar"><a id="setup-count" class="setup-count" '
           'href="#its-rules" aria-live="polite">Loading the rules…</a></div>')  # fmt: skip
    # A <div> block: Markdown would wrap a bare <a> in a <p>, and a sticky element sticks
    # only inside its parent (the article is the parent of the <div>).
    result = (
        '<div id="setup-result" class="setup-result">'
        "Loading the rules (this page needs JavaScript).</div>"
    )
    values = (
        "Fill in what you know: every download and the command line take it (a value the "
        "command line would refuse is not used, and says why).\n\n"
        '<p id="setup-no-values" hidden>This setup adds no rule, so it needs no group ID and '
        "no value.</p>\n\n" + _value_fields(ref)
    )
    script = f'<script src="{paths.href(PAGE, paths.SETUP_SCRIPT)}"></script>'
    parts = (INTRO, bar, "## Its rules {#its-rules}", result, "## Your cluster runs", form,
             "## Your group IDs and values", values, _plan_gate(), script)  # fmt: skip
    return page("Pick your setup", *parts)


PAGE = paths.SETUP_PAGE


def render(ref: Reference, found: list[Variant] | None = None) -> dict[PurePosixPath, str]:
    """The page and selection.json; `found`: the sharing variants, if computed already."""
    data = document(ref, found)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"
    return {paths.SETUP_DATA: text, PAGE: _page(ref, data)}
