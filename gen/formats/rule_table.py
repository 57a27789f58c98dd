"""`eks-sg rules --format table|markdown`: the selected rules as a table, and what is covered.

`table` is for a terminal (tabulate's plain layout); `markdown` for a change request or a
wiki page (cells escaped like the site's). Both list the covered rules after the table.
"""

from __future__ import annotations

from tabulate import tabulate

from gen.formats.labels import PROTOCOL_NAMES, ports_text
from gen.formats.markdown import code, inline
from gen.formats.markdown import table as markdown_table
from gen.reference.model import Reference, Rule
from gen.reference.words import plural, printable
from gen.select import Selection

COVERED = "Covered (the groups already allow them):"
HEADERS = ("Rule", "Group", "Direction", "Protocol", "Ports", "Peer", "Categories")


def cells(rule: Rule) -> list[str]:
    """One rule's row as plain text: the terminal table's, and the setup picker's."""
    return [rule.id, rule.group, rule.direction, PROTOCOL_NAMES[rule.protocol], ports_text(rule),
            rule.peer, ", ".join(rule.categories)]  # fmt: skip


def _summary(selection: Selection) -> str:
    count = plural(len(selection.rules), "rule")
    return f"{count} for: {', '.join(selection.categories)}"


def terminal(ref: Reference, selection: Selection) -> str:
    """A plain table for a terminal; text from the data is printed with controls escaped."""
    rows = [[printable(cell) for cell in cells(rule)] for rule in selection.rules]
    text = tabulate(rows, HEADERS, tablefmt="simple", disable_numparse=True) if rows else ""
    lines = [_summary(selection), "", text] if rows else [_summary(selection)]
    if selection.covered:
        lines += ["", COVERED]
        lines += [f"  {c.rule.id}  ({c.why})" for c in selection.covered]
    return "\n".join(lines).rstrip("\n") + "\n"


def markdown(ref: Reference, selection: Selection) -> str:
    """A Markdown table, ids and values as code, text escaped as on the site."""
    rows = [[code(c) if i != 6 else inline(c) for i, c in enumerate(cells(r))]
            for r in selection.rules]  # fmt: skip
    parts = [inline(_summary(selection)), markdown_table(HEADERS, rows) if rows else ""]
    if selection.covered:
        covered = [f"- {code(c.rule.id)}: {c.why}" for c in selection.covered]
        parts.append("Covered (the groups already allow them):\n\n" + "\n".join(covered))
    return "\n\n".join(p.strip("\n") for p in parts if p) + "\n"
