"""`eks-sg audit`: a cluster's live (or saved, or planned) groups against what its setup needs,
judged as EC2 judges traffic: by every group on each network interface together.

What a setup needs is FLOWS: every rule it needs (`selection.rules` and `selection.covered`)
is traffic between the interfaces of two roles (an inbound rule on A from B: B to A; an
outbound rule on A to B: A to B; `self`: A to A; a CIDR or prefix-list peer: an endpoint that
security groups do not filter, with that network). A rule and its mirror are ONE flow. Each is
judged by `gen.reference.flows.allowed` against all the live rules, so:

- missing: a half (the source's egress, the destination's ingress) that no group on that end
  allows; with the reference rule that realises it, the group to add it to, and the command;
- present: a flow allowed, with the live rules letting each half through;
- broad: a live rule carrying needed flows that no rule of the setup (nor a group's default)
  explains, such as all traffic from 10.0.0.0/8: its fix adds the narrow rules the flows would
  lose, then revokes it;
- extra: a live rule carrying no needed flow and explained by nothing selected; named after
  the narrowest reference rule that explains it (9443: the load balancer controller's);
- unknown: a live rule whose peer cannot be judged (another account's group, a group or
  prefix list not given); it never lets anything through;
- duplicate (planned and templated groups only, `gen.audit.duplicates`): a rule the group
  already has, which EC2 refuses (`InvalidPermission.Duplicate`), so the apply fails.

Planned and templated groups say where each group and rule is written (`Where`): findings on
them carry it.

"Explained" is the same judgement turned round: the live rule is the flow, the setup's rules
(placed on the groups given) and the groups' defaults (EC2's allow-all egress; the EKS cluster
group's all-from-itself and, on clusters created on Kubernetes 1.33 or later, all-to-itself)
are the rules.
"""

from __future__ import annotations

import functools
import ipaddress
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from gen.audit.groups import Group, Where
from gen.aws import ec2
from gen.aws.commands import Values, authorize, parameters_used
from gen.aws.shell import quote
from gen.reference.flows import (
    Endpoint,
    Exit,
    Flow,
    GroupRule,
    Network,
    Peer,
    Protocol,
    Rules,
    allowed,
)
from gen.reference.model import Reference, Rule
from gen.reference.words import printable
from gen.select import Setup, SetupError, select

KINDS = ("missing", "present", "broad", "extra", "unknown", "duplicate")
EVERYWHERE = {4: ipaddress.ip_network("0.0.0.0/0"), 6: ipaddress.ip_network("::/0")}
UNKNOWN_IPV4 = (EVERYWHERE[4],)
"""Where interfaces in the VPC have their addresses when its CIDR is not known: `somewhere`
in 0.0.0.0/0 (some IPv4 address), so only a rule to or from 0.0.0.0/0 surely holds them
(never a guess such as 10.0.0.0/8)."""
PRIVATE = tuple(
    ipaddress.ip_network(n)
    for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "::/0")
)
"""Where a VPC's, and so its pods', addresses may be when its blocks are not known: the
private IPv4 ranges and the shared 100.64.0.0/10 (custom networking's pod subnets); any
IPv6 address (a VPC's IPv6 blocks are global)."""
IN_CONTROL_PLANE = ("cluster", "control-plane")
"""The control plane's interfaces carry the EKS cluster group and every additional group."""
POD_SG_MODES = ("strict", "standard")
"""The VPC CNI's POD_SECURITY_GROUP_ENFORCING_MODE values (strict is its default)."""
Half = Literal["egress", "ingress"]
_NOT_MADE = object()  # a memo's value not made yet (None is a value)


class AuditError(ValueError):
    """The audit cannot be done as asked (a role without a group, a value not given): exit 2."""


# -- findings: one typed value, and one JSON shape, per kind ------------------------------


_STRING = json.encoder.encode_basestring_ascii
"""json.dumps' own writer of a string (ensure_ascii, its default): each finding writes its JSON
text itself, as json.dumps would write its members, without a dict in between (an audit
writes tens of thousands)."""


def _text(value: str | None) -> str:
    return "null" if value is None else _STRING(value)


def _texts(values: Iterable[str]) -> str:
    return "[" + ", ".join(map(_STRING, values)) + "]"


_BOOLEAN = {True: "true", False: "false"}


def _where(where: Where | None) -> str:
    """A finding's last member, `where`: only on planned and templated groups."""
    if where is None:
        return ""
    line = "null" if where.line is None else str(where.line)
    return (f', "where": {{"address": {_STRING(where.address)}, "file": {_text(where.file)}, '
            f'"line": {line}}}')  # fmt: skip


@dataclass(frozen=True)
class FlowText:
    """A flow as reports show it: its ends (roles, or a network), protocol and ports."""

    source: str
    destination: str
    protocol: str
    ports: str

    def json_text(self) -> str:
        return (
            f'{{"from": {_STRING(self.source)}, '
            f'"to": {_STRING(self.destination)}, '
            f'"protocol": {_STRING(self.protocol)}, '
            f'"ports": {_STRING(self.ports)}}}'
        )

    def __str__(self) -> str:
        return f"{self.source} -> {self.destination} {self.protocol} {self.ports}"


@dataclass(frozen=True, init=False)
class LiveText:
    """A live rule, briefly: its id, group, direction, protocol, ports and peer."""

    id: str
    sg: str
    direction: str
    protocol: str
    ports: str
    peer: str

    def __init__(self, id: str, sg: str, direction: str, protocol: str, ports: str,
                 peer: str) -> None:  # fmt: skip
        # stored at once (as GroupRule's): one is made for nearly every live rule
        object.__setattr__(self, "__dict__", {"id": id, "sg": sg, "direction": direction,
                           "protocol": protocol, "ports": ports, "peer": peer})  # fmt: skip

    def json_text(self) -> str:
        return (
            f'{{"id": {_STRING(self.id)}, '
            f'"sg": {_STRING(self.sg)}, '
            f'"direction": {_STRING(self.direction)}, '
            f'"protocol": {_STRING(self.protocol)}, '
            f'"ports": {_STRING(self.ports)}, '
            f'"peer": {_STRING(self.peer)}}}'
        )

    def __str__(self) -> str:
        return f"{self.id} {self.direction} {self.protocol} {self.ports} {self.peer}"


@dataclass(frozen=True)
class Missing:
    """A half of a needed flow that no group on that end allows."""

    flow: FlowText
    half: Half
    role: str
    """The role whose group gets the rule: the source's for egress, the destination's."""
    sg: str
    rule: str
    """The reference rule that realises this half."""
    mirror: bool
    """The reference has only the other half: the rule given is its mirror."""
    why: str
    categories: tuple[str, ...]
    fix: tuple[str, ...]
    where: Where | None = None
    """The group's block (planned or templated): where the rule is to be written."""

    def json_text(self) -> str:
        return (
            '{"kind": "missing", '
            f'"flow": {self.flow.json_text()}, '
            f'"half": {_STRING(self.half)}, '
            f'"role": {_STRING(self.role)}, '
            f'"sg": {_STRING(self.sg)}, '
            f'"rule": {_STRING(self.rule)}, '
            f'"mirror": {_BOOLEAN[self.mirror]}, '
            f'"why": {_STRING(self.why)}, '
            f'"categories": {_texts(self.categories)}, '
            f'"fix": {_texts(self.fix)}'
            f"{_where(self.where)}}}"
        )


@dataclass(frozen=True)
class Present:
    """A needed flow EC2 lets through, and the live rules letting each half through (none
    for an end security groups do not filter)."""

    flow: FlowText
    rules: tuple[str, ...]
    egress: tuple[str, ...]
    ingress: tuple[str, ...]

    def json_text(self) -> str:
        return (
            '{"kind": "present", '
            f'"flow": {self.flow.json_text()}, '
            f'"rules": {_texts(self.rules)}, '
            f'"egress": {_texts(self.egress)}, '
            f'"ingress": {_texts(self.ingress)}'
            "}"
        )


@dataclass(frozen=True)
class Broad:
    """A live rule carrying needed flows, much wider than any rule of the setup."""

    live: LiveText
    role: str
    allows: tuple[str, ...]
    """The needed flows it carries."""
    why: str
    fix: tuple[str, ...]
    """The narrow rules the flows would lose, then the revoke."""
    where: Where | None = None

    def json_text(self) -> str:
        return (
            '{"kind": "broad", '
            f'"live": {self.live.json_text()}, '
            f'"role": {_STRING(self.role)}, '
            f'"allows": {_texts(self.allows)}, '
            f'"why": {_STRING(self.why)}, '
            f'"fix": {_texts(self.fix)}'
            f"{_where(self.where)}}}"
        )


@dataclass(frozen=True, init=False)
class Extra:
    """A live rule carrying no needed flow, explained by nothing the setup selects."""

    live: LiveText
    role: str
    rule: str | None
    """The narrowest reference rule that explains it, if one does."""
    category: str | None
    why: str
    fix: tuple[str, ...]
    where: Where | None = None

    def __init__(self, live: LiveText, role: str, rule: str | None, category: str | None,
                 why: str, fix: tuple[str, ...], where: Where | None = None) -> None:  # fmt: skip
        # stored at once (as GroupRule's): most findings of a large audit are extras
        object.__setattr__(self, "__dict__", {"live": live, "role": role, "rule": rule,
                           "category": category, "why": why, "fix": fix,
                           "where": where})  # fmt: skip

    def json_text(self) -> str:
        return (
            '{"kind": "extra", '
            f'"live": {self.live.json_text()}, '
            f'"role": {_STRING(self.role)}, '
            f'"rule": {_text(self.rule)}, '
            f'"category": {_text(self.category)}, '
            f'"why": {_STRING(self.why)}, '
            f'"fix": {_texts(self.fix)}'
            f"{_where(self.where)}}}"
        )


@dataclass(frozen=True)
class Unknown:
    """A live rule whose peer cannot be judged; it never counts as allowing anything."""

    live: LiveText
    role: str
    why: str
    where: Where | None = None

    def json_text(self) -> str:
        return (
            '{"kind": "unknown", '
            f'"live": {self.live.json_text()}, '
            f'"role": {_STRING(self.role)}, '
            f'"why": {_STRING(self.why)}'
            f"{_where(self.where)}}}"
        )


@dataclass(frozen=True)
class Duplicate:
    """A planned rule the group already has (another planned rule, or a rule the group has
    from its creation): EC2 answers InvalidPermission.Duplicate and the apply fails."""

    live: LiveText
    role: str
    of: str
    """What it repeats: the other rule's id, or the default's name."""
    why: str
    where: Where | None = None

    def json_text(self) -> str:
        return (
            '{"kind": "duplicate", '
            f'"live": {self.live.json_text()}, '
            f'"role": {_STRING(self.role)}, '
            f'"of": {_STRING(self.of)}, '
            f'"why": {_STRING(self.why)}'
            f"{_where(self.where)}}}"
        )


Finding = Missing | Present | Broad | Extra | Unknown | Duplicate


@dataclass
class Report:
    """The findings and what was audited."""

    setup: list[str]
    groups: dict[str, dict[str, Any]]
    """Group id -> the roles whose interfaces carry it and its number of rules."""
    interfaces: dict[str, list[str]]
    """Role -> the groups its interfaces carry."""
    missing: list[Missing] = field(default_factory=list)
    present: list[Present] = field(default_factory=list)
    broad: list[Broad] = field(default_factory=list)
    extra: list[Extra] = field(default_factory=list)
    unknown: list[Unknown] = field(default_factory=list)
    duplicate: list[Duplicate] = field(default_factory=list)
    planned: bool = False
    """The groups a plan or a template leaves (duplicates are judged only there)."""

    def head(self) -> dict[str, Any]:
        """What was audited: the first members of the report's JSON."""
        return {"setup": self.setup, "groups": self.groups, "interfaces": self.interfaces}

    def as_json(self) -> dict[str, Any]:
        """The report as JSON values (`gen.audit.schema.REPORT`): each finding's text, read."""
        found = {kind: [json.loads(f.json_text()) for f in getattr(self, kind)] for kind in KINDS}
        return self.head() | found

    def exit_code(self, strict: bool = False) -> int:
        failing = self.missing or self.duplicate or (strict and (self.broad or self.extra))
        return 1 if failing else 0


# -- the plan: the flows a setup needs, between the interfaces given ----------------------


@dataclass(frozen=True)
class Need:
    """One needed flow and the reference rules (one per half, or one) that realise it."""

    flow: Flow
    text: FlowText
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Plan:
    """What a setup needs, in terms of the groups given; compared with any number of reads."""

    ref: Reference
    categories: tuple[str, ...]
    interfaces: dict[str, tuple[str, ...]]
    """Role -> every group its interfaces carry."""
    preferred: dict[str, str]
    """Role -> the group a rule of that role is added to."""
    values: dict[str, int | str]
    needs: tuple[Need, ...]
    explaining: Rules
    hints: tuple[Rule, ...]
    """The reference rules not selected whose roles have groups: what an extra may be like
    (placed on the groups only when a live rule fits one, `_hint`)."""
    prefix_lists: frozenset[str]
    judged: dict[tuple, Any] = field(default_factory=dict, compare=False)
    """What `memo` made: (question, a live rule's shape) -> the answer, and each key's spans
    and hints."""
    exits: dict[str, str] = field(default_factory=dict)
    """Role -> the role whose interfaces its traffic leaving the VPC leaves through (pods in
    the VPC CNI's standard mode: the node's)."""
    pod_networks: tuple[Network, ...] = PRIVATE
    """Where pods' addresses may lie: the VPC's blocks (VPC CNI), else any private IPv4 range
    and any IPv6 address."""
    addresses_known: bool = True
    """Whether the interfaces' addresses are known (`--param vpc-cidr` and, in an IPv6
    cluster, `vpc-cidr-ipv6`, or the VPC's CIDR blocks live): without them a CIDR rule such
    as 10.0.0.0/8 may carry needed flows, or may not."""

    def memo(self, key: tuple, make: Callable[[], Any]) -> Any:
        """What `make` gives, made once per plan: live rules' shapes and keys recur across
        groups, so each question is answered once."""
        found = self.judged.get(key, _NOT_MADE)
        if found is _NOT_MADE:
            found = self.judged[key] = make()
        return found

    @functools.cached_property
    def role_of(self) -> dict[str, str]:
        """Group id -> the role a finding on it names: the role whose rules go on it, else
        the first role whose interfaces carry it."""
        found: dict[str, str] = {}
        for role, groups in self.interfaces.items():
            for sg in groups:
                found.setdefault(sg, role)
        return found | {sg: role for role, sg in reversed(self.preferred.items())}

    @functools.cached_property
    def hint_places(self) -> dict[tuple[str, str], list[tuple[int, tuple, str, Span]]]:
        """(group, direction) -> every hint's rule as `_placed` would place it there: the
        hint's index (in index order), the kind of its peer, its protocol and its ports. Only
        the keys live rules have are looked up (`_hinted`), so none is made for the others."""
        found: dict[tuple[str, str], list[tuple[int, tuple, str, Span]]] = {}
        for i, rule in enumerate(self.hints):
            ports = _ports(rule, self.values)
            peers = _peers(rule, self.interfaces, self.values, hint=True) if ports else []
            kinds = [_peer_kind(peer) for peer in peers]
            span = _span_of(rule.protocol, *ports) if ports else ANY_PORTS
            for sg in self.interfaces[rule.group] if kinds else ():
                here = found.setdefault((sg, rule.direction), [])
                here += [(i, kind, rule.protocol, span) for kind in kinds]
        return found

    @functools.cached_property
    def pod_spans(self) -> tuple[tuple[int, int, int], ...]:
        """`pod_networks` as (IP version, first, last address) integers."""
        return tuple(_span_of_network(n) for n in self.pod_networks)

    @functools.cached_property
    def pod_groups(self) -> frozenset[str]:
        """The groups on interfaces that carry pods (`carries_pods`: nodes', pods')."""
        roles = [g.id for g in self.ref.security_groups if g.carries_pods]
        return frozenset(sg for role in roles for sg in self.interfaces.get(role, ()))

    @functools.cached_property
    def needs_on(self) -> dict[tuple[str, str], list[Need]]:
        """(group, direction) -> the needs whose end on that side carries the group: the
        only flows a live rule on that group and direction can carry (inbound: the
        destination's end; outbound: the source's)."""
        found: dict[tuple[str, str], list[Need]] = {}
        for need in self.needs:
            for direction, end in (("inbound", need.flow.destination),
                                   ("outbound", need.flow.source)):  # fmt: skip
                for sg in end.groups:
                    found.setdefault((sg, direction), []).append(need)
        return found


def interfaces_of(
    ref: Reference, given: Mapping[str, tuple[str, ...]], sharing: Mapping[str, str]
) -> dict[str, tuple[str, ...]]:
    """The groups on each role's interfaces: those given for it, its carrier's (a shared
    role, e.g. nodes on the cluster group), and for the control plane the cluster group and
    every control-plane group."""
    found = {}
    for role in (g.id for g in ref.security_groups):
        groups = [*given.get(role, ()), *given.get(sharing.get(role, ""), ())]
        if role in IN_CONTROL_PLANE:
            groups += [sg for r in IN_CONTROL_PLANE for sg in given.get(r, ())]
        found[role] = tuple(dict.fromkeys(groups))
    return found


def _preferred(given: Mapping[str, tuple[str, ...]], interfaces) -> dict[str, str]:
    """A role's rules go on its own group (the first given), else on its carrier's."""
    found = {}
    for role, groups in interfaces.items():
        own = given.get(role, ())
        if own or groups:
            found[role] = (own or groups)[0]
    return found


def _ports(rule: Rule, values: Mapping[str, int | str]) -> tuple[int, int] | None:
    if rule.protocol == "all":
        return 0, 65535
    low, high, parameter = rule.port_range
    if parameter:
        return (int(values[parameter]),) * 2 if parameter in values else None  # type: ignore[return-value]
    return low, high


def _network(rule: Rule, values: Mapping[str, int | str], hint: bool) -> Network | None:
    if rule.network is not None:
        return rule.network
    name = rule.peer_parameter
    if name and name in values and rule.peer_kind != "prefix-list":
        return ipaddress.ip_network(str(values[name]), strict=False)
    if hint and rule.peer_kind in ("ipv4-parameter", "ipv6-parameter"):
        return EVERYWHERE[6 if rule.peer_kind == "ipv6-parameter" else 4]  # any value
    return None


def _peer_end(rule: Rule, plan_ends: Mapping[str, Endpoint], values, hint=False):
    """The rule's other end: (its name, the endpoint), None when a value is not given."""
    if rule.peer_role is not None:
        return rule.peer_role, plan_ends[rule.peer_role]
    if rule.peer_kind == "prefix-list":
        value = values.get(rule.peer_parameter or "")
        # S3's prefix list holds IPv4 addresses not known here: a rule to 0.0.0.0/0 contains them
        end = Endpoint(somewhere=UNKNOWN_IPV4, prefix_list=str(value), name=str(value))
        return (str(value), end) if value else None
    network = _network(rule, values, hint)
    return (str(network), Endpoint(addresses=(network,), name=str(network))) if network else None


def _need_of(rule: Rule, ends: Mapping[str, Endpoint], values) -> tuple[tuple, Flow, FlowText]:
    ports = _ports(rule, values)
    here = ends[rule.group]
    name, other = _peer_end(rule, ends, values)  # type: ignore[misc]
    inbound = rule.direction == "inbound"
    source, destination = (other, here) if inbound else (here, other)
    names = (name, rule.group) if inbound else (rule.group, name)
    low, high = ports  # type: ignore[misc]
    key = (*names, rule.protocol, low, high)
    text = FlowText(*names, rule.protocol, _ports_text(rule.protocol, low, high))
    return key, Flow(source, destination, rule.protocol, low, high, rule.id), text


def _ports_text(protocol: str, low: int, high: int) -> str:
    if protocol == "all":
        return "all"
    if protocol in ("icmp", "icmpv6"):
        return f"type {'any' if low == -1 else low} code {'any' if high == -1 else high}"
    return str(low) if low == high else f"{low}-{high}"


def _peers(rule: Rule, interfaces, values, hint: bool) -> list[Peer]:
    """A reference rule's other side: every group of its peer's interfaces, or its prefix
    list, or its network (none when the value is not given)."""
    if rule.peer_role is not None:
        return [Peer(group=sg) for sg in interfaces[rule.peer_role]]
    if rule.peer_kind == "prefix-list":
        value = values.get(rule.peer_parameter or "")
        return [Peer(prefix_list=str(value))] if value else []
    network = _network(rule, values, hint)
    return [Peer(network=network)] if network else []


def _placed(rule: Rule, interfaces, values, hint: bool = False) -> list[GroupRule]:
    """A reference rule as GroupRules on every group of its role's interfaces, to every group
    of its peer's (or its network, or prefix list): what explains a live rule."""
    ports = _ports(rule, values)
    if ports is None:
        return []
    peers = _peers(rule, interfaces, values, hint)
    return [GroupRule(sg, rule.direction, rule.protocol, *ports, peer, rule.id)
            for sg in interfaces[rule.group] for peer in peers]  # fmt: skip


def _defaults(interfaces: Mapping[str, tuple[str, ...]]) -> list[GroupRule]:
    """What groups have without anyone adding it: EC2's allow-all egress (groups made by the
    API, console, eksctl, CloudFormation) and the EKS cluster group's own rules."""
    groups = {sg for sgs in interfaces.values() for sg in sgs}
    found = [GroupRule(sg, "outbound", "all", 0, 65535, Peer(network=n), "EC2's default egress")
             for sg in groups for n in EVERYWHERE.values()]  # fmt: skip
    for sg in interfaces.get("cluster", ()):
        cluster = "the EKS cluster group's default"
        found += [GroupRule(sg, d, "all", 0, 65535, Peer(group=sg), cluster)
                  for d in ("inbound", "outbound")]  # fmt: skip
    return found


def _needed_rules(ref: Reference, setup: Setup) -> tuple[Rule, ...]:
    """Every rule the setup needs, as the data has it (roles, not carriers): the selection's
    rules and the ones it left out as covered (they are needed all the same). Kept with the
    reference per setup: an organisation's clusters share a few setups."""
    return ref.derived(("audit-needed", setup), lambda: _selected(ref, setup))


def _selected(ref: Reference, setup: Setup) -> tuple[Rule, ...]:
    try:
        selection = select(ref, setup)
    except SetupError as err:  # its message echoes --with and --share as given
        raise AuditError(printable(str(err))) from None
    ids = {r.id for r in selection.rules} | {c.rule.id for c in selection.covered}
    return tuple(r for r in ref.rules if r.id in ids)


def _check_complete(ref, rules: tuple[Rule, ...], interfaces, values) -> None:
    roles = {r.group for r in rules} | {r.peer_role for r in rules if r.peer_role}
    lacking = sorted(role for role in roles if not interfaces.get(role))
    if lacking:
        raise AuditError(
            "the setup's rules also need " + " ".join(f"--sg {r}=sg-..." for r in lacking)
        )
    if "cluster" in roles and not interfaces.get("cluster"):
        raise AuditError("the setup's rules also need --sg cluster=sg-...")
    unset = [p.id for p in parameters_used(ref, rules) if p.id not in values]
    if unset:
        raise AuditError("the setup's rules need " + " ".join(f"--param {p}=..." for p in unset))


def plan(
    ref: Reference,
    categories: Iterable[str],
    groups: Mapping[str, tuple[str, ...]],
    values: Mapping[str, int | str],
    share: Mapping[str, str] | None = None,
    vpc_networks: tuple[Network, ...] = (),
    pod_sg_mode: str = "strict",
) -> Plan:
    """What to compare: the setup's flows between the interfaces of the groups given (role ->
    group ids; one group may be given for several roles). The addresses of the interfaces:
    `--param vpc-cidr` (and `vpc-cidr-ipv6`), else the VPC's CIDR blocks (live), else unknown.
    In the VPC CNI's standard mode (`pod_sg_mode`), the pods' traffic leaving the VPC is judged
    by the groups of the role they leave through (`outside_vpc_via`: the node's)."""
    categories = tuple(categories)
    setup = Setup(categories, tuple((share or {}).items()))
    rules = _needed_rules(ref, setup)
    shares = {r: c for cat in ref.categories if cat.id in categories for r, c in cat.shares.items()}
    sharing = shares | dict(share or {})
    interfaces = interfaces_of(ref, groups, sharing)
    given_cluster = {**interfaces, "cluster": tuple(groups.get("cluster", ()))}
    _check_complete(ref, rules, given_cluster, values)
    in_force = _categories_in_force(ref, setup)
    addresses, somewhere = _addresses(values, vpc_networks, "ipv6" in in_force)
    ends = _ends(ref, interfaces, addresses, somewhere, pod_sg_mode)
    same = {c.id for c in ref.categories if c.needs_same_group and c.id in in_force}
    needs: dict[tuple, tuple[Flow, FlowText, list[Rule]]] = {}
    for rule in rules:
        key, flow, text = _need_of(rule, ends, values)
        needs.setdefault(key, (flow, text, []))[2].append(rule)
    needs = {key: (_same_group(flow, found, same), text, found)
             for key, (flow, text, found) in needs.items()}  # fmt: skip
    explaining = [g for r in rules for g in _placed(r, interfaces, values)] + _defaults(interfaces)
    chosen = {r.id for r in rules}
    hints = tuple(
        rule for rule in ref.rules
        if rule.id not in chosen and interfaces.get(rule.group)
        and (rule.peer_role is None or interfaces.get(rule.peer_role))
    )  # fmt: skip
    prefix = {p.id for p in ref.parameters if p.kind == "prefix-list"}
    return Plan(
        ref, tuple(in_force), interfaces, _preferred(groups, interfaces),
        dict(values), tuple(Need(f, t, tuple(rs)) for f, t, rs in needs.values()),
        Rules.of(explaining), hints, frozenset(str(v) for k, v in values.items() if k in prefix),
        exits=_exits(ref, interfaces, pod_sg_mode), addresses_known=not somewhere,
        pod_networks=_pod_networks(addresses, somewhere),
    )  # fmt: skip


def _addresses(values: Mapping[str, int | str], vpc_networks: tuple[Network, ...],
               ipv6: bool) -> tuple[tuple[Network, ...], tuple[Network, ...]]:  # fmt: skip
    """Where the interfaces' addresses lie: the VPC's IPv4 blocks and, in an IPv6 cluster
    (nodes dual-stack, pods IPv6), its IPv6 blocks too; from --param vpc-cidr / vpc-cidr-ipv6,
    else the blocks read live; and `somewhere`: each family not known, as `some address of it`
    (only 0.0.0.0/0 or ::/0 surely holds it)."""
    given = [ipaddress.ip_network(str(values[name]), strict=False)
             for name in ("vpc-cidr", "vpc-cidr-ipv6") if values.get(name)]  # fmt: skip
    found: list[Network] = []
    somewhere: list[Network] = []
    for version in (4, 6) if ipv6 else (4,):
        nets = [n for n in given if n.version == version] or [
            n for n in vpc_networks if n.version == version
        ]
        found += nets
        somewhere += [] if nets else [EVERYWHERE[version]]
    return tuple(dict.fromkeys(found)), tuple(somewhere)


def _pod_networks(addresses: tuple[Network, ...], somewhere: tuple[Network, ...]):
    """The VPC's known blocks, and for a family not known, where its pods may be."""
    unknown = {n.version for n in somewhere}
    return (*addresses, *(n for n in PRIVATE if n.version in unknown))


def _exits(ref: Reference, interfaces, pod_sg_mode: str) -> dict[str, str]:
    """In standard mode, the roles with `outside_vpc_via` (and groups): the role they leave by."""
    if pod_sg_mode != "standard":
        return {}
    return {g.id: g.outside_vpc_via for g in ref.security_groups
            if g.outside_vpc_via and interfaces[g.id]}  # fmt: skip


def _ends(ref: Reference, interfaces, addresses, somewhere, pod_sg_mode: str):
    """Each role's interfaces as a flow's end; in standard mode a role with `outside_vpc_via`
    leaves the VPC through that role's groups (the VPC's blocks, if all known, say where)."""
    vpc = () if somewhere else addresses
    exits = _exits(ref, interfaces, pod_sg_mode)
    ends = {}
    for group in ref.security_groups:
        via = exits.get(group.id)
        exit = Exit(frozenset(interfaces[via]), vpc) if via else None
        sgs = frozenset(interfaces[group.id])
        ends[group.id] = Endpoint(sgs, addresses, somewhere, name=group.id, exit=exit)
    return ends


def _same_group(flow: Flow, rules: list[Rule], same: set[str]) -> Flow:
    """A flow one of whose rules is in force for a same-group category (EFA) is one."""
    if any(same.intersection(r.categories) for r in rules):
        return replace(flow, same_group=True)
    return flow


def _categories_in_force(ref: Reference, setup: Setup) -> list[str]:
    chosen = set(setup.categories)
    return [c.id for c in ref.categories if c.baseline or c.id in chosen]


# -- the comparison -----------------------------------------------------------------------


def live_text(rule: GroupRule) -> LiveText:
    ports = _ports_text(rule.protocol, rule.low, rule.high)
    protocol = "other" if rule.unknown and rule.unknown.startswith("IP protocol") else rule.protocol
    return LiveText(rule.id or "?", rule.group, rule.direction, protocol, ports, str(rule.peer))


def _half_flow(rule: GroupRule) -> Flow:
    """A live rule as the flow it lets through on its own half (the ends unnamed: only the
    verdict is read)."""
    here = Endpoint(frozenset({rule.group}))
    peer = rule.peer
    if peer.group is not None:
        other = Endpoint(frozenset({peer.group}))
    elif peer.network is not None:
        other = Endpoint(addresses=(peer.network,))
    else:
        other = Endpoint(prefix_list=peer.prefix_list)
    ends = (other, here) if rule.direction == "inbound" else (here, other)
    return Flow(*ends, rule.protocol, rule.low, rule.high, rule.id or "")


def _may_let_through(rule: GroupRule, protocol: str, low: int, high: int) -> bool:
    """A cheap necessary condition of `allowed`: the protocol fits and the ports overlap."""
    if rule.unknown is not None or rule.protocol not in ("all", protocol):
        return False
    return protocol in ("icmp", "icmpv6") or rule.protocol == "all" or (
        rule.high >= low and rule.low <= high
    )  # fmt: skip


def _peer_kind(peer: Peer) -> tuple:
    """The kind of a peer: the same group, a network of that IP version, or that prefix
    list. A rule can match a live rule's peer as an end only if both are of one kind, so the
    setup's rules are indexed by it (with their group and direction, `_kind`)."""
    if peer.group is not None:
        return ("group", peer.group)
    if peer.network is not None:
        return ("network", peer.network.version)
    return ("prefix-list", peer.prefix_list)  # (None: no peer, matched by nothing)


def _kind(rule: GroupRule) -> tuple:
    return (rule.group, rule.direction, *_peer_kind(rule.peer))


def _key(live: GroupRule) -> tuple:
    """What the setup's rules are looked up by for a live rule: its kind and protocol."""
    return (live.group, live.direction, *_peer_kind(live.peer), live.protocol)


Span = tuple[int, int]
ANY_PORTS: Span = (-(2**31), 2**31)
"""The span of a rule whose ports are not compared: `all`, and ICMP (types and codes)."""


def _span(rule: GroupRule) -> Span:
    return _span_of(rule.protocol, rule.low, rule.high)


def _span_of(protocol: str, low: int, high: int) -> Span:
    """The ports a rule of the setup is compared on, as `_may_let_through` compares them:
    TCP and UDP by range; `all` and ICMP fit a live rule of their key on any ports."""
    return (low, high) if protocol in ("tcp", "udp") else ANY_PORTS


def _carrier_spans(flow: Flow) -> list[tuple[Protocol, Span]]:
    """The protocols of the live rules that may carry this flow, each with the span their
    ports are compared on (as `_may_let_through` compares them): the flow's own, and `all`."""
    own = ANY_PORTS if flow.protocol in ("icmp", "icmpv6") else (flow.low, flow.high)
    return (
        [(flow.protocol, own)]
        if flow.protocol == "all"
        else [(flow.protocol, own), ("all", ANY_PORTS)]
    )


def _fits(span: Span, live: GroupRule) -> bool:
    return span[1] >= live.low and span[0] <= live.high


def _may_explain(spans: Iterable[Span], live: GroupRule) -> bool:
    """A cheap necessary condition of `explains`, over the spans under the live rule's key
    (`_key`): some rule fits its protocol and ports (`_may_let_through`)."""
    low, high = live.low, live.high
    for span in spans:  # noqa: SIM110 (a loop: any() of a generator costs more, per live rule)
        if span[1] >= low and span[0] <= high:
            return True
    return False


def explains(rules: Rules, live: GroupRule) -> bool:
    """Whether these rules let through everything the live rule does (its half). Most live
    rules meet no rule of their group, direction, protocol, ports and kind of peer: answered
    at once, without the flow."""
    kind = _kind(live)
    here = rules.by_key.get((live.group, live.direction), ())
    if kind[-1] is None or not any(
        _kind(r) == kind and _may_let_through(r, live.protocol, live.low, live.high) for r in here
    ):
        return False
    verdict = allowed(_half_flow(live), rules)
    return verdict.ingress_open if live.direction == "inbound" else verdict.egress_open


def _half_rule(need: Need, half: Half) -> tuple[Rule, bool]:
    """The reference rule realising this half, or the other half's rule mirrored."""
    direction = "outbound" if half == "egress" else "inbound"
    for rule in need.rules:
        if rule.direction == direction:
            return rule, False
    rule = need.rules[0]
    peer = "self" if rule.peer == "self" else rule.group
    update = {"direction": direction, "group": rule.peer_role, "peer": peer}
    return rule.model_copy(update=update), True


def _role_of_half(need: Need, half: Half) -> str:
    return need.text.source if half == "egress" else need.text.destination


def _fix_rule(plan: Plan, rule: Rule, sg: str | None = None) -> str:
    """The command adding the rule; one command per permission EC2 would hold: two rules
    of one permission (one group given for two roles: control-plane-in-https-from-node and
    node-in-https-from-control-plane) differ only in their descriptions, and EC2 refuses the
    second (InvalidPermission.Duplicate), so both findings give the first's command."""
    groups = dict(plan.preferred) | ({rule.group: sg} if sg else {})
    values = Values(groups, dict(plan.values))
    permission = ec2.ip_permission(rule, groups, plan.values)
    for peer in next(v for k, v in permission.items() if isinstance(v, list)):
        peer.pop("Description", None)
    key = ("fix", groups[rule.group], rule.direction, json.dumps(permission, sort_keys=True))
    return plan.memo(key, lambda: authorize(rule, values))


def _missing(plan: Plan, need: Need, half: Half, group: str | None, exit: bool = False) -> Missing:
    """The half's rule, on the role's preferred group; for a same-group flow (EFA) on the
    group the verdict judged, so that both halves end up on one group; for the part of an
    egress leaving the VPC through another role's interfaces (`exit`), on that role's group."""
    rule, mirror = _half_rule(need, half)
    role = _role_of_half(need, half)
    if exit:
        role = plan.exits[role]
        rule = rule.model_copy(update={"group": role})
    sg = group or plan.preferred[role]
    return Missing(need.text, half, role, sg, rule.id, mirror, rule.description,
                   tuple(rule.categories), (_fix_rule(plan, rule, sg),))  # fmt: skip


def revoke(rule: GroupRule) -> str:
    """The command that removes one live rule, by its rule id."""
    verb = "egress" if rule.direction == "outbound" else "ingress"
    return (f"aws ec2 revoke-security-group-{verb} \\\n  --group-id {quote(rule.group)} \\\n"
            f"  --security-group-rule-ids {quote(rule.id or '?')}")  # fmt: skip


def role_of(plan: Plan, sg: str) -> str:
    return plan.role_of[sg]


def _unknown_why(plan: Plan, rule: GroupRule, known: set[str]) -> str | None:
    if rule.unknown:
        return rule.unknown
    if rule.peer.group is not None and rule.peer.group not in known:
        return f"the peer {rule.peer.group} is none of the groups given with --sg"
    if rule.peer.prefix_list is not None and rule.peer.prefix_list not in plan.prefix_lists:
        return (f"prefix list {rule.peer.prefix_list} is not one the reference names "
                "(give it with --param s3-prefix-list=pl-... if it is S3's)")  # fmt: skip
    return None


def _may_carry(plan: Plan, rule: GroupRule) -> bool:
    """With the interfaces' addresses unknown: whether this CIDR rule would carry a needed
    flow were the roles' interfaces inside its network (then revoking it may cut the cluster
    off, so it is unknown, not extra). The same judgement, with the addresses assumed."""
    inside = (rule.peer.network,)

    def moved(end: Endpoint) -> Endpoint:
        return replace(end, addresses=inside, somewhere=()) if end.filtered else end

    alone = Rules.of([rule])
    for need in _needs_it_may_carry(plan, rule):
        flow = replace(need.flow, source=moved(need.flow.source),
                       destination=moved(need.flow.destination))  # fmt: skip
        verdict = allowed(flow, alone)
        if verdict.egress or verdict.ingress:
            return True
    return False


def _needs_it_may_carry(plan: Plan, rule: GroupRule) -> list[Need]:
    """The needs on the live rule's end (its group, its direction) whose traffic it fits
    (protocol and ports): no other flow can it carry. None when the addresses are known
    or the rule's peer is no CIDR (then `_may_carry` is False)."""
    if plan.addresses_known or rule.peer.network is None:
        return []
    here = plan.needs_on.get((rule.group, rule.direction), ())
    return [n for n in here if _may_let_through(rule, n.flow.protocol, n.flow.low, n.flow.high)]


def _peer_key(peer: Peer) -> tuple:
    """A peer as plain values (hashing an ipaddress network is slow)."""
    network = peer.network
    address = (int(network.network_address), network.prefixlen) if network is not None else None
    return (peer.group, peer.prefix_list, address)


def _once(plan: Plan, question, rule: GroupRule):
    key = (question.__name__, rule.group, rule.direction, rule.protocol, rule.low, rule.high,
           _peer_key(rule.peer))  # fmt: skip
    return plan.memo(key, lambda: question(plan, rule))


def _explained(plan: Plan, rule: GroupRule) -> bool:
    """Whether the setup's rules or a group's default explain the live rule."""
    return explains(plan.explaining, rule)


def _narrowest(plan: Plan, rule: GroupRule) -> Rule | None:
    """The narrowest unselected reference rule explaining the live rule (fewest ports, then
    the smallest network, then data order)."""
    fitting = dict.fromkeys(i for i, span in _hinted(plan, _key(rule)) if _fits(span, rule))
    found = [(i, plan.hints[i]) for i in fitting if explains(_hint(plan, i), rule)]
    if not found:
        return None

    def width(item: tuple[int, Rule]) -> tuple:
        i, r = item
        ports = _ports(r, plan.values) or (0, 65535)
        network = _network(r, plan.values, True)
        return (ports[1] - ports[0], network.num_addresses if network else 0, i)

    return min(found, key=width)[1]


def _explainers(plan: Plan, key: tuple) -> list[Span]:
    """The ports of the setup's rules and the defaults under this `_key` (group, direction,
    kind of peer, and the protocol or `all`, which fits each; none that never lets anything
    through): only those can explain a live rule of that key. Once per key."""
    group, direction, *kind, protocol = key

    def make() -> list[Span]:
        here = plan.explaining.by_key.get((group, direction), ())
        return [_span(r) for r in here if r.unknown is None and r.protocol in (protocol, "all")
                and list(_peer_kind(r.peer)) == kind]  # fmt: skip

    return plan.memo(("explainers", key), make)


def _hinted(plan: Plan, key: tuple) -> list[tuple[int, Span]]:
    """The hints with a rule under this `_key` (the rule's kind, and its protocol or `all`),
    each with that rule's ports, in index order; once per key."""
    group, direction, *kind, protocol = key

    def make() -> list[tuple[int, Span]]:
        places = plan.hint_places.get((group, direction), ())
        return [(i, span) for i, k, p, span in places if list(k) == kind and p in (protocol, "all")]

    return plan.memo(("hinted", key), make)


def _screen(plan: Plan, key: tuple) -> list[Span]:
    """The spans of every rule a live rule of this `_key` is judged against: the setup's
    rules and the defaults (`_explainers`), the unselected rules (`_hinted`) and, with the
    addresses unknown, the needs a CIDR rule may carry (`_needs_it_may_carry`). A live rule
    fitting none of them (most extras) is like nothing, and asks no question."""

    def make() -> list[Span]:
        found = [*_explainers(plan, key), *(span for _, span in _hinted(plan, key))]
        if not plan.addresses_known and key[2] == "network":
            needs = plan.needs_on.get((key[0], key[1]), ())
            found += [span for need in needs for p, span in _carrier_spans(need.flow)
                      if p == key[-1]]  # fmt: skip
        return found

    return plan.memo(("screen", key), make)


def _hint(plan: Plan, i: int) -> Rules:
    """Hint i placed on the groups, once per plan."""

    def make() -> Rules:
        return Rules.of(_placed(plan.hints[i], plan.interfaces, plan.values, hint=True))

    return plan.memo(("hint", i), make)


def _extra(plan: Plan, live: GroupRule, role: str, where: Where | None, key: tuple) -> Extra:
    hinted = (span for _, span in _hinted(plan, key))
    like = _once(plan, _narrowest, live) if _may_explain(hinted, live) else None
    if like is None:
        return _nothing_like(plan, live, role, where)
    category = like.categories[0]
    cats = ", ".join(like.categories)
    why = f"like {like.id} of {cats}, not selected (--with {category} if you run it)"
    return _extra_of(plan, live, role, (like.id, category), why, where)


PODS_OWN = (
    "both ends carry pods, so it may carry your pods' own traffic (CoreDNS, your services' "
    "ports): no revoke is offered; revoke it only if nothing needs it"
)


def _nothing_like(plan: Plan, live: GroupRule, role: str, where: Where | None) -> Extra:
    return _extra_of(plan, live, role, (None, None), NOTHING_LIKE, where)


def _extra_of(plan: Plan, live: GroupRule, role: str, like: tuple[str | None, str | None],
              why: str, where: Where | None) -> Extra:  # fmt: skip
    """An extra (`like`: the reference rule explaining it and its category) with its revoke;
    between pods' interfaces without one, and its `why` says so."""
    if _between_pods(plan, live):
        return Extra(live_text(live), role, *like, f"{why}; {PODS_OWN}", (), where)
    return Extra(live_text(live), role, *like, why, (revoke(live),), where)


PODS_OWN_BROAD = (
    "both ends carry pods, so it may carry your pods' own traffic (CoreDNS, your services' "
    "ports) too: the narrow rules are given, no revoke; revoke it only if nothing else needs it"
)


def _between_pods(plan: Plan, live: GroupRule) -> bool:
    """Whether the rule is on a group of interfaces that carry pods (a node's, a pod's) and
    its peer may be pods too: such a group, or a CIDR holding some of where pods' addresses
    may be (the VPC's blocks; when not known, any private IPv4 range or any IPv6), other than
    everywhere (a rule from 0.0.0.0/0 is an exposure to revoke). The pods' own traffic, which
    no category describes, may need it."""
    if live.group not in plan.pod_groups:
        return False
    network = live.peer.network
    if network is None:
        return live.peer.group in plan.pod_groups
    if network.prefixlen == 0:
        return False
    version, first, last = _span_of_network(network)
    return any(v == version and f <= last and first <= t for v, f, t in plan.pod_spans)


def _span_of_network(network: Network) -> tuple[int, int, int]:
    """A network as its IP version and first and last addresses, as integers (compared
    for every extra rule on a node: ipaddress's own overlaps() costs ten times more)."""
    first = int(network.network_address)
    return network.version, first, first + network.num_addresses - 1


def _broad(plan: Plan, live: GroupRule, carried: list[tuple[Need, Half]], kept: list[GroupRule],
           where: Where | None) -> Broad:  # fmt: skip
    """The narrow rules the carried flows would lose without it once every broad rule the
    fixes revoke is gone (`kept`: the live rules left; two broad rules may carry one flow),
    then its revoke; no revoke between groups of interfaces that carry pods (`_between_pods`:
    the narrow rules are still given, since adding them is safe)."""
    without = Rules.of(r for r in kept if r is not live)
    flows = tuple(dict.fromkeys(str(n.text) for n, _ in carried))
    why = f"carries {len(flows)} needed flow(s) and much more than the setup needs"
    pods = _between_pods(plan, live)
    adds = []
    for need, half in carried:
        verdict = allowed(need.flow, without)
        still = verdict.egress_open if half == "egress" else verdict.ingress_open
        if not still:
            adds.append(_fix_rule(plan, _half_rule(need, half)[0]))
    if pods:
        return Broad(live_text(live), role_of(plan, live.group), flows,
                     f"{why}; {PODS_OWN_BROAD}", tuple(dict.fromkeys(adds)), where)  # fmt: skip
    return Broad(live_text(live), role_of(plan, live.group), flows, why,
                 (*dict.fromkeys(adds), revoke(live)), where)  # fmt: skip


def audit(plan: Plan, groups: Mapping[str, Group]) -> Report:
    """Every needed flow judged against every live rule of the groups given; then each live
    rule classified. `groups` is any reader's: live, saved, planned, templated."""
    ids = list(dict.fromkeys(sg for sgs in plan.interfaces.values() for sg in sgs))
    live = [rule for sg in ids for rule in sorted(groups[sg].rules if sg in groups else (),
            key=lambda r: (r.direction == "outbound", r.id or ""))]  # fmt: skip
    report = Report(
        list(plan.categories), {}, {r: list(s) for r, s in plan.interfaces.items() if s}
    )
    for sg in ids:
        roles = [r for r, sgs in plan.interfaces.items() if sg in sgs]
        report.groups[sg] = {"roles": roles, "rules": len(groups[sg].rules) if sg in groups else 0}
    rules = Rules.of(live)
    carried: dict[GroupRule, list[tuple[Need, Half]]] = {}  # a live rule (a value) -> flows
    partly: dict[GroupRule, list[tuple[Need, Half]]] = {}  # ... of halves still blocked
    for need in plan.needs:
        verdict = allowed(need.flow, rules)
        halves = (("egress", verdict.egress, verdict.egress_open),
                  ("ingress", verdict.ingress, verdict.ingress_open))  # fmt: skip
        for half, found, is_open in halves:
            for rule in found:
                (carried if is_open else partly).setdefault(rule, []).append((need, half))  # type: ignore[arg-type]
        if verdict.allowed:
            report.present.append(Present(need.text, tuple(r.id for r in need.rules),
                                          tuple(r.id or "?" for r in verdict.egress),
                                          tuple(r.id or "?" for r in verdict.ingress)))  # fmt: skip
        for missing in verdict.missing:
            half: Half = "egress" if missing == "outbound" else "ingress"
            parts = verdict.egress_parts if half == "egress" else ()
            for part in [p for p, is_open in parts if not is_open] or [None]:
                found = _missing(plan, need, half, verdict.group, exit=part == "exit")
                report.missing.append(replace(found, where=_group_where(groups, found.sg)))
    known = set(ids)
    carrying = Carried(carried, partly, {rule.id for rule in (*carried, *partly)})
    wide: list[_Wide] = []
    for rule in live:
        finding = _classified(plan, rule, known, carrying, rule_where(groups, rule))
        if isinstance(finding, _Wide):
            wide.append(finding)
        elif finding is not None:
            getattr(report, KIND_OF[type(finding)]).append(finding)
    # The fixes revoke every broad rule together (not those between pods' interfaces, which
    # they keep): what each carries must survive them all
    revoked = [w.rule for w in wide if not _between_pods(plan, w.rule)]
    kept = [r for r in live if not any(r is gone for gone in revoked)]
    report.broad += [_broad(plan, w.rule, w.flows, kept, w.where) for w in wide]
    return report


@dataclass(frozen=True)
class _Wide:
    """A live rule found broad; its finding is made once every broad rule is known."""

    rule: GroupRule
    flows: list[tuple[Need, Half]]
    where: Where | None


@dataclass(frozen=True)
class Carried:
    """The live rules letting some needed flow through, with those flows; those letting only
    part of a half through that is still blocked (`partly`: a CIDR holding some of where the
    interfaces may be); and their ids, so that the many rules carrying nothing are told at
    once (a string's hash is kept; a GroupRule's, over its fields and network, is computed
    again each time)."""

    flows: dict[GroupRule, list[tuple[Need, Half]]]
    partly: dict[GroupRule, list[tuple[Need, Half]]]
    ids: set[str | None]

    def get(self, rule: GroupRule) -> list[tuple[Need, Half]] | None:
        return self.flows.get(rule) if rule.id in self.ids else None

    def part_of(self, rule: GroupRule) -> list[tuple[Need, Half]] | None:
        return self.partly.get(rule) if rule.id in self.ids else None


NOTHING_LIKE = "no category of the reference explains it"


def _partly_why(rule: GroupRule, partly: list[tuple[Need, Half]]) -> str:
    flows = ", ".join(dict.fromkeys(str(need.text) for need, _ in partly))
    return (f"{rule.peer} holds only some of the addresses the interfaces may have, so it lets "
            f"part of {flows} through, which is reported missing: add the missing rule before "
            "revoking this one")  # fmt: skip


def _classified(plan: Plan, rule: GroupRule, known: set[str], carried: Carried,
                where: Where | None):  # fmt: skip
    """One live rule: unknown, broad (`_Wide`), extra, or None (explained by the setup or a
    default).
    Each question is first asked cheaply (`_screen`, then `_may_explain`,
    `_needs_it_may_carry`): most live rules fit nothing, and only the others are judged
    (once per shape)."""
    role = plan.role_of[rule.group]
    why = _unknown_why(plan, rule, known)
    if why:
        return Unknown(live_text(rule), role, why, where)
    key = _key(rule)
    judged = _may_explain(_screen(plan, key), rule)
    if judged and _may_explain(_explainers(plan, key), rule) and _once(plan, _explained, rule):
        return None  # within the setup's own rules, or a group's default
    flows = carried.get(rule)
    if flows is not None:
        return _Wide(rule, flows, where)
    if partly := carried.part_of(rule):  # neither broad (it is narrower) nor extra (needed)
        return Unknown(live_text(rule), role, _partly_why(rule, partly), where)
    if judged and _needs_it_may_carry(plan, rule) and _once(plan, _may_carry, rule):
        why = (f"{rule.peer} may hold the interfaces' addresses, which are not known: "
               "give --param vpc-cidr=... (the VPC's CIDR) to judge it")  # fmt: skip
        return Unknown(live_text(rule), role, why, where)
    if not judged:
        return _nothing_like(plan, rule, role, where)
    return _extra(plan, rule, role, where, key)


KIND_OF = {Missing: "missing", Present: "present", Broad: "broad", Extra: "extra",
           Unknown: "unknown", Duplicate: "duplicate"}  # fmt: skip


def _group_where(groups: Mapping[str, Group], sg: str) -> Where | None:
    group = groups.get(sg)
    return group.where if group else None


def rule_where(groups: Mapping[str, Group], rule: GroupRule) -> Where | None:
    """Where a planned or templated rule is written (its own block, else its group's)."""
    group = groups.get(rule.group)
    if group is None:
        return None
    return group.rule_where.get(rule.id or "") or group.where
