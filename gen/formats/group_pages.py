"""docs/reference/<group>.md: one page per security-group role.

Two tables (inbound, outbound), then every rule in detail, grouped by its first category,
under a heading whose anchor is the rule id, with its AWS CLI command ready to copy.
"""

from __future__ import annotations

import itertools
from pathlib import PurePosixPath

from gen import commands
from gen.formats.markdown import code, inline, page, table
from gen.formats.refs import REFERENCE, category_links, peer, source_links
from gen.formats.text import PROTOCOL_NAMES, ports_text
from gen.model import Reference, Rule, SecurityGroup

REFERENCE_PATH = PurePosixPath(REFERENCE)
HEADERS = ("Rule", "Protocol", "Ports", "{peer}", "Categories", "Description", "Sources")


def _row(rule: Rule, ref: Reference) -> list[str]:
    return [
        f"[{code(rule.id)}](#{rule.id})", PROTOCOL_NAMES[rule.protocol], code(ports_text(rule)),
        peer(rule, ref), category_links(rule.categories), inline(rule.description),
        source_links(rule.sources),
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
    rows = table(headers, [_row(r, ref) for r in chosen])
    return title + f'<div class="rule-table" markdown>\n\n{rows}\n</div>\n'


def _facts(group: SecurityGroup) -> str:
    downloads = ", ".join(
        f"[{name}](../downloads/{name})"
        for name in (f"rules-{group.id}.csv", f"aws-cli/apply-{group.id}.sh",
                     f"aws-cli/revoke-{group.id}.sh")
    )  # fmt: skip
    facts = [
        ("Role id", code(group.id)),
        ("Seed name", inline(group.seed_name or "(not in the seed)")),
        ("Attached to", inline(group.attached_to)),
        ("Created by", inline(group.created_by)),
        ("Shell variable", code(f"${group.variable}")),
        ("Downloads", downloads),
    ]
    return "\n".join(f"- **{name}:** {value}" for name, value in facts)


def _snippet(rule: Rule, ref: Reference) -> str:
    add, remove = commands.authorize_and_revoke(rule, commands.Values.variables(ref))
    indent = lambda text: "\n".join("    " + line for line in text.splitlines())  # noqa: E731
    return (
        f'=== "Add (AWS CLI)"\n\n    ```bash\n{indent(add)}\n    ```\n\n'
        f'=== "Remove (AWS CLI)"\n\n    ```bash\n{indent(remove)}\n    ```\n'
    )


def _detail(rule: Rule, ref: Reference) -> str:
    lines = [
        f"#### {code(rule.id)} {{#{rule.id}}}",
        "",
        inline(rule.description),
        "",
        f"**{PROTOCOL_NAMES[rule.protocol]} {code(ports_text(rule))}**, "
        f"{rule.direction} {'from' if rule.direction == 'inbound' else 'to'} {peer(rule, ref)}; "
        f"categories: {category_links(rule.categories)}; sources: {source_links(rule.sources)}.",
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
        group.title,
        _facts(group),
        _rule_table(ref, rules, "inbound"),
        _rule_table(ref, rules, "outbound"),
        _details(ref, rules),
    )


def render(ref: Reference) -> dict[PurePosixPath, str]:
    return {REFERENCE_PATH / f"{g.id}.md": group_page(ref, g) for g in ref.security_groups}
