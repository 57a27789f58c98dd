"""`kubectl get ... -o json` parsed once into typed values: the webhooks, APIServices and CRD
conversion webhooks that name a Service, the Services, their EndpointSlices, pods and nodes.

Only the fields the discovery reads are kept. A missing field that Kubernetes always sets is
bad input (`KubeError`, naming the item); a field Kubernetes may leave out takes its default
(a webhook's Service port 443, an EndpointSlice address `ready` unless it says false).
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from gen.reference.words import first_problems, malformed, printable

WEBHOOK_KINDS = ("ValidatingWebhookConfiguration", "MutatingWebhookConfiguration")


class KubeError(Exception):
    """The Kubernetes input cannot be read: exit 2, naming the file and the item; one line per
    item that is wrong (`lines`), every one found in the file."""

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass(frozen=True)
class Hook:
    """Something the API server calls: a webhook, an APIService, a CRD's conversion webhook."""

    kind: str
    name: str
    """The object's name; for a webhook configuration `CONFIG/WEBHOOK`."""
    namespace: str | None = None
    service: str | None = None
    port: int = 443
    url: str | None = None


@dataclass(frozen=True)
class ServicePort:
    name: str
    port: int
    target: int | str
    protocol: str = "TCP"


@dataclass(frozen=True)
class Service:
    namespace: str
    name: str
    ports: tuple[ServicePort, ...] = ()
    type: str = "ClusterIP"
    labels: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SliceAddress:
    ip: str
    ready: bool = True
    pod: str | None = None
    """`NAMESPACE/NAME` of the targetRef when it is a Pod."""
    node: str | None = None
    fqdn: bool = False
    """An FQDN EndpointSlice's entry: `ip` is a DNS name, not an address."""


@dataclass(frozen=True)
class Slice:
    """An EndpointSlice: its ports are the numeric target ports, by Service port name."""

    namespace: str
    service: str
    ports: tuple[tuple[str, int, str], ...]
    """(name, port, protocol) per port."""
    addresses: tuple[SliceAddress, ...]


@dataclass(frozen=True)
class Pod:
    namespace: str
    name: str
    ips: tuple[str, ...] = ()
    host_network: bool = False
    node: str | None = None
    labels: Mapping[str, str] = field(default_factory=dict)
    container_ports: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Node:
    name: str
    addresses: tuple[str, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)
    provider_id: str = ""

    @property
    def compute(self) -> str:
        """`fargate`, `hybrid`, `auto` or `ec2`, from the label EKS sets."""
        if self.name.startswith("fargate-"):
            return "fargate"
        return self.labels.get("eks.amazonaws.com/compute-type", "ec2")


@dataclass(frozen=True)
class Cluster:
    hooks: tuple[Hook, ...] = ()
    services: Mapping[str, Service] = field(default_factory=dict)
    """By `NAMESPACE/NAME`."""
    slices: tuple[Slice, ...] = ()
    pods: Mapping[str, Pod] = field(default_factory=dict)
    nodes: Mapping[str, Node] = field(default_factory=dict)


_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")
"""A namespace's and a Service's name (an RFC 1123 label, which Kubernetes enforces): they
reach printed fixes and rule descriptions, so nothing else passes."""


def _label(value: Any, what: str) -> str:
    if not isinstance(value, str) or not _LABEL.fullmatch(value):
        raise ValueError(f"{what} {printable(json.dumps(value))[:70]} is not a Kubernetes name "
                         "(lowercase letters, digits and '-', at most 63)")  # fmt: skip
    return value


def _port(value: Any, what: str) -> int:
    if type(value) is not int or not 1 <= value <= 65535:  # bool is an int: refused too
        raise ValueError(f"{what} {printable(json.dumps(value))[:40]} is not a port 1-65535")
    return value


def _str_map(value: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _hook(kind: str, name: str, config: dict) -> Hook:
    service = config.get("service")
    if isinstance(service, dict):
        port = _port(service.get("port", 443), "the service port")
        namespace = _label(service["namespace"], "the service namespace")
        return Hook(kind, name, namespace, _label(service["name"], "the service name"), port)
    return Hook(kind, name, url=str(config.get("url", "")) or None)


def _hooks(item: dict) -> list[Hook]:
    kind, meta = item["kind"], item["metadata"]
    if kind in WEBHOOK_KINDS:
        hooks = item.get("webhooks") or []
        return [_hook(kind, f"{meta['name']}/{w['name']}", w["clientConfig"]) for w in hooks]
    if kind == "APIService":
        service = (item.get("spec") or {}).get("service")
        return [_hook(kind, meta["name"], {"service": service})] if service else []
    conversion = (item.get("spec") or {}).get("conversion") or {}
    if kind == "CustomResourceDefinition" and conversion.get("strategy") == "Webhook":
        return [_hook(kind, meta["name"], conversion["webhook"]["clientConfig"])]
    return []


def _service(item: dict) -> Service:
    meta, spec = item["metadata"], item.get("spec") or {}
    ports = tuple(
        ServicePort(
            str(p.get("name", "")),
            _port(p["port"], "port"),
            _target(p.get("targetPort", p["port"])),
            str(p.get("protocol", "TCP")),
        )
        for p in spec.get("ports") or []
    )
    return Service(
        _label(meta["namespace"], "namespace"),
        _label(meta["name"], "name"),
        ports,
        str(spec.get("type", "ClusterIP")),
        _str_map(meta.get("labels")),
    )


def _target(value: Any) -> int | str:
    """A targetPort: a port number, or the name of a container port (an IANA service name)."""
    if isinstance(value, str) and re.fullmatch(r"[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?", value):
        return value
    return _port(value, "targetPort")


def _ip(value: Any, fqdn: bool) -> str:
    """An address in its one canonical text (IPv6 compressed, as EC2 writes it), or an FQDN
    slice's name kept as it is; anything else is bad input (ValueError names it)."""
    return str(value) if fqdn else str(ipaddress.ip_address(str(value)))


def _address(namespace: str, entry: dict, fqdn: bool = False) -> list[SliceAddress]:
    ref = entry.get("targetRef") or {}
    pod = f"{ref.get('namespace', namespace)}/{ref['name']}" if ref.get("kind") == "Pod" else None
    ready = (entry.get("conditions") or {}).get("ready") is not False
    node = entry.get("nodeName")
    found = entry.get("addresses") or []
    return [SliceAddress(_ip(ip, fqdn), ready, pod, node, fqdn) for ip in found]


def _slice(item: dict) -> Slice | None:
    meta = item["metadata"]
    service = _str_map(meta.get("labels")).get("kubernetes.io/service-name")
    if not service:
        return None  # a slice no Service owns: nothing calls it through a Service
    ports = tuple(
        (str(p.get("name", "")), _port(p["port"], "port"), str(p.get("protocol", "TCP")))
        for p in item.get("ports") or []
        if p.get("port") is not None
    )
    fqdn = item.get("addressType") == "FQDN"
    entries = item.get("endpoints") or []
    found = [a for e in entries for a in _address(meta["namespace"], e, fqdn)]
    namespace = _label(meta["namespace"], "namespace")
    return Slice(namespace, _label(service, "kubernetes.io/service-name"), ports, tuple(found))


def _pod(item: dict) -> Pod:
    meta, spec, status = item["metadata"], item.get("spec") or {}, item.get("status") or {}
    ips = [str(p["ip"]) for p in status.get("podIPs") or [] if "ip" in p]
    ips = ips or ([str(status["podIP"])] if status.get("podIP") else [])
    ports = {
        str(p["name"]): _port(p["containerPort"], "containerPort")
        for c in spec.get("containers") or []
        for p in c.get("ports") or []
        if p.get("name")
    }
    return Pod(
        meta["namespace"],
        meta["name"],
        tuple(ips),
        bool(spec.get("hostNetwork")),
        spec.get("nodeName"),
        _str_map(meta.get("labels")),
        ports,
    )


def _node(item: dict) -> Node:
    meta, status = item["metadata"], item.get("status") or {}
    found = [
        str(a["address"])
        for a in status.get("addresses") or []
        if a.get("type") in ("InternalIP", "ExternalIP")
    ]
    provider = str((item.get("spec") or {}).get("providerID", ""))
    return Node(meta["name"], tuple(found), _str_map(meta.get("labels")), provider)


def _describe(index: int, item: Any) -> str:
    if not isinstance(item, dict):
        return f"items[{index}]"
    meta = item.get("metadata") if isinstance(item.get("metadata"), dict) else {}
    where = "/".join(str(meta[k]) for k in ("namespace", "name") if k in meta)
    return printable(f"items[{index}] ({item.get('kind', '?')} {where})")


def _items(data: Any) -> list:
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        return data["items"]
    if isinstance(data, dict) and "kind" in data and "items" not in data:
        return [data]  # one object (`kubectl get apiservice NAME -o json`)
    raise KubeError("not the JSON of `kubectl get ... -o json` (a List with items)")


def parse(text: str, name: str = "-") -> Cluster:
    """A cluster from kubectl's JSON; bad input says where (`file:line:col`, or the item)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise KubeError(
            f"{name}:{err.lineno}:{err.colno}: {err.msg}; save it with "
            "`kubectl get ... -o json > FILE`"
        ) from None
    except RecursionError:
        # kubectl never nests this deep: json's recursion would otherwise end in a traceback
        raise KubeError(f"{name}: nested too deeply to be kubectl's JSON") from None
    try:
        items = _items(data)
    except KubeError as err:
        raise KubeError(f"{name}: {err}") from None
    hooks, services, slices, pods, nodes, problems = [], {}, [], {}, {}, []
    for index, item in enumerate(items):
        try:
            kind = item["kind"]
            hooks += _hooks(item)
            if kind == "Service":
                s = _service(item)
                services[f"{s.namespace}/{s.name}"] = s
            elif kind == "EndpointSlice" and (found := _slice(item)):
                slices.append(found)
            elif kind == "Pod":
                p = _pod(item)
                pods[f"{p.namespace}/{p.name}"] = p
            elif kind == "Node":
                nodes[item["metadata"]["name"]] = _node(item)
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            problems.append(f"{name}: {_describe(index, item)}: {malformed(err, 'kubectl')}")
    if problems:
        raise KubeError(*first_problems(problems))
    return Cluster(tuple(hooks), services, tuple(slices), pods, nodes)
