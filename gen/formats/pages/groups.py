"""docs/reference/<group>.md: one page per security-group role.

Two tables made for scanning (inbound, outbound: ports, protocol and peer first, the
description, whether the rule is required), then every rule in detail, grouped by its first
category, under a heading whose anchor is the rule id (the ports in the table link there), with
its id, categories, sources and AWS CLI command. The tables are left out of the search index:
the detail reads as sentences, so search results show those.
"""

from __future__ import annotations

import itertools
from pathlib import PurePosixPath

from gen.aws import commands as aws_commands
from gen.formats import cloudformation, diagrams, paths, terraform
from gen.formats.labels import PROTOCOL_NAMES, ports_text
from gen.formats.links import category_links, peer, rule_link, source_links
from gen.formats.markdown import code, inline, page, table
from gen.formats.pages import errors
from gen.reference.model import Reference, Rule, SecurityGroup
from gen.select import Setup, egress_roles, variant_of

SEARCH_BOOST = 3  # rule entries above the pages that mention them
HEADERS = ("Ports", "Protocol", "{peer}", "Description", "Needed")


def required(ref: Reference, rule: Rule) -> bool:
    """Whether every cluster needs the rule: one of its categories is a baseline one."""
    return not ref.category_ids("baseline").isdisjoint(rule.categories)


Covers = dict[str, Rule]
"""Each optional rule of a group that a required rule already allows, and the first such rule."""


def covered(ref: Reference, rules: list[Rule]) -> Covers:
    """The optional rules of one group that a required rule already allows: with the baseline
    in place, adding one changes nothing (the setup picker folds it away). Judged once, as the
    selection judges it: the coverers of gen/select.py (each rule's half of its flow, through
    gen/reference/flows.py)."""
    # Not AWS's default rules: a setup that restricts egress replaces those.
    minimum = {c.id for c in ref.categories if c.baseline and not c.aws_default}
    required_ids = {r.id for r in rules if minimum & set(r.categories)}
    by_id = {r.id: r for r in rules}
    order = {rule.id: i for i, rule in enumerate(ref.rules)}
    coverers = variant_of(ref, {}, egress_roles(ref, Setup())).coverers
    found: Covers = {}
    for rule in (r for r in rules if not required(ref, r)):
        by = [by_id[c] for c in coverers[rule.id] if c in required_ids]
        if by:
            found[rule.id] = min(by, key=lambda r: order[r.id])
    return found


def need_badge(
    ref: Reference, rule: Rule, covers: Covers, page: PurePosixPath | None = None
) -> str:
    """`required`, or `optional` (and, given the page, links to the categories needing it),
    and `covered` when a required rule already allows it."""
    if required(ref, rule):
        return '<span class="need need--required">required</span>'
    badge = '<span class="need need--optional">optional</span>'
    if page:
        badge += f" {category_links(page, rule.categories)}"
    if rule.id in covers:
        badge += ' <span class="need need--covered">covered</span>'
    return badge


def _row(ref: Reference, rule: Rule, page: PurePosixPath, covers: Covers) -> list[str]:
    ports = f'[{inline(ports_text(rule))}](#{rule.id} "{rule.id}"){{ .rule-port }}'
    return [ports, PROTOCOL_NAMES[rule.protocol], peer(page, rule), inline(rule.description),
            need_badge(ref, rule, covers, page)]  # fmt: skip


def reading_order(ref: Reference, rules: list[Rule]) -> list[Rule]:
    """Rules by their first category (in the data's category order), then id."""
    order = {c.id: i for i, c in enumerate(ref.categories)}
    return sorted(rules, key=lambda r: (order.get(r.categories[0], 99), r.id))


def _rule_table(ref: Reference, rules: list[Rule], direction: str, covers: Covers) -> str:
    chosen = [r for r in reading_order(ref, rules) if r.direction == direction]
    title = f"## {direction.capitalize()} rules\n\n"
    if not chosen:
        return title + f"This group has no {direction} rules in the reference.\n"
    headers = [
        h.format(peer="Source" if direction == "inbound" else "Destination") for h in HEADERS
    ]
    rows = table(headers, [_row(ref, r, paths.group_page(r.group), covers) for r in chosen])
    return title + f'<div class="rule-table" data-search-exclude markdown>\n\n{rows}\n</div>\n'


def _download(page: PurePosixPath, file: PurePosixPath) -> str:
    """A link to a download, named by its path inside docs/downloads."""
    return f"[{file.relative_to(paths.DOWNLOADS)}]({paths.href(page, file)})"


def _facts(group: SecurityGroup) -> str:
    page = paths.group_page(group.id)
    scripts = " and ".join(_download(page, paths.script(action)) for action in ("apply", "revoke"))
    downloads = ", ".join([_download(page, paths.rules_csv(group.id)),
                           f"{scripts} with {code(f'--group {group.id}')}",
                           _download(page, paths.terraform(group.id)),
                           _download(page, paths.cloudformation(group.id))])  # fmt: skip
    facts = [
        ("Role id", code(group.id)),
        ("Name in older EKS guides", inline(group.seed_name or "(not in them)")),
        ("Attached to", inline(group.attached_to)),
        ("Created by", inline(group.created_by)),
        ("Shell variable", code(f"${group.variable}")),
        ("Downloads", downloads),
    ]
    if group.notes:
        facts.append(("Notes", inline(group.notes)))
    return "\n".join(f"- **{name}:** {value}" for name, value in facts)


def _snippet(rule: Rule, ref: Reference) -> str:
    add, remove = aws_commands.authorize_and_revoke(rule, aws_commands.Values.variables(ref))
    indent = lambda text: "\n".join(("    " + line).rstrip() for line in text.splitlines())  # noqa: E731
    return (
        f'=== "Add (AWS CLI)"\n\n    ```bash\n{indent(add)}\n    ```\n\n'
        f'=== "Remove (AWS CLI)"\n\n    ```bash\n{indent(remove)}\n    ```\n\n'
        f'=== "Terraform"\n\n    ```hcl\n{indent(terraform.rule_fragment(ref, rule))}\n    ```\n\n'
        f'=== "CloudFormation"\n\n    ```yaml\n{indent(cloudformation.rule_fragment(ref, rule))}\n'
        "    ```\n"
    )


def _detail(rule: Rule, ref: Reference, covers: Covers) -> str:
    page = paths.group_page(rule.group)
    lines = [
        f"#### {code(rule.id)} {{#{rule.id}}}",
        "",
        f"{need_badge(ref, rule, covers)} {inline(_sentence(rule.description))}",
        "",
        f"**{PROTOCOL_NAMES[rule.protocol]} {inline(ports_text(rule))}**, "
        f"{rule.direction} {'from' if rule.direction == 'inbound' else 'to'} {peer(page, rule)}. "
        f"Categories: {category_links(page, rule.categories)}. "
        f"Sources: {source_links(page, rule.sources)}.",
    ]
    by = covers.get(rule.id)
    if by:
        covered = f"Covered: the required rule {rule_link(page, by)} already allows this traffic"
        lines += ["", covered + ", so with the baseline in place adding this rule changes nothing."]
    if rule.notes:
        lines += ["", f'!!! note ""\n    {inline(rule.notes)}']
    seen = errors.section(rule.id)  # its own short section: what search finds for an error
    return "\n".join(lines) + "\n\n" + _snippet(rule, ref) + (f"\n{seen}\n" if seen else "")


def _sentence(text: str) -> str:
    """The description as a sentence in search snippets: ends with a full stop."""
    return text if text.rstrip().endswith((".", "!", "?", ")")) else text.rstrip() + "."


def _details(ref: Reference, rules: list[Rule], covers: Covers) -> str:
    categories = {c.id: c for c in ref.categories}
    out = ["## Rules by category"]
    for first, chosen in itertools.groupby(reading_order(ref, rules), lambda r: r.categories[0]):
        category = categories[first]
        out.append(f"### {inline(category.title)}\n\n{inline(category.meaning)}")
        out += [_detail(rule, ref, covers) for rule in chosen]
    return "\n\n".join(out)


def _diagram(ref: Reference, group: SecurityGroup, rules: list[Rule]) -> str:
    required_ids = {r.id for r in rules if required(ref, r)}
    return (
        "## Traffic\n\nSolid arrows are required traffic, dotted ones optional (an add-on or "
        "a recommendation); the tables below list the same rules.\n\n"
        + diagrams.group_diagram(ref, group, required_ids)
    )


def group_page(ref: Reference, group: SecurityGroup) -> str:
    rules = [r for r in ref.rules if r.group == group.id]
    covers = covered(ref, rules)
    return page(
        inline(group.title),
        _facts(group),
        _diagram(ref, group, rules),
        _rule_table(ref, rules, "inbound", covers),
        _rule_table(ref, rules, "outbound", covers),
        _details(ref, rules, covers),
        boost=SEARCH_BOOST,
    )


def render(ref: Reference) -> dict[PurePosixPath, str]:
    return {paths.group_page(g.id): group_page(ref, g) for g in ref.security_groups}
