"""The selection engine: setups in, the rules a cluster needs out (emitted or covered).

`eks-sg rules --format json` is checked against the engine for every category alone and for
random setups; the engine's answer is checked against the coverage function it is built on.
"""

from __future__ import annotations

import contextlib
import io
import json

import pytest
from helpers import eks_sg
from hypothesis import given, settings
from hypothesis import strategies as st
from setups import valid_setups

from gen.cli import main as cli
from gen.reference.coverage import allows, permission
from gen.reference.model import Reference
from gen.select import Setup, SetupError, select


def rules_json(*args: str) -> dict:
    """`eks-sg rules --format json ARGS`, run in-process (a subprocess per example is slow)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["rules", "--format", "json", *args]) == 0
    return json.loads(out.getvalue())


def needed(ref: Reference, setup: Setup) -> set[str]:
    """The ids of every rule the setup needs, from the data's definitions, not the engine's:
    a category in force (baseline or chosen), and no group it touches missing from the cluster
    (a group with `only_with` exists only when one of those categories is in force)."""
    categories = {c.id for c in ref.categories if c.baseline} | set(setup.categories)
    absent = {
        g.id for g in ref.security_groups if g.only_with and not set(g.only_with) & categories
    }
    return {r.id for r in ref.rules
            if categories & set(r.categories) and not {r.group, r.peer} & absent}  # fmt: skip


def check_answer(ref: Reference, setup: Setup) -> None:
    selection = select(ref, setup)
    emitted = {r.id: r for r in selection.rules}
    covered = {c.rule.id: c.by for c in selection.covered}
    assert emitted.keys().isdisjoint(covered)
    assert emitted.keys() | covered.keys() == needed(ref, setup)
    for rule in selection.rules:  # nothing emitted is allowed by another emitted rule
        others = [o for o in selection.rules if o.id != rule.id]
        assert not any(allows(permission(o), permission(rule)) for o in others), rule.id
    for rule_id, by in covered.items():  # and each covered rule is allowed by an emitted one
        assert by.id in emitted
        rule = next(c.rule for c in selection.covered if c.rule.id == rule_id)
        assert allows(permission(by), permission(rule)), rule_id


def test_every_category_alone(ref: Reference) -> None:
    for category in ref.categories:
        setup = Setup(() if category.baseline else (category.id,))
        check_answer(ref, setup)
        document = rules_json(*(["--with", category.id] if not category.baseline else []))
        selection = select(ref, setup)
        assert [r["id"] for r in document["rules"]] == [r.id for r in selection.rules]
        assert [c["id"] for c in document["covered"]] == [c.rule.id for c in selection.covered]


@pytest.fixture(scope="module")
def setups(ref: Reference):
    return valid_setups(ref)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_random_setups(ref: Reference, data: st.DataObject) -> None:
    chosen = data.draw(valid_setups(ref))
    check_answer(ref, Setup(chosen))
    document = rules_json(*(["--with", ",".join(chosen)] if chosen else []))
    selection = select(ref, Setup(chosen))
    assert [(r["id"], r["group"], r["peer"]) for r in document["rules"]] == [
        (r.id, r.group, r.peer) for r in selection.rules
    ]
    assert document["setup"]["categories"] == list(selection.categories)


def test_categories_that_exclude_each_other_are_refused_naming_both(ref: Reference) -> None:
    category = next(c for c in ref.categories if c.excludes)
    result = eks_sg("rules", "--with", f"{category.id},{category.excludes[0]}")
    assert result.returncode == 2
    assert result.stderr == (
        f"eks-sg: error: categories {category.id} and {category.excludes[0]} exclude each other\n"
    )
    with pytest.raises(SetupError):  # either order
        select(ref, Setup((category.excludes[0], category.id)))


def test_baseline_alone_has_no_optional_group(ref: Reference) -> None:
    optional = {g.id for g in ref.security_groups if g.only_with}
    rules = select(ref, Setup()).rules
    assert rules
    assert not {r.group for r in rules} & optional
    assert not {r.peer for r in rules} & optional


def test_nodes_on_the_cluster_group_need_only_its_defaults(ref: Reference) -> None:
    """The issue's second task: managed nodes on the cluster SG with Istio. Everything the node
    and control-plane rules allow, the cluster group's own default rules already allow. The
    group's outbound rule to itself exists only on clusters created on Kubernetes 1.33 or later
    (issue 19 point 4), so the setup says so; on older clusters the outbound-all rule to
    0.0.0.0/0 carries the traffic, which the flow-based selection (issue 19) is to count."""
    setup = ("managed-nodes-cluster-sg", "istio", "cluster-created-1-33-or-later")
    selection = select(ref, Setup(setup))
    defaults = {c.id for c in ref.categories if c.aws_default}
    assert all(set(r.categories) & defaults for r in selection.rules)
    assert {r.group for r in selection.rules} == {"cluster"}
    assert "node-in-istio-webhook-from-control-plane" in {c.rule.id for c in selection.covered}


def test_group_filter_keeps_a_shared_roles_rules(ref: Reference) -> None:
    selection = select(ref, Setup(("istio",), (("node", "cluster"),), ("node",)))
    assert selection.rules + [c.rule for c in selection.covered]
    assert all(r.group in ("node", "cluster") for r in selection.rules)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--with", "nope"], "eks-sg: error: unknown category nope; valid: "),
        (["--share", "node=nowhere"], "eks-sg: error: unknown role nowhere; valid: "),
        (["--share", "node=node"], "eks-sg: error: role node cannot share node's group"),
        (["--share", "node=cluster", "--share", "cluster=alb"], "eks-sg: error: role node cannot share cluster's group"),
        (["--group", "nodes"], "eks-sg: error: unknown group nodes; valid: "),
        (["--with", ","], "eks-sg: error: --with takes names separated by commas, not ','"),
        (["--sg", "node=sg-1"], "eks-sg: error: --sg node=sg-1: a security group ID is sg- and 8 or 17 hex digits"),
    ],
)  # fmt: skip
def test_mistakes_are_usage_errors(args: list[str], message: str) -> None:
    result = eks_sg("rules", *args)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(message), result.stderr


def test_list_names_every_category_and_its_question(ref: Reference) -> None:
    result = eks_sg("rules", "--list")
    assert result.returncode == 0
    for category in ref.categories:
        assert f"\n{category.id}" in "\n" + result.stdout
        assert (category.question or category.title) in result.stdout
