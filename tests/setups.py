"""Random setups for the format tests: categories (never two that exclude each other), maybe
nodes sharing the cluster group, maybe only some groups, maybe some IDs and values given."""

from __future__ import annotations

from hypothesis import strategies as st

from gen.aws.commands import Values
from gen.aws.shell import Var
from gen.reference import versions
from gen.reference.model import Reference
from gen.select import Selection, Setup, select


def _compatible(ref: Reference, chosen: list[str]) -> tuple[str, ...]:
    kept: list[str] = []
    excludes = {c.id: set(c.excludes) for c in ref.categories}
    for cid in chosen:
        if not any(cid in excludes[k] or k in excludes[cid] for k in kept):
            kept.append(cid)
    return tuple(kept)


def release_words(ref: Reference) -> list[str]:
    """`karpenter@0.32.0`, ...: the first release of every span of every versioned product."""
    return [f"{product}@{span.first}" for product in versions.products(ref)
            for span in versions.spans(ref, product) if span.first]  # fmt: skip


@st.composite
def selections(draw, ref: Reference) -> tuple[Selection, Values]:
    """A setup (sometimes with a release named, as `--with karpenter@1.0.0` names it) and
    the IDs and values given."""
    words = draw(st.lists(st.sampled_from(release_words(ref)), max_size=1))
    brought, releases = versions.choose(ref, words)
    theirs = {c.id for r in releases for c, _ in versions.products(ref)[r.product]}
    optional = [c.id for c in ref.categories if not c.baseline and c.id not in theirs]
    drawn = draw(st.lists(st.sampled_from(optional), unique=True))
    chosen = _compatible(ref, list(dict.fromkeys([*brought, *drawn])))
    sharing = (("node", "cluster"),) if draw(st.booleans()) and draw(st.booleans()) else ()
    roles = [g.id for g in ref.security_groups]
    groups = tuple(draw(st.lists(st.sampled_from(roles), unique=True, max_size=2)))
    selection = select(ref, Setup(chosen, sharing, groups, releases=releases))
    ids = {g.id: f"sg-{i:017x}" for i, g in enumerate(ref.security_groups, 1)}
    values = Values(
        {r: (ids[r] if draw(st.booleans()) else Var(g.variable))
         for r, g in ((g.id, g) for g in ref.security_groups)},
        {p.id: (p.example if draw(st.booleans()) else Var(p.variable)) for p in ref.parameters},
    )  # fmt: skip
    return selection, values


def valid_setups(ref: Reference) -> st.SearchStrategy[tuple[str, ...]]:
    ids = [c.id for c in ref.categories if not c.baseline]
    excluded = {(c.id, other) for c in ref.categories for other in c.excludes}

    def clash(chosen):
        return any((a, b) in excluded or (b, a) in excluded for a in chosen for b in chosen)

    return (
        st.lists(st.sampled_from(ids), unique=True, max_size=8)
        .map(tuple)
        .filter(lambda c: not clash(c))
    )
