"""The data model of data/reference.yaml, declared once.

Every field has a docstring: it is the documentation editors see (through data/schema.json,
which is generated from these classes). Fields hold what the file says, normalised; what is
derived from them (a rule's port range and peer kind) is computed once, when a rule is
validated, and read through properties. Checks across items live in gen/reference/references.py and
gen/reference/consistency.py.
"""

from __future__ import annotations

import datetime
import ipaddress
import re
from typing import TYPE_CHECKING, Annotated, Any, Literal

from gen.reference.ports import ALL_PORTS, SLUG, PortRange, parse_ports
from gen.reference.typed import After, Before, Field, Model, check_field, check_model
from gen.reference.words import CONTROL, DYNAMIC_REFERENCE, printable, shown

Slug = Annotated[str, Field(pattern=f"^{SLUG.pattern}$", max_length=80)]
"""A stable lower-case identifier, words joined by single hyphens."""

# EC2 accepts these characters in a rule description; CIDR-range rules also accept '&'.
EC2_DESCRIPTION_CHARS = "a-zA-Z0-9 ._\\-:/()#,@\\[\\]+=;{}!$*"
_EC2_BAD_CHAR = re.compile(f"[^{EC2_DESCRIPTION_CHARS}&]")
EC2_DESCRIPTION_MAX = 255

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
PeerKind = Literal[
    "role", "self", "ipv4", "ipv6", "ipv4-parameter", "ipv6-parameter", "prefix-list"
]
"""What a rule's peer is: another group's role, the group itself, a CIDR written in the rule,
or a parameter holding an IPv4 or IPv6 CIDR or a prefix-list id (the user's value)."""
PARAMETER_PEERS = ("ipv4-parameter", "ipv6-parameter", "prefix-list")
PREFIX_LIST_ID = re.compile(r"pl-([0-9a-f]{8}|[0-9a-f]{17})")


class Strict(Model):
    """Base for every model: unknown keys are errors, values are never coerced silently, and
    a value once made is frozen (gen/reference/typed.py)."""


def _no_dynamic_reference(text: str) -> str:
    """CloudFormation replaces `{{resolve:...}}` in any string of a template by the value of a
    secret or parameter: text that reaches a template must never hold one."""
    found = DYNAMIC_REFERENCE.search(text)
    if found:
        raise ValueError(
            f"text has {shown(found.group())} at character {found.start() + 1}: CloudFormation "
            "would resolve it (a dynamic reference, e.g. a secret) in the generated template; "
            "write it another way, e.g. without the braces"
        )
    return text


def _plain(text: str) -> str:
    """Text from contributors reaches scripts, pages and terminals: no control characters
    (every line break is one), and no CloudFormation dynamic reference."""
    bad = CONTROL.search(text)
    if bad:
        raise ValueError(
            f"text has the control character {shown(bad.group())} at character "
            f"{bad.start() + 1}; write plain text on one line"
        )
    return _no_dynamic_reference(text)


def _check_description(text: str) -> str:
    if len(text) > EC2_DESCRIPTION_MAX:
        raise ValueError(
            f"description is {len(text)} characters; EC2 allows at most {EC2_DESCRIPTION_MAX}"
        )
    bad = _EC2_BAD_CHAR.search(text)
    if bad:
        raise ValueError(
            f"description has {shown(bad.group())} at character {bad.start() + 1}; EC2 allows "
            f"only a-z A-Z 0-9 space and ._-:/()#,@[]+=;{{}}!$* (and & for CIDR rules)"
        )
    return _no_dynamic_reference(text)


def _check_ports(spec: int | str) -> int | str:
    parse_ports(spec)  # raises ValueError with a readable message; Rule keeps the result
    return spec


def normal_cidr(text: str, what: str) -> str:
    """A CIDR in the one form AWS returns (`::/0`, `10.0.0.0/16`); ValueError naming `what`.

    The text is rebuilt from the parsed network's address and prefix length, never kept:
    `ip_network` accepts an IPv6 zone id (`::%ANY TEXT/0`, line breaks included) and keeps it
    in `str()`, and AWS has no zone ids, so one is an error."""
    if "%" in text:
        raise ValueError(
            f"{what} {shown(text)} has an IPv6 zone id (after '%'); security-group rules take "
            "a plain CIDR such as fd00::/8"
        )
    try:
        network = ipaddress.ip_network(text, strict=True)
    except ValueError as err:
        why = printable(str(err))
        raise ValueError(f"{what} {shown(text)} is not a valid CIDR: {why}") from None
    canonical = type(network)((int(network.network_address), network.prefixlen))
    return str(canonical)


def _normal_peer(peer: str) -> str:
    """A role or parameter id or `self` as written; a CIDR in the one form AWS returns."""
    if SLUG.fullmatch(peer):
        return peer
    if "/" in peer or ":" in peer:
        return normal_cidr(peer, "peer")
    raise ValueError(
        f"peer {shown(peer)} is neither 'self', a security-group role id, a parameter id, "
        "nor a CIDR"
    )


Text = Annotated[str, Field(min_length=1), After(_plain)]
Description = Annotated[str, Field(min_length=1), After(_check_description)]
PortSpec = Annotated[int | str, After(_check_ports)]
Peer = Annotated[str, After(_normal_peer)]
Url = Annotated[str, Field(pattern=r"^https://[^\s<>\"'`]+$"), After(_plain)]


EXCERPT_REF = re.compile(f"^({SLUG.pattern})#({SLUG.pattern})$")
"""How a rule or port names the excerpt backing it: `source-id#excerpt-id`."""

ExcerptRef = Annotated[str, Field(pattern=EXCERPT_REF.pattern, max_length=161)]

Version = Annotated[str, Field(pattern=r"^\d+(\.\d+){0,2}$")]
"""A release number without a leading `v`: `1.0`, `0.37.3`."""


def version_key(version: str) -> tuple[int, ...]:
    """A release number as a tuple that sorts as releases do (`0.37.10` after `0.37.3`);
    missing parts are zero, so `1.1` and `1.1.0` are the same release."""
    parts = [int(p) for p in version.removeprefix("v").split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


class Excerpt(Strict):
    """A short passage copied verbatim from a source, so that a reader (and a test) can check
    the facts that cite it without opening the document."""

    id: Slug
    """How rules and ports cite it, after the source's id: `tf-aws-eks#node-443`."""
    text: Text
    """The passage exactly as the source writes it (whitespace may be joined into one line;
    `...` marks an omission)."""
    where: Text
    """Where in the source it is: a file and line at the source's revision, or the page's
    section heading."""


class Source(Strict):
    """A document that facts in this file come from."""

    id: Slug
    """How rules and ports cite this source, e.g. `aws-eks-sg-reqs`."""
    title: Text
    """The document's title as its publisher writes it."""
    url: Url | None = None
    """Where the public document is (https only); absent for documents that are not public."""
    location: Text | None = None
    """Where a non-public document is kept, e.g. a path beside this project."""
    checked: datetime.date
    """The day someone last read the document to check the facts that cite it."""
    quote: Text | None = None
    """A short quote of the lines that support the rules citing this source, or a pointer to
    them (file and line, or the page's section), so a reviewer can check them quickly."""
    original_brief: bool = False
    """The project's original brief (the seed): the findings page compares the data with it.
    At most one source has it."""
    revision: Text | None = None
    """The exact upstream revision read: a repository's tag and commit (`v21.19.0 (bef29c4)`),
    or for a web page the day it was read (`page read 2026-12-01`)."""
    excerpts: list[Excerpt] = Field(default_factory=list)
    """Short verbatim passages that back the facts citing this source."""


class SecurityGroup(Strict):
    """A security-group role. Real IDs differ per cluster; the role is what the rules speak of."""

    id: Slug
    """The role's id, used as `group` and `peer` in rules, e.g. `node`."""
    title: Text
    """A short human name, e.g. `Worker node security group`."""
    seed_name: Text | None = None
    """What the seed document calls this group, where it has it."""
    attached_to: Text
    """The network interfaces this group is attached to."""
    created_by: Text
    """Who creates the group (Amazon EKS, you, a controller)."""
    variable: str = Field(pattern=r"^[A-Z][A-Z0-9_]*_SG_ID$")
    """The shell variable that holds the group's real ID in generated commands."""
    only_with: list[Slug] = Field(default_factory=list)
    """The group exists only in clusters that run one of these categories (an ALB's group with
    `alb` or `alb-ip-targets`); a setup without them gets no rule on it or with it. Empty: every
    cluster has the group."""
    notes: Text | None = None
    """What a reader should know about the group: where the seed differs, which tools attach
    it or look it up (tags, selectors)."""
    also_on: list[Slug] = Field(default_factory=list)
    """Other roles whose network interfaces carry this group too (the EKS cluster group sits
    on the control plane's interfaces beside the additional group): EC2 lets their traffic
    through when any group on the interface allows it, so this group's rules count for them."""
    aws_created: bool = False
    """AWS creates the group itself (the EKS cluster group) with the rules of the `aws_default`
    categories, EC2's default egress among them: they are there whatever the user says."""
    default_egress: bool = False
    """Groups of this role are usually created with EC2's default allow-all IPv4 egress (the
    EC2 API, the console, eksctl, CloudFormation and the controllers keep it; Terraform's
    `aws_security_group` removes it). `eks-sg rules --egress-default` says it for a cluster."""
    carries_pods: bool = False
    """Pods send and receive their own traffic on these interfaces (a node's, with the VPC
    CNI; a pod's branch ENI): CoreDNS and the ports of your services, which no category can
    know. `eks-sg audit` never offers to revoke a rule between two such groups."""
    outside_vpc_via: Slug | None = None
    """In the VPC CNI's standard mode (POD_SECURITY_GROUP_ENFORCING_MODE=standard), traffic
    from this role's interfaces to destinations outside the VPC leaves through that role's
    interfaces (the node's primary interface, after SNAT) and is judged by their groups, not
    this role's (`eks-sg audit --pod-sg-mode standard`)."""


class VersionRange(Strict):
    """Releases of one product a category is for: from `first` (included) up to `before`
    (excluded); either end may be open."""

    product: Slug
    """What is versioned: `karpenter`, `metrics-server`, `cert-manager-eks-addon`,
    `kubernetes` (the version the cluster was created with), ..."""
    first: Version | None = None
    """The first release the category applies to; none: every earlier release too."""
    before: Version | None = None
    """The first release it no longer applies to; none: every later release too."""
    note: Text | None = None
    """What changes at the ends, e.g. `the chart turned the webhook off`."""
    earlier: Literal["unknown", "none"] = "unknown"
    """On a product's earliest range: what the releases before it need. `unknown` (the sources
    were not checked for them: `--with PRODUCT@VERSION` refuses them, naming the releases the
    reference knows) or `none` (checked: none of these rules, e.g. clusters created before
    Kubernetes 1.33)."""

    @check_model
    def _ordered(self) -> None:
        if self.first is None and self.before is None:
            raise ValueError("a version range needs 'first', 'before' or both")
        if self.first and self.before and version_key(self.first) >= version_key(self.before):
            raise ValueError(f"'first' {self.first} is not before 'before' {self.before}")

    def holds(self, version: str) -> bool:
        """Whether `version` (`1.0.3`, `v1.0.3`) is in the range."""
        key = version_key(version)
        low = self.first is None or version_key(self.first) <= key
        return low and (self.before is None or key < version_key(self.before))

    @property
    def text(self) -> str:
        """How the range reads: `karpenter 0.33.8 up to (not incl.) 0.34.0`."""
        if self.first and self.before:
            return f"{self.product} {self.first} up to (not incl.) {self.before}"
        if self.first:
            return f"{self.product} {self.first} and later"
        return f"{self.product} before {self.before}"


class Category(Strict):
    """A reason for a rule: a rule category (the original brief's, or a setup's) or an add-on
    that needs ports."""

    id: Slug
    """How rules name the category, e.g. `minimum`, `metrics-server`."""
    title: Text
    """A short human name."""
    seed_label: Text | None = None
    """The seed's exact "Rule Category" text, for categories that come from the seed."""
    meaning: Text
    """One line: when a cluster needs the rules of this category."""
    baseline: bool = False
    """Every cluster has these rules; a mirror rule in a baseline category counts for any rule."""
    aws_default: bool = False
    """AWS creates these rules with the group: they are there unless someone removed them."""
    istio: bool = False
    """The rules exist for Istio; each must name the Istio ports it serves."""
    question: Text | None = None
    """The setup picker's short question for it, e.g. `Istio with sidecars?` (none: not asked,
    as for baseline categories)."""
    help: Text | None = None
    """One or two sentences under the question: how a user tells whether their cluster has it."""
    excludes: list[Slug] = Field(default_factory=list)
    """Categories that cannot be chosen with this one (either naming the other is enough)."""
    shares: dict[Slug, Slug] = Field(default_factory=dict)
    """Roles whose network interfaces carry another role's group in this setup, so their rules
    go on that group: `{node: cluster}` when managed nodes carry only the EKS cluster SG."""
    removes: list[Slug] = Field(default_factory=list)
    """Ids of rules a cluster with this category does not have, although a category in force
    has them (restricted egress: the cluster group's outbound-all rule was removed)."""
    versions: list[VersionRange] = Field(default_factory=list)
    """The releases the category's rules are for (ports move between releases); empty: every
    release. A user naming `karpenter@1.0.3` gets the category whose range holds it."""
    needs_same_group: bool = False
    """The category's traffic passes only where ONE group that both ends' interfaces carry
    allows it to and from itself (EFA: OS-bypass traffic is not IP, so no CIDR rule, EC2's
    default egress among them, carries it, and a rule of another group does not either)."""


ParameterKind = Literal["port", "cidr", "prefix-list"]
TERRAFORM_RESERVED = frozenset(
    {"source", "version", "providers", "count", "for_each", "lifecycle", "depends_on", "locals"}
)
"""Names Terraform refuses for a module's variables (the generated modules' parameters)."""


class Parameter(Strict):
    """A value only the user knows: a port (a Service's NodePort), a CIDR (the clients of a load
    balancer, the remote network of hybrid nodes) or a prefix-list id (S3's gateway endpoint)."""

    id: Slug
    """How a rule names it: in `ports` for a port, in `peer` for a CIDR or prefix list. Role and
    parameter ids share one namespace, so `peer: vpc-cidr` is never ambiguous."""
    title: Text
    """A short human name."""
    kind: ParameterKind = "port"
    """`port` (a rule's `ports`), `cidr` (a rule's `peer`: an IPv4 or IPv6 network, as the
    example is) or `prefix-list` (a rule's `peer`: a managed prefix list id, `pl-...`)."""
    variable: str = Field(pattern=r"^[A-Z][A-Z0-9_]*$")
    """The shell variable that holds the value in generated commands."""
    example: int | str
    """A typical value, used in examples and tests: a port from 1 to 65535, a CIDR (written as
    AWS returns it; its IP version is the parameter's), or a prefix-list id (`pl-` and 8 or 17
    lower-case hex digits)."""
    description: Text
    """Where the user finds the real value."""

    @check_field("id")
    @staticmethod
    def _not_reserved(id: str, fields: dict[str, Any]) -> str:
        name = id.replace("-", "_")  # the Terraform variable's name (gen/formats/hcl.py)
        if name in TERRAFORM_RESERVED:
            raise ValueError(
                f"parameter id {id!r} becomes the Terraform variable {name!r}, a name Terraform "
                f"reserves in modules ({', '.join(sorted(TERRAFORM_RESERVED))}); choose another"
            )
        return id

    @check_field("example")
    @staticmethod
    def _example_fits_kind(example: int | str, fields: dict[str, Any]) -> int | str:
        kind = fields.get("kind", "port")
        if kind == "port":
            if not isinstance(example, int) or isinstance(example, bool):
                raise ValueError(
                    f"a port parameter's example is a port such as 30080, not {example!r}"
                )
            if not 1 <= example <= 65535:
                raise ValueError(f"port {example} is outside 1-65535")
            return example
        if not isinstance(example, str):
            raise ValueError(f"a {kind} parameter's example is text, not {example!r}")
        if kind == "cidr":
            return normal_cidr(example, "example")
        if not PREFIX_LIST_ID.fullmatch(example):
            raise ValueError(
                f"example {shown(example)} is not a prefix-list id (pl- and 8 or 17 "
                "lower-case hex digits, e.g. pl-63a5400a)"
            )
        return example

    @property
    def peer_kind(self) -> PeerKind | None:
        """The kind of peer a rule naming this parameter has; None for a port."""
        if self.kind == "prefix-list":
            return "prefix-list"
        if self.kind == "cidr" and isinstance(self.example, str):
            return "ipv6-parameter" if ":" in self.example else "ipv4-parameter"
        return None


class Icmp(Strict):
    """An ICMP or ICMPv6 type and code."""

    type: int = Field(ge=-1, le=255)
    """The ICMP type (EC2 FromPort); -1 means every type."""
    code: int = Field(default=-1, ge=-1, le=255)
    """The ICMP code (EC2 ToPort); -1 means every code."""


def derive_port_range(protocol: str, ports: Any, icmp: Icmp | None) -> PortRange | None:
    """The rule's EC2 FromPort/ToPort; None when `ports` and `icmp` do not fit the protocol
    (gen/reference/references.py reports that)."""
    if protocol in ("icmp", "icmpv6"):
        return PortRange(icmp.type, icmp.code) if icmp and ports is None else None
    if icmp is not None or not isinstance(ports, int | str):
        return None
    parsed = parse_ports(ports)
    return parsed if protocol != "all" or parsed == ALL_PORTS else None


PEER_PARAMETERS = "peer_parameters"
"""The validation context's key for the CIDR and prefix-list parameters a peer may name (id ->
peer kind): a Reference gives it to its rules, the loader to each rule it reads."""


def peer_parameters(parameters: Any) -> dict[str, PeerKind]:
    """The valid CIDR and prefix-list parameters of a section, by id: their peer kinds."""
    found: dict[str, PeerKind] = {}
    for p in parameters if isinstance(parameters, list) else []:
        if isinstance(p, Parameter) and isinstance(p.id, str) and p.peer_kind:
            found[p.id] = p.peer_kind
    return found


def derive_peer(
    peer: str, parameters: dict[str, PeerKind] | None = None
) -> tuple[PeerKind, Network | None]:
    """The kind of a (normalised) peer, and its network for a CIDR. A slug is a role unless
    it names one of `parameters` (a CIDR or prefix-list parameter: id -> peer kind)."""
    if peer == "self":
        return "self", None
    if SLUG.fullmatch(peer):
        return (parameters or {}).get(peer, "role"), None
    network = ipaddress.ip_network(peer)
    return ("ipv4" if network.version == 4 else "ipv6"), network


class Rule(Strict):
    """One security-group rule: one EC2 IP permission on one group."""

    id: Slug
    """A stable id; docs anchors and CSV rows use it, so never reuse or rename one."""
    group: Slug
    """The security-group role the rule is on."""
    direction: Literal["inbound", "outbound"]
    """`inbound` (ingress) or `outbound` (egress)."""
    protocol: Literal["tcp", "udp", "icmp", "icmpv6", "all"]
    """The IP protocol; `all` is EC2's `-1`."""
    ports: PortSpec | None = None
    """For tcp, udp and all: a port (`443`), a range (`1025-65535`), `all`, or a parameter id."""
    icmp: Icmp | None = None
    """For icmp and icmpv6: the type and code."""
    peer: Peer
    """The other side: a security-group role id, `self`, a CIDR such as `0.0.0.0/0`, or the id of
    a `cidr` or `prefix-list` parameter (the user's network or prefix list)."""
    categories: list[Slug] = Field(min_length=1)
    """Why the rule exists: category or add-on ids; a user selecting any of them gets the rule."""
    description: Description
    """The EC2 rule description: at most 255 characters of EC2's allowed set."""
    sources: list[Slug] = Field(min_length=1)
    """Ids of the sources that state this rule."""
    istio_ports: list[str] = Field(default_factory=list)
    """For Istio rules: the ports served, as `component:port`, e.g. `istiod:15017`."""
    notes: Text | None = None
    """What a reader should know: corrections of the seed, failure symptoms, alternatives."""
    backed_by: list[ExcerptRef] = Field(default_factory=list)
    """The excerpts that state this fact, as `source-id#excerpt-id`."""
    inferred: Text | None = None
    """Where no excerpt states the fact outright: the reasoning it is inferred from (shown on
    the site)."""

    if TYPE_CHECKING:  # derived, not fields: set once by _derive, never read from the file
        port_range: PortRange
        """FromPort and ToPort as EC2 has them: ICMP type and code, or the parameter to ask for;
        None only while the rule's `ports` or `icmp` does not fit its protocol (reported)."""
        peer_kind: PeerKind
        """`role` (another group), `self`, `ipv4` or `ipv6` (a CIDR), `ipv4-parameter` or
        `ipv6-parameter` (a CIDR parameter), or `prefix-list` (a prefix-list parameter)."""
        network: Network | None
        """The peer's network, for CIDR peers."""
        peer_role: str | None
        """The role whose group ID is the peer: the rule's own group for `self`; None for CIDRs."""

    @check_model
    def _derive(self, context: dict[str, Any]) -> Rule:
        """Parse once: the values every output needs, as plain attributes (outputs read them
        per rule). The peer's kind needs the parameters it may name: the validation context
        holds them (a Reference's, or those the loader read before its rules)."""
        return self._derived(context.get(PEER_PARAMETERS))

    def _derived(self, parameters: dict[str, PeerKind] | None, like: Rule | None = None) -> Rule:
        """Set the derived values. `like`: the rule this is a copy of, whose port range and
        peer kind still hold where the fields they come from are the same."""
        ports = (self.protocol, self.ports, self.icmp)
        if like is not None and (like.protocol, like.ports, like.icmp) == ports:
            port_range = like.port_range
        else:
            port_range = derive_port_range(*ports)
        if like is not None and like.peer == self.peer:
            kind, network = like.peer_kind, like.network
        else:
            kind, network = derive_peer(self.peer, parameters)
        derived = {
            "port_range": port_range,
            "peer_kind": kind,
            "network": network,
            "peer_role": {"self": self.group, "role": self.peer}.get(kind),
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)  # frozen to users; this is its construction
        return self

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Rule:
        """A copy derived as the rule was: the updated fields derive their values again (a
        rule carried to another role's group gets that peer's kind), the others keep theirs
        (a parameter peer stays one), and nothing unchanged is parsed again."""
        return super().model_copy(update=update)._derived(None, like=self)

    @property
    def peer_parameter(self) -> str | None:
        """The parameter whose value is the peer, for parameter peers."""
        return self.peer if self.peer_kind in PARAMETER_PEERS else None


class IstioComponent(Strict):
    """A part of Istio that listens on ports."""

    id: Slug
    """How ports name the component, e.g. `istiod`."""
    title: Text
    """A short human name."""
    mode: Literal["sidecar", "ambient", "control-plane", "gateway"]
    """Which data-plane mode or part of the mesh the component belongs to."""
    description: Text
    """What the component is and where it runs."""
    sources: list[Slug] = Field(min_length=1)
    """Ids of the sources that list the component's ports."""


class IstioPort(Strict):
    """A port an Istio component listens on."""

    component: Slug
    """The component's id."""
    port: int = Field(ge=1, le=65535)
    """The port number."""
    protocol: str = Field(pattern=r"^[A-Za-z0-9]+$")
    """The protocol as istio.io writes it (TCP, HTTP, HTTP2, GRPC, HTTPS, DNS, ...)."""
    previous_protocol: Text | None = None
    """How the seed and older istio.io pages wrote the protocol, where it differs."""
    description: Text
    """What the port is for."""
    scope: Literal["network", "pod-internal", "localhost"]
    """Who can reach it: other hosts, only the pod itself, or only the local host."""
    status: Literal["current", "deprecated", "removed"] = "current"
    """Whether current Istio still uses the port."""
    since: str | None = Field(default=None, pattern=r"^\d+\.\d+$")
    """The Istio version the status applies from, e.g. `1.25` for a port removed in 1.25."""
    sources: list[Slug] = Field(min_length=1)
    """Ids of the sources that state the port."""
    rules: list[Slug] = Field(default_factory=list)
    """Ids of the security-group rules this port needs on EKS, where it needs any."""
    notes: Text | None = None
    """What a reader should know: changes since the seed, failure symptoms."""
    backed_by: list[ExcerptRef] = Field(default_factory=list)
    """The excerpts that state this fact, as `source-id#excerpt-id`."""
    inferred: Text | None = None
    """Where no excerpt states the fact outright: the reasoning it is inferred from (shown on
    the site)."""

    @property
    def key(self) -> str:
        """`component:port`, as rules cite it in `istio_ports`."""
        return f"{self.component}:{self.port}"

    @property
    def internal(self) -> bool:
        """Only the pod itself (or the local host) connects: no security group can matter."""
        return self.scope != "network"


class Istio(Strict):
    """Istio's components and their ports."""

    components: list[IstioComponent] = Field(min_length=1)
    """The components, in reading order."""
    ports: list[IstioPort] = Field(min_length=1)
    """Every port of every component."""


def _quoted_version(value: Any) -> Any:
    if isinstance(value, int | float):
        raise ValueError("write the version in quotes, e.g. '2026.11' (unquoted, it is a number)")
    return value


_NOT_MADE = object()  # a derived value not made yet (None is a value)


class Reference(Strict):
    """The whole reference: data/reference.yaml."""

    version: Annotated[str, Before(_quoted_version)] = Field(
        pattern=r"^20\d\d\.(0[1-9]|1[0-2])(\.[1-9]\d*)?$"
    )
    """The reference's release, `YEAR.MONTH` (a second release in a month: `YEAR.MONTH.2`).
    Raise it whenever a rule, port or fact changes; `eks-sg --version`, the site footer,
    reference.json and the scripts show it."""
    sources: list[Source] = Field(min_length=1)
    """Every document cited anywhere in this file."""
    security_groups: list[SecurityGroup] = Field(min_length=1)
    """The security-group roles, in reading order."""
    categories: list[Category] = Field(min_length=1)
    """The rule categories and add-ons, in reading order."""
    parameters: list[Parameter] = Field(default_factory=list)
    """Values only the user knows."""
    rules: list[Rule] = Field(min_length=1)
    """Every rule, sorted by group (in security_groups order), direction and id."""
    istio: Istio
    """Istio's ports."""

    @classmethod
    def field_context(cls, name: str, values: dict[str, Any]) -> dict[str, Any] | None:
        """Its rules are validated knowing its parameters (declared before them)."""
        if name != "rules":
            return None
        return {PEER_PARAMETERS: peer_parameters(values.get("parameters"))}

    def derived(self, key: tuple, make: Any) -> Any:
        """A value derived from this reference alone, made once and kept with it (`key` says
        which: `("variant", sharing, egress)`). The reference is frozen, so it stays right;
        a copy (`model_copy`) starts without any."""
        found = self.__dict__.setdefault("_derived", {})
        value = found.get(key, _NOT_MADE)  # one lookup: a rule's key is deep to hash
        if value is _NOT_MADE:
            value = found[key] = make()
        return value

    def category_ids(self, flag: Literal["baseline", "aws_default"]) -> frozenset[str]:
        """The ids of the categories with `flag` set: every output asks per rule whether a
        rule is a baseline one, or one AWS creates (made once)."""
        return self.derived(
            ("category-ids", flag),
            lambda: frozenset(c.id for c in self.categories if getattr(c, flag)),
        )

    def group_by_id(self) -> dict[str, SecurityGroup]:
        """The security groups by role id (made once: diagrams ask per box)."""
        return self.derived(("groups-by-id",), lambda: {g.id: g for g in self.security_groups})

    @property
    def original_brief(self) -> Source | None:
        """The source marked as the project's original brief, if one is (found once: pages
        ask per rule)."""
        return self.derived(
            ("original-brief",), lambda: next((s for s in self.sources if s.original_brief), None)
        )
