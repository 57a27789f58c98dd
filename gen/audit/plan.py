"""Security groups as a Terraform plan says they will be after apply (`terraform show -json`).

Read: `aws_security_group` (inline `ingress`/`egress`; Terraform removes EC2's default egress
from the groups it creates, so none is added), `aws_security_group_rule`,
`aws_vpc_security_group_ingress_rule` / `_egress_rule`, in any module, `count` and `for_each`
instances alike (the plan's `resource_changes` has one entry per instance). A rule being
destroyed is not there after apply.

A group created by the plan is known by its resource address (its id exists only after
apply). A rule's group or peer that is known only after apply is resolved through the plan's
`configuration`: the `references` of the attribute's expression, followed through module
inputs (`var.X` to the caller's expression), must name exactly one security group of the
plan; anything else (a local, two candidates, a data source) leaves the rule `unknown`, with
the reason, never guessed. `Where` gives the address and, when the module's `.tf` files are
found next to the plan file (`module_calls` give their source), the file and line of the
resource block.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gen.audit.groups import Group, Where
from gen.reference.flows import GroupRule, Peer, Protocol
from gen.reference.words import printable

RULE_TYPES = (
    "aws_security_group_rule",
    "aws_vpc_security_group_ingress_rule",
    "aws_vpc_security_group_egress_rule",
)
_PROTOCOLS: dict[str, Protocol] = {"-1": "all", "all": "all", "tcp": "tcp", "6": "tcp",
                                   "udp": "udp", "17": "udp", "icmp": "icmp", "1": "icmp",
                                   "icmpv6": "icmpv6", "58": "icmpv6"}  # fmt: skip
_GROUP_REF = re.compile(r"^(?:(.+)\.)?aws_security_group\.([\w-]+)(\[[^\]]+\])?\.id$")


class PlanError(ValueError):
    """The file is not `terraform show -json` output of a plan: exit 2, with what to do."""


@dataclass(frozen=True)
class Planned:
    """The groups after apply, by id (resource address or a known sg- id)."""

    groups: Mapping[str, Group]
    created: frozenset[str] = frozenset()
    """Groups Terraform's `aws_security_group` creates or created (no EC2 default egress)."""


@dataclass
class _Module:
    """One module of the plan's configuration: its resources' expressions and its caller."""

    prefix: str  # "" for the root, "module.eks." inside module "eks"
    resources: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: dict[str, dict[str, Any]] = field(default_factory=dict)
    source: Path | None = None
    parent: _Module | None = None
    name: str = ""


def read(path: Path) -> Planned:
    """The groups a plan JSON file says will exist after apply."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as err:
        why = err.strerror if isinstance(err, OSError) else printable(str(err))
        raise PlanError(f"--plan {printable(str(path))}: {why}") from None
    if not isinstance(data, dict) or "resource_changes" not in data:
        raise PlanError(f"--plan {printable(str(path))}: not a plan's JSON; make it with "
                        "`terraform show -json PLANFILE > plan.json`")  # fmt: skip
    try:
        return parse(data, Path(path).parent)
    except (KeyError, TypeError, AttributeError, ValueError) as err:
        raise PlanError(f"--plan {printable(str(path))}: not the JSON of `terraform show -json "
                        f"PLANFILE` ({printable(type(err).__name__)}: {printable(str(err))})"
                        ) from None  # fmt: skip


def parse(data: Mapping[str, Any], root: Path | None = None) -> Planned:
    modules = _modules(data.get("configuration", {}).get("root_module", {}), root)
    changes = [c for c in data.get("resource_changes", []) if _exists_after(c)]
    groups: dict[str, Group] = {}
    ids: dict[str, str] = {}  # known sg- id -> the planned group's address
    for change in changes:
        if change.get("type") == "aws_security_group":
            after = change["change"]["after"] or {}
            if isinstance(after.get("id"), str):
                ids[after["id"]] = change["address"]
    reader = _Reader(modules, ids)
    rules: dict[str, list[tuple[GroupRule, Where]]] = {}
    created = set()
    for change in changes:
        kind = change.get("type")
        if kind == "aws_security_group":
            address = change["address"]
            after = change["change"]["after"] or {}
            groups[address] = Group(address, name=after.get("name"), vpc=after.get("vpc_id"),
                                    tags=after.get("tags") or {},
                                    where=reader.where(change))  # fmt: skip
            created.add(address)
            for found in reader.inline(change):
                rules.setdefault(address, []).append((found, reader.where(change)))
        elif kind in RULE_TYPES:
            for found in reader.rule(change):
                rules.setdefault(found.group, []).append((found, reader.where(change)))
    for group_id, found in rules.items():
        base = groups.get(group_id, Group(group_id))
        placed = {r.id: w for r, w in found if r.id}
        groups[group_id] = Group(base.id, tuple(r for r, _ in found), base.tags, base.name,
                                 base.vpc, base.where, placed)  # fmt: skip
    return Planned(groups, frozenset(created))


def _exists_after(change: Mapping[str, Any]) -> bool:
    actions = change.get("change", {}).get("actions", [])
    return change.get("mode") == "managed" and actions != ["delete"]


def _modules(root: Mapping[str, Any], folder: Path | None) -> dict[str, _Module]:
    """Every module of the configuration by its address prefix."""
    found: dict[str, _Module] = {}

    def walk(config: Mapping[str, Any], module: _Module) -> None:
        found[module.prefix] = module
        for resource in config.get("resources", []):
            module.resources[resource["address"]] = resource
        for name, call in config.get("module_calls", {}).items():
            module.calls[name] = call
            source = call.get("source", "")
            here = module.source
            path = (here / source) if here and source.startswith(".") else None
            child = _Module(f"{module.prefix}module.{name}.", source=path, parent=module, name=name)
            walk(call.get("module", {}), child)

    walk(root, _Module("", source=folder))
    return found


def _module_prefix(address: str) -> str:
    """`module.a["x"].module.b.aws_x.y[0]` -> `module.a.module.b.` (configuration addresses
    have no instance keys)."""
    parts = re.findall(r"module\.([\w-]+)(?:\[[^\]]*\])?\.", address)
    return "".join(f"module.{p}." for p in parts)


class _Reader:
    def __init__(self, modules: Mapping[str, _Module], ids: Mapping[str, str]) -> None:
        self.modules = modules
        self.ids = ids

    def where(self, change: Mapping[str, Any]) -> Where:
        module = self.modules.get(_module_prefix(change["address"]))
        file, line = _locate(module, change.get("type", ""), change.get("name", ""))
        return Where(change["address"], file, line)

    def _expression(self, change: Mapping[str, Any], attribute: str, refs: bool = True):
        """The configuration's expression of an attribute: its references, or (refs=False)
        whether the configuration sets it at all (inline blocks appear as a list)."""
        module = self.modules.get(_module_prefix(change["address"]))
        config = module.resources.get(f"{change['type']}.{change['name']}", {}) if module else {}
        expression = config.get("expressions", {}).get(attribute)
        if not refs:
            return expression is not None
        return expression.get("references", []) if isinstance(expression, dict) else []

    def resolve(self, change: Mapping[str, Any], attribute: str) -> tuple[str | None, str | None]:
        """The group an attribute known only after apply will hold: (address, None), or
        (None, why not)."""
        module = self.modules.get(_module_prefix(change["address"]))
        refs = self._expression(change, attribute)
        found, others = self._groups_named(module, refs, depth=0)
        if len(found) == 1 and not others:
            return found.pop(), None
        what = f"{change['address']}: {attribute} is known only after apply"
        if len(found) > 1:
            return None, f"{what}, and its expression names {len(found)} groups"
        if others:
            return None, f"{what}, from {', '.join(sorted(others))} (not a group of the plan)"
        return None, f"{what}, and its expression names no group of the plan"

    def _groups_named(self, module: _Module | None, refs: list[str], depth: int):
        found: set[str] = set()
        others: set[str] = set()
        if module is None or depth > 20:
            return found, {"an unknown module"}
        for ref in refs:
            if match := _GROUP_REF.match(ref):
                address = f"{module.prefix}aws_security_group.{match.group(2)}"
                found.add(address + (match.group(3) or ""))
            elif ref.startswith("var.") and ref.count(".") == 1 and module.parent:
                call = module.parent.calls.get(module.name, {})
                inner = call.get("expressions", {}).get(ref[4:], {}).get("references", [])
                more, rest = self._groups_named(module.parent, inner, depth + 1)
                found |= more
                others |= rest
            elif ref.startswith(("local.", "data.", "module.")):
                others.add(ref)
        return found, others

    def _group_of(self, change, value: Any, attribute: str) -> tuple[str | None, str | None]:
        if isinstance(value, str) and value:
            return self.ids.get(value, value), None
        return self.resolve(change, attribute)

    def inline(self, change: Mapping[str, Any]) -> Iterator[GroupRule]:
        """The inline ingress/egress blocks of an aws_security_group."""
        address = change["address"]
        after = change["change"]["after"] or {}
        unknown = change["change"].get("after_unknown") or {}
        for key, direction in (("ingress", "inbound"), ("egress", "outbound")):
            # Without inline blocks in the configuration the attribute only mirrors the rules
            # of separate resources (read back after apply; unknown before): not inline rules.
            if not self._expression(change, key, refs=False):
                continue
            blocks = after.get(key) or []
            if unknown.get(key) is True:
                yield GroupRule(address, direction, "all", 0, 65535, Peer(), f"{address}.{key}",
                                unknown=f"{address}: {key} is known only after apply")  # fmt: skip
                continue
            for n, block in enumerate(blocks):
                base = f"{address}.{key}[{n}]"
                yield from self._peers(change, address, direction, block, base, None)

    def rule(self, change: Mapping[str, Any]) -> Iterator[GroupRule]:
        after = change["change"]["after"] or {}
        address = change["address"]
        group, why = self._group_of(change, after.get("security_group_id"), "security_group_id")
        if group is None:
            group = f"{address}.security_group_id"
        if change["type"] == "aws_security_group_rule":
            direction = "inbound" if after.get("type") == "ingress" else "outbound"
            yield from self._peers(change, group, direction, after, address, why)
            return
        direction = "inbound" if change["type"].endswith("ingress_rule") else "outbound"
        protocol = _protocol(after.get("ip_protocol"))
        low, high = _ports(protocol, after.get("from_port"), after.get("to_port"))
        peer, peer_why = self._vpc_rule_peer(change, after)
        yield GroupRule(group, direction, protocol, low, high, peer, address,
                        after.get("description"), why or peer_why)  # fmt: skip

    def _vpc_rule_peer(self, change, after) -> tuple[Peer, str | None]:
        if after.get("cidr_ipv4"):
            return Peer(network=ipaddress.ip_network(after["cidr_ipv4"], strict=False)), None
        if after.get("cidr_ipv6"):
            return Peer(network=ipaddress.ip_network(after["cidr_ipv6"], strict=False)), None
        if after.get("prefix_list_id"):
            return Peer(prefix_list=after["prefix_list_id"]), None
        unknown = change["change"].get("after_unknown") or {}
        for key in ("cidr_ipv4", "cidr_ipv6", "prefix_list_id"):
            if unknown.get(key):
                return Peer(), f"{change['address']}: {key} is known only after apply"
        group, why = self._group_of(change, after.get("referenced_security_group_id"),
                                    "referenced_security_group_id")  # fmt: skip
        return Peer(group=group), why

    def _peers(self, change, group: str, direction: str, block, base: str, why: str | None):
        """One GroupRule per peer, as EC2 makes one rule per CIDR, prefix list and group."""
        protocol = _protocol(block.get("protocol"))
        low, high = _ports(protocol, block.get("from_port"), block.get("to_port"))
        description = block.get("description") or None

        def make(peer: Peer, key: str, reason: str | None = None) -> GroupRule:
            return GroupRule(group, direction, protocol, low, high, peer, f"{base}#{key}",
                             description, why or reason)  # fmt: skip

        for cidr in [*(block.get("cidr_blocks") or []), *(block.get("ipv6_cidr_blocks") or [])]:
            yield make(Peer(network=ipaddress.ip_network(cidr, strict=False)), cidr)
        for prefix in block.get("prefix_list_ids") or []:
            yield make(Peer(prefix_list=prefix), prefix)
        if block.get("self"):
            yield make(Peer(group=group), "self")
        for sg in block.get("security_groups") or []:
            yield make(Peer(group=self.ids.get(sg, sg)), sg)
        unknown = change["change"].get("after_unknown") or {}
        other = ("cidr_blocks", "ipv6_cidr_blocks", "prefix_list_ids", "self", "security_groups")
        if any(block.get(key) for key in other):
            return  # source_security_group_id conflicts with these: computed, and empty
        value = block.get("source_security_group_id")
        if value or unknown.get("source_security_group_id"):
            peer, reason = self._group_of(change, value, "source_security_group_id")
            yield make(Peer(group=peer), "source", reason)


def _protocol(raw: Any) -> Protocol:
    return _PROTOCOLS.get(str(raw).lower(), "all" if raw is None else str(raw).lower())  # type: ignore[return-value]


def _ports(protocol: str, low: Any, high: Any) -> tuple[int, int]:
    if protocol == "all":
        return 0, 65535
    if protocol in ("icmp", "icmpv6"):
        return (-1 if low is None else int(low)), (-1 if high is None else int(high))
    return int(low if low is not None else 0), int(high if high is not None else 65535)


_BLOCK = 'resource "{type}" "{name}"'


def _locate(module: _Module | None, kind: str, name: str) -> tuple[str | None, int | None]:
    """The file and line of `resource "TYPE" "NAME"` in the module's folder, if it is there."""
    if module is None or module.source is None or not module.source.is_dir():
        return None, None
    wanted = _BLOCK.format(type=kind, name=name)
    for path in sorted(module.source.glob("*.tf")):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, text in enumerate(lines, 1):
            if text.strip().startswith(wanted):
                return os.path.normpath(path).replace(os.sep, "/"), number
    return None, None
