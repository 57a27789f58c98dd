"""The facts issue 11's audit corrected, settled or added (see the report in shared/REFERENCE.md,
"Corrections and additions"): each is pinned here so that it cannot quietly come back wrong."""

from __future__ import annotations

import datetime

import pytest
import yaml
from helpers import ROOT

from gen.formats.labels import ports_text
from gen.formats.pages.sources import render as sources_page
from gen.reference.model import Reference, Rule


def rules_of(ref: Reference, category: str) -> list[Rule]:
    return [r for r in ref.rules if category in r.categories]


def rule(ref: Reference, rule_id: str) -> Rule:
    return next(r for r in ref.rules if r.id == rule_id)


def opens(r: Rule, port: int) -> bool:
    ports = r.port_range
    return (
        r.protocol in ("tcp", "all") and ports.parameter is None and ports.low <= port <= ports.high
    )


# -- the two wrong facts ---------------------------------------------------------------------


def test_no_rule_gives_ingress_nginx_9443(ref: Reference) -> None:
    nginx = rules_of(ref, "ingress-nginx")
    assert not [r.id for r in nginx if opens(r, 9443)]
    assert {(r.group, r.direction) for r in nginx if opens(r, 8443)} == {
        ("node", "inbound"), ("control-plane", "outbound")
    }  # fmt: skip
    assert "8443" in next(c.meaning for c in ref.categories if c.id == "ingress-nginx")


def test_9443_is_for_webhooks_that_listen_there_not_ingress_nginx(ref: Reference) -> None:
    for r in (r for r in ref.rules if r.ports == 9443 and r.peer in ("control-plane", "node")):
        assert "aws-load-balancer-controller" in r.categories
        assert "ingress-nginx" not in r.categories
        assert "lbc-chart" in r.sources


def test_metrics_server_chart_port_is_10250(ref: Reference) -> None:
    server = rules_of(ref, "metrics-server")
    assert {(r.id, r.ports) for r in server} == {
        ("node-in-kubelet-from-control-plane", 10250),
        ("control-plane-out-kubelet-to-node", 10250),
    }
    assert "metrics-server-chart" in rule(ref, "node-in-kubelet-from-control-plane").sources
    assert {r.ports for r in rules_of(ref, "metrics-server-eks-addon")} == {10251}


def test_4443_is_kept_only_as_legacy(ref: Reference) -> None:
    legacy = [r for r in ref.rules if r.ports == 4443]
    assert len(legacy) == 2
    for r in legacy:
        assert r.categories == ["metrics-server-legacy"]
        assert (r.notes or "").startswith("Legacy")
        assert "legacy" in r.description


# -- the doubtful ones, settled --------------------------------------------------------------


def test_karpenter_webhook_names_its_versions(ref: Reference) -> None:
    categories = {c.id: c for c in ref.categories}
    assert "karpenter-legacy" not in categories
    meaning = categories["karpenter"].meaning
    assert all(v in meaning for v in ("v0.32", "v1.0", "v1.1"))
    for r in rules_of(ref, "karpenter"):
        assert r.ports == 8443
        assert "karpenter-chart" in r.sources


def test_cluster_self_egress_is_for_clusters_created_on_1_33_or_later(ref: Reference) -> None:
    r = rule(ref, "cluster-out-all-self")
    assert r.categories == ["cluster-created-1-33-or-later", "efa"]
    for restricted in rules_of(ref, "restricted-egress"):
        if restricted.peer == "self":
            assert "cluster-out-all-self" in (restricted.notes or "")


def test_pmtud_seed_row_is_kept_and_marked_not_required(ref: Reference) -> None:
    r = rule(ref, "node-in-pmtud-icmp-self")
    assert (r.categories[0], r.sources[0]) == ("recommended", ref.original_brief.id)
    assert (r.notes or "").startswith("Not required by AWS's guidance")
    assert "ec2-mtu" in r.sources
    assert "load-balancer and VPC docs recommend" not in (r.notes or "")


def test_terraform_aws_eks_is_not_cited_on_control_plane_egress(ref: Reference) -> None:
    cited = [
        r.id for r in ref.rules
        if r.group == "control-plane" and r.direction == "outbound" and "tf-aws-eks" in r.sources
        and not r.inferred
    ]  # fmt: skip
    assert cited == []  # a mirror of a module rule says it is inferred


def test_eksctl_is_not_cited_on_10250_rules(ref: Reference) -> None:
    assert [r.id for r in ref.rules if r.ports == 10250 and "eksctl" in r.sources] == []


def test_cluster_group_is_not_on_launch_template_nodes_and_the_seed_name_is_noted(
    ref: Reference,
) -> None:
    cluster = next(g for g in ref.security_groups if g.id == "cluster")
    assert "launch template" in cluster.attached_to
    assert "eks-cluster-sg-<EKS-cluster-ID>" in (cluster.notes or "")
    assert "eks-cluster-sg-<cluster-name>-<unique id>" in (cluster.notes or "")
    assert "any managed compute" in (cluster.notes or "")


def test_ztunnel_redirect_ports_share_a_scope(ref: Reference) -> None:
    scopes = {p.port: p.scope for p in ref.istio.ports if p.component == "ztunnel"}
    assert scopes[15001] == scopes[15006] == "pod-internal"
    assert scopes[15008] == "network"


def test_sidecar_15008_is_linked_to_the_hbone_rule(ref: Reference) -> None:
    port = next(p for p in ref.istio.ports if p.key == "sidecar:15008")
    assert port.rules == ["node-in-hbone-self"]
    assert "sidecar:15008" in rule(ref, "node-in-hbone-self").istio_ports


def test_node_egress_notes_the_seed_and_terraform(ref: Reference) -> None:
    notes = rule(ref, "node-out-all-ipv4").notes or ""
    assert "N/A" in notes
    assert "egress_all" in notes


def test_15009_was_removed_in_istio_1_15(ref: Reference) -> None:
    port = next(p for p in ref.istio.ports if p.key == "sidecar:15009")
    assert (port.status, port.since) == ("removed", "1.15")


# -- what the anchors have, added ------------------------------------------------------------

NEW_CATEGORIES = (
    "metrics-server-legacy", "karpenter", "mixed-nodes", "sg-for-pods", "alb-ip-targets",
    "nlb-ip-targets", "nodeport-range", "nlb-without-sg", "istio-gateway", "istio-multicluster",
    "hybrid-nodes", "ssh", "restricted-egress", "efa", "ingress-nginx",
)  # fmt: skip


@pytest.mark.parametrize("category", NEW_CATEGORIES)
def test_each_new_category_has_rules_with_sources(ref: Reference, category: str) -> None:
    chosen = rules_of(ref, category)
    assert chosen, f"{category} has no rule"
    assert all(r.sources for r in chosen)


def test_new_sources_are_cited_and_every_source_is_dated_and_quoted(ref: Reference) -> None:
    cited = {s for r in ref.rules for s in r.sources} | {
        s for p in ref.istio.ports for s in p.sources
    }
    # a source only a group's notes stand on (EKS Auto Mode's NodeClass) is named there by id
    named = " ".join(g.notes or "" for g in ref.security_groups).replace(",", " ").replace(")", " ")
    cited |= {s.id for s in ref.sources if f"({s.id} " in named or f" {s.id} " in named}
    for source in ref.sources:
        assert source.checked >= datetime.date(2026, 11, 26)
        assert source.quote or source.excerpts, source.id
    original = {"istio-ambient"}  # the landing page: kept for readers, no fact cites it (issue 25)
    assert [s.id for s in ref.sources if s.id not in cited | original] == []


def test_node_and_cluster_groups_talk_both_ways_for_mixed_nodes(ref: Reference) -> None:
    pairs = {(r.group, r.peer) for r in rules_of(ref, "mixed-nodes") if r.protocol == "all"}
    assert pairs == {("node", "cluster"), ("cluster", "node")}


def test_efa_needs_egress_to_self_on_the_node_group(ref: Reference) -> None:
    r = rule(ref, "node-out-all-self")
    assert (r.protocol, r.peer, r.categories) == ("all", "self", ["efa"])


def test_pod_role_has_probe_and_dns_rules_and_its_caveats(ref: Reference) -> None:
    pod = next(g for g in ref.security_groups if g.id == "pod")
    assert pod.variable == "POD_SG_ID"
    assert all(word in (pod.notes or "") for word in ("strict", "Fargate", "ambient"))
    chosen = rules_of(ref, "sg-for-pods")
    assert ("pod", "inbound", "node") in {(r.group, r.direction, r.peer) for r in chosen}
    dns = {(r.group, r.protocol, r.peer) for r in chosen if r.ports == 53}
    assert {("pod", "tcp", "cluster"), ("pod", "udp", "cluster"), ("cluster", "udp", "pod")} <= dns


def test_load_balancers_reach_pods_and_the_nodeport_range(ref: Reference) -> None:
    for lb in ("alb", "nlb"):
        targets = [r for r in rules_of(ref, f"{lb}-ip-targets") if r.group != lb]
        assert {r.group for r in targets} == {"node", "pod"}
        assert {r.peer for r in targets} == {lb}
    ranges = {(r.peer, ports_text(r)) for r in rules_of(ref, "nodeport-range")}
    assert ranges == {("alb", "30000-32767"), ("nlb", "30000-32767")}


def test_nlb_without_a_group_uses_client_and_subnet_cidrs(ref: Reference) -> None:
    peers = {r.peer: r.peer_kind for r in rules_of(ref, "nlb-without-sg")}
    assert peers == {"nlb-client-cidr": "ipv4-parameter", "nlb-subnet-cidr": "ipv4-parameter"}


def test_istio_gateways_and_multicluster(ref: Reference) -> None:
    gateway = {r.ports for r in rules_of(ref, "istio-gateway")}
    assert gateway == {80, 443, 15021}
    multi = rules_of(ref, "istio-multicluster")
    assert {r.ports for r in multi if r.group == "node"} == {15443, 15021}
    assert ("control-plane", 443) in {(r.group, r.ports) for r in multi}
    keys = {p.key for p in ref.istio.ports}
    assert {"istiod:15011", "waypoint:15020", "waypoint:15090", "istio-cni:15014",
            "istio-cni:8000", "ingress-gateway:15021", "kube-gateway:15021"} <= keys  # fmt: skip


def test_restricted_egress_and_hybrid_nodes_use_parameters(ref: Reference) -> None:
    kinds = {r.peer_kind for r in rules_of(ref, "restricted-egress")}
    assert {"prefix-list", "ipv4-parameter"} <= kinds
    hybrid = {(r.direction, r.peer) for r in rules_of(ref, "hybrid-nodes")}
    assert hybrid == {
        ("inbound", "remote-node-cidr"), ("inbound", "remote-pod-cidr"),
        ("outbound", "remote-node-cidr"), ("outbound", "remote-pod-cidr"),
    }  # fmt: skip


def test_ssh_is_opt_in(ref: Reference) -> None:
    [ssh] = rules_of(ref, "ssh")
    assert (ssh.ports, ssh.protocol, ssh.peer_kind) == (22, "tcp", "ipv4-parameter")


def test_load_balancer_tag_and_karpenter_selector_are_noted(ref: Reference) -> None:
    node = next(g for g in ref.security_groups if g.id == "node")
    assert "expected exactly one securityGroup tagged" in (node.notes or "")
    assert "securityGroupSelectorTerms" in (node.notes or "")


# -- seed defects and provenance, where a reader sees them ----------------------------------


def test_every_seed_defect_has_a_note(ref: Reference) -> None:
    for rule_id in ("node-in-pmtud-icmp-self", "node-out-all-ipv4", "cluster-out-all-ipv4"):
        assert rule(ref, rule_id).notes, rule_id


def test_sources_page_shows_the_quotes(ref: Reference) -> None:
    text = next(iter(sources_page(ref).values()))
    assert "- What it says: containerPort: 10250" in text


def test_every_group_page_is_in_the_nav(ref: Reference) -> None:
    nav = yaml.safe_load(
        (ROOT / "mkdocs.yml").read_text().split("\nnav:\n")[1].join(["nav:\n", ""])
    )["nav"]
    pages = [p for item in nav if "Security groups" in item for p in item["Security groups"]]
    listed = {next(iter(p.values())) for p in pages}
    assert {f"reference/{g.id}.md" for g in ref.security_groups} <= listed
