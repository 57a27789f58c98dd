"""The smallest rule to add for a blocked half, on which group (`Fix`).

The target side gets a TCP ingress for the one port, on the group the interface carries for
the cluster (tagged `kubernetes.io/cluster/NAME`, else its own, else the cluster group), from
the control plane's group that group already trusts (terraform-aws-eks'
`source_cluster_security_group`), else the additional group, else the cluster group. The
control plane's side gets the egress on its additional group (else the cluster group) to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from gen.aws.interfaces import Interface, Network
from gen.discover.targets import Target
from gen.reference.flows import Rules, Verdict

CLUSTER_TAG = "kubernetes.io/cluster/"


@dataclass(frozen=True)
class Fix:
    """One rule to add: on `group`, `direction`, tcp `port`, peer group `peer`."""

    group: str
    direction: Literal["inbound", "outbound"]
    port: int
    peer: str
    protocol: str = "tcp"
    description: str = ""


def target_group(interface: Interface, network: Network) -> str:
    """The group to open on: the one tagged for the cluster, else the first that is not the
    cluster group (the node's or pod's own), else the cluster group."""
    name = network.cluster.name
    tagged = [g for g in interface.groups if name and f"{CLUSTER_TAG}{name}" in tags(network, g)]
    own = [g for g in interface.groups if g != network.cluster.cluster_group]
    return (tagged or own or list(interface.groups))[0]


def tags(network: Network, group: str) -> dict[str, str]:
    info = network.groups.get(group)
    return dict(info.tags) if info else {}


def _cp_peer(group: str, network: Network, rules: Rules) -> str:
    cluster = network.cluster
    cp = [g for g in (*cluster.groups, cluster.cluster_group) if g]
    trusted = {r.peer.group for r in rules.on([group], "inbound") if r.peer.group}
    return next((g for g in cp if g in trusted), cp[0])


def description(target: Target) -> str:
    """An EC2-safe rule description naming the Service (its characters kept to EC2's set, less
    the braces of a CloudFormation `{{resolve:...}}`, which no Kubernetes name has):
    the same for every hook of one Service and port, so their one rule reads the same."""
    text = f"eks-sg discover: webhooks of {target.service} on port {target.port}"
    safe = "".join(
        c if c.isascii() and (c.isalnum() or c in " ._-:/()#,@[]+=;!$*") else "-" for c in text
    )
    return safe[:255]


def fixes_for(
    target: Target,
    verdict: Verdict | None,
    interface: Interface | None,
    network: Network,
    rules: Rules,
) -> list[Fix]:
    """The rules that open a blocked verdict's missing halves (none for an open one)."""
    if verdict is None or verdict.allowed or target.port is None:
        return []
    text = description(target)
    group = target_group(interface, network) if interface else None
    peer = _cp_peer(group, network, rules) if group else None
    found = []
    if "outbound" in verdict.missing and group:
        cluster = network.cluster
        owner = (cluster.groups or (cluster.cluster_group,))[0]
        found.append(Fix(owner, "outbound", target.port, group, description=text))
    if "inbound" in verdict.missing and group and peer:
        found.append(Fix(group, "inbound", target.port, peer, description=text))
    return found
