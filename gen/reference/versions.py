"""Releases of versioned products (`eks-sg rules --with karpenter@1.0.3`): which category a
release needs, which releases the reference knows, and the note every output gives a rule that
only some releases need. Pure: the CLI decides how to report the answers.

A product's releases fall into spans, cut at every `first` and `before` its categories'
version ranges give: each span needs one category, or none of them ("no rule of its own").
The reference knows the releases from the product's earliest range on (every release, when
that range is open below or says `earlier: none`); it refuses to guess about older ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from gen.reference.model import (
    EC2_DESCRIPTION_MAX,
    Category,
    Reference,
    Rule,
    VersionRange,
    version_key,
)
from gen.reference.problems import INVALID, Problem
from gen.reference.words import shown

VERSION = re.compile(r"v?\d+(\.\d+){0,2}")
NOTE_LEAD = "; for "
"""How a rule's EC2 description carries its note: `... on 8443; for karpenter 1.0.x`."""
NONE = "no rule of its own"


class VersionError(ValueError):
    """A `product@version` the reference cannot answer: no such versioned product, no release
    number, or a release older than the ones it knows (the message lists those)."""


def label(first: str | None, before: str | None) -> str:
    """A stretch of releases in few words, each release it holds written out: `1.0.x` (1.0.0
    up to 1.1.0), `0.33.0-0.33.7`, `0.5.2-0.6.x`, `0.7.0 and later`, `before 1.2`. Only
    letters, digits, dots, dashes and spaces: it goes into EC2 descriptions and CSV cells."""
    if before is None:
        return f"{first} and later"
    if first is None:
        return f"before {before}"
    major, minor, patch = version_key(before)[:3]
    if patch:
        last, family = f"{major}.{minor}.{patch - 1}", None
    elif minor:
        last, family = f"{major}.{minor - 1}.x", (major, minor - 1, 0)
    else:
        last, family = f"{major - 1}.x", (major - 1, 0, 0)
    if version_key(first) == family:
        return last  # 1.0.0 up to 1.1.0: every 1.0 release
    return first if last == first else f"{first}-{last}"


@dataclass(frozen=True)
class Span:
    """Releases of one product that need the same category (None: no rule of their own)."""

    product: str
    first: str | None
    """The first release (as the data writes it); None: every earlier one too."""
    before: str | None
    """The first release after it; None: every later one too."""
    category: str | None

    def holds(self, version: str) -> bool:
        key = version_key(version)
        low = self.first is None or version_key(self.first) <= key
        return low and (self.before is None or key < version_key(self.before))

    @property
    def label(self) -> str:
        return label(self.first, self.before)

    @property
    def text(self) -> str:
        """`karpenter 1.0.x`."""
        return f"{self.product} {self.label}"

    @property
    def answer(self) -> str:
        """`karpenter 1.0.x: category karpenter`, or `...: no rule of its own`."""
        return f"{self.text}: " + (f"category {self.category}" if self.category else NONE)


@dataclass(frozen=True)
class Release:
    """A release a user named (`karpenter@1.0.3`) and the span that holds it."""

    product: str
    version: str
    """As given, without a leading `v`."""
    span: Span

    @property
    def spec(self) -> str:
        """`karpenter@1.0.3`: the `--with` word that names it again."""
        return f"{self.product}@{self.version}"

    @property
    def category(self) -> str | None:
        return self.span.category

    @property
    def text(self) -> str:
        """`karpenter 1.0.3: category karpenter (karpenter 1.0.x)`."""
        said = f"category {self.category}" if self.category else NONE
        return f"{self.product} {self.version}: {said} ({self.span.text})"


def products(ref: Reference) -> dict[str, list[tuple[Category, VersionRange]]]:
    """Every versioned product, with the categories and ranges that name it, in data order."""
    found: dict[str, list[tuple[Category, VersionRange]]] = {}
    for category in ref.categories:
        for span in category.versions:
            found.setdefault(span.product, []).append((category, span))
    return found


def _floor(ranges: list[VersionRange]) -> str | None:
    """The oldest release the reference knows; None: every release."""
    if any(r.first is None for r in ranges):
        return None
    earliest = min(ranges, key=lambda r: version_key(r.first or "0"))
    return None if earliest.earlier == "none" else earliest.first


def spans(ref: Reference, product: str) -> list[Span]:
    """The product's releases the reference knows, oldest first, each span with its answer."""
    named = products(ref).get(product, [])
    ranges = [r for _, r in named]
    points: dict[tuple[int, ...], str] = {}
    for end in (v for r in ranges for v in (r.first, r.before) if v):
        points.setdefault(version_key(end), end)
    cuts = [points[k] for k in sorted(points)]
    floor = _floor(ranges)
    ends: list[str | None] = [*cuts] if floor else [None, *cuts]
    found = []
    for first, before in zip(ends, [*ends[1:], None], strict=True):
        if first is None and before is None:
            continue
        owner = next(
            (c.id for c, r in named if (r.holds(first) if first else r.first is None)), None
        )
        found.append(Span(product, first, before, owner))
    return found


def known(ref: Reference, product: str) -> str:
    """`0.32.x: category karpenter; 0.33.0-0.33.7: no rule of its own; ...`: for messages."""
    return "; ".join(
        f"{s.label}: " + (f"category {s.category}" if s.category else NONE)
        for s in spans(ref, product)
    )


def _not_versioned(ref: Reference, product: str) -> str:
    listed = ", ".join(sorted(products(ref))) or "none"
    category = next((c for c in ref.categories if c.id == product), None)
    if category and category.versions:  # a category of another product: name the product
        names = sorted({r.product for r in category.versions})
        named = " or ".join(f"{name}@VERSION" for name in names)
        return f"{product} is a category; name its product instead: {named}"
    if category:
        return (
            f"{product} has no versions in the reference (its rules are the same for every "
            f"release): give --with {product}; versioned: {listed}"
        )
    return f"{shown(product)} is not a versioned product; versioned: {listed}"


def resolve(ref: Reference, spec: str) -> Release:
    """`karpenter@1.0.3` -> the release and its span; VersionError (saying what the reference
    knows) for an unknown product, a malformed version or a release older than it knows."""
    product, _, version = spec.partition("@")
    if product not in products(ref):
        raise VersionError(f"--with {shown(spec)}: {_not_versioned(ref, product)}")
    listed = f"{product} releases the reference knows: {known(ref, product)}"
    if not VERSION.fullmatch(version):
        raise VersionError(
            f"--with {shown(spec)}: {shown(version)} is not a release number such as 1.0.3; "
            f"{listed}"
        )
    plain = version.removeprefix("v")
    span = next((s for s in spans(ref, product) if s.holds(plain)), None)
    if span is None:
        oldest = spans(ref, product)[0].first
        raise VersionError(
            f"--with {spec}: {product} releases before {oldest} were not checked, so the "
            f"reference cannot say what {plain} needs; {listed}"
        )
    return Release(product, plain, span)


def _named_twice(ref: Reference, ids: list[str], releases: list[Release]) -> None:
    """A product named twice (two releases, or a release and one of its categories) leaves
    open which release the cluster runs."""
    named = products(ref)
    seen: dict[str, str] = {}
    for release in releases:
        ours = {c.id for c, _ in named[release.product]}
        other = seen.get(release.product) or next((c for c in ids if c in ours), None)
        if other:
            raise VersionError(
                f"--with {other} and {release.spec} both name {release.product}: give the "
                f"release your cluster runs, once ({release.product}@VERSION)"
            )
        seen[release.product] = release.spec


def choose(ref: Reference, words: Iterable[str]) -> tuple[tuple[str, ...], tuple[Release, ...]]:
    """`--with` words (`istio`, `karpenter@1.0.3`) -> the category ids they choose and the
    releases named. Every release the reference cannot answer is in one VersionError; the
    ids are not checked here (the CLI checks them with did-you-mean)."""
    words = list(words)
    ids = [w for w in words if "@" not in w]
    found, errors = [], []
    for spec in (w for w in words if "@" in w):
        try:
            found.append(resolve(ref, spec))
        except VersionError as err:
            errors.append(str(err))
    if errors:
        raise VersionError("; and ".join(errors))
    _named_twice(ref, ids, found)
    brought = [r.category for r in found if r.category]
    return tuple(dict.fromkeys([*ids, *brought])), tuple(found)


# --- the note on a rule that only some releases need ------------------------------------


def category_note(category: Category, release: Release | None = None) -> str:
    """The releases a category's rules are for: the named release's span, else every range of
    the category (`karpenter 0.32.x or 0.33.8-0.33.x or ...`), one product after another."""
    if release is not None:
        return release.span.text
    by_product: dict[str, list[str]] = {}
    for span in category.versions:
        by_product.setdefault(span.product, []).append(label(span.first, span.before))
    return "; ".join(f"{p} {' or '.join(labels)}" for p, labels in by_product.items())


def rule_note(
    ref: Reference, rule: Rule, in_force: Iterable[str], releases: Iterable[Release] = ()
) -> str | None:
    """Which releases a rule is for, when only versioned categories in force need it (a
    category for every release, such as the baseline, needs it whatever the versions)."""
    forced = set(in_force)
    brought = {r.category: r for r in releases if r.category}
    needing = [c for c in ref.categories if c.id in forced and c.id in rule.categories]
    if not needing or any(not c.versions for c in needing):
        return None
    return "; ".join(category_note(c, brought.get(c.id)) for c in needing)


def setup_lines(
    ref: Reference, in_force: Iterable[str], releases: Iterable[Release] = ()
) -> list[str]:
    """What a setup's outputs say about versions, one line each, in data order: each release
    named and what it needs (`karpenter 1.0.3: category karpenter (karpenter 1.0.x)`), each
    versioned category in force that no release brought and the releases it is for; then the
    releases that need no rule of their own."""
    releases = list(releases)
    brought = {r.category: r for r in releases if r.category}
    lines = []
    for category in (c for c in ref.categories if c.id in set(in_force) and c.versions):
        if category.id in brought:
            lines.append(brought[category.id].text)
        else:
            product = category.versions[0].product
            lines.append(f"{category.id}: for {category_note(category)} (name your release "
                         f"with eks-sg rules --with {product}@VERSION)")  # fmt: skip
    return lines + [r.text for r in releases if r.category is None]


def noted(rule: Rule, note: str | None) -> Rule:
    """The rule with its note at the end of its EC2 description (the data checks it fits)."""
    if note is None:
        return rule
    return rule.model_copy(update={"description": rule.description + NOTE_LEAD + note})


def longest_note(ref: Reference, rule: Rule) -> str | None:
    """The longest note a rule can get: every versioned category of it, no release named."""
    return rule_note(ref, rule, [c.id for c in ref.categories if c.versions])


def problems(ref: Reference) -> Iterator[Problem]:
    """A description that its longest note would push past EC2's limit."""
    if any(c is None or c.versions is INVALID for c in ref.categories):
        return
    for i, rule in enumerate(ref.rules):
        if rule is None or not isinstance(rule.description, str) or rule.categories is INVALID:
            continue
        note = longest_note(ref, rule)
        size = len(noted(rule, note).description) if note else 0
        if size > EC2_DESCRIPTION_MAX:
            yield Problem(
                ("rules", i, "description"),
                f"with {'...' + NOTE_LEAD + note!r} at its end (the releases it is for), the "
                f"description is {size} characters; EC2 allows at most {EC2_DESCRIPTION_MAX}: "
                "shorten it",
            )
