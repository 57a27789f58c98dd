"""The rules as terraform-aws-eks inputs: `security_group_additional_rules` (the module's own
cluster security group: this reference's `control-plane` role) and
`node_security_group_additional_rules` (its node security group: the `node` role).

Each entry uses the module's rule fields (description, protocol, from_port, to_port, type, and
one peer: source_cluster_security_group / source_node_security_group, self, cidr_blocks,
ipv6_cidr_blocks, prefix_list_ids or source_security_group_id), as its aws_security_group_rule
resources read them. A rule the module already creates by default is written as a comment
naming the module's key, so it is not created twice. Rules on other groups (the EKS cluster
security group, load balancers', pods') are listed as comments: `--format terraform` has them.
"""

from __future__ import annotations

from gen.aws import ec2
from gen.aws.commands import Values
from gen.formats import iac
from gen.formats.hcl import aligned, comment, identifier, string
from gen.formats.terraform import parameter_variable, role_variable
from gen.reference import release
from gen.reference.model import Reference, Rule
from gen.select import Selection

INPUTS = {"control-plane": "security_group_additional_rules",
          "node": "node_security_group_additional_rules"}  # fmt: skip
"""The module input that takes each role's extra rules."""
OTHER_SIDE = {"control-plane": "source_node_security_group",
              "node": "source_cluster_security_group"}  # fmt: skip
"""The field that names the module's other group (node <-> cluster security group)."""
OTHER_ROLE = {"control-plane": "node", "node": "control-plane"}
MODULE_DEFAULTS = {
    # terraform-aws-eks v21 (source tf-aws-eks): node_groups.tf and main.tf. Key: (role, type,
    # protocol, from, to, peer) as this module writes them.
    ("node", "ingress", "tcp", 443, 443, "control-plane"): "ingress_cluster_443",
    ("node", "ingress", "tcp", 10250, 10250, "control-plane"): "ingress_cluster_kubelet",
    ("node", "ingress", "tcp", 53, 53, "self"): "ingress_self_coredns_tcp",
    ("node", "ingress", "udp", 53, 53, "self"): "ingress_self_coredns_udp",
    ("node", "ingress", "tcp", 1025, 65535, "self"): "ingress_nodes_ephemeral",
    ("node", "ingress", "tcp", 4443, 4443, "control-plane"): "ingress_cluster_4443_webhook",
    ("node", "ingress", "tcp", 6443, 6443, "control-plane"): "ingress_cluster_6443_webhook",
    ("node", "ingress", "tcp", 8443, 8443, "control-plane"): "ingress_cluster_8443_webhook",
    ("node", "ingress", "tcp", 9443, 9443, "control-plane"): "ingress_cluster_9443_webhook",
    ("node", "ingress", "tcp", 10251, 10251, "control-plane"): "ingress_cluster_10251_webhook",
    ("node", "egress", "-1", 0, 0, "0.0.0.0/0"): "egress_all",
    ("control-plane", "ingress", "tcp", 443, 443, "node"): "ingress_nodes_443",
}
FIELDS = (
    "description", "protocol", "from_port", "to_port", "type", "self",
    "source_cluster_security_group", "source_node_security_group",
    "source_security_group_id", "cidr_blocks", "ipv6_cidr_blocks", "prefix_list_ids",
)  # fmt: skip
"""Every field this output writes: the module's documented rule fields."""


def _ports(rule: Rule) -> tuple[str, str]:
    """from_port, to_port: 0 and 0 for protocol -1 (as aws_security_group_rule wants)."""
    spec = ec2.permission_spec(rule)
    if spec.parameter:
        return (f"var.{parameter_variable(spec.parameter)}",) * 2
    return ("0", "0") if spec.ip_protocol == "-1" else (str(spec.from_port), str(spec.to_port))


def _peer(rule: Rule) -> tuple[str, str]:
    """The one field that names the rule's peer, and its value."""
    spec = ec2.permission_spec(rule)
    if rule.peer_kind == "self":
        return "self", "true"
    if spec.peer_group == OTHER_ROLE[rule.group]:
        return OTHER_SIDE[rule.group], "true"
    if spec.peer_group:
        return "source_security_group_id", f"var.{role_variable(spec.peer_group)}"
    cidr = f"var.{parameter_variable(spec.peer_parameter)}" if spec.peer_parameter else None
    field = {"ipv4": "cidr_blocks", "ipv6": "ipv6_cidr_blocks"}.get(spec.peer_kind)
    return (field or "prefix_list_ids"), f"[{cidr or string(str(spec.cidr))}]"


def key(rule: Rule) -> str:
    """The map key: the rule id with underscores."""
    return identifier(rule.id)


def default_key(rule: Rule) -> str | None:
    """The module's key for a rule it already creates, or None."""
    spec = ec2.permission_spec(rule)
    low, high = (int(p) if p.isdigit() else p for p in _ports(rule))
    kind = "ingress" if rule.direction == "inbound" else "egress"
    return MODULE_DEFAULTS.get((rule.group, kind, spec.ip_protocol, low, high, rule.peer))


def rule_fragment(rule: Rule) -> str:
    """One map entry (indented for the map), or a comment when the module has the rule."""
    known = default_key(rule)
    if known:
        return comment(f"{rule.id}: terraform-aws-eks creates it by default as {known}", "  ")
    low, high = _ports(rule)
    spec = ec2.permission_spec(rule)
    pairs = [("description", string(rule.description)), ("protocol", string(spec.ip_protocol)),
             ("from_port", low), ("to_port", high),
             ("type", string("ingress" if rule.direction == "inbound" else "egress")),
             _peer(rule)]  # fmt: skip
    return "\n".join([f"  {key(rule)} = {{", *aligned(pairs, "    "), "  }"]) + "\n"


def render_rules(ref: Reference, rules: list[Rule], banner: str) -> str:
    """The two maps, the variables they use, and comments for the rest."""
    lines = [banner, release.versions(ref),
             "Paste the two maps into module \"eks\" { ... } (terraform-aws-modules/eks/aws);",
             "declare the variables they use (var.*) in your configuration."]  # fmt: skip
    out = "".join(comment(line) for line in lines)
    for role, name in INPUTS.items():
        mine = [r for r in rules if r.group == role]
        out += f"\n{name} = {{\n" + "".join(rule_fragment(r) for r in mine) + "}\n"
    others = [r for r in rules if r.group not in INPUTS]
    if others:
        out += "\n" + comment("Rules on groups the module does not manage (eks-sg rules --format "
                               "terraform):")  # fmt: skip
        out += "".join(comment(f"  {r.id} ({r.group})") for r in others)
    return out


def render_selection(ref: Reference, selection: Selection, values: Values) -> str:
    """`eks-sg rules --format terraform-aws-eks`."""
    banner = "Generated by: " + iac.command_line(selection, values, "terraform-aws-eks")
    return render_rules(ref, selection.rules, banner)
