"""`product@version` (as in `eks-sg rules --with karpenter@1.0.3`) to the category whose
version range holds that release. Pure: the CLI decides how to report the answer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gen.reference.model import Category, Reference, VersionRange

VERSION = re.compile(r"v?\d+(\.\d+){0,2}")


class VersionError(ValueError):
    """A `product@version` that names no versioned product or no release number."""


@dataclass(frozen=True)
class Resolved:
    """What a release of a product needs: the category whose range holds it, or none (the
    release needs no rule of its own), with the range that matched, for the output to say."""

    product: str
    version: str
    category: Category | None
    span: VersionRange | None

    @property
    def text(self) -> str:
        if self.category is None or self.span is None:
            return f"{self.product} {self.version} needs no rule of its own in this reference"
        return f"{self.product} {self.version}: category {self.category.id} ({self.span.text})"


def products(ref: Reference) -> dict[str, list[tuple[Category, VersionRange]]]:
    """Every versioned product, with the categories and ranges that name it, in data order."""
    found: dict[str, list[tuple[Category, VersionRange]]] = {}
    for category in ref.categories:
        for span in category.versions:
            found.setdefault(span.product, []).append((category, span))
    return found


def resolve(ref: Reference, spec: str) -> Resolved:
    """`karpenter@1.0.3` -> the category for that release; VersionError for an unknown
    product or a malformed version (the message lists what is known)."""
    product, at, version = spec.partition("@")
    known = products(ref)
    if not at or product not in known:
        listed = ", ".join(sorted(known)) or "none"
        raise VersionError(f"{spec!r} is not PRODUCT@VERSION for a versioned product ({listed})")
    if not VERSION.fullmatch(version):
        raise VersionError(f"{version!r} is not a release number such as 1.0.3")
    plain = version.removeprefix("v")
    for category, span in known[product]:
        if span.holds(plain):
            return Resolved(product, plain, category, span)
    return Resolved(product, plain, None, None)
