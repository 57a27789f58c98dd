"""Terraform for the reference's rules: a module body of `variable` blocks and one
`aws_vpc_security_group_ingress_rule` / `_egress_rule` per rule (the AWS provider's recommended
resources), with no `provider` block (a module does not configure providers).

Every output is a header, one variable fragment per role and parameter the rules need, and
one fragment per rule (`rule_fragment`): `eks-sg rules --format terraform`, the published
files and the setup picker join the same fragments. The fields come from gen/aws/ec2.py's
`ip_permission`, as the AWS CLI output's do; data text reaches HCL only through
gen/formats/hcl.py's `string`.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from gen.aws import ec2
from gen.aws.commands import Values
from gen.formats import iac, paths, per_rule
from gen.formats.hcl import aligned, block, comment, identifier, string
from gen.formats.labels import BANNER, ports_text
from gen.reference import release
from gen.reference.coverage import is_ec2_default_egress
from gen.reference.model import Parameter, Reference, Rule, SecurityGroup
from gen.select import Selection, everything

RESOURCE = {"inbound": "aws_vpc_security_group_ingress_rule",
            "outbound": "aws_vpc_security_group_egress_rule"}  # fmt: skip
PEER_ATTRIBUTES = {
    "UserIdGroupPairs": "referenced_security_group_id",
    "IpRanges": "cidr_ipv4",
    "Ipv6Ranges": "cidr_ipv6",
    "PrefixListIds": "prefix_list_id",
}
"""Where each kind of EC2 peer goes in the provider's rule resources."""
REQUIRED_PROVIDERS = """\
terraform {
  required_version = ">= 1.3"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}
"""


EC2_EGRESS_NOTE = (
    "# EC2's default egress: here because the group lacks it (aws_security_group\n"
    "# removes it); if yours has it: eks-sg rules --egress-default ROLE.\n"
)


def role_variable(role: str) -> str:
    """`node_sg_id`, `control_plane_sg_id`, ..."""
    return identifier(role) + "_sg_id"


def parameter_variable(parameter: str) -> str:
    """`alb_listener_port`, `vpc_cidr`, `s3_prefix_list`, ..."""
    return identifier(parameter)


def resource_name(rule: Rule) -> str:
    """`node_in_kubelet_from_control_plane`: the rule id with underscores."""
    return identifier(rule.id)


def _validation(condition: str, message: str) -> str:
    return block("validation", [("condition", condition), ("error_message", string(message))],
                 indent="  ")  # fmt: skip


def role_fragment(group: SecurityGroup, default: str | None = None) -> str:
    """The `variable` block of one role's group ID (`default`: an ID given with --sg)."""
    name = role_variable(group.id)
    pairs = [("description", string(f"ID of the {group.title} (role {group.id})")),
             ("type", "string")]  # fmt: skip
    pairs += [("default", string(default))] if default else []
    check = f"can(regex({string(iac.SG_ID_PATTERN)}, var.{name}))"
    message = f"The {group.id} group ID is sg- and 8 or 17 lower-case hex digits."
    return block(f'variable "{name}"', pairs, _validation(check, message))


def _parameter_check(parameter: Parameter, var: str) -> tuple[str, str, str]:
    """(type, condition, message) for a parameter's kind."""
    kind = parameter.peer_kind
    if kind is None:
        return ("number", f"{var} == floor({var}) && {var} >= 1 && {var} <= 65535",
                "The port is a whole number from 1 to 65535.")  # fmt: skip
    if kind == "prefix-list":
        return ("string", f"can(regex({string(iac.PREFIX_LIST_PATTERN)}, {var}))",
                "The prefix list ID is pl- and 8 or 17 lower-case hex digits.")  # fmt: skip
    version, negate = ("IPv4", "") if kind == "ipv4-parameter" else ("IPv6", "!")
    # try(): Terraform 1.11 evaluates both sides of &&, and cidrsubnet fails on a non-CIDR.
    check = f"try(cidrsubnet({var}, 0, 0) == {var} && {negate}can(cidrnetmask({var})), false)"
    return "string", check, f"The value is an {version} CIDR written as its network address."


def parameter_fragment(parameter: Parameter, default: int | str | None = None) -> str:
    """The `variable` block of one parameter (`default`: a value given with --param)."""
    name = parameter_variable(parameter.id)
    kind, check, message = _parameter_check(parameter, f"var.{name}")
    value = str(default) if isinstance(default, int) else string(str(default))
    pairs = [("description", string(f"{parameter.title}: {parameter.description}")),
             ("type", kind)]  # fmt: skip
    pairs += [("default", value)] if default is not None else []
    return block(f'variable "{name}"', pairs, _validation(check, message))


def _reference(value: object) -> str:
    """A marker from _fields (a variable) or a literal number or string."""
    if isinstance(value, str) and value.startswith("var."):
        return value
    return str(value) if isinstance(value, int) else string(str(value))


def _fields(rule: Rule) -> list[tuple[str, str]]:
    """The resource's arguments, from the rule's EC2 IpPermission (gen/aws/ec2.py)."""
    groups = {role: f"var.{role_variable(role)}" for role in {rule.group, rule.peer_role} if role}
    values = {p: f"var.{parameter_variable(p)}"
              for p in (rule.port_range.parameter, rule.peer_parameter) if p}  # fmt: skip
    permission = ec2.ip_permission(rule, groups, values)
    pairs = [("security_group_id", groups[rule.group]), ("description", string(rule.description)),
             ("ip_protocol", string(str(permission["IpProtocol"])))]  # fmt: skip
    if "FromPort" in permission:
        pairs += [("from_port", _reference(permission["FromPort"])),
                  ("to_port", _reference(permission["ToPort"]))]  # fmt: skip
    for field, attribute in PEER_ATTRIBUTES.items():
        for peer in permission.get(field, []):  # type: ignore[union-attr]
            key = ec2.PEER_FIELDS[ec2.permission_spec(rule).peer_kind][1]
            pairs.append((attribute, _reference(peer[key])))
    return pairs


@per_rule
def rule_fragment(ref: Reference, rule: Rule) -> str:
    """One rule's resource, with a comment line saying what it is."""
    tags = [(string(iac.TAG_RULE), string(rule.id)), (string(iac.TAG_VERSION), string(ref.version))]
    tag_block = "\n".join(["  tags = {", *aligned(tags, "    "), "  }"])
    where = "from" if rule.direction == "inbound" else "to"
    what = comment(f"{rule.id}: {rule.direction} {rule.protocol} {ports_text(rule)} {where} "
                   f"{rule.peer} ({', '.join(rule.categories)})")  # fmt: skip
    if is_ec2_default_egress(rule):
        what += EC2_EGRESS_NOTE
    return what + block(f'resource "{RESOURCE[rule.direction]}" "{resource_name(rule)}"',
                        _fields(rule), tag_block)  # fmt: skip


def header(ref: Reference, title: str, banner: str) -> str:
    """The banner comment and the `terraform` block (no provider block: the caller's)."""
    lines = [
        banner,
        release.versions(ref),
        title,
        'A module body: call it with module "eks_sg_rules" { source = "./DIR" ... }.',
    ]
    return "".join(comment(line) for line in lines) + "\n" + REQUIRED_PROVIDERS


def variables(ref: Reference, rules: list[Rule], values: Values | None = None) -> list[str]:
    """The variable fragments the rules need (defaults from the values given)."""
    groups = values.groups if values else {}
    ports = values.ports if values else {}
    out = [role_fragment(g, iac.given(groups.get(g.id))) for g in iac.roles_used(ref, rules)]
    out += [parameter_fragment(p, iac.given(ports.get(p.id))) for p in iac.parameters(ref, rules)]
    return out


def module(ref: Reference, title: str, banner: str, rules: list[Rule], values=None) -> str:
    """Header, variables, rules: every part separated by one blank line."""
    iac.unique({r.id: resource_name(r) for r in rules}, "rule ids")
    parts = [header(ref, title, banner), *variables(ref, rules, values)]
    parts += [rule_fragment(ref, rule) for rule in rules]
    return "\n".join(parts)


def selection_header(ref: Reference, selection: Selection, values: Values) -> str:
    """The header render_selection starts with (the picker writes the rest itself)."""
    return header(ref, *iac.setup_words(selection, values, "terraform"))


def render_selection(ref: Reference, selection: Selection, values: Values) -> str:
    """`eks-sg rules --format terraform`."""
    return module(ref, *iac.setup_words(selection, values, "terraform"), selection.rules, values)


def scopes(ref: Reference) -> list[tuple[str | None, str, list[Rule]]]:
    """Every rule, then each group's: (role or None, title, rules), not deduplicated."""
    rules = everything(ref).rules
    out: list[tuple[str | None, str, list[Rule]]] = [
        (None, "Every rule of eks-sg-reference.", rules)
    ]
    for g in ref.security_groups:
        out.append((g.id, f"The rules of one group: {g.title} ({g.id}).",
                    [r for r in rules if r.group == g.id]))  # fmt: skip
    return out


def render(ref: Reference) -> dict[PurePosixPath, str]:
    return {paths.terraform(role): module(ref, title, BANNER, rules)
            for role, title, rules in scopes(ref)}  # fmt: skip
