"""References between items: ids resolve and are unique, no rule is written twice, and each
rule's `ports` or `icmp` fits its protocol.

They run on whatever part of the file is valid (gen/reference/typed.py keeps an invalid
item's valid fields). Known ids come from the raw data, so a rule that is broken for another
reason does not also show up as "unknown" wherever it is cited; only well-formed ids are
listed as known.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from gen.reference import versions
from gen.reference.model import (
    PARAMETER_PEERS,
    PeerKind,
    Reference,
    Rule,
    derive_peer,
    derive_port_range,
    version_key,
)
from gen.reference.ports import SLUG, PortRange
from gen.reference.problems import INVALID, Path, Problem, show_path
from gen.reference.words import shown

SECTIONS = ("sources", "security_groups", "categories", "parameters", "rules")


def _raw_ids(raw: Any, section: str) -> set[str]:
    items = raw.get(section) if isinstance(raw, dict) else None
    ids = (i.get("id") for i in items or [] if isinstance(i, dict))
    return {i for i in ids if isinstance(i, str) and SLUG.fullmatch(i)}


def _raw_istio_ports(raw: Any) -> set[str]:
    istio = raw.get("istio") if isinstance(raw, dict) else None
    ports = istio.get("ports") if isinstance(istio, dict) else None
    return {f"{p.get('component')}:{p.get('port')}" for p in ports or [] if isinstance(p, dict)}


def _raw_parameter_kinds(raw: Any) -> dict[str, set[str]]:
    """Parameter ids by kind (`port` when not given), read from the raw data."""
    items = raw.get("parameters") if isinstance(raw, dict) else None
    kinds: dict[str, set[str]] = {"port": set(), "cidr": set(), "prefix-list": set()}
    for item in items or []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            kind = item.get("kind", "port")
            if kind in kinds and SLUG.fullmatch(item["id"]):
                kinds[kind].add(item["id"])
    return kinds


def _raw_excerpts(raw: Any) -> set[str]:
    """`source#excerpt` for every well-formed excerpt id, read from the raw data."""
    sources = raw.get("sources") if isinstance(raw, dict) else None
    found = set()
    for source in sources or []:
        if isinstance(source, dict) and isinstance(source.get("id"), str):
            for excerpt in source.get("excerpts") or []:
                if isinstance(excerpt, dict) and isinstance(excerpt.get("id"), str):
                    found.add(f"{source['id']}#{excerpt['id']}")
    return found


def known_ids(raw: Any) -> dict[str, set[str]]:
    """Every id the file defines, by section, read from the raw data; parameters also by kind
    (`port-parameters`, `peer-parameters`)."""
    known = {section: _raw_ids(raw, section) for section in SECTIONS}
    istio = raw.get("istio") if isinstance(raw, dict) else None
    known["components"] = _raw_ids(istio, "components")
    known["istio_ports"] = _raw_istio_ports(raw)
    known["excerpts"] = _raw_excerpts(raw)
    kinds = _raw_parameter_kinds(raw)
    known["port-parameters"] = kinds["port"]
    known["peer-parameters"] = kinds["cidr"] | kinds["prefix-list"]
    return known


def _present(items: list[Any]) -> Iterator[tuple[int, Any]]:
    return ((i, item) for i, item in enumerate(items) if item is not None)


def _unknown(path: Path, kind: str, value: str, known: set[str]) -> Problem:
    listed = ", ".join(sorted(known)) or "none"
    return Problem(path, f"unknown {kind} {shown(value)}; known: {listed}")


def _refs(path: Path, values: list[str] | None, kind: str, known: set[str]) -> Iterator[Problem]:
    for i, value in enumerate(values or []):
        if value not in known:
            yield _unknown((*path, i), kind, value, known)


def _backing(path: Path, item: Any, known: dict[str, set[str]]) -> Iterator[Problem]:
    """Each cited excerpt exists, its source is among the item's sources, and an item with
    neither excerpts nor reasoning says nothing checkable (allowed for now; the data test
    asks for one of them)."""
    backed = getattr(item, "backed_by", None)
    if backed is INVALID or not backed:
        return
    for i, ref in enumerate(backed):
        where = (*path, "backed_by", i)
        if ref not in known["excerpts"]:
            source = ref.split("#")[0]
            listed = sorted(e for e in known["excerpts"] if e.startswith(f"{source}#"))
            yield Problem(where, f"unknown excerpt {shown(ref)}; {source} has: "
                          f"{', '.join(listed) or 'none'}")  # fmt: skip
        elif item.sources is not INVALID and ref.split("#")[0] not in (item.sources or []):
            message = f"excerpt {shown(ref)} is from a source not in 'sources'; add it there"
            yield Problem(where, message)


def _duplicate_ids(
    section: Path, items: list[Any], key: Any, field: str = "id"
) -> Iterator[Problem]:
    first: dict[Any, int] = {}
    for i, item in _present(items):
        if key(item) is INVALID:  # reported already
            continue
        if key(item) in first:
            where = show_path((*section, first[key(item)]))
            message = f"{shown(key(item))} is defined twice; the first is {where}"
            yield Problem((*section, i, field), message)
        first.setdefault(key(item), i)


def _shape(path: Path, rule: Rule) -> Iterator[Problem]:
    """Which of `ports` and `icmp` a protocol needs."""
    if INVALID in (rule.protocol, rule.ports, rule.icmp):
        return
    if rule.protocol in ("icmp", "icmpv6"):
        if rule.icmp is None:
            yield Problem(path, f"protocol {rule.protocol} needs 'icmp' with a type and code")
        if rule.ports is not None:
            yield Problem((*path, "ports"), f"protocol {rule.protocol} takes 'icmp', not 'ports'")
        return
    if rule.icmp is not None:
        yield Problem((*path, "icmp"), "'icmp' is only for protocols icmp and icmpv6")
    if rule.ports is None:
        yield Problem(path, f"protocol {rule.protocol} needs 'ports'")
    elif rule.protocol == "all" and rule.ports != "all":
        yield Problem((*path, "ports"), "protocol all covers every port: write 'ports: all'")


def _peer_kind(rule: Rule) -> PeerKind:
    """The derived kind; a salvaged rule (built without validation) has none yet."""
    return getattr(rule, "peer_kind", None) or derive_peer(rule.peer)[0]


def _port_range(rule: Rule) -> PortRange | None:
    """The derived range; a salvaged rule (built without validation) has none yet."""
    if hasattr(rule, "port_range") or INVALID in (rule.protocol, rule.ports, rule.icmp):
        return getattr(rule, "port_range", None)
    return derive_port_range(rule.protocol, rule.ports, rule.icmp)


CIDR_PEERS = ("ipv4", "ipv6", "ipv4-parameter", "ipv6-parameter")


def _peer(path: Path, rule: Rule, known: dict[str, set[str]]) -> Iterator[Problem]:
    if rule.peer is INVALID:
        return
    kind, groups = _peer_kind(rule), known["security_groups"]
    parameters = known["peer-parameters"]
    if rule.peer == rule.group:
        yield Problem((*path, "peer"), f"a rule's own group is written 'self', not {rule.peer!r}")
    elif kind in ("role", *PARAMETER_PEERS) and rule.peer in known["port-parameters"]:
        message = (
            f"parameter {rule.peer!r} is a port; a peer is a group, 'self', a CIDR, or a cidr "
            "or prefix-list parameter"
        )
        yield Problem((*path, "peer"), message)
    elif kind == "role" and rule.peer not in groups | parameters:
        yield _unknown(
            (*path, "peer"), "security group or parameter", rule.peer, groups | parameters
        )
    cidr = kind in CIDR_PEERS or (
        kind == "role" and rule.peer in parameters and rule.peer not in groups
    )
    if rule.description and "&" in rule.description and not cidr:
        yield Problem((*path, "description"), "EC2 allows '&' only in descriptions of CIDR rules")


def _ports_parameter(path: Path, parameter: str, known: dict[str, set[str]]) -> Iterator[Problem]:
    if parameter in known["peer-parameters"]:
        message = (
            f"parameter {parameter!r} is a network or prefix list, not a port; name it as the peer"
        )
        yield Problem((*path, "ports"), message)
    elif parameter not in known["parameters"]:
        yield _unknown((*path, "ports"), "parameter", parameter, known["port-parameters"])


def _clashes(ref: Reference, known: dict[str, set[str]]) -> Iterator[Problem]:
    """Role and parameter ids share the namespace of a rule's `peer`: they must differ."""
    for i, parameter in _present(ref.parameters):
        if parameter.id in known["security_groups"]:
            message = f"parameter {parameter.id!r} has the id of a security-group role; rename one"
            yield Problem(("parameters", i, "id"), message)


def _rule(path: Path, rule: Rule, known: dict[str, set[str]]) -> Iterator[Problem]:
    if rule.group is not INVALID and rule.group not in known["security_groups"]:
        yield _unknown((*path, "group"), "security group", rule.group, known["security_groups"])
    yield from _shape(path, rule)
    yield from _peer(path, rule, known)
    yield from _refs((*path, "categories"), rule.categories, "category", known["categories"])
    yield from _refs((*path, "sources"), rule.sources, "source", known["sources"])
    yield from _refs((*path, "istio_ports"), rule.istio_ports, "Istio port", known["istio_ports"])
    yield from _backing(path, rule, known)
    parameter = ports.parameter if (ports := _port_range(rule)) else None
    if parameter:
        yield from _ports_parameter(path, parameter, known)


def rule_key(rule: Rule) -> tuple:
    """What makes two rules the same EC2 permission, whatever their ids and descriptions
    (peers are normalised, so `::/0` and `0:0::/0` are one network)."""
    return (rule.group, rule.direction, rule.protocol, _port_range(rule), rule.peer)


def _same_rules(rules: list[Rule | None]) -> Iterator[Problem]:
    first: dict[tuple, tuple[int, Rule]] = {}
    for i, rule in _present(rules):
        if INVALID in (rule.group, rule.direction, rule.protocol, rule.peer, rule.ports, rule.icmp):
            continue  # a broken rule: its errors are reported already
        seen = first.setdefault(rule_key(rule), (i, rule))
        if seen[0] != i:
            yield Problem(
                ("rules", i),
                f"rule {rule.id!r} is the same rule as {seen[1].id!r} (rules[{seen[0]}]); "
                "keep one and list every category on it",
            )


def _rules(ref: Reference, known: dict[str, set[str]]) -> Iterator[Problem]:
    for i, rule in _present(ref.rules):
        yield from _rule(("rules", i), rule, known)
    yield from _same_rules(ref.rules)


def _istio(ref: Reference, known: dict[str, set[str]]) -> Iterator[Problem]:
    for i, comp in _present(ref.istio.components):
        path = ("istio", "components", i, "sources")
        yield from _refs(path, comp.sources, "source", known["sources"])
    for i, port in _present(ref.istio.ports):
        path = ("istio", "ports", i)
        if port.component is not INVALID and port.component not in known["components"]:
            yield _unknown((*path, "component"), "component", port.component, known["components"])
        yield from _refs((*path, "sources"), port.sources, "source", known["sources"])
        yield from _refs((*path, "rules"), port.rules, "rule", known["rules"])
        yield from _backing(path, port, known)
    key = lambda p: INVALID if INVALID in (p.component, p.port) else f"{p.component}:{p.port}"  # noqa: E731
    yield from _duplicate_ids(("istio", "ports"), ref.istio.ports, key, "port")


def _exclusions(ref: Reference, known: dict[str, set[str]]) -> Iterator[Problem]:
    groups = known["security_groups"]
    for i, category in _present(ref.categories):
        for role, carrier in (category.shares or {}).items():
            where = ("categories", i, "shares", role)
            for name in (role, carrier):
                if name not in groups:
                    yield _unknown(where, "security group", name, groups)
        path = ("categories", i, "excludes")
        yield from _refs(path, category.excludes or [], "category", known["categories"])
        if category.excludes and category.id in category.excludes:
            yield Problem(path, f"category {category.id!r} cannot exclude itself")
        if category.excludes and category.baseline:
            yield Problem(path, "a baseline category is always in force: it can exclude nothing")
        path = ("categories", i, "removes")
        yield from _refs(path, category.removes or [], "rule", known["rules"])


def _presence(ref: Reference, known: dict[str, set[str]]) -> Iterator[Problem]:
    for i, group in _present(ref.security_groups):
        path = ("security_groups", i, "only_with")
        yield from _refs(path, group.only_with or [], "category", known["categories"])
        path = ("security_groups", i, "also_on")
        also = group.also_on or []
        yield from _refs(path, also, "security group", known["security_groups"])
        if group.id in also:
            yield Problem(path, f"group {group.id!r} is on its own interfaces already")
        via = group.outside_vpc_via
        if via is not None and via is not INVALID:
            path = ("security_groups", i, "outside_vpc_via")
            if via not in known["security_groups"]:
                yield _unknown(path, "security group", via, known["security_groups"])
            elif via == group.id:
                yield Problem(path, f"group {group.id!r} cannot leave the VPC through itself")


def _excerpt_ids(ref: Reference) -> Iterator[Problem]:
    for i, source in _present(ref.sources):
        if source.excerpts is not INVALID:
            key = lambda e: e.id  # noqa: E731
            yield from _duplicate_ids(("sources", i, "excerpts"), source.excerpts or [], key)


def _overlaps(ref: Reference) -> Iterator[Problem]:
    """Two categories for the same release of a product would make `product@version` ambiguous."""
    seen: dict[str, list[tuple[str, Any]]] = {}
    for i, category in _present(ref.categories):
        if category.versions is INVALID:
            continue
        for j, span in enumerate(category.versions or []):
            for other, earlier in seen.get(span.product, []):
                if _meet(span, earlier):
                    message = (
                        f"{span.text} overlaps {earlier.text} of category {other!r}: a "
                        "release would pick two categories; make the ranges meet, not overlap"
                    )
                    yield Problem(("categories", i, "versions", j), message)
            seen.setdefault(span.product, []).append((category.id, span))


def _meet(a: Any, b: Any) -> bool:
    """Whether two ranges share a release."""
    lows = [version_key(r.first) if r.first else (-1,) for r in (a, b)]
    highs = [version_key(r.before) if r.before else (1 << 30,) for r in (a, b)]
    return max(lows) < min(highs)


def _briefs(ref: Reference) -> Iterator[Problem]:
    marked = [i for i, s in _present(ref.sources) if s.original_brief is True]
    for i in marked[1:]:
        first = ref.sources[marked[0]].id
        message = f"only one source can be the original brief, and {first!r} is already"
        yield Problem(("sources", i, "original_brief"), message)


def problems(ref: Reference, raw: Any) -> list[Problem]:
    """Every reference, uniqueness and shape problem in the (possibly partial) model."""
    known = known_ids(raw)
    found = [
        p
        for section in SECTIONS
        for p in _duplicate_ids((section,), getattr(ref, section), lambda item: item.id)
    ]
    found += _duplicate_ids(("istio", "components"), ref.istio.components, lambda c: c.id)
    found += _exclusions(ref, known)
    found += _clashes(ref, known)
    found += _presence(ref, known)
    found += _excerpt_ids(ref)
    found += _overlaps(ref)
    found += versions.problems(ref)
    return found + list(_rules(ref, known)) + list(_istio(ref, known)) + list(_briefs(ref))
