"""The rules as terraform-aws-eks inputs: the module's own cluster security group (this
reference's `control-plane` role; v21 `security_group_additional_rules`, v20
`cluster_security_group_additional_rules`) and its node security group (the `node` role,
`node_security_group_additional_rules` in both).

Each entry uses the module's rule fields (description, protocol, from_port, to_port, type, and
one peer: source_cluster_security_group / source_node_security_group, self, cidr_blocks,
ipv6_cidr_blocks, prefix_list_ids or source_security_group_id), as the module's variables.tf
types them. A rule the module already creates is a comment naming the module's key, so it is
not created twice; the ones it creates only with `node_security_group_enable_recommended_rules`
(its default) say so, and become entries with `--no-recommended-rules`. Rules on other groups
(the EKS cluster security group, load balancers', pods') are listed as comments: `--format
terraform` has them. Every variable an entry uses is declared after the maps, with the value
given by `--sg` / `--param` as its default.
"""

from __future__ import annotations

from gen.aws import ec2
from gen.aws.commands import Values
from gen.formats import iac
from gen.formats.hcl import aligned, identifier, string
from gen.formats.terraform import (
    parameter_fragment,
    parameter_variable,
    role_fragment,
    role_variable,
)
from gen.reference import release
from gen.reference.model import Reference, Rule
from gen.select import Selection

VERSIONS = (20, 21)
LATEST = 21
INPUTS = {
    20: {"control-plane": "cluster_security_group_additional_rules",
         "node": "node_security_group_additional_rules"},
    21: {"control-plane": "security_group_additional_rules",
         "node": "node_security_group_additional_rules"},
}  # fmt: skip
"""The module input that takes each role's extra rules, per major version (variables.tf)."""
OTHER_SIDE = {"control-plane": "source_node_security_group",
              "node": "source_cluster_security_group"}  # fmt: skip
"""The field that names the module's other group (node <-> cluster security group)."""
OTHER_ROLE = {"control-plane": "node", "node": "control-plane"}
RECOMMENDED = "node_security_group_enable_recommended_rules"

# Key: (role, type, protocol, from, to, peer) as this module writes them. Sources: the module's
# main.tf `cluster_security_group_rules` and node_groups.tf `node_security_group_rules` (always)
# and `node_security_group_recommended_rules` (only with RECOMMENDED = true), at v20.37.2 and
# v21.19.0 (as recorded in tests/fixtures/upstream/terraform-aws-eks.json).
ALWAYS = {
    ("control-plane", "ingress", "tcp", 443, 443, "node"): "ingress_nodes_443",
    ("node", "ingress", "tcp", 443, 443, "control-plane"): "ingress_cluster_443",
    ("node", "ingress", "tcp", 10250, 10250, "control-plane"): "ingress_cluster_kubelet",
    ("node", "ingress", "tcp", 53, 53, "self"): "ingress_self_coredns_tcp",
    ("node", "ingress", "udp", 53, 53, "self"): "ingress_self_coredns_udp",
}
_RECOMMENDED_V20 = {
    ("node", "ingress", "tcp", 1025, 65535, "self"): "ingress_nodes_ephemeral",
    ("node", "ingress", "tcp", 4443, 4443, "control-plane"): "ingress_cluster_4443_webhook",
    ("node", "ingress", "tcp", 6443, 6443, "control-plane"): "ingress_cluster_6443_webhook",
    ("node", "ingress", "tcp", 8443, 8443, "control-plane"): "ingress_cluster_8443_webhook",
    ("node", "ingress", "tcp", 9443, 9443, "control-plane"): "ingress_cluster_9443_webhook",
    ("node", "egress", "-1", 0, 0, "0.0.0.0/0"): "egress_all",
    ("node", "egress", "-1", 0, 0, "::/0"): "egress_all",  # with an IPv6 ip_family only
}
RECOMMENDED_RULES = {
    20: _RECOMMENDED_V20,
    21: _RECOMMENDED_V20
    | {("node", "ingress", "tcp", 10251, 10251, "control-plane"): "ingress_cluster_10251_webhook"},
}
"""The rules the module creates only with RECOMMENDED (v20 has no 10251 rule)."""
IP_FAMILY = {20: "cluster_ip_family", 21: "ip_family"}
FIELDS = (
    "description", "protocol", "from_port", "to_port", "type", "self",
    "source_cluster_security_group", "source_node_security_group",
    "source_security_group_id", "cidr_blocks", "ipv6_cidr_blocks", "prefix_list_ids",
)  # fmt: skip
"""Every field this output writes: the module's documented rule fields."""


class Uses:
    """The variables the entries reference, collected while they are written."""

    def __init__(self, values: Values) -> None:
        self.values = values
        self.roles: list[str] = []
        self.parameters: list[str] = []

    def role(self, role: str) -> str:
        given = iac.given(self.values.groups.get(role))
        if given is not None:
            return string(str(given))
        self.roles += [role] if role not in self.roles else []
        return f"var.{role_variable(role)}"

    def parameter(self, parameter: str, quoted: bool) -> str:
        given = iac.given(self.values.ports.get(parameter))
        if given is not None:
            return string(str(given)) if quoted else str(given)
        self.parameters += [parameter] if parameter not in self.parameters else []
        return f"var.{parameter_variable(parameter)}"


def _ports(rule: Rule, uses: Uses) -> tuple[str, str]:
    """from_port, to_port: 0 and 0 for protocol -1 (as aws_security_group_rule wants)."""
    spec = ec2.permission_spec(rule)
    if spec.parameter:
        return (uses.parameter(spec.parameter, quoted=False),) * 2
    return ("0", "0") if spec.ip_protocol == "-1" else (str(spec.from_port), str(spec.to_port))


def _peer(rule: Rule, uses: Uses) -> tuple[str, str]:
    """The one field that names the rule's peer, and its value."""
    spec = ec2.permission_spec(rule)
    if rule.peer_kind == "self":
        return "self", "true"
    if spec.peer_group == OTHER_ROLE.get(rule.group):
        return OTHER_SIDE[rule.group], "true"
    if spec.peer_group:
        return "source_security_group_id", uses.role(spec.peer_group)
    cidr = uses.parameter(spec.peer_parameter, quoted=True) if spec.peer_parameter else None
    field = {"ipv4": "cidr_blocks", "ipv6": "ipv6_cidr_blocks"}.get(spec.peer_kind)
    field = field or "prefix_list_ids"
    return field, f"[{cidr or string(str(spec.cidr))}]"


def key(rule: Rule) -> str:
    """The map key: the rule id with underscores."""
    return identifier(rule.id)


def _shape(rule: Rule) -> tuple:
    spec = ec2.permission_spec(rule)
    low, high = (0, 0) if spec.ip_protocol == "-1" else (spec.from_port, spec.to_port)
    kind = "ingress" if rule.direction == "inbound" else "egress"
    return (rule.group, kind, spec.ip_protocol, low, high, rule.peer)


def default_key(rule: Rule, version: int = LATEST, recommended: bool = True) -> str | None:
    """The module's key for a rule it already creates (with these settings), or None."""
    shape = _shape(rule)
    if shape in ALWAYS:
        return ALWAYS[shape]
    return RECOMMENDED_RULES[version].get(shape) if recommended else None


def _comment(rule: Rule, version: int) -> str:
    shape = _shape(rule)
    known = ALWAYS.get(shape)
    if known:
        return f"  # {rule.id}: terraform-aws-eks creates it as {known}\n"
    known = RECOMMENDED_RULES[version][shape]
    family = f', and {IP_FAMILY[version]} = "ipv6"' if shape[-1] == "::/0" else ""
    return (
        f"  # {rule.id}: terraform-aws-eks creates it as {known} ({RECOMMENDED} = true, "
        f"its default{family}; eks-sg rules --no-recommended-rules if you turned it off)\n"
    )


def rule_fragment(rule: Rule, uses: Uses, version: int = LATEST, recommended: bool = True) -> str:
    """One map entry (indented for the map), or a comment when the module has the rule."""
    if default_key(rule, version, recommended):
        return _comment(rule, version)
    low, high = _ports(rule, uses)
    spec = ec2.permission_spec(rule)
    pairs = [("description", string(rule.description)), ("protocol", string(spec.ip_protocol)),
             ("from_port", low), ("to_port", high),
             ("type", string("ingress" if rule.direction == "inbound" else "egress")),
             _peer(rule, uses)]  # fmt: skip
    return "\n".join([f"  {key(rule)} = {{", *aligned(pairs, "    "), "  }"]) + "\n"


def _variables(ref: Reference, uses: Uses) -> str:
    """The `variable` blocks of everything the entries reference and no value was given for."""
    groups = {g.id: g for g in ref.security_groups}
    parameters = {p.id: p for p in ref.parameters}
    blocks = [role_fragment(groups[r]) for r in uses.roles]
    blocks += [parameter_fragment(parameters[p]) for p in uses.parameters]
    if not blocks:
        return ""
    return "\n# The variables the maps use (declare them beside the module call):\n\n" + "\n".join(
        blocks
    )


def render_rules(
    ref: Reference,
    rules: list[Rule],
    banner: str,
    values: Values | None = None,
    version: int = LATEST,
    recommended: bool = True,
) -> str:
    """The two maps, the variables they use, and comments for the rest."""
    inputs = INPUTS[version]
    switch = "" if recommended else f" and {RECOMMENDED} = false"
    lines = [f"# {banner}", f"# {release.versions(ref)}",
             f"# For terraform-aws-modules/eks/aws v{version}.x{switch} "
             f"(eks-sg rules --module-version {'21' if version == 20 else '20'} for v"
             f"{'21' if version == 20 else '20'}.x).",
             "# Paste the two maps into module \"eks\" { ... }."]  # fmt: skip
    out = "\n".join(lines) + "\n"
    uses = Uses(values or Values({}, {}))
    for role, name in inputs.items():
        mine = [r for r in rules if r.group == role]
        out += f"\n{name} = {{\n" + "".join(rule_fragment(r, uses, version, recommended)
                                           for r in mine) + "}\n"  # fmt: skip
    others = [r for r in rules if r.group not in inputs]
    if others:
        out += (
            "\n# Rules on groups the module does not manage: eks-sg rules --format terraform has"
            "\n# them (the EKS cluster group: cluster_sg_id = module.eks.cluster_primary_security_"
            "group_id).\n"
        )
        out += "".join(f"#   {r.id} ({r.group})\n" for r in others)
    return out + _variables(ref, uses)


def render_selection(
    ref: Reference,
    selection: Selection,
    values: Values,
    version: int = LATEST,
    recommended: bool = True,
) -> str:
    """`eks-sg rules --format terraform-aws-eks`, for `--module-version 20|21` and
    `--no-recommended-rules`."""
    extra = [] if version == LATEST else ["--module-version", str(version)]
    extra += [] if recommended else ["--no-recommended-rules"]
    line = iac.command_line(selection, values, "terraform-aws-eks")
    banner = "Generated by: " + (line + " " + " ".join(extra) if extra else line)
    return render_rules(ref, selection.rules, banner, values, version, recommended)
