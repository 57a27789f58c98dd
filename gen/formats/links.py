"""Links from a generated page to groups, rules, categories and sources (gen/formats/paths.py)."""

from __future__ import annotations

from pathlib import PurePosixPath

from gen.formats import paths
from gen.formats.markdown import code, inline, link
from gen.reference.model import Reference, Rule

Page = PurePosixPath


def group_link(page: Page, group: str) -> str:
    return link(code(group), paths.href(page, paths.group_page(group)))


def rule_link(page: Page, rule: Rule) -> str:
    return link(code(rule.id), paths.href(page, paths.group_page(rule.group), rule.id))


def category_links(page: Page, ids: list[str]) -> str:
    return ", ".join(link(inline(c), paths.href(page, paths.CATEGORIES, c)) for c in ids)


def source_links(page: Page, ids: list[str]) -> str:
    return ", ".join(link(inline(s), paths.href(page, paths.SOURCES, s)) for s in ids)


def parameter_anchor(parameter: str) -> str:
    """The anchor of a parameter's row on the categories page."""
    return f"parameter-{parameter}"


def parameter_link(page: Page, parameter: str) -> str:
    target = paths.href(page, paths.CATEGORIES, parameter_anchor(parameter))
    return link(code(parameter), target)


def peer(page: Page, rule: Rule) -> str:
    """`self`, a CIDR, a link to the peer group's page, or to the parameter holding the peer."""
    if rule.peer_kind == "role":
        return group_link(page, rule.peer)
    if rule.peer_parameter:
        return parameter_link(page, rule.peer_parameter)
    return code(rule.peer)


def rules_by_id(ref: Reference) -> dict[str, Rule]:
    return {rule.id: rule for rule in ref.rules}
