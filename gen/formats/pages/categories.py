"""docs/reference/categories.md: what each category or add-on means and which rules it has."""

from __future__ import annotations

from pathlib import PurePosixPath

from gen.formats import paths
from gen.formats.links import parameter_anchor, rule_link
from gen.formats.markdown import code, inline, page, table
from gen.reference import versions
from gen.reference.model import Category, Parameter, Reference, Rule

PATH = paths.CATEGORIES

INTRO = """\
Every rule belongs to one or more categories: what every cluster has (the *baseline*: the rules
AWS creates and the rules nodes need to join), the setups you choose (load balancers, Istio,
hybrid nodes, ...), and the add-ons that need ports of their own. Pick the categories your
cluster runs in the [setup picker](../setup/index.md), or `eks-sg rules --with istio,nlb`, and
apply exactly their rules. Where a port moved between releases, a category says which releases
it is for: name your release instead, `eks-sg rules --with karpenter@1.0.3` (or the picker's
release select), and you get the category it needs, or none (see [Releases](#releases)).
"""

RELEASES_INTRO = """\
`--with PRODUCT@VERSION` (`eks-sg rules`, `eks-sg audit`, the `eks-sg/with` tag) picks the
category a release needs; every output then says which releases each of its rules is for
(`karpenter 1.0.x`). `--with CATEGORY` without a release means the category's rules for every
release it lists. The reference knows each product from its first release listed here: an older
one is refused (exit 2) rather than guessed.
"""


def by_category(ref: Reference) -> dict[str, list[Rule]]:
    """The rules of each category (a rule is in every category it names)."""
    found: dict[str, list[Rule]] = {c.id: [] for c in ref.categories}
    for rule in ref.rules:
        for category in rule.categories:
            found[category].append(rule)
    return found


def versions_text(category: Category) -> str:
    """The releases a category is for, e.g. `karpenter 0.32.x or 1.0.x`; empty: every
    release."""
    return versions.category_note(category) if category.versions else ""


def _releases(ref: Reference) -> str:
    """Each versioned product's releases, oldest first, and the category each span needs."""
    products = versions.products(ref)
    if not products:
        return ""
    rows = []
    for product in products:
        for span in versions.spans(ref, product):
            needs = f"[{code(span.category)}](#{span.category})" if span.category else versions.NONE
            example = code(f"{product}@{span.first}") if span.first else "an older release"
            rows.append([code(product), inline(span.label), needs, example])
    headers = ["Product", "Releases", "Needs", "For example"]
    return "## Releases {#releases}\n\n" + RELEASES_INTRO + "\n" + table(headers, rows)


def _summary(ref: Reference, rules: dict[str, list[Rule]]) -> str:
    rows = []
    for c in ref.categories:
        versions = inline(versions_text(c)) or "any"
        rows.append(
            [f"[{code(c.id)}](#{c.id})", inline(c.meaning), versions, str(len(rules[c.id]))]
        )
    return table(["Category", "Meaning", "Versions", "Rules"], rows)


def _versions(category: Category) -> list[str]:
    if not category.versions:
        return []
    items = [
        f"- {inline(span.product)} {inline(versions.label(span.first, span.before))}"
        + (f": {inline(span.note)}" if span.note else "")
        for span in category.versions
    ]
    return ["", "For these releases only:", "", *items]


def _section(category: Category, rules: list[Rule]) -> str:
    flags = [n for n, on in (("baseline", category.baseline), ("Istio", category.istio)) if on]
    lines = [f"## {inline(category.title)} {{#{category.id}}}", "", inline(category.meaning)]
    if flags:
        lines[-1] += f" ({', '.join(flags)})"
    lines += _versions(category)
    rows = [[rule_link(PATH, r), code(r.group), r.direction, inline(r.description)] for r in rules]
    return "\n".join(lines) + "\n\n" + table(["Rule", "Group", "Direction", "Description"], rows)


PARAMETERS_INTRO = """\
Some rules need a value only you know: a port (in the rule's ports), or a network or prefix
list (as the rule's peer). The scripts read each from the shell variable named here.
"""


def _parameter_row(ref: Reference, parameter: Parameter) -> list[str]:
    used = [r for r in ref.rules if parameter.id in (r.port_range.parameter, r.peer_parameter)]
    anchor = f'<span id="{parameter_anchor(parameter.id)}"></span>{code(parameter.id)}'
    return [
        anchor, parameter.kind, inline(parameter.title), code(f"${parameter.variable}"),
        code(str(parameter.example)), inline(parameter.description),
        ", ".join(rule_link(PATH, r) for r in used) or "none",
    ]  # fmt: skip


def _parameters(ref: Reference) -> str:
    if not ref.parameters:
        return ""
    headers = ["Parameter", "Kind", "Title", "Variable", "Example", "Where to find it", "Rules"]
    rows = [_parameter_row(ref, p) for p in ref.parameters]
    return "## Values you supply {#parameters}\n\n" + PARAMETERS_INTRO + "\n" + table(headers, rows)


def render(ref: Reference) -> dict[PurePosixPath, str]:
    rules = by_category(ref)
    sections = [_section(c, rules[c.id]) for c in ref.categories]
    body = [INTRO, _summary(ref, rules), *sections, _releases(ref), _parameters(ref)]
    return {PATH: page("Categories and add-ons", *body)}
