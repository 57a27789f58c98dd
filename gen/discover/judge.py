"""Each target judged through the one flow function: the control plane (every interface
carrying the cluster group and the control-plane groups) to the interface owning each address
(a node's secondary address, a branch interface, a Fargate interface), on the target port.

Blocked: the smallest rule to add, on which group (`gen.discover.repair`).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Literal

from gen.aws.interfaces import Interface, Network
from gen.discover.repair import Fix, fixes_for
from gen.discover.targets import Address, Target
from gen.reference.flows import Endpoint, Flow, Rules, Verdict, allowed

Outcome = Literal["open", "blocked", "unknown"]
BRANCH = "aws-k8s-branch-eni"
"""The description the VPC CNI gives branch interfaces (InterfaceType `branch`)."""


@dataclass(frozen=True)
class Judged:
    address: Address
    interface: Interface | None
    verdict: Verdict | None
    outcome: Outcome
    note: str


@dataclass(frozen=True)
class Result:
    target: Target
    outcome: Outcome
    why: str
    addresses: tuple[Judged, ...] = ()
    fixes: tuple[Fix, ...] = ()


def control_plane(network: Network) -> Endpoint:
    """The control plane's interfaces: the cluster group and every additional group; addresses
    from the interfaces EKS describes as `Amazon EKS NAME`."""
    cluster = network.cluster
    groups = frozenset(g for g in (cluster.cluster_group, *cluster.groups) if g)
    mark = f"Amazon EKS {cluster.name}" if cluster.name else None
    found = [i for i in network.interfaces if mark and i.description == mark]
    nets = tuple(ipaddress.ip_network(a) for i in found for a in i.addresses)
    return Endpoint(groups, nets, name="control-plane")


def _note(address: Address, interface: Interface | None) -> str:
    if address.node and address.node.compute == "hybrid":
        return (
            "a hybrid node: no security group at its end; the control plane's egress to your "
            "remote pod network is `eks-sg rules --with hybrid-nodes`, your network does the rest"
        )
    if interface is None:
        return (
            "on no interface of the VPC: an overlay CNI's pod network? The control plane "
            "cannot reach it by any security-group rule (run the webhook with hostNetwork)"
        )
    if address.host_network:
        return f"hostNetwork pod: the node's own interface {interface.id}"
    if interface.type == "branch" or interface.description == BRANCH:
        return f"security groups for pods: branch interface {interface.id}"
    if address.node and address.node.compute == "fargate":
        return f"Fargate pod: its own interface {interface.id}"
    return f"interface {interface.id} with {', '.join(interface.groups)}"


def _destination(address: Address, interface: Interface | None) -> Endpoint | None:
    net = (ipaddress.ip_network(address.ip),)
    if address.node and address.node.compute == "hybrid" and interface is None:
        return Endpoint(frozenset(), net, name=address.ip)  # only the egress half is ours
    if interface is None:
        return None
    return Endpoint(frozenset(interface.groups), net, name=interface.id)


def _judge(target: Target, address: Address, network: Network, rules: Rules, cp: Endpoint):
    interface = network.owner(address.ip)
    note, destination = _note(address, interface), _destination(address, interface)
    if destination is None or target.port is None or not cp.groups:
        why = note if cp.groups else "the control plane's groups are not known (--cluster, --sg)"
        return Judged(address, interface, None, "unknown", why)
    flow = Flow(
        cp,
        destination,
        "tcp" if target.protocol == "TCP" else "udp",
        target.port,
        target.port,
        why=target.hook.name,
    )
    verdict = allowed(flow, rules)
    return Judged(address, interface, verdict, "open" if verdict.allowed else "blocked", note)


def _outcome(judged: list[Judged]) -> Outcome:
    outcomes = {j.outcome for j in judged}
    return "blocked" if "blocked" in outcomes else "unknown" if "unknown" in outcomes else "open"


def _rule(rule) -> str:
    ports = "all" if rule.protocol == "all" else f"{rule.protocol} {rule.low}-{rule.high}"
    side = "to" if rule.direction == "outbound" else "from"
    return f"{rule.id or '?'} on {rule.group} ({ports} {side} {rule.peer})"


def _phrase(judged: Judged) -> str:
    v = judged.verdict
    if v is None:
        return f"unknown: {judged.note}"
    if not v.allowed:
        halves = " and ".join(
            "the control plane's egress" if h == "outbound" else "the target's ingress"
            for h in v.missing
        )
        return f"{halves} missing ({judged.note})"
    egress = ", ".join(dict.fromkeys(map(_rule, v.egress)))
    ingress = ", ".join(dict.fromkeys(map(_rule, v.ingress))) or "no group at its end"
    return f"egress by {egress}; ingress by {ingress}"


def _why(judged: list[Judged]) -> str:
    """One phrase when every address reads the same (the pods of one Deployment on nodes
    with the same groups), else one per address."""
    phrases = [_phrase(j) for j in judged]
    if len(set(phrases)) == 1:
        many = f" ({len(judged)} addresses)" if len(judged) > 1 else ""
        return phrases[0] + many
    return "; ".join(f"{j.address.ip}: {p}" for j, p in zip(judged, phrases, strict=True))


def judge(targets: list[Target], network: Network) -> list[Result]:
    rules = Rules.of(network.rules)
    cp = control_plane(network)
    results = []
    for target in targets:
        if target.problem:
            results.append(Result(target, "unknown", target.problem))
            continue
        judged = [_judge(target, a, network, rules, cp) for a in target.addresses]
        fixes = [
            f for j in judged for f in fixes_for(target, j.verdict, j.interface, network, rules)
        ]
        outcome = _outcome(judged)
        results.append(
            Result(target, outcome, _why(judged), tuple(judged), tuple(dict.fromkeys(fixes)))
        )
    return results
