"""docs/reference/<group>.md: one page per security-group role.

Two tables (inbound, outbound), then every rule in detail, grouped by its first category,
under a heading whose anchor is the rule id, with its AWS CLI command ready to copy.
"""

from __future__ import annotations

import itertools
from pathlib import PurePosixPath

from gen import aws_commands, paths
from gen.formats import cloudformation, terraform
from gen.formats.labels import PROTOCOL_NAMES, ports_text
from gen.formats.links import category_links, peer, source_links
from gen.formats.markdown import code, inline, page, table
from gen.model import Reference, Rule, SecurityGroup

HEADERS = ("Rule", "Protocol", "Ports", "{peer}", "Categories", "Description", "Sources")


def _row(rule: Rule, page: PurePosixPath) -> list[str]:
    return [
        f"[{code(rule.id)}](#{rule.id})", PROTOCOL_NAMES[rule.protocol], code(ports_text(rule)),
        peer(page, rule), category_links(page, rule.categories), inline(rule.description),
        source_links(page, rule.sources),
    ]  # fmt: skip


def reading_order(ref: Reference, rules: list[Rule]) -> list[Rule]:
    """Rules by their first category (in the data's category order), then id."""
    order = {c.id: i for i, c in enumerate(ref.categories)}
    return sorted(rules, key=lambda r: (order.get(r.categories[0], 99), r.id))


def _rule_table(ref: Reference, rules: list[Rule], direction: str) -> str:
    chosen = [r for r in reading_order(ref, rules) if r.direction == direction]
    title = f"## {direction.capitalize()} rules\n\n"
    if not chosen:
        return title + f"This group has no {direction} rules in the reference.\n"
    headers = [
        h.format(peer="Source" if direction == "inbound" else "Destination") for h in HEADERS
    ]
    rows = table(headers, [_row(r, paths.group_page(r.group)) for r in chosen])
    return title + f'<div class="rule-table" markdown>\n\n{rows}\n</div>\n'


def _facts(group: SecurityGroup) -> str:
    page = paths.group_page(group.id)
    files = (paths.rules_csv(group.id), paths.script("apply", group.id),
             paths.script("revoke", group.id), paths.terraform(group.id),
             paths.cloudformation(group.id))  # fmt: skip
    downloads = ", ".join(
        f"[{file.relative_to(paths.DOWNLOADS)}]({paths.href(page, file)})" for file in files
    )
    facts = [
        ("Role id", code(group.id)),
        ("Seed name", inline(group.seed_name or "(not in the seed)")),
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


def _detail(rule: Rule, ref: Reference) -> str:
    page = paths.group_page(rule.group)
    lines = [
        f"#### {code(rule.id)} {{#{rule.id}}}",
        "",
        inline(rule.description),
        "",
        f"**{PROTOCOL_NAMES[rule.protocol]} {code(ports_text(rule))}**, "
        f"{rule.direction} {'from' if rule.direction == 'inbound' else 'to'} {peer(page, rule)}; "
        f"categories: {category_links(page, rule.categories)}; "
        f"sources: {source_links(page, rule.sources)}.",
    ]
    if rule.notes:
        lines += ["", f'!!! note ""\n    {inline(rule.notes)}']
    return "\n".join(lines) + "\n\n" + _snippet(rule, ref)


def _details(ref: Reference, rules: list[Rule]) -> str:
    categories = {c.id: c for c in ref.categories}
    out = ["## Rules by category"]
    for first, chosen in itertools.groupby(reading_order(ref, rules), lambda r: r.categories[0]):
        category = categories[first]
        out.append(f"### {inline(category.title)}\n\n{inline(category.meaning)}")
        out += [_detail(rule, ref) for rule in chosen]
    return "\n\n".join(out)


def group_page(ref: Reference, group: SecurityGroup) -> str:
    rules = [r for r in ref.rules if r.group == group.id]
    return page(
        inline(group.title),
        _facts(group),
        _rule_table(ref, rules, "inbound"),
        _rule_table(ref, rules, "outbound"),
        _details(ref, rules),
    )


def render(ref: Reference) -> dict[PurePosixPath, str]:
    return {paths.group_page(g.id): group_page(ref, g) for g in ref.security_groups}
