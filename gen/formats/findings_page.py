"""docs/reference/findings.md: what the consistency checks found, and how the seed was corrected."""

from __future__ import annotations

from pathlib import PurePosixPath

from gen import checks
from gen.formats.markdown import code, inline, page, table
from gen.formats.refs import REFERENCE, category_links, rule_link
from gen.formats.text import PROTOCOL_NAMES, ports_text, status_text
from gen.model import Reference, Rule

PATH = PurePosixPath(REFERENCE) / "findings.md"

INTRO = """\
`eks-sg validate` checks the reference for consistency on every build:

- **Mirrors.** Traffic from group A to group B needs an outbound rule on A *and* an inbound
  rule on B. Every rule whose peer is another group must have its mirror on that group, in the
  same category or a baseline one, unless the peer side is already open (outbound all to
  `0.0.0.0/0`).
- **Istio.** Every rule in an Istio category names the Istio ports it serves, and those ports
  name the rule back.
"""


def _result(ref: Reference) -> str:
    found = checks.problems(ref)
    if not found:
        return "## Result\n\nNo findings: every check passes on the current data."
    return "## Result\n\n" + "\n".join(f"- {inline(p.message)}" for p in found)


def _traffic(rule: Rule) -> str:
    source, target = (rule.peer, rule.group) if rule.direction == "inbound" else (
        rule.group, rule.peer)  # fmt: skip
    return (
        f"{code(source)} → {code(target)} {PROTOCOL_NAMES[rule.protocol]} {code(ports_text(rule))}"
    )


def _mirrors(ref: Reference) -> str:
    rows = [
        [rule_link(m.rule), _traffic(m.rule), rule_link(m.mirror) if m.mirror else "**missing**"]
        for m in checks.mirrors(ref)
    ]
    return "## Mirrors\n\n" + table(["Rule", "Traffic", "Mirror on the peer"], rows)


def _seed_gaps(ref: Reference) -> str:
    """The mirror check run on the seed's rules alone (plus AWS's defaults), and what closes it."""
    seed = [r for r in ref.rules if "seed" in r.sources or "default" in r.categories]
    gaps = [m.rule for m in checks.mirrors(ref.model_copy(update={"rules": seed})) if not m.mirror]
    closed = {m.rule.id: m.mirror for m in checks.mirrors(ref)}
    rows = [
        [rule_link(r), _traffic(r), rule_link(closed[r.id]) if closed[r.id] else "**open**"]
        for r in gaps
    ]
    text = (
        "## Mirror gaps in the seed\n\nThe same check on the seed's rules alone (with the "
        "rules AWS creates by default) finds traffic that one group allows and the other "
        "does not. The data adds the missing half:\n\n"
    )
    return text + table(["Seed rule", "Traffic", "Closed by"], rows) if rows else ""


def _seed_rules(ref: Reference) -> str:
    rows = [
        [rule_link(r), category_links(r.categories), inline(r.notes or "")]
        for r in ref.rules
        if "seed" in r.sources and r.notes
    ]
    title = "## Where the seed differs from current sources"
    text = f"{title}\n\nSeed rules with a correction or a caveat:\n\n"
    return text + table(["Rule", "Categories", "What changed"], rows)


def _seed_ports(ref: Reference) -> str:
    rows = []
    for p in ref.istio.ports:
        changed = p.status != "current" or p.previous_protocol or ("seed" not in p.sources)
        if changed and p.component in ("sidecar", "istiod"):
            what = inline(p.notes or "")
            if p.previous_protocol:
                was, now = inline(p.previous_protocol), inline(p.protocol)
                what = f"The seed writes {was}; istio.io now {now}. {what}"
            rows.append(
                [
                    code(f"{p.component}:{p.port}"),
                    inline(status_text(p)),
                    "yes" if "seed" in p.sources else "no",
                    what,
                ]
            )
    return "Istio ports that changed since the seed:\n\n" + table(
        ["Port", "Status", "In the seed", "What changed"], rows
    )


def _additions(ref: Reference) -> str:
    rows = []
    for c in ref.categories:
        added = [r for r in ref.rules if c.id == r.categories[0] and "seed" not in r.sources]
        if added:
            rows.append([category_links([c.id]), ", ".join(rule_link(r) for r in added)])
    return "## Rules beyond the seed\n\n" + table(["Category", "Rules"], rows)


def render(ref: Reference) -> dict[PurePosixPath, str]:
    body = [INTRO, _result(ref), _seed_gaps(ref), _mirrors(ref), _seed_rules(ref),
            _seed_ports(ref), _additions(ref)]  # fmt: skip
    return {PATH: page("Consistency findings", *body)}
