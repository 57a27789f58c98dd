"""Links between the generated pages. Paths are relative to docs/reference/ unless `base` says."""

from __future__ import annotations

from gen.formats.markdown import code, inline, link
from gen.model import Reference, Rule

REFERENCE = "docs/reference"


def group_link(group: str, base: str = "") -> str:
    return link(code(group), f"{base}{group}.md")


def rule_link(rule: Rule, base: str = "") -> str:
    return link(code(rule.id), f"{base}{rule.group}.md#{rule.id}")


def category_links(ids: list[str], base: str = "") -> str:
    return ", ".join(link(inline(c), f"{base}categories.md#{c}") for c in ids)


def source_links(ids: list[str], base: str = "") -> str:
    return ", ".join(link(inline(s), f"{base}sources.md#{s}") for s in ids)


def peer(rule: Rule, ref: Reference) -> str:
    """`self`, a CIDR, or a link to the peer group's page."""
    groups = {g.id for g in ref.security_groups}
    return group_link(rule.peer) if rule.peer in groups else code(rule.peer)


def rules_by_id(ref: Reference) -> dict[str, Rule]:
    return {rule.id: rule for rule in ref.rules}
