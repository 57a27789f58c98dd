"""What the control plane calls, resolved to addresses and ports: each webhook, APIService and
conversion webhook -> its Service's port -> the EndpointSlices of that Service (whose ports are
the numeric target ports, by the Service port's name) -> the addresses, pods and nodes.

A hook that cannot be followed to an address is kept with the reason (`problem`), never
dropped: called by URL, a Service missing or without that port, no endpoints.
"""

from __future__ import annotations

from dataclasses import dataclass

from gen.discover.kube import Cluster, Hook, Node, Pod, Service, ServicePort, Slice


@dataclass(frozen=True)
class Address:
    """One endpoint address, and the pod and node behind it when kubectl named them."""

    ip: str
    pod: Pod | None = None
    node: Node | None = None
    ready: bool = True

    @property
    def host_network(self) -> bool:
        return bool(self.pod and self.pod.host_network)


@dataclass(frozen=True)
class Target:
    hook: Hook
    service_port: int | None = None
    port: int | None = None
    """The numeric port on the pods (the EndpointSlice's), None when unknown."""
    protocol: str = "TCP"
    addresses: tuple[Address, ...] = ()
    problem: str | None = None

    @property
    def service(self) -> str | None:
        return f"{self.hook.namespace}/{self.hook.service}" if self.hook.service else None


def _slice_port(slice_: Slice, port: ServicePort) -> int | None:
    for name, number, protocol in slice_.ports:
        if name == port.name and protocol == port.protocol:
            return number
    return None


def _address(cluster: Cluster, found) -> Address:
    pod = cluster.pods.get(found.pod) if found.pod else None
    node_name = found.node or (pod.node if pod else None)
    node = cluster.nodes.get(node_name) if node_name else None
    return Address(found.ip, pod, node, found.ready)


def _by_port(cluster: Cluster, service: Service, port: ServicePort) -> dict[int, list[Address]]:
    """Ready addresses grouped by the numeric target port their slice gives."""
    groups: dict[int, list[Address]] = {}
    for slice_ in cluster.slices:
        if (slice_.namespace, slice_.service) != (service.namespace, service.name):
            continue
        number = _slice_port(slice_, port)
        if number is None and isinstance(port.target, int):
            number = port.target
        ready = [a for a in slice_.addresses if a.ready]
        if number is not None and ready:
            groups.setdefault(number, []).extend(_address(cluster, a) for a in ready)
    return groups


def _problem(hook: Hook, why: str, port: int | None = None, target=None) -> Target:
    return Target(hook, port, target if isinstance(target, int) else None, problem=why)


def _targets_of(cluster: Cluster, hook: Hook) -> list[Target]:
    if hook.url is not None or hook.service is None:
        return [
            _problem(
                hook,
                f"called by URL {hook.url or '(none)'}: not a Service, so the "
                "interfaces behind it are not known here",
            )
        ]
    service = cluster.services.get(f"{hook.namespace}/{hook.service}")
    if service is None:
        return [
            _problem(
                hook,
                "its Service is not in the input (deleted, or not saved with "
                "`kubectl get services -A`)",
                hook.port,
            )
        ]
    if service.type == "ExternalName":
        return [
            _problem(
                hook, "its Service is an ExternalName: a DNS name, no endpoints here", hook.port
            )
        ]
    port = next((p for p in service.ports if p.port == hook.port), None)
    if port is None:
        return [_problem(hook, f"its Service has no port {hook.port}: every call fails", hook.port)]
    groups = _by_port(cluster, service, port)
    if not groups:
        return [
            _problem(
                hook,
                "its Service has no ready endpoints: the call fails before any security group",
                hook.port,
                port.target,
            )
        ]
    return [
        Target(hook, hook.port, number, port.protocol, tuple(found))
        for number, found in sorted(groups.items())
    ]


def targets(cluster: Cluster) -> list[Target]:
    """Every hook's targets, in the order kubectl listed the hooks."""
    return [t for hook in cluster.hooks for t in _targets_of(cluster, hook)]
