"""Consistency checks on the real data: mirrors and Istio claims."""

from __future__ import annotations

import pytest

from gen.reference import consistency
from gen.reference.model import Reference


def _without(ref: Reference, rule_id: str) -> Reference:
    return ref.model_copy(update={"rules": [r for r in ref.rules if r.id != rule_id]})


def test_real_data_has_no_findings(ref: Reference) -> None:
    assert consistency.problems(ref) == []


def test_every_cross_group_rule_has_a_mirror(ref: Reference) -> None:
    assert all(m.mirror is not None for m in consistency.mirrors(ref))
    assert len(consistency.mirrors(ref)) == len([r for r in ref.rules if r.peer_kind == "role"])


@pytest.mark.parametrize(
    ("removed", "reported"),
    [
        # The control plane's egress is let out by the cluster group's outbound-all too, so a
        # missing mirror shows on the node's side: the control plane's rule has no ingress.
        ("node-in-https-from-control-plane", "control-plane-out-https-to-node"),
        ("node-in-istio-webhook-from-control-plane", "control-plane-out-istio-webhook-to-node"),
        ("node-in-kubelet-from-control-plane", "control-plane-out-kubelet-to-node"),
    ],
)
def test_removing_a_mirror_is_found(ref: Reference, removed: str, reported: str) -> None:
    messages = [p.message for p in consistency.problems(_without(ref, removed))]
    assert any(m.startswith(f"rule {reported!r} has no mirror") for m in messages)


def test_outbound_all_counts_as_an_open_peer(ref: Reference) -> None:
    """node accepts from alb; alb's default outbound-all is the mirror."""
    mirrors = {m.rule.id: m.mirror for m in consistency.mirrors(ref)}
    assert mirrors["node-in-alb-listener"].id == "alb-out-all-ipv4"
    assert mirrors["control-plane-in-https-from-node"].id == "node-out-all-ipv4"


def test_mirror_in_an_unrelated_category_does_not_count(ref: Reference) -> None:
    """eksctl's broad 1025-65535 node rule covers 15017, but picking `istio` would not bring it."""
    broken = _without(ref, "node-in-istio-webhook-from-control-plane")
    mirrors = {m.rule.id: m.mirror for m in consistency.mirrors(broken)}
    assert mirrors["control-plane-out-istio-webhook-to-node"] is None


def test_the_cluster_groups_outbound_all_mirrors_the_control_planes_egress(ref: Reference) -> None:
    """The control plane's interfaces carry the cluster group too (`also_on`): EC2 lets the
    kubelet call out by the cluster group's outbound-all, so the node rule has its mirror."""
    broken = _without(ref, "control-plane-out-kubelet-to-node")
    groups = [g.model_copy(update={"also_on": ["control-plane"]}) if g.id == "cluster" else g
              for g in broken.security_groups]  # fmt: skip
    joined = broken.model_copy(update={"security_groups": groups})
    mirrors = {m.rule.id: m.mirror for m in consistency.mirrors(joined)}
    assert mirrors["node-in-kubelet-from-control-plane"].id == "cluster-out-all-ipv4"
    assert not [p for p in consistency.problems(joined) if "node-in-kubelet" in p.message]
