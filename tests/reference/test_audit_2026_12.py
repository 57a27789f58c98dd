"""The facts the audit of 2026-12-01 found wrong or missing (shared/REFERENCE.md, F1-F6,
M-1..M-16), one test each: every one of them fails on the data before issue 25's change."""

from __future__ import annotations

from gen.reference.model import Category, Reference, Rule
from gen.select import Setup, select


def rules_of(ref: Reference, category: str) -> list[Rule]:
    return [r for r in ref.rules if category in r.categories]


def rule(ref: Reference, rule_id: str) -> Rule:
    return next(r for r in ref.rules if r.id == rule_id)


def category(ref: Reference, category_id: str) -> Category:
    return next(c for c in ref.categories if c.id == category_id)


def shape(r: Rule) -> tuple:
    return (r.group, r.direction, r.protocol, r.ports, r.peer)


# F1: Karpenter's webhook is on in v0.32.x, the late v0.33-v0.37 patches and every v1.0.x.
def test_karpenter_8443_is_for_v1_0_and_the_releases_that_enable_it(ref: Reference) -> None:
    karpenter = category(ref, "karpenter")
    holds = lambda v: any(s.holds(v) for s in karpenter.versions)  # noqa: E731
    assert [v for v in ("0.32.0", "0.33.8", "0.37.3", "1.0.0", "1.0.14") if not holds(v)] == []
    assert [v for v in ("0.33.0", "0.33.7", "0.37.2", "1.1.0", "1.2.0") if holds(v)] == []
    assert {shape(r) for r in rules_of(ref, "karpenter")} == {
        ("node", "inbound", "tcp", 8443, "control-plane"),
        ("control-plane", "outbound", "tcp", 8443, "node"),
    }
    assert "off by default since v0.32" not in " ".join(r.notes or "" for r in ref.rules)


# F2, F3, M-4: multi-primary exposes 15443 only; istiod's ports only in primary-remote; ambient
# 15008; all through the NLB's group; 15021 is the NLB's health check.
def test_istio_multicluster_is_split_and_goes_through_the_nlb(ref: Reference) -> None:
    ports = lambda c, g: {r.ports for r in rules_of(ref, c) if r.group == g}  # noqa: E731
    assert ports("istio-multicluster", "nlb") == {15443}
    assert ports("istio-multicluster", "node") == {15443, 15021}
    assert ports("istio-primary-remote", "nlb") == {15443, 15012, 15017}
    assert ports("istio-ambient-multicluster", "nlb") == {15008}
    remote = [r.id for r in ref.rules if r.group == "node" and r.peer == "remote-mesh-cidr"]
    assert remote == []
    health = rule(ref, "node-in-istio-gateway-status-from-nlb")
    assert "eastwest-gateway:15021" in health.istio_ports
    assert "istio-multicluster" in health.categories


# The API server dials istiod's pod on 15017: selecting Istio adds no 443 to the nodes.
def test_istio_adds_15017_and_not_443(ref: Reference) -> None:
    baseline = {r.id for r in select(ref, Setup()).rules}
    added = [r for r in select(ref, Setup(categories=("istio",))).rules if r.id not in baseline]
    # the control plane's half is the cluster group's outbound-all (on the same interfaces)
    assert {(r.group, r.ports) for r in added} == {("node", 15017)}
    covered = {c.rule.id: c.why for c in select(ref, Setup(categories=("istio",))).covered}
    assert (
        covered["control-plane-out-istio-webhook-to-node"]
        == "already allowed by cluster-out-all-ipv4"
    )


# F4: the controller's default target type is instance.
def test_alb_ip_targets_help_names_instance_as_the_default(ref: Reference) -> None:
    text = category(ref, "alb-ip-targets").help or ""
    assert "default is instance" in text
    assert "the default for Gateway API" not in text


# M-9: without a group, health checks and IP-target traffic come from the NLB's subnets.
def test_nlb_without_a_group_uses_the_nlb_subnets(ref: Reference) -> None:
    health = rule(ref, "node-in-nlb-health-check-vpc")
    assert health.peer == "nlb-subnet-cidr"
    ip = {(r.ports, r.peer) for r in rules_of(ref, "nlb-without-sg-ip-targets")}
    assert ip == {
        ("nlb-target-port", "nlb-subnet-cidr"),
        ("nlb-target-health-check-port", "nlb-subnet-cidr"),
    }


# M-1, M-2: hybrid nodes gateway UDP 8472 both ways; DNS from the remote pod network.
def test_hybrid_nodes_gateway_and_dns(ref: Reference) -> None:
    gateway = {(r.direction, r.protocol, r.ports) for r in rules_of(ref, "hybrid-nodes-gateway")}
    assert gateway == {("inbound", "udp", 8472), ("outbound", "udp", 8472)}
    dns = {(r.protocol, r.peer) for r in rules_of(ref, "hybrid-nodes") if r.ports == 53}
    assert dns == {("tcp", "remote-pod-cidr"), ("udp", "remote-pod-cidr")}
    notes = rule(ref, "control-plane-in-https-from-remote-nodes").notes or ""
    assert "cluster security group works too" not in notes


# M-4: clients reach the load balancers from 0.0.0.0/0 (and ::/0 for dualstack); the controller
# creates these itself, so they are opt-in for those who manage the frontend group.
def test_clients_reach_the_load_balancers(ref: Reference) -> None:
    for lb in ("alb", "nlb"):
        inbound = {
            (r.peer, tuple(r.categories))
            for r in ref.rules
            if r.group == lb and r.direction == "inbound"
        }
        assert ("0.0.0.0/0", ("lb-frontend",)) in inbound
        assert ("client-cidr-ipv6", ("lb-frontend-dualstack",)) in inbound


# M-5, M-6, M-7: security groups for pods.
def test_pod_group_gets_hbone_and_the_api_server_and_modes_are_explained(ref: Reference) -> None:
    hbone = {(r.group, r.ports, r.peer) for r in rules_of(ref, "sg-for-pods-ambient")}
    assert {("pod", 15008, "self"), ("pod", 15008, "node")} <= hbone
    api = rule(ref, "control-plane-in-https-from-pod")
    assert (api.ports, api.peer, api.categories) == (443, "pod", ["sg-for-pods"])
    assert "Fargate" in (api.inferred or "")
    assert "EC2" in (api.inferred or "")
    notes = next(g for g in ref.security_groups if g.id == "pod").notes or ""
    assert all(w in notes for w in ("strict", "standard", "leaving the VPC", "1.36"))


# M-3: EKS Auto Mode's selectors are noted on the groups they choose.
def test_auto_mode_is_noted(ref: Reference) -> None:
    groups = {g.id: g.notes or "" for g in ref.security_groups}
    assert "securityGroupSelectorTerms" in groups["node"]
    assert "Auto Mode" in groups["node"]
    assert "podSecurityGroupSelectorTerms" in groups["pod"]


# Citations the audit found wrong.
def test_efa_citations_name_the_real_rules_and_groups(ref: Reference) -> None:
    efa = rule(ref, "node-out-all-self")
    assert "egress_self_all" not in (efa.notes or "")
    assert {"eksctl#efa-group", "tf-aws-eks#efa-egress"} <= set(efa.backed_by)
    assert "dedicated" in (efa.notes or "")


def test_blueprints_is_not_cited_for_control_plane_egress(ref: Reference) -> None:
    cited = [
        r.id for r in ref.rules if "eks-blueprints-istio" in r.sources and r.direction == "outbound"
    ]
    assert cited == []


def test_the_landing_pages_back_no_port(ref: Reference) -> None:
    for source in ("istio-ambient", "istio-multicluster"):
        ports = [p.key for p in ref.istio.ports if source in p.sources]
        assert ports == [], source


# Issue 19 point 4.
def test_cluster_self_egress_belongs_to_1_33_clusters_and_efa(ref: Reference) -> None:
    r = rule(ref, "cluster-out-all-self")
    assert "default" not in r.categories
    created = category(ref, "cluster-created-1-33-or-later")
    assert created.aws_default
    assert not created.baseline
    assert [s.holds("1.33") for s in created.versions] == [True]
    assert [s.holds("1.32") for s in created.versions] == [False]


def test_all_traffic_between_nodes_is_recommended_and_coredns_is_the_alternative(
    ref: Reference,
) -> None:
    # recommended, not minimum; EFA needs it too (issue 19: the self rules on one group)
    assert rule(ref, "node-in-all-self").categories == ["recommended", "efa"]
    minimum = select(ref, Setup())
    assert "node-in-all-self" not in {r.id for r in minimum.rules}
    dns = {r.id for r in select(ref, Setup(categories=("coredns",))).rules}
    assert {"node-in-dns-tcp-self", "node-in-dns-udp-self"} <= dns


# Point 4 of issue 25: add-ons with port, source excerpt and version.
ADDONS = {
    "cert-manager": 10250, "cert-manager-eks-addon": 10260, "kyverno": 9443, "keda": 9443,
    "external-secrets": 10250, "kuma": 5443, "cloudnative-pg": 9443, "linkerd": 8443,
    "gatekeeper": 8443,
}  # fmt: skip


def test_addons_have_their_port_and_an_excerpt(ref: Reference) -> None:
    for addon, port in ADDONS.items():
        node = [r for r in rules_of(ref, addon) if r.group == "node" and r.ports == port]
        assert node, addon
        assert [b for b in node[0].backed_by if not b.startswith(("seed#", "tf-aws-eks#"))], addon


def test_metrics_server_ports_by_version(ref: Reference) -> None:
    legacy, current = category(ref, "metrics-server-legacy"), category(ref, "metrics-server")
    assert [s.holds("0.6.4") for s in legacy.versions] == [True]
    assert [s.holds("0.7.0") for s in current.versions] == [True]
    assert {r.ports for r in rules_of(ref, "metrics-server-legacy")} == {4443}
    assert {r.ports for r in rules_of(ref, "metrics-server-eks-addon")} == {10251}


# Point 5: words a user reads.
HISTORY = ("seed", "original brief", "known requirements", "tg required")


def test_categories_speak_of_the_cluster_not_of_the_datas_history(ref: Reference) -> None:
    for c in ref.categories:
        words = " ".join(filter(None, (c.id, c.title, c.meaning, c.question, c.help))).lower()
        assert not [w for w in HISTORY if w in words], c.id


def test_notes_speak_of_the_cluster_not_of_the_datas_history(ref: Reference) -> None:
    texts = [r.notes for r in ref.rules] + [g.notes for g in ref.security_groups]
    texts += [p.notes for p in ref.istio.ports]
    assert [t for t in texts if t and any(w in t.lower() for w in HISTORY)] == []
