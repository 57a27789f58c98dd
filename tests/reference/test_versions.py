"""Categories for releases: ranges, their validation, and `product@version` resolution."""

from __future__ import annotations

import pytest

from gen.reference.load import load_text
from gen.reference.model import VersionRange, version_key
from gen.reference.problems import DataError
from gen.reference.typed import ValidationError
from gen.reference.versions import VersionError, resolve


@pytest.mark.parametrize(
    ("spec", "category"),
    [
        ("karpenter@1.0.3", "karpenter"), ("karpenter@v0.32.10", "karpenter"),
        ("karpenter@0.37.10", "karpenter"), ("karpenter@0.33.2", None), ("karpenter@1.1", None),
        ("metrics-server@0.6.4", "metrics-server-legacy"), ("metrics-server@0.7", "metrics-server"),
        ("kubernetes@1.33", "cluster-created-1-33-or-later"), ("kubernetes@1.32.9", None),
    ],
)  # fmt: skip
def test_a_release_resolves_to_the_category_whose_range_holds_it(ref, spec, category) -> None:
    found = resolve(ref, spec).category
    assert (found.id if found else None) == category


def test_the_answer_says_which_range_matched(ref) -> None:
    assert resolve(ref, "karpenter@1.0.3").text == (
        "karpenter 1.0.3: category karpenter (karpenter 1.0.0 up to (not incl.) 1.1.0)"
    )
    assert "needs no rule" in resolve(ref, "karpenter@1.2.0").text


@pytest.mark.parametrize("spec", ["karpenter", "nginx@1.0", "karpenter@latest", "karpenter@1.x"])
def test_bad_specs_are_clear_errors(ref, spec) -> None:
    with pytest.raises(VersionError, match=r"karpenter|release number"):
        resolve(ref, spec)


def test_versions_sort_as_releases() -> None:
    assert version_key("0.37.10") > version_key("0.37.3")
    assert version_key("1.1") == version_key("v1.1.0")


@pytest.mark.parametrize(
    ("first", "before", "message"),
    [(None, None, "needs 'first', 'before'"), ("1.1", "1.0.9", "is not before"),
     ("1.0", "1.0.0", "is not before")],
)  # fmt: skip
def test_a_range_must_be_a_range(first, before, message) -> None:
    with pytest.raises(ValidationError, match=message):
        VersionRange(product="karpenter", first=first, before=before)


def test_overlapping_ranges_of_one_product_are_reported(minimal_text: str) -> None:
    extra = (
        "- id: one\n  title: One\n  meaning: m\n  versions:\n  - {product: x, first: '1.0'}\n"
        "- id: two\n  title: Two\n  meaning: m\n  versions:\n"
        "  - {product: x, first: '0.9', before: '1.1'}\n"
    )
    text = minimal_text.replace("\ncategories:\n", "\ncategories:\n" + extra, 1)
    with pytest.raises(DataError) as err:
        load_text(text, "ref.yaml")
    [message] = err.value.lines()[:-1]
    assert (
        "categories[1].versions[0]: x 0.9 up to (not incl.) 1.1 overlaps x 1.0 and later" in message
    )
