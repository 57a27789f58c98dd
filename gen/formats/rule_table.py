"""`eks-sg rules --format table|markdown`: the selected rules as a table, and what is covered.

`table` is for a terminal (plain columns) and fits 100 columns, wrapping the longest
cells (`--wide`: never wrapped); `markdown` for a change request or a wiki page (cells escaped
like the site's). Both show the `--sg`/`--param` values given, list the covered rules after the
table, and end with the one command that applies the setup.
"""

from __future__ import annotations

from gen.aws.commands import Values
from gen.formats import given
from gen.formats.labels import PROTOCOL_NAMES
from gen.formats.markdown import code, inline
from gen.formats.markdown import table as markdown_table
from gen.formats.terminal import WIDTH, paragraph
from gen.formats.terminal import table as terminal_table
from gen.reference.model import Reference, Rule
from gen.reference.versions import NOTE_LEAD, setup_lines
from gen.reference.words import plural, printable
from gen.select import Selection

COVERED = "Covered (the groups already allow them):"
HEADERS = ("Rule", "Group", "Direction", "Protocol", "Ports", "Peer", "Categories")
_SHORTEST = {0: 24, 4: 8, 5: 13, 6: 12}
"""The cells that wrap (Rule, Ports, Peer, Categories) and the fewest characters each keeps."""


def cells(rule: Rule, values: Values | None = None, note: str | None = None) -> list[str]:
    """One rule's row as plain text (the terminal table's, and the setup picker's), with the
    group IDs and parameter values given, and the releases it is for after its categories."""
    values = values or Values({}, {})
    filled = given.given(rule, values)
    categories = ", ".join(rule.categories) + (NOTE_LEAD + note if note else "")
    return [rule.id, filled.group, rule.direction, PROTOCOL_NAMES[rule.protocol],
            given.ports_cell(rule, values), filled.peer, categories]  # fmt: skip


def _summary(ref: Reference, selection: Selection) -> list[str]:
    """`4 rules for: ...`, then what each release named needs and which releases the
    versioned categories in force are for."""
    count = plural(len(selection.rules), "rule")
    releases = setup_lines(ref, selection.categories, selection.setup.releases)
    return [f"{count} for: {', '.join(selection.categories)}", *releases]


def _covered(selection: Selection) -> list[tuple[str, str]]:
    """(id, why) of each covered rule, the releases it is for after why."""
    notes = selection.notes
    return [(c.rule.id, c.why + (NOTE_LEAD + notes[c.rule.id] if c.rule.id in notes else ""))
            for c in selection.covered]  # fmt: skip


def next_step(selection: Selection, values: Values) -> str:
    """The command that turns this setup into changes: the apply script (Terraform where the
    setup has a --share, which a script cannot take)."""
    setup = selection.setup
    words = ["eks-sg", "rules"]
    words += ["--with", ",".join(setup.with_words)] if setup.with_words else []
    words += [f"--group {','.join(setup.groups)}"] if setup.groups else []
    words += [f"--share {role}={carrier}" for role, carrier in setup.sharing]
    words += [f"--sg {role}={v}" for role, v in values.groups.items() if isinstance(v, str)]
    words += [f"--param {name}={v}" for name, v in values.ports.items() if isinstance(v, int | str)]
    if setup.sharing:
        return " ".join([*words, "--format", "terraform", ">", "main.tf"])
    return " ".join([*words, "--format", "aws-cli", ">", "apply-setup.sh"])


def next_lead(selection: Selection) -> str:
    """What the command under the table gives."""
    if selection.setup.sharing:
        return "Next, a Terraform module that adds them (a script cannot take --share)"
    return "Next, the script that adds them (try it with --dry-run)"


def _command_lines(command: str, width: int | None) -> list[str]:
    """A long command over lines ending in ` \\`, broken before its options."""
    if not width or len(command) <= width:
        return [command]
    lines = [""]
    for word in command.replace(" --", "\0--").split("\0"):
        if lines[-1] and len(lines[-1]) + len(word) + 3 > width:
            lines[-1] += " \\"
            lines.append("  ")
        lines[-1] += (" " if lines[-1].strip() else "") + word
    return lines


def _groups_line(values: Values) -> list[str]:
    """The IDs given, once above the table (the table names roles, to fit a terminal)."""
    ids = [f"{role} = {v}" for role, v in values.groups.items() if isinstance(v, str)]
    return [f"Security groups: {', '.join(ids)}", ""] if ids else []


def terminal(
    ref: Reference, selection: Selection, values: Values, width: int | None = WIDTH
) -> str:
    """A plain table for a terminal (`width` None: never wrapped); text from the data is
    printed with controls escaped."""
    named = Values({}, values.ports)  # roles, not IDs, in the cells: _groups_line has those
    notes = selection.notes
    rows = [[printable(cell) for cell in cells(rule, named, notes.get(rule.id))]
            for rule in selection.rules]  # fmt: skip
    lines = [*map(printable, _summary(ref, selection)), "", *_groups_line(values)]
    lines += [terminal_table(HEADERS, rows, width, _SHORTEST)] if rows else []
    if selection.covered:
        lines += ["", COVERED]
        covered = [printable(f"{rule}  ({why})") for rule, why in _covered(selection)]
        lines += [line for text in covered for line in paragraph(text, width, "  ")]
    command = printable(next_step(selection, values))
    lines += ["", next_lead(selection) + ":"]
    lines += _command_lines(command, width)
    return "\n".join(lines).rstrip("\n") + "\n"


def markdown(ref: Reference, selection: Selection, values: Values) -> str:
    """A Markdown table, ids and values as code, text escaped as on the site."""
    notes = selection.notes
    rows = [[code(c) if i != 6 else inline(c)
             for i, c in enumerate(cells(r, values, notes.get(r.id)))]
            for r in selection.rules]  # fmt: skip
    summary, *releases = _summary(ref, selection)
    parts = [inline(summary), "\n".join(f"- {inline(line)}" for line in releases)]
    parts.append(markdown_table(HEADERS, rows) if rows else "")
    if selection.covered:
        covered = [f"- {code(rule)}: {why}" for rule, why in _covered(selection)]
        parts.append("Covered (the groups already allow them):\n\n" + "\n".join(covered))
    parts.append(f"{next_lead(selection)}: {code(next_step(selection, values))}")
    return "\n\n".join(p.strip("\n") for p in parts if p) + "\n"
