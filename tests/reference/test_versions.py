"""Categories for releases: ranges, their validation, and `product@version` resolution."""

from __future__ import annotations

import re

import pytest

from gen.reference.load import load_text
from gen.reference.model import VersionRange, version_key
from gen.reference.problems import DataError
from gen.reference.typed import ValidationError
from gen.reference.versions import VersionError, category_note, choose, label, resolve


@pytest.mark.parametrize(
    ("spec", "category"),
    [
        ("karpenter@1.0.3", "karpenter"), ("karpenter@v0.32.10", "karpenter"),
        ("karpenter@0.31.4", "karpenter"), ("karpenter@0.6.0", "karpenter"),
        ("karpenter@0.37.10", "karpenter"), ("karpenter@0.33.2", None), ("karpenter@1.1", None),
        ("metrics-server@0.6.4", "metrics-server-legacy"), ("metrics-server@0.7", "metrics-server"),
        ("metrics-server-chart@3.9.0", "metrics-server-legacy"),
        ("metrics-server-chart@3.11.0", "metrics-server"),
        ("kubernetes@1.33", "cluster-created-1-33-or-later"), ("kubernetes@1.32.9", None),
    ],
)  # fmt: skip
def test_a_release_resolves_to_the_category_whose_range_holds_it(ref, spec, category) -> None:
    assert resolve(ref, spec).category == category


def test_the_answer_says_which_range_matched(ref) -> None:
    assert resolve(ref, "karpenter@1.0.3").text == (
        "karpenter 1.0.3: category karpenter (karpenter 1.0.x)"
    )
    assert resolve(ref, "karpenter@1.2.0").text == (
        "karpenter 1.2.0: no rule of its own (karpenter 1.1.0 and later)"
    )


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("nginx@1.0", "'nginx' is not a versioned product; versioned: cert-manager, karpenter"),
        ("istio@1.2", "istio has no versions in the reference"),
        ("metrics-server-legacy@0.6.0",
         "name its product instead: metrics-server@VERSION or metrics-server-chart@VERSION"),
        ("karpenter@latest", "'latest' is not a release number such as 1.0.3; karpenter releases"),
        ("karpenter@1.x", "'1.x' is not a release number"),
        ("karpenter@1.0.3-rc.1", "is not a release number"),
        ("karpenter@0.5.1", "karpenter releases before 0.6.0 were not checked"),
        ("metrics-server@0.5.1", "metrics-server releases before 0.5.2 were not checked"),
        ("cert-manager@0.11.1", "cert-manager releases before 0.12.0 were not checked"),
    ],
)  # fmt: skip
def test_what_the_reference_cannot_answer_is_a_clear_error(ref, spec, message) -> None:
    with pytest.raises(VersionError) as err:
        resolve(ref, spec)
    assert message in str(err.value)


def test_an_unknown_release_names_every_span_the_reference_knows(ref) -> None:
    """The spans of REFERENCE.md's F1 (charts/karpenter/values.yaml per tag; v0.6.0-v0.31.x
    have no switch, read 2026-12-03), written here."""
    with pytest.raises(VersionError) as err:
        resolve(ref, "karpenter@0.5.0")
    assert str(err.value).endswith(
        "karpenter releases the reference knows: 0.6.0-0.32.x: category karpenter; 0.33.0-0.33.7: "
        "no rule of its own; 0.33.8-0.33.x: category karpenter; 0.34.0-0.34.8: no rule of its "
        "own; 0.34.9-0.34.x: category karpenter; 0.35.0-0.35.7: no rule of its own; "
        "0.35.8-0.35.x: category karpenter; 0.36.0-0.36.4: no rule of its own; 0.36.5-0.36.x: "
        "category karpenter; 0.37.0-0.37.2: no rule of its own; 0.37.3-0.37.x: category "
        "karpenter; 0.38.0-0.x: no rule of its own; 1.0.x: category karpenter; 1.1.0 and "
        "later: no rule of its own"
    )


@pytest.mark.parametrize(
    ("first", "before", "text"),
    [("1.0.0", "1.1.0", "1.0.x"), ("0.33.0", "0.33.8", "0.33.0-0.33.7"),
     ("0.33.8", "0.34.0", "0.33.8-0.33.x"), ("0.5.2", "0.7.0", "0.5.2-0.6.x"),
     ("0.38.0", "1.0.0", "0.38.0-0.x"), ("1.0.0", "2.0.0", "1.x"), ("1.2.3", "1.2.4", "1.2.3"),
     ("1.33", None, "1.33 and later"), (None, "1.2", "before 1.2"), ("1.2", "1.3", "1.2.x")],
)  # fmt: skip
def test_a_span_reads_as_the_releases_it_holds(first, before, text) -> None:
    assert label(first, before) == text


def test_choose_reports_every_bad_release_at_once(ref) -> None:
    with pytest.raises(VersionError) as err:
        choose(ref, ["istio", "karpenter@0.1", "nginx@2", "metrics-server@x"])
    message = str(err.value)
    for part in ("karpenter@0.1", "'nginx@2'", "'x'"):
        assert part in message


@pytest.mark.parametrize(
    "words",
    [["karpenter", "karpenter@1.0.3"], ["karpenter@1.0.3", "karpenter@0.32.1"],
     ["metrics-server-legacy", "metrics-server@0.7.0"]],
)  # fmt: skip
def test_a_product_named_twice_is_refused(ref, words) -> None:
    with pytest.raises(VersionError, match="both name"):
        choose(ref, words)


def test_a_release_that_needs_no_rule_brings_no_category(ref) -> None:
    ids, releases = choose(ref, ["istio", "karpenter@1.1.0", "metrics-server@0.6.0"])
    assert ids == ("istio", "metrics-server-legacy")
    assert [r.spec for r in releases] == ["karpenter@1.1.0", "metrics-server@0.6.0"]


def test_notes_hold_nothing_csv_hcl_or_yaml_would_quote(ref) -> None:
    """The picker puts notes into CSV cells and HCL / YAML strings as they are."""
    for category in ref.categories:
        if category.versions:
            assert re.fullmatch(r"[a-z0-9 .;-]+", category_note(category)), category.id


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


def test_a_description_its_note_pushes_past_255_characters_is_located(minimal_text: str) -> None:
    """Outputs end a versioned rule's EC2 description with `; for PRODUCT RELEASES`: the data
    must leave room for the longest such note (EC2 refuses descriptions over 255)."""
    extra = "  versions:\n  - {product: x, first: '1.0', before: '1.1'}\n"
    text = minimal_text.replace("  meaning: For Istio.\n", "  meaning: For Istio.\n" + extra, 1)
    long = "W" * 243  # + "; for x 1.0.x": 256
    text = text.replace("  description: istiod webhook\n", f"  description: {long}\n", 1)
    with pytest.raises(DataError) as err:
        load_text(text, "ref.yaml")
    [message] = err.value.lines()[:-1]
    line = next(n for n, t in enumerate(text.splitlines(), 1) if long in t)
    assert message.startswith(f"ref.yaml:{line}:")
    assert message.endswith(
        "rules[3].description: with '...; for x 1.0.x' at its end (the releases it is for), the "
        "description is 256 characters; EC2 allows at most 255: shorten it"
    )


def test_earlier_none_makes_older_releases_known(minimal_text: str) -> None:
    extra = "  versions:\n  - {product: x, first: '2.0', earlier: %s}\n"
    for earlier, known in (("none", True), ("unknown", False)):
        text = minimal_text.replace(
            "  meaning: For Istio.\n", "  meaning: For Istio.\n" + extra % earlier, 1
        )
        ref = load_text(text, "ref.yaml")
        if known:
            assert resolve(ref, "x@1.9").category is None
        else:
            with pytest.raises(VersionError, match=r"x releases before 2\.0 were not checked"):
                resolve(ref, "x@1.9")
        assert resolve(ref, "x@2.1").category == "istio"
