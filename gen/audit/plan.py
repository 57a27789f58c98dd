"""Security groups as a Terraform plan says they will be after apply (`terraform show -json`).

Read: `aws_security_group` (inline `ingress` / `egress`; Terraform removes EC2's default egress
from the groups it creates, so none is added), `aws_security_group_rule`,
`aws_vpc_security_group_ingress_rule` / `_egress_rule`, in any module, every `count` and
`for_each` instance (the plan's `resource_changes` has one entry per instance). A resource the
plan destroys is not there after apply.

A group the plan creates is known by its resource address (its id exists only after apply;
a group whose id the plan knows is known by its address too). A group or peer known only after
apply is resolved through the configuration's references (`gen.audit.plan_references`), else
the rule is unknown, with the reason. Each group and rule has a `Where`: its address and, when
the module's `.tf` files are found from the plan file's folder (the root module's, where
`terraform show -json` is run), the file and line of its block.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gen.audit.groups import Group, Where
from gen.audit.plan_references import Module, Resolver, config_address, module_prefix, modules
from gen.reference import files
from gen.reference.flows import Direction, GroupRule, Peer, Protocol
from gen.reference.words import first_problems, malformed, printable

MAX_BYTES = 256 * 1024 * 1024
"""A plan JSON larger than this is refused (a plan of 5,000 resources is about 20 MB)."""
RULE_TYPES = (
    "aws_security_group_rule",
    "aws_vpc_security_group_ingress_rule",
    "aws_vpc_security_group_egress_rule",
)
_PROTOCOLS: dict[str, Protocol] = {"-1": "all", "all": "all", "tcp": "tcp", "6": "tcp",
                                   "udp": "udp", "17": "udp", "icmp": "icmp", "1": "icmp",
                                   "icmpv6": "icmpv6", "58": "icmpv6"}  # fmt: skip
_PEERS = ("cidr_blocks", "ipv6_cidr_blocks", "prefix_list_ids", "self", "security_groups")


class PlanError(ValueError):
    """The file is not `terraform show -json` output of a plan: exit 2, with what to do; one
    line per resource that is wrong (`lines`), every one found in the plan."""

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass(frozen=True)
class Planned:
    """The groups after apply, by id (resource address or a known `sg-` id)."""

    groups: Mapping[str, Group]
    created: frozenset[str]
    """The groups `aws_security_group` makes (or made): they carry exactly their rules."""
    names: frozenset[str]
    """Every group id the plan names (its groups and its rules' peers), for `--sg`."""


def read(path: Path) -> Planned:
    """The groups a plan JSON file says will exist after apply."""
    shown = printable(str(path))
    try:
        data = json.loads(files.read_bytes(path, MAX_BYTES).decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as err:
        why = err.strerror if isinstance(err, OSError) else printable(str(err))
        raise PlanError(f"--plan {shown}: {why}") from None
    if not isinstance(data, dict) or "resource_changes" not in data:
        raise PlanError(f"--plan {shown}: not a plan's JSON; make it with `terraform show "
                        "-json PLANFILE > plan.json` in the root module's folder")  # fmt: skip
    try:
        return parse(data, Path(path).parent)
    except PlanError as err:
        raise PlanError(*(f"--plan {shown}: {line}" for line in err.lines)) from None
    except (KeyError, TypeError, AttributeError, ValueError) as err:
        raise PlanError(f"--plan {shown}: not the JSON of `terraform show -json PLANFILE` "
                        f"({malformed(err, 'terraform')})") from None  # fmt: skip


def parse(data: Mapping[str, Any], root: Path | None = None) -> Planned:
    """The plan's groups; `root` is the root module's folder (for files and lines)."""
    changes = [c for c in data["resource_changes"] if _after(c) is not None]
    reader = _Reader(changes, modules(data.get("configuration", {}).get("root_module", {}), root))
    rules: dict[str, list[tuple[GroupRule, Where]]] = {}
    groups: dict[str, Group] = {}
    problems = []
    for change in changes:
        try:
            where = reader.where(change)
            found = _read_change(change, reader, where, groups)
        except (KeyError, TypeError, AttributeError, ValueError) as err:
            address = printable(str(change.get("address", "?")))
            problems.append(f"{address}: {malformed(err, 'terraform')}")
            continue
        for rule in found:
            rules.setdefault(rule.group, []).append((rule, where))
    if problems:
        raise PlanError(*first_problems(problems))
    for sg, placed in rules.items():
        base = groups.get(sg, Group(sg))
        groups[sg] = Group(sg, tuple(r for r, _ in placed), base.tags, base.name, base.vpc,
                           base.where, {r.id: w for r, w in placed if r.id})  # fmt: skip
    peers = {r.peer.group for g in groups.values() for r in g.rules if r.peer.group}
    created = frozenset(c["address"] for c in changes if c["type"] == "aws_security_group")
    return Planned(groups, created, frozenset(groups) | peers)


def _read_change(change: Mapping[str, Any], reader: _Reader, where: Where,
                 groups: dict[str, Group]) -> list:  # fmt: skip
    """The rules one resource change makes (and its group, into `groups`), read whole, so
    that a value that is wrong is found here, naming the resource."""
    if change["type"] == "aws_security_group":
        after = _after(change) or {}
        groups[change["address"]] = Group(
            change["address"], name=after.get("name"), vpc=after.get("vpc_id"),
            tags=dict(after.get("tags") or {}), where=where,
        )  # fmt: skip
        return list(reader.inline(change))
    return list(reader.rule(change)) if change["type"] in RULE_TYPES else []


def _after(change: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """A managed resource's values after apply (None: destroyed, or not managed)."""
    actions = change["change"]["actions"]
    if change.get("mode") != "managed" or actions == ["delete"]:
        return None
    return change["change"]["after"] or {}


def _unknown(change: Mapping[str, Any]) -> Mapping[str, Any]:
    return change["change"].get("after_unknown") or {}


class _Reader:
    def __init__(self, changes: list[Mapping[str, Any]], found: Mapping[str, Module]) -> None:
        self.modules = found
        self.ids: dict[str, str] = {}
        """A known `sg-` id -> the address of the planned group that has it."""
        new_groups: dict[str, list[str]] = {}
        pending = set()
        for change in changes:
            after, unknown = _after(change), _unknown(change)
            if change["type"] == "aws_security_group":
                if isinstance(after.get("id"), str):  # type: ignore[union-attr]
                    self.ids[after["id"]] = change["address"]  # type: ignore[index]
                elif unknown.get("id"):
                    new_groups.setdefault(config_address(change["address"]), []).append(
                        change["address"]
                    )
            elif any(v is True for v in unknown.values()):
                pending.add(config_address(change["address"]))
        self.resolver = Resolver(found, {k: tuple(v) for k, v in new_groups.items()},
                                 frozenset(pending))  # fmt: skip

    def where(self, change: Mapping[str, Any]) -> Where:
        """The resource's address, and where it is written when the files are found: the
        `KEY = {` of a for_each instance's key in a calling module block (the user's own
        rule, in terraform-aws-eks' `node_security_group_additional_rules`), else its block
        (in a module fetched from a registry: the module block that calls it)."""
        address = change["address"]
        module = self.modules.get(module_prefix(address))
        key = change.get("index")
        caller = module
        while isinstance(key, str) and caller is not None and caller.parent is not None:
            place = caller.parent.files.keyed.get(caller.name, {}).get(key)
            if place is not None:
                return Where(address, *place)
            caller = caller.parent
        block: tuple[str, ...] = ("resource", change["type"], change["name"])
        while module is not None:
            place = module.files.blocks.get(block)
            if place is not None:
                return Where(address, *place)
            block, module = ("module", module.name), module.parent
        return Where(address)

    def _configured(self, change: Mapping[str, Any], attribute: str) -> bool:
        module = self.modules.get(module_prefix(change["address"]))
        config = module.resource(f"{change['type']}.{change['name']}") if module else {}
        return attribute in config.get("expressions", {})

    def _group(self, change, value: Any, attribute: str) -> tuple[str | None, str]:
        """A group id attribute: the planned group it names, or why it is not known."""
        if isinstance(value, str) and value:
            return self.ids.get(value, value), ""
        if not _unknown(change).get(attribute):
            return None, f"{change['address']}: {attribute} is not set"
        return self.resolver.group(change["address"], change["type"], change["name"], attribute)

    def inline(self, change: Mapping[str, Any]) -> Iterator[GroupRule]:
        """An aws_security_group's inline `ingress` / `egress` blocks."""
        address, after = change["address"], _after(change) or {}
        for key, direction in (("ingress", "inbound"), ("egress", "outbound")):
            # Without inline blocks in the configuration the attribute mirrors the rules of
            # other resources (read back after apply): they are read from those resources.
            if not self._configured(change, key):
                continue
            if _unknown(change).get(key) is True:
                why = (f"{address}: {key} is known only after apply (a block names a group the "
                       "plan creates: write it as an aws_vpc_security_group_*_rule)")  # fmt: skip
                yield GroupRule(address, direction, "all", 0, 65535, Peer(), f"{address}.{key}",
                                unknown=why)  # type: ignore[arg-type]  # fmt: skip
                continue
            blocks = after.get(key) or []
            for n, block in enumerate(blocks):
                yield from self._peers(address, direction, block, f"{address}.{key}[{n}]", "")

    def rule(self, change: Mapping[str, Any]) -> Iterator[GroupRule]:
        """An aws_security_group_rule or aws_vpc_security_group_*_rule."""
        after, address = _after(change) or {}, change["address"]
        sg, why = self._group(change, after.get("security_group_id"), "security_group_id")
        group = sg or f"{address}.security_group_id"
        if change["type"] == "aws_security_group_rule":
            direction: Direction = "inbound" if after.get("type") == "ingress" else "outbound"
            yield from self._peers(group, direction, after, address, why, change)
            return
        direction = "inbound" if change["type"].endswith("ingress_rule") else "outbound"
        protocol, other = protocol_of(after.get("ip_protocol"))
        low, high = ports_of(protocol, after.get("from_port"), after.get("to_port"))
        peer, peer_why = self._vpc_rule_peer(change, after)
        yield GroupRule(group, direction, protocol, low, high, peer, address,
                        after.get("description"), why or peer_why or other)  # fmt: skip

    def _vpc_rule_peer(self, change, after) -> tuple[Peer, str]:
        for key in ("cidr_ipv4", "cidr_ipv6"):
            if after.get(key):
                return Peer(network=network_of(after[key], key)), ""
        if after.get("prefix_list_id"):
            return Peer(prefix_list=after["prefix_list_id"]), ""
        for key in ("cidr_ipv4", "cidr_ipv6", "prefix_list_id"):
            if _unknown(change).get(key):
                return Peer(), f"{change['address']}: {key} is known only after apply"
        attribute = "referenced_security_group_id"
        group, why = self._group(change, after.get(attribute), attribute)
        return Peer(group=group), why

    def _peers(self, group, direction, block, base: str, why: str, change=None):
        """One GroupRule per peer, as EC2 makes one rule per CIDR, prefix list and group; the
        rule id is the resource's address, with the peer when it makes several."""
        protocol, other = protocol_of(block.get("protocol"))
        low, high = ports_of(protocol, block.get("from_port"), block.get("to_port"))
        cidrs = [*(block.get("cidr_blocks") or []), *(block.get("ipv6_cidr_blocks") or [])]
        peers = [(Peer(network=network_of(c, "cidr_blocks")), c) for c in cidrs if c]
        peers += [(Peer(prefix_list=p), p) for p in block.get("prefix_list_ids") or [] if p]
        peers += [(Peer(group=group), "self")] if block.get("self") else []
        groups = block.get("security_groups") or []
        peers += [(Peer(group=self.ids.get(sg, sg)), sg) for sg in groups if sg]
        reasons = [why] * len(peers)
        if None in [*cidrs, *groups, *(block.get("prefix_list_ids") or [])]:
            peers.append((Peer(), "later"))  # an element of a list known only after apply
            reasons.append(why or f"{base}: a peer is known only after apply")
        if change is not None and not any(block.get(k) for k in _PEERS):
            peer, reason = self._group(change, block.get("source_security_group_id"),
                                       "source_security_group_id")  # fmt: skip
            peers, reasons = [(Peer(group=peer), "source")], [why or reason]
        for (peer, key), reason in zip(peers, reasons, strict=True):
            rule_id = base if len(peers) == 1 else f"{base}#{key}"
            yield GroupRule(group, direction, protocol, low, high, peer, rule_id,
                            block.get("description") or None, reason or other)  # fmt: skip


def protocol_of(raw: Any) -> tuple[Protocol, str | None]:
    """A protocol as Terraform and CloudFormation write it (a name, a number, -1 for all);
    another IP protocol is judged as all traffic would be, but never lets anything through
    (unknown, as the live audit has it)."""
    text = str(raw).lower()
    if text in _PROTOCOLS:
        return _PROTOCOLS[text], None
    return "all", f"IP protocol {printable(text)[:20]}, which no rule of the reference uses"


def ports_of(protocol: str, low: Any, high: Any) -> tuple[int, int]:
    """The ports as written (a number, or the digits CloudFormation may give as a string),
    checked as EC2 checks them: ValueError names a value EC2 refuses."""
    if protocol == "all":
        return 0, 65535
    if protocol in ("icmp", "icmpv6"):  # type and code: -1 is any
        return _number(low, -1, 255, "from_port", -1), _number(high, -1, 255, "to_port", -1)
    low, high = _number(low, 0, 65535, "from_port", 0), _number(high, 0, 65535, "to_port", 65535)
    if low > high:
        raise ValueError(f"to_port {high} is below from_port {low}")
    return low, high


def _number(value: Any, least: int, most: int, what: str, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]{1,5}", value):
        value = int(value)
    if type(value) is float and value.is_integer():
        value = int(value)
    if type(value) is not int or not least <= value <= most:  # bool is an int: refused too
        raise ValueError(f"{what} {printable(json.dumps(value))[:30]} is not a whole number "
                         f"{least}..{most}")  # fmt: skip
    return value


def network_of(value: Any, what: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    """A CIDR as written (host bits cleared, as EC2 keeps it); ValueError names anything else."""
    if isinstance(value, str) and "%" not in value:
        with contextlib.suppress(ValueError):
            return ipaddress.ip_network(value, strict=False)
    raise ValueError(f"{what} {printable(json.dumps(value))[:60]} is not a CIDR")
