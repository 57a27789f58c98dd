"""The tags controllers select groups by, checked on the interfaces found.

- The LB controller and the cloud provider pick the group tagged `kubernetes.io/cluster/NAME`
  among an interface's groups, and fail with "expected exactly one securityGroup tagged with
  kubernetes.io/cluster/NAME" when an interface with several groups has none or more than one.
- Karpenter attaches every group its `securityGroupSelectorTerms` select, usually by
  `karpenter.sh/discovery`: a control-plane-only group carrying that tag lands on the nodes
  it launches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gen.aws.interfaces import Interface, Network
from gen.aws.shell import quote
from gen.discover.judge import Result
from gen.discover.repair import CLUSTER_TAG, tags, target_group

DISCOVERY = "karpenter.sh/discovery"


@dataclass(frozen=True)
class TagFinding:
    kind: str
    """`cluster-tag` or `karpenter-discovery`."""
    interface: str | None
    groups: tuple[str, ...]
    why: str
    fix: str


def _interfaces(results: list[Result], nodes: list[Interface]) -> list[Interface]:
    """The interfaces of the targets' pods, then the nodes' own, each once."""
    found = {j.interface.id: j.interface for r in results for j in r.addresses if j.interface}
    found |= {i.id: i for i in nodes if i.id not in found}
    return list(found.values())


def _cluster_tag(interface: Interface, network: Network, name: str) -> TagFinding | None:
    key = f"{CLUSTER_TAG}{name}"
    tagged = [g for g in interface.groups if key in tags(network, g)]
    if len(interface.groups) < 2 or len(tagged) == 1:
        return None
    if not tagged:
        keep = target_group(interface, network)
        pair = quote(f"Key={key},Value=owned")
        fix = f"aws ec2 create-tags --resources {quote(keep)} --tags {pair}"
        why = f"none of its {len(interface.groups)} groups is tagged {key}"
    else:
        # EKS tags the cluster group itself: keep its tag, drop the others (terraform-aws-eks
        # 1810: `node_security_group_tags` with the key set to null).
        cluster = network.cluster.cluster_group
        keep = cluster if cluster in tagged else tagged[0]
        rest = [g for g in tagged if g != keep]
        names = " ".join(map(quote, rest))
        fix = f"aws ec2 delete-tags --resources {names} --tags {quote(f'Key={key}')}"
        why = f"{len(tagged)} of its groups are tagged {key} ({', '.join(tagged)}); keep {keep}"
    return TagFinding("cluster-tag", interface.id, interface.groups, why, fix)


def _discovery(interfaces: list[Interface], network: Network, name: str) -> list[TagFinding]:
    on_nodes = {g for i in interfaces for g in i.groups}
    cluster = network.cluster
    found = []
    for group in cluster.groups:  # additional groups: the control plane's own
        if tags(network, group).get(DISCOVERY) == name and group not in on_nodes:
            fix = (
                f"aws ec2 delete-tags --resources {quote(group)} --tags {quote(f'Key={DISCOVERY}')}"
            )
            why = (
                f"the control plane's group {group} is tagged {DISCOVERY}={name}: Karpenter "
                "would attach it to the nodes it launches"
            )
            found.append(TagFinding("karpenter-discovery", None, (group,), why, fix))
    return found


def findings(
    results: list[Result], network: Network, nodes: Sequence[Interface] = ()
) -> list[TagFinding]:
    """Tag findings on the targets' interfaces and `nodes` (the nodes' own interfaces)."""
    name = network.cluster.name
    if not name:
        return []  # the tag's key needs the cluster's name (--cluster)
    interfaces = _interfaces(results, list(nodes))
    found = [f for i in interfaces if (f := _cluster_tag(i, network, name))]
    return found + _discovery(interfaces, network, name)
