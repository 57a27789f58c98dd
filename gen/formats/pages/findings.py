"""docs/reference/findings.md: what the consistency checks found, and how the data corrects the
older EKS guide it started from (the original brief, source `original_brief: true`)."""

from __future__ import annotations

from pathlib import PurePosixPath

from gen.formats import paths
from gen.formats.labels import PROTOCOL_NAMES, ports_text, status_text
from gen.formats.links import category_links, group_link, rule_link
from gen.formats.markdown import code, inline, page, table
from gen.reference import consistency
from gen.reference.model import Reference, Rule

PATH = paths.FINDINGS


def _rule(rule: Rule) -> str:
    return rule_link(PATH, rule)


def _categories(ids: list[str]) -> str:
    return category_links(PATH, ids)


def _intro() -> str:
    """The checks, explained in the words `eks-sg validate` prints their ids with."""
    checks = [f"- **{c.title}** (`{c.id}`). {c.explanation}" for c in consistency.CHECKS]
    return "`eks-sg validate` checks the reference for consistency on every build:\n\n" + (
        "\n".join(checks)
    )


def _result(ref: Reference) -> str:
    found = consistency.problems(ref)
    if not found:
        return "## Result\n\nNo findings: every check passes on the current data."
    lines = [f"- `{p.check}`: {inline(p.message)}" for p in found]
    return "## Result\n\n" + "\n".join(lines)


def _from_brief(ref: Reference, item_sources: list[str]) -> bool:
    brief = ref.original_brief
    return brief is not None and brief.id in item_sources


def _traffic(rule: Rule) -> str:
    source, target = (rule.peer, rule.group) if rule.direction == "inbound" else (
        rule.group, rule.peer)  # fmt: skip
    return (
        f"{code(source)} → {code(target)} {PROTOCOL_NAMES[rule.protocol]} {code(ports_text(rule))}"
    )


def _mirrors(mirrors: list[consistency.Mirror]) -> str:
    rows = [
        [
            _rule(m.rule),
            _traffic(m.rule),
            _rule(m.mirror) if m.mirror else "**missing**",
        ]
        for m in mirrors
    ]
    return "## Mirrors\n\n" + table(["Rule", "Traffic", "Mirror on the peer"], rows)


def _seed_gaps(ref: Reference, mirrors: list[consistency.Mirror]) -> str:
    """The mirror check run on the seed's rules alone (plus AWS's defaults), and what closes it."""
    aws_default = {c.id for c in ref.categories if c.aws_default}
    seed = [r for r in ref.rules if _from_brief(ref, r.sources) or aws_default & set(r.categories)]
    gaps = [
        m.rule for m in consistency.mirrors(ref.model_copy(update={"rules": seed})) if not m.mirror
    ]
    closed = {m.rule.id: m.mirror for m in mirrors}
    rows = [
        [
            _rule(r),
            _traffic(r),
            _rule(closed[r.id]) if closed[r.id] else "**open**",
        ]
        for r in gaps
    ]
    text = (
        "## Mirror gaps in the older EKS guide {#mirror-gaps-in-the-older-guide}\n\n"
        "The same check on the older EKS guide's rules alone (with the "
        "rules AWS creates by default) finds traffic that one group allows and the other "
        "does not. The data adds the missing half:\n\n"
    )
    return text + table(["Rule in the guide", "Traffic", "Closed by"], rows) if rows else ""


def _seed_rules(ref: Reference) -> str:
    rows = [
        [_rule(r), _categories(r.categories), inline(r.notes or "")]
        for r in ref.rules
        if _from_brief(ref, r.sources) and r.notes
    ]
    title = "## Where the older EKS guide differs from current sources"
    anchor = "{#where-the-older-guide-differs-from-current-sources}"
    brief = "[older EKS guide](../original-brief.md)"
    text = f"{title} {anchor}\n\nRules of the {brief} with a correction or a caveat:\n\n"
    return text + table(["Rule", "Categories", "What changed"], rows) + _seed_groups(ref)


def _seed_groups(ref: Reference) -> str:
    """The seed's groups whose description needs a correction (name, what they attach to)."""
    rows = [
        [group_link(PATH, g.id), inline(g.seed_name or ""), inline(g.notes or "")]
        for g in ref.security_groups
        if g.seed_name and g.notes
    ]
    if not rows:
        return ""
    return "\nGroups of the older EKS guide with a correction or a caveat:\n\n" + table(
        ["Group", "Name in the guide", "What changed"], rows
    )


def _seed_ports(ref: Reference) -> str:
    """Ports of the components the brief lists whose status, protocol or presence changed."""
    listed = {p.component for p in ref.istio.ports if _from_brief(ref, p.sources)}
    rows = []
    for p in ref.istio.ports:
        in_brief = _from_brief(ref, p.sources)
        changed = p.status != "current" or p.previous_protocol or not in_brief
        if changed and p.component in listed:
            what = inline(p.notes or "")
            if p.previous_protocol:
                was, now = inline(p.previous_protocol), inline(p.protocol)
                what = f"The older guide writes {was}; istio.io now {now}. {what}"
            rows.append(
                [
                    code(f"{p.component}:{p.port}"),
                    inline(status_text(p)),
                    "yes" if in_brief else "no",
                    what,
                ]
            )
    return "Istio ports that changed since the older EKS guide:\n\n" + table(
        ["Port", "Status", "In the guide", "What changed"], rows
    )


def _additions(ref: Reference) -> str:
    added: dict[str, list[Rule]] = {}  # by first category: one pass over the rules
    for r in ref.rules:
        if not _from_brief(ref, r.sources):
            added.setdefault(r.categories[0], []).append(r)
    rows = [[_categories([c.id]), ", ".join(_rule(r) for r in added[c.id])]
            for c in ref.categories if c.id in added]  # fmt: skip
    return "## Rules beyond the older EKS guide {#rules-beyond-the-older-guide}\n\n" + table(
        ["Category", "Rules"], rows
    )


def render(ref: Reference) -> dict[PurePosixPath, str]:
    mirrors = consistency.mirrors(ref)
    body = [_intro(), _result(ref), _seed_gaps(ref, mirrors), _mirrors(mirrors), _seed_rules(ref),
            _seed_ports(ref), _additions(ref)]  # fmt: skip
    return {PATH: page("Consistency findings", *body, boost=0.3)}
