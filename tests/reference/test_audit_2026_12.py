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
    # the control plane's half is the cluster group's outbound-all (on the same interfaces);
    # 15012 is the proxies' own, between nodes (without all traffic between them, istiod's
    # configuration reached no proxy on another node)
    assert {(r.group, r.ports) for r in added} == {("node", 15017), ("node", 15012)}
    assert not [r for r in added if r.ports == 443]
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
    "gatekeeper": 8443, "sysdig-admission-controller": 8443,
}  # fmt: skip


def test_addons_have_their_port_and_an_excerpt(ref: Reference) -> None:
    for addon, port in ADDONS.items():
        node = [r for r in rules_of(ref, addon) if r.group == "node" and r.ports == port]
        assert node, addon
        assert [
            b for b in node[0].backed_by if not b.startswith(("older-eks-guide#", "tf-aws-eks#"))
        ], addon


def test_metrics_server_ports_by_version(ref: Reference) -> None:
    legacy, current = category(ref, "metrics-server-legacy"), category(ref, "metrics-server")
    # the manifest's --secure-port and the chart's containerPort, per tag (read 2026-12-03):
    # manifest 4443 in v0.5.2-v0.6.4, 10250 from v0.7.0; chart 4443 in 3.5.0-3.9.0 (app
    # 0.5.0-0.6.3), 10250 from 3.10.0 (app 0.6.3) on
    holds = lambda c, p, v: [s.holds(v) for s in c.versions if s.product == p] == [True]  # noqa: E731
    assert holds(legacy, "metrics-server", "0.6.4")
    assert holds(legacy, "metrics-server-chart", "3.9.0")
    assert not holds(legacy, "metrics-server-chart", "3.10.0")
    assert holds(current, "metrics-server", "0.7.0")
    assert holds(current, "metrics-server-chart", "3.10.0")
    assert holds(current, "metrics-server-chart", "3.11.0")
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


# -- the closing pass: each item the first pass left open, one test each ----------------------


def excerpt(ref: Reference, ref_id: str) -> str:
    source, excerpt_id = ref_id.split("#")
    found = next(s for s in ref.sources if s.id == source)
    return next(e.text for e in found.excerpts if e.id == excerpt_id)


# F2: in primary-remote only the primary's istiod reads API servers, so the primary takes no 443
# from the remote network; a remote cluster chooses istio-multicluster, which has it.
def test_the_primary_of_primary_remote_takes_no_api_traffic_from_the_remote_network(
    ref: Reference,
) -> None:
    api = "control-plane-in-https-from-remote-mesh"
    assert api not in {r.id for r in select(ref, Setup(categories=("istio-primary-remote",))).rules}
    assert api in {r.id for r in select(ref, Setup(categories=("istio-multicluster",))).rules}
    assert "istio-multicluster" in (category(ref, "istio-primary-remote").help or "")


# Doubtful: who calls 15017 through the gateway, shown by the remote istiod's endpoints.
def test_the_webhook_through_the_gateway_cites_the_remote_istiod_endpoints(ref: Reference) -> None:
    endpoints = excerpt(ref, "istio-discovery-chart#remote-istiod-endpoints")
    assert "remotePilotAddress" in endpoints
    assert "15017" in endpoints
    for rule_id in ("nlb-in-eastwest-webhook-from-remote", "node-in-eastwest-webhook-from-nlb"):
        r = rule(ref, rule_id)
        assert "istio-discovery-chart#remote-istiod-endpoints" in r.backed_by
        assert "API server" in (r.inferred or "")
        assert not [b for b in r.backed_by if b.startswith("istio-multicluster#")], rule_id


# M-16: EFA needs all traffic to and from the group itself, inbound as well as outbound.
def test_efa_alone_opens_all_traffic_to_and_from_the_group(ref: Reference) -> None:
    chosen = {r.id for r in select(ref, Setup(categories=("efa",))).rules}
    assert "node-in-all-self" in chosen
    inbound = rule(ref, "node-in-all-self")
    assert {"eksctl#efa-group", "tf-aws-eks#efa-ingress"} <= set(inbound.backed_by)
    assert "security_group_ingress_rules" in excerpt(ref, "tf-aws-eks#efa-ingress")
    assert "security_group_egress_rules" in excerpt(ref, "tf-aws-eks#efa-egress")


# M-8: the controller's tag rule as its code has it; terraform-aws-eks conflicts only when both
# groups are attached.
def test_the_node_group_states_the_controllers_tag_rule_exactly(ref: Reference) -> None:
    notes = next(g for g in ref.security_groups if g.id == "node").notes or ""
    assert "the only group when there is one" in notes
    assert "--service-target-eni-security-group-tags" in notes
    assert "attach_cluster_primary_security_group = true" in notes
    assert "only one securityGroup is tagged" in excerpt(ref, "lbc-networking#endpoint-sg")
    faq = excerpt(ref, "tf-aws-eks#faq-one-tagged")
    assert "attach_cluster_primary_security_group = true" in faq


# Citation: the min-max merge and the group of the target ENI are quoted from where they are.
def test_load_balancer_rules_cite_the_controllers_code_and_docs(ref: Reference) -> None:
    assert "minPort" in excerpt(ref, "lbc-networking#min-max")
    assert "lbc-networking#min-max" in rule(ref, "node-in-nlb-listener").backed_by
    ip_rules = [r for r in ref.rules if r.categories[0] in ("alb-ip-targets", "nlb-ip-targets")]
    assert ip_rules
    for r in (r for r in ip_rules if r.group in ("node", "pod")):
        assert "lbc-sg#target-eni-selection" in r.backed_by, r.id
        assert r.inferred is None, r.id
    lbc = next(s for s in ref.sources if s.id == "lbc-sg")
    assert all(e.where.startswith("docs/") for e in lbc.excerpts)


# Citation: every excerpt of an EKS user guide page is from that page's own file.
EKS_GUIDE = "https://docs.aws.amazon.com/eks/latest/userguide/"


def _files_named(where: str) -> list[str]:
    """The .adoc files an excerpt's `where` names, without line numbers or folders."""
    words = where.replace(",", " ").split()
    return [w.split(":")[0].rsplit("/", 1)[-1] for w in words if ".adoc" in w]


def test_eks_guide_excerpts_come_from_the_page_their_source_links(ref: Reference) -> None:
    wrong = []
    for source in (s for s in ref.sources if (s.url or "").startswith(EKS_GUIDE)):
        page = (source.url or "").removeprefix(EKS_GUIDE).split(".html")[0]
        for e in source.excerpts:
            if any(name != f"{page}.adoc" for name in _files_named(e.where)):
                wrong.append(f"{source.id}#{e.id}")
    assert wrong == []


# M-11: SSH from the VPC CIDR with privateNetworking, and from anywhere for a managed node group
# with a key but no source group.
def test_ssh_cites_both_of_its_defaults(ref: Reference) -> None:
    ssh = rule(ref, "node-in-ssh")
    assert "vpcCIDR" in excerpt(ref, "eksctl#ssh-private")
    assert "0.0.0.0/0" in excerpt(ref, "aws-eks-managed-node-groups#ssh-anywhere")
    assert {"eksctl#ssh-private", "aws-eks-managed-node-groups#ssh-anywhere"} <= set(ssh.backed_by)


# M-15: the control plane's outbound rules are covered by the cluster group on the same
# interfaces, and needed once restricted egress removes its outbound-all rule.
def test_control_plane_egress_is_covered_until_egress_is_restricted(ref: Reference) -> None:
    outbound = [r for r in ref.rules if r.group == "control-plane" and r.direction == "outbound"]
    assert len(outbound) > 10
    for r in outbound:
        setup = Setup(categories=(r.categories[0],))
        covered = {c.rule.id: c.why for c in select(ref, setup).covered}
        assert covered.get(r.id) == "already allowed by cluster-out-all-ipv4", r.id
    restricted = select(ref, Setup(categories=("istio", "restricted-egress")))
    assert "control-plane-out-istio-webhook-to-node" in {r.id for r in restricted.rules}


# Doubtful: the PMTUD rules are recommended only (not added by every IPv6 setup) and cite EC2.
def test_pmtud_rules_are_recommended_only_and_quote_ec2s_mtu_page(ref: Reference) -> None:
    icmpv6 = rule(ref, "node-in-pmtud-icmpv6-self")
    assert icmpv6.categories == ["recommended"]
    assert icmpv6.id not in {r.id for r in select(ref, Setup(categories=("ipv6",))).rules}
    assert "(Type 3, Code 4)" in excerpt(ref, "ec2-mtu#type-3-code-4")
    assert "(Type 2)" in excerpt(ref, "ec2-mtu#packet-too-big")
    assert "ec2-mtu#stateful" in rule(ref, "node-in-pmtud-icmp-self").backed_by
    assert rule(ref, "node-in-pmtud-icmp-self").inferred is None


# Doubtful: a new group's egress is IPv4; ::/0 is the default group's, in an IPv6 VPC.
def test_a_new_groups_egress_is_quoted_and_ipv4(ref: Reference) -> None:
    vpc = next(s for s in ref.sources if s.id == "vpc-sg-rules")
    assert "::/0 where the VPC has IPv6" not in (vpc.quote or "")
    assert "default security group" in (vpc.quote or "")
    assert "added only if your VPC" in excerpt(ref, "vpc-sg-rules#default-group-ipv6")
    for rule_id in ("alb-out-all-ipv4", "nlb-out-all-ipv4", "pod-out-all-ipv4"):
        assert "vpc-sg-rules#new-group-outbound" in rule(ref, rule_id).backed_by


# Doubtful: the restricted-egress endpoints rule cites the private-clusters page.
def test_restricted_egress_cites_the_private_clusters_page(ref: Reference) -> None:
    endpoints = rule(ref, "cluster-out-restricted-vpc-endpoints")
    assert "aws-eks-private-clusters#endpoint-sg" in endpoints.backed_by
    assert "endpoints' own security group" in (endpoints.notes or "")
    assert (
        "aws-eks-private-clusters#ecr-endpoints" in rule(ref, "cluster-out-restricted-s3").backed_by
    )


# M-1: the hybrid nodes gateway's UDP 8472 is quoted from AWS's page, not inferred.
def test_hybrid_gateway_rules_quote_aws(ref: Reference) -> None:
    for rule_id in ("node-in-hybrid-gateway-vxlan", "node-out-hybrid-gateway-vxlan"):
        r = rule(ref, rule_id)
        assert r.inferred is None
        assert "eks-hybrid-nodes-gateway#vxlan-sg" in r.backed_by
    assert "UDP traffic on port 8472" in excerpt(ref, "eks-hybrid-nodes-gateway#vxlan-sg")


# Citation: EKS Blueprints has node ingress rules only, now quoted.
def test_blueprints_excerpts_are_node_ingress_rules(ref: Reference) -> None:
    blueprints = next(s for s in ref.sources if s.id == "eks-blueprints-istio")
    assert [e.id for e in blueprints.excerpts] == ["ingress-15017", "ingress-15012"]
    assert all('type = "ingress"' in e.text for e in blueprints.excerpts)


# Citation: istio-cni's ports are quoted from its daemonset, not the gateway chart.
def test_istio_cni_ports_are_quoted_from_its_daemonset(ref: Reference) -> None:
    for port in (p for p in ref.istio.ports if p.component == "istio-cni"):
        assert port.inferred is None, port.key
        assert [b.split("#")[0] for b in port.backed_by] == ["istio-discovery-chart"], port.key
    assert "port: 8000" in excerpt(ref, "istio-discovery-chart#cni-readiness-8000")


# M-7: standard mode's same-node exception is quoted from the page that states it.
def test_standard_mode_is_quoted(ref: Reference) -> None:
    text = excerpt(ref, "aws-eks-sg-pods-configure#standard-same-node")
    assert "kubelet" in text
    assert "same node" in text
    assert (
        "aws-eks-sg-pods-configure#standard-same-node"
        in rule(ref, "pod-in-probe-from-node").backed_by
    )


# Doubtful: the load balancer roles are for instance and IP targets alike.
def test_load_balancer_roles_serve_instance_and_ip_targets(ref: Reference) -> None:
    for role in ("alb", "nlb"):
        group = next(g for g in ref.security_groups if g.id == role)
        assert "instance or IP targets" in group.attached_to, role
        assert f"{role}-ip-targets" in group.only_with, role


# Doubtful: the VPC PMTUD page is the network ACL page's section.
def test_vpc_pmtud_links_the_network_acl_section(ref: Reference) -> None:
    source = next(s for s in ref.sources if s.id == "vpc-pmtud")
    assert (source.url or "").endswith("/vpc-network-acls.html#path_mtu_discovery")
    assert "network ACL rule" in excerpt(ref, "vpc-pmtud#nacl-rule")


# M-2: pods in the VPC serving pods on hybrid nodes need their app ports from the remote pods.
def test_hybrid_help_names_the_app_ports(ref: Reference) -> None:
    assert "app ports from the remote pod CIDR" in (category(ref, "hybrid-nodes").help or "")


# M-3: Auto Mode's node selector is quoted from the NodeClass page.
def test_auto_mode_node_selector_is_quoted(ref: Reference) -> None:
    node = next(g for g in ref.security_groups if g.id == "node").notes or ""
    assert "(aws-eks-auto-mode)" in node
    assert "securityGroupSelectorTerms" in excerpt(ref, "aws-eks-auto-mode#node-security-groups")


# Add-ons: Sysdig's admission controller is on the ports terraform-aws-eks opens (6443, 8443).
def test_sysdig_uses_the_modules_ports(ref: Reference) -> None:
    ports = {(r.group, r.ports) for r in rules_of(ref, "sysdig-admission-controller")}
    assert ports == {
        ("node", 6443),
        ("node", 8443),
        ("control-plane", 6443),
        ("control-plane", 8443),
    }
