"""Which reference category a target is: the categories whose control-plane-to-node rules open
its port, narrowed by name (the category's add-on named in the Service, its namespace, the
hook or the pods' `app` labels), and Istio's own port list for istiod.

A port alone is weak evidence (Kyverno and the LB controller both serve 9443), so a category
is claimed only when the name agrees; otherwise the finding says the reference does not know
the add-on yet and lists the categories that open the same port.
"""

from __future__ import annotations

from dataclasses import dataclass

from gen.discover.targets import Target
from gen.reference.model import Reference

_SUFFIXES = ("-legacy", "-controller")
_NAME_LABELS = ("app", "app.kubernetes.io/name", "app.kubernetes.io/instance", "k8s-app")


@dataclass(frozen=True)
class Match:
    category: str | None
    """The category id, or None: the reference does not know this add-on."""
    same_port: tuple[str, ...] = ()
    """Categories whose rules open the port (for an unknown add-on, what already covers it)."""
    text: str = ""


def _port_categories(ref: Reference, port: int, exact: bool = False) -> list[str]:
    """Categories with a control-plane-to-node TCP rule covering the port (`exact`: a rule for
    that one port, not a range such as eksctl's 1025-65535)."""
    found: list[str] = []
    for rule in ref.rules:
        low, high, parameter = rule.port_range
        towards = (rule.group, rule.direction, rule.peer_role) in (
            ("control-plane", "outbound", "node"),
            ("node", "inbound", "control-plane"),
        )
        if not towards or rule.protocol != "tcp" or parameter is not None:
            continue
        if ((low, high) == (port, port)) if exact else (low <= port <= high):
            found += [c for c in rule.categories if c not in found]
    return found


def _istio(ref: Reference, port: int) -> list[str]:
    """istiod's network ports, by Istio's own list: the categories of the rules they imply."""
    rules = {r.id: r for r in ref.rules}
    ids = [
        rid
        for p in ref.istio.ports
        if p.component == "istiod" and p.port == port
        for rid in p.rules
    ]
    return [c for rid in ids for c in rules[rid].categories if rid in rules]


def _names(target: Target) -> list[str]:
    hook = target.hook
    names = [hook.name, hook.service or "", hook.namespace or ""]
    for address in target.addresses:
        labels = address.pod.labels if address.pod else {}
        names += [labels.get(k, "") for k in _NAME_LABELS]
    return [n.lower() for n in names if n]


def _stem(category: str) -> str:
    for suffix in _SUFFIXES:
        category = category.removesuffix(suffix)
    return category


def match(ref: Reference, target: Target) -> Match:
    if target.port is None:
        return Match(None, (), "no port to match")
    same = _port_categories(ref, target.port, exact=True)
    names = _names(target)
    ranged = _port_categories(ref, target.port) + _istio(ref, target.port)
    candidates = list(dict.fromkeys(same + ranged))
    for category in candidates:
        if any(_stem(category) in name for name in names):
            return Match(category, tuple(same), f"{category} (port {target.port} and name)")
    where = f"{target.hook.kind} {target.hook.name}, Service {target.service}, port {target.port}"
    known = f"; port {target.port} is in {', '.join(same)}" if same else ""
    return Match(None, tuple(same), f"the reference does not know this add-on yet ({where}{known})")
