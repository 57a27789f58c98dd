"""docs/downloads/*.csv: rule sheets for change requests and security reviews.

RFC 4180 (comma, double-quote quoting, `\\n` line ends), UTF-8. A cell that a spreadsheet would
run as a formula (starting with = + - @ tab or carriage return), or that starts with the
neutralising quote itself, gets one `'` in front; `original_cell` takes it off again.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from pathlib import PurePosixPath

from gen.aws.commands import Values
from gen.formats import paths
from gen.formats.given import Given, given
from gen.formats.labels import ports_text, status_text
from gen.reference.canonical import sorted_reference
from gen.reference.model import IstioPort, Reference, Rule
from gen.select import Selection

RULE_COLUMNS = (
    "id", "security_group", "direction", "protocol", "ports",
    "peer", "category", "description", "sources", "notes",
)  # fmt: skip
SETUP_COLUMNS = (
    "rule_id", "security_group", "direction", "protocol", "from_port", "to_port", "peer",
    "action", "description", "source_urls", "reference_version", "for_releases",
)  # fmt: skip
"""`eks-sg rules --format csv` (and the picker's CSV): one row per rule of a setup, with the
`--sg` IDs and `--param` values in place, for a change request; `for_releases` says which
releases a rule is for when only versioned categories need it (`karpenter 1.0.x`)."""
ISTIO_COLUMNS = (
    "component",
    "port",
    "protocol",
    "description",
    "pod_internal",
    "status",
    "sources",
)
_RISKY_START = ("=", "+", "-", "@", "\t", "\r", "'")
LIST_SEPARATOR = ", "


def safe_cell(text: str) -> str:
    """Neutralise a cell a spreadsheet would treat as a formula."""
    return "'" + text if text.startswith(_RISKY_START) else text


def original_cell(text: str) -> str:
    """The inverse of `safe_cell`, for readers that want the data back."""
    return text[1:] if text.startswith("'") else text


_QUOTED = re.compile(r'[,"\r\n]')
"""What makes the csv module quote a cell (QUOTE_MINIMAL, the excel dialect)."""


def line(row: Iterable[str]) -> str:
    """One CSV record: a sheet is its header's line and then one line per row, so a row can be
    rendered alone (the setup picker joins them) and still give the same bytes."""
    cells = [safe_cell(cell) for cell in row]
    if len(cells) > 1 and not any(_QUOTED.search(cell) for cell in cells):
        return ",".join(cells) + "\n"  # what the csv module writes for such a row
    out = io.StringIO()
    # With `\n` line ends the csv module does not quote a lone `\r`, which readers then take
    # for a line end (RFC 4180 wants it quoted): such rows are written fully quoted.
    quoting = csv.QUOTE_ALL if any("\r" in cell for cell in cells) else csv.QUOTE_MINIMAL
    csv.writer(out, lineterminator="\n", quoting=quoting).writerow(cells)
    return out.getvalue()


def _table(columns: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    return line(columns) + "".join(line(row) for row in rows)


def rule_row(rule: Rule) -> list[str]:
    return [
        rule.id, rule.group, rule.direction, rule.protocol, ports_text(rule), rule.peer,
        LIST_SEPARATOR.join(rule.categories), rule.description,
        LIST_SEPARATOR.join(rule.sources), rule.notes or "",
    ]  # fmt: skip


def istio_row(port: IstioPort) -> list[str]:
    internal = "yes" if port.internal else "no"
    sources = LIST_SEPARATOR.join(port.sources)
    return [port.component, str(port.port), port.protocol, port.description, internal,
            status_text(port), sources]  # fmt: skip


def action(ref: Reference, rule: Rule) -> str:
    """`exists` for a rule AWS creates with its group (an aws_default category), else `add`."""
    created = ref.category_ids("aws_default")
    return "add" if created.isdisjoint(rule.categories) else "exists"


def source_urls(ref: Reference, rule: Rule) -> str:
    """The public address of each source, space-separated (a source that is not public has none:
    the rule sheets name every source by id)."""
    urls = ref.derived(("source-urls",), lambda: {s.id: s.url for s in ref.sources})
    return " ".join(url for i in rule.sources if (url := urls[i]))


def setup_row(ref: Reference, rule: Rule, values: Values, releases: str | None = None) -> list[str]:
    """One rule of a setup (its description already carries the note `releases` gives)."""
    return given_row(ref, rule, given(rule, values), releases)


def given_row(ref: Reference, rule: Rule, cells: Given, releases: str | None) -> list[str]:
    """`setup_row` with the cells the values fill in already made. Its action is `add`: a
    setup lists only the rules to apply (those its groups have from their creation are
    covered, not listed); EC2's default egress is listed where the group lacks it."""
    return [
        rule.id, cells.group, rule.direction, rule.protocol, cells.from_port, cells.to_port,
        cells.peer, "add", rule.description, source_urls(ref, rule), ref.version,
        releases or "",
    ]  # fmt: skip


def render_selection(ref: Reference, selection: Selection, values: Values) -> str:
    """The rule sheet of one setup: the rules to apply, on the groups that carry them, with the
    values given."""
    rows = [setup_row(ref, rule, values, selection.notes.get(rule.id)) for rule in selection.rules]
    return _table(SETUP_COLUMNS, rows)


def sheet_order(ref: Reference) -> list[Rule]:
    """The rule sheets' order: group, direction, the rules every cluster needs (a baseline
    category) before the optional ones, then id."""
    ref = sorted_reference(ref)
    baseline = {c.id for c in ref.categories if c.baseline}
    groups = {g.id: i for i, g in enumerate(ref.security_groups)}
    return sorted(
        ref.rules,
        key=lambda r: (
            groups.get(r.group, 99),
            r.direction,
            not baseline & set(r.categories),
            r.id,
        ),
    )


def render(ref: Reference) -> dict[PurePosixPath, str]:
    rows = [rule_row(rule) for rule in sheet_order(ref)]
    ref = sorted_reference(ref)
    files = {paths.rules_csv(): _table(RULE_COLUMNS, rows)}
    for group in ref.security_groups:  # column 1 is the group
        files[paths.rules_csv(group.id)] = _table(
            RULE_COLUMNS, [r for r in rows if r[1] == group.id]
        )
    files[paths.ISTIO_CSV] = _table(ISTIO_COLUMNS, map(istio_row, ref.istio.ports))
    return files
