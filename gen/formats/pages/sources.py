"""docs/reference/sources.md: every cited document, the revision read, its verbatim excerpts
and what each backs, and the facts that are inferred rather than quoted (with the reasoning)."""

from __future__ import annotations

from pathlib import PurePosixPath

from gen.formats import paths
from gen.formats.links import rule_link
from gen.formats.markdown import code, inline, page
from gen.reference.model import Excerpt, IstioPort, Reference, Rule, Source

PATH = paths.SOURCES

INTRO = """\
Every rule and port names the documents it comes from, and the excerpts (quoted word for word
below) that state it; a fact no excerpt states is listed under
[Inferred, not quoted](#inferred) with the reasoning. Where sources disagree, the rule's notes
say which one the reference follows and why. "Revision" is the exact upstream version read (a
tag and commit, or the day a page was read); "Checked" is the day someone last checked the facts
that cite the source.
"""


def _port_link(port: IstioPort) -> str:
    return f"[{code(port.key)}]({paths.href(PATH, paths.ISTIO_PORTS)})"


def _rules_naming(ref: Reference) -> dict[str, list[Rule]]:
    """The rules that name each source id and each excerpt (`source#excerpt`), in data order:
    indexed once (each source and excerpt asks, and there are as many rules as the data has)."""

    def index() -> dict[str, list[Rule]]:
        found: dict[str, list[Rule]] = {}
        for rule in ref.rules:
            for name in dict.fromkeys([*rule.sources, *rule.backed_by]):
                found.setdefault(name, []).append(rule)
        return found

    return ref.derived(("rules-naming",), index)


def _citations(ref: Reference, source: Source) -> str:
    rules = [rule_link(PATH, r) for r in _rules_naming(ref).get(source.id, [])]
    cited = rules + [_port_link(p) for p in ref.istio.ports if source.id in p.sources]
    return ", ".join(cited) if cited else "nothing yet"


def _backing(ref: Reference, ref_id: str) -> str:
    """The rules and ports that name one excerpt."""
    rules = [rule_link(PATH, r) for r in _rules_naming(ref).get(ref_id, [])]
    ports = [_port_link(p) for p in ref.istio.ports if ref_id in p.backed_by]
    return ", ".join(rules + ports) or "nothing yet"


def _excerpt(ref: Reference, source: Source, excerpt: Excerpt) -> str:
    ref_id = f"{source.id}#{excerpt.id}"
    return (
        f'    - <span id="{source.id}-{excerpt.id}"></span>{code(excerpt.id)} '
        f'({inline(excerpt.where)}): "{inline(excerpt.text)}" Backs: {_backing(ref, ref_id)}'
    )


def _section(ref: Reference, source: Source) -> str:
    where = f"<{source.url}>" if source.url else inline(source.location or "not public")
    if source.original_brief:  # published as a page: a link readers can open, not a file path
        where = f"[Its text, on this site]({paths.href(PATH, paths.BRIEF)})"
    excerpts = [_excerpt(ref, source, e) for e in source.excerpts]
    return "\n".join(
        [
            f"## {inline(source.title)} {{#{source.id}}}",
            "",
            f"- Id: {code(source.id)}",
            f"- Where: {where}",
            f"- Revision: {inline(source.revision or 'not recorded')}",
            f"- Checked: {source.checked.isoformat()}",
            *([f"- What it says: {inline(source.quote)}"] if source.quote else []),
            *(["- Excerpts (verbatim):", *excerpts] if excerpts else ["- Excerpts: none yet"]),
            f"- Cited by: {_citations(ref, source)}",
        ]
    )


def _inferred_line(item: Rule | IstioPort, ref: Reference) -> str:
    label = rule_link(PATH, item) if isinstance(item, Rule) else _port_link(item)
    return f"- {label}: {inline(item.inferred or '')}"


def _inferred(ref: Reference) -> str:
    items: list[Rule | IstioPort] = [r for r in ref.rules if r.inferred]
    items += [p for p in ref.istio.ports if p.inferred]
    lines = [_inferred_line(item, ref) for item in items] or ["None."]
    return "## Inferred, not quoted {#inferred}\n\n" + "\n".join(lines)


def render(ref: Reference) -> dict[PurePosixPath, str]:
    sections = [_section(ref, s) for s in ref.sources]
    return {PATH: page("Sources", INTRO, *sections, _inferred(ref), boost=0.2)}
