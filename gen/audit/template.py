"""Security groups as a CloudFormation template (YAML or JSON, short-form intrinsics) makes them.

Read: `AWS::EC2::SecurityGroup` (inline `SecurityGroupIngress` / `SecurityGroupEgress`; with
no egress given EC2 keeps its default egress to 0.0.0.0/0, which CloudFormation leaves in
place), `AWS::EC2::SecurityGroupIngress` / `Egress`. A group of the template is known by its
logical id; `!Ref` / `!GetAtt X.GroupId` to it resolve. A parameter takes its value from
`--param NAME=VALUE`; a group parameter without one is known by its name (`--sg
node=NodeSgId`), a port or CIDR parameter without one (and no default) leaves the rule
unknown, with the reason. `!ImportValue NAME` of a group (eksctl's node group stacks import the
cluster stack's control-plane group) is known by the export's name. Anything else (`!Sub`, a
computed import, a group name) is unknown, never guessed. `Where` is the logical id and the
line the resource starts on.

The template is loaded with a SafeLoader subclass: the short-form tags become the long form
(`!Ref X` -> `{"Ref": "X"}`), no other tag constructs anything.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from gen.audit.groups import Group, Where
from gen.reference.flows import GroupRule, Peer, Protocol
from gen.reference.words import printable

SECURITY_GROUP = "AWS::EC2::SecurityGroup"
INGRESS = "AWS::EC2::SecurityGroupIngress"
EGRESS = "AWS::EC2::SecurityGroupEgress"
_PROTOCOLS: dict[str, Protocol] = {"-1": "all", "tcp": "tcp", "6": "tcp", "udp": "udp",
                                   "17": "udp", "icmp": "icmp", "1": "icmp", "icmpv6": "icmpv6",
                                   "58": "icmpv6"}  # fmt: skip
_INTRINSICS = ("Ref", "Condition", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::If", "Fn::Select",
               "Fn::Split", "Fn::ImportValue", "Fn::FindInMap", "Fn::Base64", "Fn::Cidr",
               "Fn::GetAZs", "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Fn::Transform",
               "Fn::Length", "Fn::ToJsonString")  # fmt: skip


class TemplateError(ValueError):
    """The file is not a CloudFormation template the audit can read: exit 2."""


class _Loader(yaml.SafeLoader):
    """SafeLoader plus CloudFormation's short-form intrinsics."""


def _intrinsic(name: str):
    def construct(loader: _Loader, node: yaml.Node) -> dict[str, Any]:
        if isinstance(node, yaml.ScalarNode):
            value: Any = loader.construct_scalar(node)
            if name == "Fn::GetAtt":
                value = str(value).split(".", 1)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)
        return {name: value}

    return construct


for _name in _INTRINSICS:
    _tag = "!" + (_name.removeprefix("Fn::"))
    _Loader.add_constructor(_tag, _intrinsic(_name))


@dataclass(frozen=True)
class Templated:
    groups: Mapping[str, Group]
    created: frozenset[str] = frozenset()
    """The template's own groups (the others, given by parameter or id, exist already)."""


def parameter_names(path: Path) -> set[str]:
    """The template's parameters (for telling its --param values from the reference's)."""
    return set(_load(path)[0].get("Parameters") or {})


def _load(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    try:
        text = Path(path).read_text(encoding="utf-8")
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader subclass)
        lines = _resource_lines(yaml.compose(text, Loader=_Loader))
    except (OSError, UnicodeDecodeError) as err:
        why = err.strerror if isinstance(err, OSError) else str(err)
        raise TemplateError(f"--template {printable(str(path))}: {printable(why)}") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        at = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or str(err)
        raise TemplateError(f"{printable(str(path))}{at}: {printable(str(problem))}") from None
    if not isinstance(data, dict) or not isinstance(data.get("Resources"), dict):
        raise TemplateError(f"--template {printable(str(path))}: not a CloudFormation template "
                            "(no Resources mapping)")  # fmt: skip
    return data, lines


def _resource_lines(root: yaml.Node | None) -> dict[str, int]:
    if not isinstance(root, yaml.MappingNode):
        return {}
    for key, value in root.value:
        if key.value == "Resources" and isinstance(value, yaml.MappingNode):
            return {k.value: k.start_mark.line + 1 for k, _ in value.value}
    return {}


def read(path: Path, params: Mapping[str, str] | None = None) -> Templated:
    data, lines = _load(path)
    try:
        reader = _Reader(data, dict(params or {}), Path(path).as_posix(), lines)
        return Templated(reader.groups(), frozenset(reader.sgs))
    except (KeyError, TypeError, AttributeError, ValueError) as err:
        raise TemplateError(f"--template {printable(str(path))}: a security-group resource "
                            f"the audit cannot read ({printable(type(err).__name__)}: "
                            f"{printable(str(err))})") from None  # fmt: skip


class _Reader:
    def __init__(self, data, params: dict[str, str], file: str, lines: dict[str, int]) -> None:
        self.resources: dict[str, Any] = data["Resources"]
        self.parameters: dict[str, Any] = data.get("Parameters") or {}
        self.params = params
        self.file = file
        self.lines = lines
        self.sgs = {name for name, r in self.resources.items()
                    if isinstance(r, dict) and r.get("Type") == SECURITY_GROUP}  # fmt: skip

    def where(self, logical: str) -> Where:
        return Where(logical, self.file, self.lines.get(logical))

    def group(self, value: Any) -> tuple[str | None, str | None]:
        """A group reference: (its id in the audit, None) or (None, why it is unknown)."""
        if isinstance(value, str):
            return value, None
        if isinstance(value, dict) and "Ref" in value:
            name = value["Ref"]
            if name in self.sgs:
                return name, None
            if name in self.params:
                return self.params[name], None
            if name in self.parameters:  # one parameter is one group: its name stands for it
                return name, None
        if isinstance(value, dict) and isinstance(value.get("Fn::ImportValue"), str):
            return value["Fn::ImportValue"], None  # one export is one group: its name
        if isinstance(value, dict) and "Fn::GetAtt" in value:
            target = value["Fn::GetAtt"]
            if isinstance(target, list) and target[:1] and target[0] in self.sgs:
                return target[0], None
        return None, f"{printable(str(value))} is not a group of the template"

    def _home(self, value: Any) -> str:
        found, _ = self.group(value)
        return found or printable(str(value))

    def scalar(self, value: Any) -> tuple[Any, str | None]:
        if isinstance(value, dict) and "Ref" in value and value["Ref"] in self.parameters:
            name = value["Ref"]
            if name in self.params:
                return self.params[name], None
            default = self.parameters[name].get("Default")
            if default is not None:
                return default, None
            return None, f"parameter {name} has no value: give --param {name}=..."
        if isinstance(value, dict):
            return None, f"{printable(str(value))} is known only when the stack is made"
        return value, None

    def groups(self) -> dict[str, Group]:
        rules: dict[str, list[tuple[GroupRule, Where]]] = {}
        found: dict[str, Group] = {}
        for logical in sorted(self.sgs, key=lambda n: self.lines.get(n, 0)):
            props = self.resources[logical].get("Properties") or {}
            found[logical] = Group(logical, name=props.get("GroupName"), where=self.where(logical))
            place = self.where(logical)
            for n, entry in enumerate(props.get("SecurityGroupIngress") or []):
                for rule in self._rules(logical, "inbound", entry, f"{logical}.Ingress[{n}]"):
                    rules.setdefault(logical, []).append((rule, place))
            egress = props.get("SecurityGroupEgress") or []
            for n, entry in enumerate(egress):
                for rule in self._rules(logical, "outbound", entry, f"{logical}.Egress[{n}]"):
                    rules.setdefault(logical, []).append((rule, place))
            if not egress:  # EC2's default egress stays: CloudFormation removes it only then
                everywhere = Peer(network=ipaddress.ip_network("0.0.0.0/0"))
                default_id = f"{logical}#default-egress"
                default = GroupRule(logical, "outbound", "all", 0, 65535, everywhere,
                                    default_id, "EC2's default egress")  # fmt: skip
                rules.setdefault(logical, []).append((default, place))
        for logical, resource in self.resources.items():
            kind = resource.get("Type") if isinstance(resource, dict) else None
            if kind not in (INGRESS, EGRESS):
                continue
            props = resource.get("Properties") or {}
            home = self._home(props.get("GroupId", props.get("GroupName")))
            direction = "inbound" if kind == INGRESS else "outbound"
            for rule in self._rules(home, direction, props, logical):
                rules.setdefault(home, []).append((rule, self.where(logical)))
        for group_id, placed in rules.items():
            base = found.get(group_id, Group(group_id))
            by_id = {r.id: w for r, w in placed if r.id}
            found[group_id] = Group(base.id, tuple(r for r, _ in placed), base.tags, base.name,
                                    base.vpc, base.where, by_id)  # fmt: skip
        return found

    def _rules(self, group: str, direction: str, entry, rule_id: str) -> Iterator[GroupRule]:
        raw, why = self.scalar(entry.get("IpProtocol"))
        protocol: Protocol = _PROTOCOLS.get(str(raw).lower(), "all") if raw is not None else "all"
        low, low_why = self.scalar(entry.get("FromPort"))
        high, high_why = self.scalar(entry.get("ToPort"))
        if protocol == "all":
            low, high = 0, 65535
        elif protocol in ("icmp", "icmpv6"):
            low, high = int(low if low is not None else -1), int(high if high is not None else -1)
        else:
            low, high = int(low if low is not None else 0), int(high if high is not None else 65535)
        peer, peer_why = self._peer(entry, direction)
        reason = why or (None if protocol == "all" else low_why or high_why) or peer_why
        yield GroupRule(group, direction, protocol, low, high, peer, rule_id,  # type: ignore[arg-type]
                        entry.get("Description") if isinstance(entry.get("Description"), str)
                        else None, reason)  # fmt: skip

    def _peer(self, entry, direction: str) -> tuple[Peer, str | None]:
        side = "Source" if direction == "inbound" else "Destination"
        for key in ("CidrIp", "CidrIpv6"):
            if key in entry:
                value, why = self.scalar(entry[key])
                if why:
                    return Peer(), why
                return Peer(network=ipaddress.ip_network(str(value), strict=False)), None
        if f"{side}PrefixListId" in entry:
            value, why = self.scalar(entry[f"{side}PrefixListId"])
            return Peer(prefix_list=value), why
        if f"{side}SecurityGroupId" in entry:
            found, why = self.group(entry[f"{side}SecurityGroupId"])
            return Peer(group=found), why
        return Peer(), "the peer is given by name or not at all"
