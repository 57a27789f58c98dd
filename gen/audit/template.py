"""Security groups as a CloudFormation template (YAML or JSON) makes them.

Read: `AWS::EC2::SecurityGroup` (inline `SecurityGroupIngress` / `SecurityGroupEgress`; with
no egress given, CloudFormation leaves EC2's default egress to 0.0.0.0/0 in place),
`AWS::EC2::SecurityGroupIngress` / `Egress`. The template is read by `gen.reference.yamlfile`:
the short-form intrinsics (`!Ref X`) become their long form, any other tag is refused, and
nothing in the file is ever run.

A group of the template is known by its logical id; `!Ref` and `!GetAtt X.GroupId` to it
resolve. A group given by a parameter is the parameter's value from `--param NAME=VALUE`, else
known by the parameter's name; `!ImportValue NAME` (eksctl's node group stacks import the
cluster stack's groups) by the export's name. A port or CIDR parameter takes `--param`, else
its `Default`, else leaves the rule unknown; so does anything computed when the stack is made
(`!Sub`, `!If`, a mapping) and a resource with a `Condition`. Never guessed. `Where` is the
logical id, the file, and the line of the resource (of the entry, for inline rules).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gen.audit.duplicates import DEFAULT
from gen.audit.groups import Group, Where
from gen.audit.plan import ports_of, protocol_of
from gen.reference import files, yamlfile
from gen.reference.coverage import EC2_DEFAULT_ID
from gen.reference.flows import Direction, GroupRule, Peer
from gen.reference.words import first_problems, malformed, printable
from gen.select import EC2_DEFAULT_EGRESS

SECURITY_GROUP = "AWS::EC2::SecurityGroup"
RULES = {"AWS::EC2::SecurityGroupIngress": "inbound", "AWS::EC2::SecurityGroupEgress": "outbound"}
_FUNCTIONS = ("Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join",
              "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or",
              "Length", "ToJsonString")  # fmt: skip
SHORT_TAGS = {"!Ref": "Ref", "!Condition": "Condition"} | {f"!{n}": f"Fn::{n}" for n in _FUNCTIONS}
"""CloudFormation's short-form intrinsics, read as the long form."""
_INLINE = (("SecurityGroupIngress", "inbound"), ("SecurityGroupEgress", "outbound"))


class TemplateError(ValueError):
    """The file is not a CloudFormation template the audit can read: exit 2; one line per
    resource it cannot read (`lines`), every one found in the template."""

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass(frozen=True)
class Template:
    """A template as read: its parameters and resources, and where each path is written."""

    path: str
    parsed: yamlfile.Parsed

    @property
    def parameters(self) -> Mapping[str, Any]:
        found = self.parsed.data.get("Parameters")
        return found if isinstance(found, dict) else {}

    @property
    def resources(self) -> Mapping[str, Any]:
        return self.parsed.data["Resources"]

    def where(self, *path: str | int) -> Where:
        line, _ = self.parsed.place(("Resources", *path), at_key=len(path) == 1)
        return Where(str(path[0]), self.path, line + 1)


@dataclass(frozen=True)
class Templated:
    """The groups the stack leaves, by id (logical id, parameter, export or `sg-` id)."""

    groups: Mapping[str, Group]
    created: frozenset[str]
    """The template's own groups (the others exist already)."""
    names: frozenset[str]
    """Every group id the template names (its groups, parameters and peers), for `--sg`."""


def load(path: Path) -> Template:
    """The template, or a TemplateError naming every problem with its line and column."""
    shown = printable(str(path))
    try:
        text = files.read_bytes(path).decode("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        why = err.strerror if isinstance(err, OSError) else str(err)
        raise TemplateError(f"--template {shown}: {printable(why)}") from None
    if text.lstrip().startswith("{"):
        text = text.replace("\t", " ")  # JSON's tabs are only whitespace; YAML refuses them
    parsed = yamlfile.parse(text, short_tags=SHORT_TAGS)
    if parsed.problems:
        lines = [f"{shown}:{p.place[0] + 1}:{p.place[1] + 1}: {p.message}" for p in parsed.problems]
        raise TemplateError(*lines)
    if not isinstance(parsed.data, dict) or not isinstance(parsed.data.get("Resources"), dict):
        raise TemplateError(f"--template {shown}: not a CloudFormation template (it has no "
                            "Resources mapping)")  # fmt: skip
    return Template(Path(path).as_posix(), parsed)


def read(template: Template, params: Mapping[str, str]) -> Templated:
    """The groups and rules of the template, with the parameter values given; every resource
    it cannot read is reported, each with its line."""
    reader = _Reader(template, dict(params))
    found = reader.read()
    if reader.problems:
        raise TemplateError(*first_problems(reader.problems))
    return found


class _Reader:
    def __init__(self, template: Template, params: dict[str, str]) -> None:
        self.template = template
        self.params = params
        self.sgs = [name for name, r in template.resources.items()
                    if isinstance(r, dict) and r.get("Type") == SECURITY_GROUP]  # fmt: skip
        self.rules: dict[str, list[tuple[GroupRule, Where]]] = {}
        self.names = set(self.sgs)
        self.problems: list[str] = []

    def read(self) -> Templated:
        groups = {}
        for logical in self.sgs:
            groups[logical] = Group(logical, name=self._text("GroupName", logical),
                                    where=self.template.where(logical))  # fmt: skip
            self._each(logical, lambda name=logical: self._inline(name))
        for logical, resource in self.template.resources.items():
            if isinstance(resource, dict) and resource.get("Type") in RULES:
                self._each(logical, lambda name=logical, r=resource: self._resource(name, r))
        for sg, placed in self.rules.items():
            base = groups.get(sg, Group(sg))
            groups[sg] = Group(sg, tuple(r for r, _ in placed), base.tags, base.name, base.vpc,
                               base.where, {r.id: w for r, w in placed if r.id})  # fmt: skip
        peers = {r.peer.group for g in groups.values() for r in g.rules if r.peer.group}
        return Templated(groups, frozenset(self.sgs), frozenset(self.names | set(groups) | peers))

    def _each(self, logical: str, read: Callable[[], None]) -> None:
        """One resource read; what it cannot read is a problem naming it and its line."""
        try:
            read()
        except (KeyError, TypeError, AttributeError, ValueError) as err:
            where = self.template.where(logical)
            self.problems.append(f"--template {printable(where.file or '')}:{where.line}: "
                                 f"resource {printable(logical)}: cannot be read: "
                                 f"{malformed(err, 'CloudFormation')}")  # fmt: skip

    def _text(self, key: str, logical: str) -> str | None:
        value = (self.template.resources[logical].get("Properties") or {}).get(key)
        return value if isinstance(value, str) else None

    def _condition(self, logical: str) -> str | None:
        condition = self.template.resources[logical].get("Condition")
        if condition is None:
            return None
        return f"{logical} is created only if condition {printable(str(condition))} holds"

    def _inline(self, logical: str) -> None:
        props = self.template.resources[logical].get("Properties") or {}
        for key, direction in _INLINE:
            for n, entry in enumerate(props.get(key) or []):
                where = self.template.where(logical, "Properties", key, n)
                rule_id = f"{logical}.{key}[{n}]"
                self._add(where, self._rules(logical, direction, entry, rule_id, logical))
        if not props.get("SecurityGroupEgress"):  # EC2's default egress stays: CloudFormation
            everywhere = Peer(network=ipaddress.ip_network("0.0.0.0/0"))  # removes it only then
            default = GroupRule(logical, "outbound", "all", 0, 65535, everywhere,
                                f"{logical}{DEFAULT}{EC2_DEFAULT_ID}", EC2_DEFAULT_EGRESS,
                                self._condition(logical))  # fmt: skip
            self._add(self.template.where(logical), [default])

    def _add(self, where: Where, rules) -> None:
        for rule in rules:
            self.rules.setdefault(rule.group, []).append((rule, where))

    def _resource(self, logical: str, resource: Mapping[str, Any]) -> None:
        props = resource.get("Properties") or {}
        group, why = self.group(props.get("GroupId"), "GroupId")
        home = group or f"{logical}.GroupId"
        direction = RULES[resource["Type"]]
        rules = self._rules(home, direction, props, logical, logical, why)
        self._add(self.template.where(logical), rules)

    def group(self, value: Any, key: str) -> tuple[str | None, str]:
        """A group reference: (its id in the audit, "") or (None, why it is unknown)."""
        if isinstance(value, str) and value:
            return value, ""
        if isinstance(value, dict) and len(value) == 1:
            ((function, argument),) = value.items()
            if function == "Ref" and argument in self.sgs:
                return argument, ""
            if function == "Ref" and argument in self.template.parameters:
                self.names.add(self.params.get(argument, argument))
                return self.params.get(argument, argument), ""  # one parameter: one group
            if function == "Fn::ImportValue" and isinstance(argument, str):
                return argument, ""  # one export: one group
            if function == "Fn::GetAtt":
                target = argument.split(".") if isinstance(argument, str) else argument
                if isinstance(target, list) and target[:1] and target[0] in self.sgs:
                    return target[0], ""
        shown = printable(str(value))[:80] if value is not None else "not given"
        return None, f"{key} {shown} is not a group the template makes, a parameter or an export"

    def scalar(self, value: Any) -> tuple[Any, str]:
        """A port, protocol or CIDR: its value, or None and why it is not known."""
        if isinstance(value, dict) and value.get("Ref") in self.template.parameters:
            name = value["Ref"]
            if name in self.params:
                return self.params[name], ""
            declared = self.template.parameters[name]
            default = declared.get("Default") if isinstance(declared, dict) else None
            if default is not None:
                return default, ""
            return None, f"parameter {printable(name)} has no value: give --param {name}=..."
        if isinstance(value, dict):
            return None, f"{printable(str(value))[:80]} is known only when the stack is made"
        return value, ""

    def _rules(self, group: str, direction: Direction, entry, rule_id: str, logical: str,
               why: str = "") -> Iterator[GroupRule]:  # fmt: skip
        raw, raw_why = self.scalar(entry.get("IpProtocol"))
        protocol, other = protocol_of(raw) if raw is not None else ("all", None)
        low, low_why = self.scalar(entry.get("FromPort"))
        high, high_why = self.scalar(entry.get("ToPort"))
        port_why = "" if protocol == "all" else low_why or high_why
        low, high = ports_of(protocol, low, high) if not port_why else (0, 65535)
        peer, peer_why = self._peer(entry, direction)
        reason = why or raw_why or port_why or peer_why or other or self._condition(logical)
        description = entry.get("Description")
        yield GroupRule(group, direction, protocol, low, high, peer, rule_id,
                        description if isinstance(description, str) else None,
                        reason or None)  # fmt: skip

    def _peer(self, entry: Mapping[str, Any], direction: str) -> tuple[Peer, str]:
        side = "Source" if direction == "inbound" else "Destination"
        for key in ("CidrIp", "CidrIpv6"):
            if key in entry:
                value, why = self.scalar(entry[key])
                if why:
                    return Peer(), why
                return Peer(network=ipaddress.ip_network(str(value), strict=False)), ""
        if f"{side}PrefixListId" in entry:
            value, why = self.scalar(entry[f"{side}PrefixListId"])
            return Peer(prefix_list=str(value) if value else None), why
        if entry.get("SourceSecurityGroupOwnerId") is not None:
            return Peer(), "the peer is a group of another account (SourceSecurityGroupOwnerId)"
        if f"{side}SecurityGroupId" in entry:
            found, why = self.group(entry[f"{side}SecurityGroupId"], f"{side}SecurityGroupId")
            return Peer(group=found), why
        return Peer(), "the peer is given by group name, or not at all"
