"""The selection engine: setups in, the rules a cluster needs out (to add, or covered).

`eks-sg rules --format json` is checked against the engine for every category alone and for
random setups; the engine's answer is checked against an independent judge of EC2's union rule
(tests/selection_judge.py), over random data facts (which groups share interfaces, which have EC2's
default egress, what a category removes) as well as the real data.
"""

from __future__ import annotations

import contextlib
import io
import json

import pytest
from helpers import eks_sg
from hypothesis import given, settings
from hypothesis import strategies as st
from selection_judge import End, JRule, ec2_egress, half_allowed, of_data
from setups import valid_setups

from gen.cli import main as cli
from gen.reference.model import Reference
from gen.select import Setup, SetupError, select


def rules_json(*args: str) -> dict:
    """`eks-sg rules --format json ARGS`, run in-process (a subprocess per example is slow)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["rules", "--format", "json", *args]) == 0
    return json.loads(out.getvalue())


class World:
    """What the judge knows of a setup, derived from the data's documented fields alone."""

    def __init__(self, ref: Reference, setup: Setup) -> None:
        self.ref = ref
        chosen = set(setup.categories)
        self.categories = {c.id for c in ref.categories if c.baseline} | chosen
        self.sharing = {r: c for cat in ref.categories if cat.id in chosen
                        for r, c in cat.shares.items()} | dict(setup.sharing)  # fmt: skip
        carrier = self.carrier
        self.on = {g.id: {carrier(g.id)} for g in ref.security_groups}
        for g in ref.security_groups:
            for role in g.also_on:
                self.on[role].add(carrier(g.id))
        said = setup.egress_default
        if said is None:
            said = tuple(g.id for g in ref.security_groups if g.default_egress)
        self.aws = {carrier(g.id) for g in ref.security_groups if g.aws_created}
        self.egress = {carrier(r) for r in said} | self.aws
        self.kinds = {p.id: p.kind for p in ref.parameters if p.kind != "port"}
        self.same_group = {c.id for c in ref.categories if c.needs_same_group}
        self.families = {p.id: (6 if ":" in str(p.example) else 4) if p.kind == "cidr" else None
                         for p in ref.parameters}  # fmt: skip

    def carrier(self, role: str) -> str:
        return self.sharing.get(role, role)

    def held(self, rule) -> JRule:
        return of_data(rule, self.sharing, self.kinds)

    def needed(self) -> dict[str, JRule]:
        """The rules of the categories in force whose groups exist, less what a category in
        force removes (the same permission, wherever it is carried)."""
        absent = {g.id for g in self.ref.security_groups
                  if g.only_with and not set(g.only_with) & self.categories}  # fmt: skip
        by_id = {r.id: r for r in self.ref.rules}
        gone = {_permission(self.held(by_id[i])) for c in self.ref.categories
                if c.id in self.categories for i in c.removes if i in by_id}  # fmt: skip
        return {
            r.id: self.held(r)
            for r in self.ref.rules
            if self.categories & set(r.categories)
            and not {r.group, r.peer} & absent
            and _permission(self.held(r)) not in gone
        }

    def existing(self, needed: dict[str, JRule]) -> dict[str, JRule]:
        """What the groups have from their creation: the `aws_default` rules (EC2's egress
        only on groups created with it), and EC2's egress on the user's groups that have it."""
        defaults = {c.id for c in self.ref.categories if c.aws_default}
        found = {}
        for rule in self.ref.rules:
            if rule.id in needed and set(rule.categories) & defaults:
                held = needed[rule.id]
                if not _is_ec2_egress(held) or held.group in self.egress:
                    found[rule.id] = held
        for group in sorted(self.egress - self.aws):
            found[f"ec2:{group}"] = ec2_egress(group)
        return found

    def allowed(self, rule, by: list[JRule]) -> bool:
        """Whether the rules `by` let `rule`'s half of its flow through."""
        held = self.held(rule)
        here = frozenset(self.on[rule.group])
        if rule.peer == "self":
            other = End(groups=here)
        elif held.peer[0] == "group":
            other = End(groups=frozenset(self.on[rule.peer]))
        elif held.peer[0] == "cidr":
            other = End(cidr=rule.peer)
        else:
            other = End(parameter=rule.peer, family=self.families[rule.peer])
        if set(rule.categories) & self.same_group:  # EFA: a rule of one group naming itself
            return any(half_allowed(held.protocol, held.ports, held.egress, frozenset({g}),
                                    End(groups=frozenset({g}), family=None), by)
                       for g in here & other.groups)  # fmt: skip
        return half_allowed(held.protocol, held.ports, held.egress, here, other, by)


def _permission(rule: JRule) -> tuple:
    return (rule.group, rule.egress, rule.protocol, rule.ports, rule.peer)


def _is_ec2_egress(rule: JRule) -> bool:
    return (rule.egress, rule.protocol, rule.peer) == (True, "all", ("cidr", "0.0.0.0/0"))


def check_answer(ref: Reference, setup: Setup) -> None:
    """To add + covered = needed; nothing to add is already allowed; every covered rule is."""
    world = World(ref, setup)
    selection = select(ref, setup)
    by_id = {r.id: r for r in ref.rules}
    emitted = {r.id for r in selection.rules}
    covered = {c.rule.id: c for c in selection.covered}
    needed = world.needed()
    existing = world.existing(needed)
    assert emitted.isdisjoint(covered)
    assert emitted | covered.keys() == needed.keys()
    assert not emitted & existing.keys(), "a rule the group has from its creation is emitted"
    for rule_id in emitted:  # nothing to add is already allowed by what is there or added
        others = [needed[i] for i in emitted if i != rule_id] + list(existing.values())
        assert not world.allowed(by_id[rule_id], others), rule_id
    there = [needed[i] for i in emitted] + list(existing.values())
    for rule_id, c in covered.items():  # and each covered rule is allowed, by what it says
        assert world.allowed(by_id[rule_id], there), rule_id
        if c.by is None:
            assert rule_id in existing or world.allowed(by_id[rule_id], list(existing.values()))
        else:
            assert c.why == f"already allowed by {c.by.id}"
            assert world.allowed(by_id[rule_id], [needed[c.by.id]]), (rule_id, c.by.id)


def facts(ref: Reference, draw) -> Reference:
    """The real data with random values of the facts the data engineer is filling in."""
    roles = [g.id for g in ref.security_groups]
    cluster = roles[0]
    groups = []
    for g in ref.security_groups:
        update = {"default_egress": draw(st.booleans())}
        if g.id == cluster:
            update |= {"aws_created": draw(st.booleans()),
                       "also_on": draw(st.sampled_from([[], ["control-plane"]]))}  # fmt: skip
        groups.append(g.model_copy(update=update))
    removes = draw(st.sampled_from([[], ["cluster-out-all-ipv4"]]))
    categories = [c.model_copy(update={"removes": removes}) if c.id == "restricted-egress" else c
                  for c in ref.categories]  # fmt: skip
    return ref.model_copy(update={"security_groups": groups, "categories": categories})


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_selection_agrees_with_an_independent_judge(ref: Reference, data: st.DataObject) -> None:
    world = facts(ref, data.draw)
    chosen = data.draw(valid_setups(world))
    roles = [g.id for g in world.security_groups]
    egress = data.draw(st.none() | st.lists(st.sampled_from(roles), unique=True).map(tuple))
    check_answer(world, Setup(chosen, egress_default=egress))


def _reference_facts(ref: Reference) -> Reference:
    """The values this branch asks the data to get (see the report)."""
    upd = {"cluster": {"also_on": ["control-plane"], "aws_created": True, "default_egress": True},
           "alb": {"default_egress": True}, "nlb": {"default_egress": True}}  # fmt: skip
    cats = [c.model_copy(update={"removes": ["cluster-out-all-ipv4"]})
            if c.id == "restricted-egress" else c for c in ref.categories]  # fmt: skip
    groups = [g.model_copy(update=upd.get(g.id, {})) for g in ref.security_groups]
    return ref.model_copy(update={"categories": cats, "security_groups": groups})


def test_control_plane_egress_is_covered_by_the_cluster_groups_outbound_all(ref: Reference) -> None:
    world = _reference_facts(ref)
    selection = select(world, Setup(("istio", "metrics-server")))
    why = {c.rule.id: c.why for c in selection.covered}
    out = [r.id for r in world.rules if r.group == "control-plane" and r.direction == "outbound"]
    chosen = {
        r.id for r in world.rules if {"istio", "metrics-server", "minimum"} & set(r.categories)
    }
    for rule_id in (i for i in out if i in chosen):
        assert why[rule_id] == "already allowed by cluster-out-all-ipv4", rule_id
    assert why["cluster-out-all-ipv4"] == "AWS creates it"
    assert not any(r.group == "cluster" for r in selection.rules)
    assert "node-in-istio-webhook-from-control-plane" in {r.id for r in selection.rules}


def test_efa_self_rules_are_never_covered_by_outbound_all(ref: Reference) -> None:
    """EFA needs all traffic to and from ONE group the EFA interfaces carry (issue 19): the
    nodes' outbound-all (EC2's default or node-out-all-ipv4) does not carry it; on nodes that
    carry the cluster group, the cluster group's own outbound-to-itself does, which AWS
    creates only on clusters created on Kubernetes 1.33 or later."""
    world = _reference_facts(ref)
    own = select(world, Setup(("efa",), egress_default=("node",)))
    assert {"node-in-all-self", "node-out-all-self"} <= {r.id for r in own.rules}
    assert "cluster-out-all-self" not in {c.rule.id for c in own.covered} | {
        r.id for r in own.rules
    }  # EFA on the nodes' own group: the cluster group's self rule is not asked for
    managed = select(world, Setup(("efa", "managed-nodes-cluster-sg")))
    assert [(r.id, r.group, r.peer) for r in managed.rules] == [
        ("node-out-all-self", "cluster", "self")  # before 1.33: the one rule to add
    ]
    since = select(
        world, Setup(("efa", "managed-nodes-cluster-sg", "cluster-created-1-33-or-later"))
    )
    assert since.rules == []
    why = {c.rule.id: c.why for c in since.covered}
    assert why["node-out-all-self"] == "already allowed by cluster-out-all-self"
    assert why["cluster-out-all-self"] == "AWS creates it"


def test_ec2_default_egress_is_said_by_the_user(ref: Reference) -> None:
    world = _reference_facts(ref)
    kept = select(world, Setup(egress_default=("node",)))
    why = {c.rule.id: c.why for c in kept.covered}
    assert why["node-out-all-ipv4"] == "EC2's default egress"
    removed = select(world, Setup(egress_default=()))
    assert "node-out-all-ipv4" in {r.id for r in removed.rules}
    assert "cluster-out-all-ipv4" not in {r.id for r in removed.rules}  # AWS's own group


def test_restricted_egress_removes_the_outbound_all_wherever_it_is_carried(ref: Reference) -> None:
    world = _reference_facts(ref)
    for setup in (("restricted-egress",), ("restricted-egress", "managed-nodes-cluster-sg")):
        selection = select(world, Setup(setup))
        listed = {r.id for r in selection.rules} | {c.rule.id for c in selection.covered}
        assert "cluster-out-all-ipv4" not in listed
        assert "cluster-out-restricted-s3" in {r.id for r in selection.rules}


def test_egress_default_on_the_command_line(ref: Reference) -> None:
    # the EKS cluster group is created by AWS with EC2's default egress, whatever the user says
    said = rules_json("--egress-default", "node,alb")["setup"]["egress_default"]
    assert said == ["alb", "cluster", "node"]
    assert rules_json("--egress-default", "none")["setup"]["egress_default"] == ["cluster"]
    result = eks_sg("rules", "--egress-default", "nodes")
    assert result.returncode == 2
    assert result.stderr.startswith("eks-sg: error: unknown role nodes; valid: ")


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


@pytest.mark.slow("hundreds of generated setups, each selected and judged")
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
    """Managed nodes on the cluster SG with Istio: everything the node and control-plane rules
    allow, the cluster group's own default rules already allow."""
    for world in (ref, _reference_facts(ref)):
        selection = select(world, Setup(("managed-nodes-cluster-sg", "istio")))
        defaults = {c.id for c in world.categories if c.aws_default}
        assert all(set(r.categories) & defaults for r in selection.rules)
        assert {r.group for r in selection.rules} <= {"cluster"}
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
        (["--group", "nodes"], "eks-sg: error: unknown role nodes; valid: "),
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


def test_coverers_are_computed_once_per_sharing_per_reference(ref: Reference, monkeypatch) -> None:
    """The scripts, the picker, every selection and audit read the variants made once for the
    reference (gen.select.variant_of); a copy of the reference makes its own."""
    import gen.select as engine
    from gen.formats import render_all

    calls = []
    real = engine.coverers
    monkeypatch.setattr(engine, "coverers", lambda *a, **k: calls.append(1) or real(*a, **k))
    fresh = ref.model_copy()
    render_all(fresh)
    assert len(calls) == len(engine.variants(fresh)) > 0  # one per distinct sharing
    render_all(fresh)
    engine.select(fresh, engine.Setup(("istio",)))
    assert len(calls) == len(engine.variants(fresh))  # none again
    engine.variants(ref.model_copy())
    assert len(calls) == 2 * len(engine.variants(fresh))


def test_new_facts_name_what_exists(minimal_text: str) -> None:
    """`also_on` names roles and `removes` rule ids; a typo is a located error, not a no-op."""
    from helpers import load_text, replace_once

    from gen.reference.problems import DataError

    good = replace_once(minimal_text, "  variable: NODE_SG_ID\n",
                        "  variable: NODE_SG_ID\n  also_on: [control-plane]\n")  # fmt: skip
    assert load_text(good).security_groups[0].also_on == ["control-plane"]
    for text, said in (
        (good.replace("also_on: [control-plane]", "also_on: [controlplane]"), "controlplane"),
        (replace_once(minimal_text, "  baseline: true\n", "  baseline: true\n  removes: [nope]\n"),
         "nope"),
    ):  # fmt: skip
        with pytest.raises(DataError) as raised:
            load_text(text)
        text = "\n".join(raised.value.lines())
        assert "unknown" in text, text
        assert said in text, text


def test_a_script_cannot_take_a_default_egress_other_than_the_references() -> None:
    result = eks_sg("rules", "--format", "aws-cli", "--egress-default", "node")
    assert (result.returncode, result.stdout) == (2, "")
    assert "--egress-default cannot be built into a script" in result.stderr
