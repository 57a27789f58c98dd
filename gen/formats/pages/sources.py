"""docs/reference/sources.md: every cited document, when it was checked, and what cites it."""

from __future__ import annotations

from pathlib import PurePosixPath

from gen.formats import paths
from gen.formats.links import rule_link
from gen.formats.markdown import code, inline, page
from gen.reference.model import Reference, Source

PATH = paths.SOURCES

INTRO = """\
Every rule and port names the documents it comes from. Where sources disagree, the rule's notes
say which one the reference follows and why. A source's date is the day someone last read it to
check the facts that cite it; "What it says" quotes the lines that support the rules citing it,
or points to them.
"""


def _citations(ref: Reference, source: Source) -> str:
    rules = [rule_link(PATH, r) for r in ref.rules if source.id in r.sources]
    ports = [code(f"{p.component}:{p.port}") for p in ref.istio.ports if source.id in p.sources]
    cited = rules + [f"[{p}]({paths.href(PATH, paths.ISTIO_PORTS)})" for p in ports]
    return ", ".join(cited) if cited else "nothing yet"


def _section(ref: Reference, source: Source) -> str:
    where = f"<{source.url}>" if source.url else inline(source.location or "not public")
    if source.original_brief:  # published as a page: a link readers can open, not a file path
        where = f"[The original brief]({paths.href(PATH, paths.BRIEF)})"
    return "\n".join(
        [
            f"## {inline(source.title)} {{#{source.id}}}",
            "",
            f"- Id: {code(source.id)}",
            f"- Where: {where}",
            f"- Checked: {source.checked.isoformat()}",
            *([f"- What it says: {inline(source.quote)}"] if source.quote else []),
            f"- Cited by: {_citations(ref, source)}",
        ]
    )


def render(ref: Reference) -> dict[PurePosixPath, str]:
    return {PATH: page("Sources", INTRO, *(_section(ref, s) for s in ref.sources), boost=0.2)}
