"""CloudFormation for the reference's rules: a YAML template of `Parameters` (`<Role>SgId` of
type AWS::EC2::SecurityGroup::Id, ports as Number with MinValue/MaxValue, CIDRs and prefix
lists as String with an AllowedPattern) and one AWS::EC2::SecurityGroupIngress / Egress per
rule, logical ids from the rule ids.

A template is a header, one fragment per parameter (`role_fragment`, `parameter_fragment`),
`Resources:`, one fragment per rule (`rule_fragment`) and the outputs: the CLI, the published
files and the setup picker join the same fragments. The properties come from gen/aws/ec2.py's
`ip_permission` (as the AWS CLI's do); data text reaches YAML only through
gen/formats/yamltext.py's `string`.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from gen.aws import ec2
from gen.aws.commands import Values
from gen.formats import iac, paths, per_rule
from gen.formats.labels import BANNER, ports_text
from gen.formats.terraform import scopes
from gen.formats.yamltext import comment, key, logical_id, string
from gen.reference import release
from gen.reference.coverage import is_ec2_default_egress
from gen.reference.model import Parameter, Reference, Rule, SecurityGroup
from gen.select import Selection

RESOURCE = {"inbound": "AWS::EC2::SecurityGroupIngress",
            "outbound": "AWS::EC2::SecurityGroupEgress"}  # fmt: skip
_PEERS = {  # EC2 IpPermission list -> (ingress property, egress property)
    "UserIdGroupPairs": ("SourceSecurityGroupId", "DestinationSecurityGroupId"),
    "IpRanges": ("CidrIp", "CidrIp"),
    "Ipv6Ranges": ("CidrIpv6", "CidrIpv6"),
    "PrefixListIds": ("SourcePrefixListId", "DestinationPrefixListId"),
}
_REF = "\x00ref:"  # a marker no data text holds (control characters are refused)


def role_parameter(role: str) -> str:
    """`NodeSgId`, `ControlPlaneSgId`, ..."""
    return logical_id(role) + "SgId"


def parameter_name(parameter: str) -> str:
    """`AlbListenerPort`, `VpcCidr`, `S3PrefixList`, ..."""
    return logical_id(parameter)


def resource_id(rule: Rule) -> str:
    """`NodeInKubeletFromControlPlane`: the rule id in CamelCase."""
    return logical_id(rule.id)


def _entry(name: str, pairs: list[tuple[str, str]]) -> str:
    return f"  {key(name)}:\n" + "".join(f"    {key}: {value}\n" for key, value in pairs)


def role_fragment(group: SecurityGroup, default: str | None = None) -> str:
    """One group-ID parameter (`default`: an ID given with --sg, checked there)."""
    pairs = [("Type", "AWS::EC2::SecurityGroup::Id"),
             ("Description", string(f"ID of the {group.title} (role {group.id})"))]  # fmt: skip
    pairs += [("Default", string(default))] if default else []
    return _entry(role_parameter(group.id), pairs)


def parameter_fragment(parameter: Parameter, default: int | str | None = None) -> str:
    """One value parameter: a port as a Number from 1 to 65535, else a String with a pattern."""
    pairs = [("Description", string(f"{parameter.title}: {parameter.description}"))]
    patterns = {"prefix-list": iac.PREFIX_LIST_PATTERN, "ipv4-parameter": iac.IPV4_CIDR_PATTERN,
                "ipv6-parameter": iac.IPV6_CIDR_PATTERN}  # fmt: skip
    if parameter.peer_kind is None:
        pairs = [("Type", "Number"), *pairs, ("MinValue", "1"), ("MaxValue", "65535")]
    else:
        pairs = [("Type", "String"), *pairs,
                 ("AllowedPattern", string(patterns[parameter.peer_kind]))]  # fmt: skip
    if default is not None:
        pairs.append(("Default", str(default) if isinstance(default, int) else string(default)))
    return _entry(parameter_name(parameter.id), pairs)


def properties(rule: Rule, group_ids: dict[str, object], values: dict[str, object]) -> dict:
    """The resource's Properties from the rule's EC2 IpPermission (gen/aws/ec2.py): the same
    function the AWS CLI output uses, so both say the same. Tests pass real IDs and values."""
    permission = ec2.ip_permission(rule, group_ids, values)  # type: ignore[arg-type]
    props: dict[str, object] = {"GroupId": group_ids[rule.group]}
    props["IpProtocol"] = permission["IpProtocol"]
    if "FromPort" in permission:
        props["FromPort"], props["ToPort"] = permission["FromPort"], permission["ToPort"]
    side = 0 if rule.direction == "inbound" else 1
    for field, names in _PEERS.items():
        for peer in permission.get(field, []):  # type: ignore[union-attr]
            value = next(v for k, v in peer.items() if k != "Description")
            props[names[side]] = value
            props["Description"] = peer["Description"]
    return props


def _value(value: object) -> str:
    if isinstance(value, str) and value.startswith(_REF):
        return "!Ref " + value.removeprefix(_REF)
    return str(value) if isinstance(value, int) else string(str(value))


@per_rule
def rule_fragment(ref: Reference, rule: Rule) -> str:
    """One rule's resource, with a comment saying what it is."""
    groups = {role: _REF + role_parameter(role) for role in {rule.group, rule.peer_role} if role}
    values = {p: _REF + parameter_name(p)
              for p in (rule.port_range.parameter, rule.peer_parameter) if p}  # fmt: skip
    props = properties(rule, groups, values)
    where = "from" if rule.direction == "inbound" else "to"
    what = (f"{rule.id}: {rule.direction} {rule.protocol} {ports_text(rule)} {where} "
            f"{rule.peer} ({', '.join(rule.categories)})")  # fmt: skip
    lines = [f"  {key(resource_id(rule))}:", f"    Type: {RESOURCE[rule.direction]}",
             "    Properties:"]  # fmt: skip
    lines += [f"      {name}: {_value(value)}" for name, value in props.items()]
    egress = is_ec2_default_egress(rule)
    note = "".join(comment(line, "  ") for line in EC2_EGRESS_NOTE) if egress else ""
    return comment(what, "  ") + note + "\n".join(lines) + "\n"


EC2_EGRESS_NOTE = (
    "EC2's default egress: here because the group lacks it. A group made by the console,",
    "eksctl or CloudFormation has it, and EC2 refuses a second one (InvalidPermission.Duplicate):",
    "then leave it out with eks-sg rules --egress-default ROLE.",
)


def header(ref: Reference, title: str, banner: str) -> str:
    lines = [banner, release.versions(ref), title]
    described = f"eks-sg-reference {ref.version}: {title}"
    return ("".join(comment(line) for line in lines) + 'AWSTemplateFormatVersion: "2010-09-09"\n'
            f"Description: {string(described)}\n")  # fmt: skip


def footer(ref: Reference, count: int | str) -> str:
    """Outputs: what the stack is, never a value the user passed. `count`: how many rules
    it holds (the picker passes its placeholder)."""
    return (
        'Outputs:\n  ReferenceVersion:\n    Description: "The eks-sg-reference version of '
        f'these rules"\n    Value: {string(ref.version)}\n  RuleCount:\n'
        f'    Description: "How many rules the stack holds"\n    Value: "{count}"\n'
    )


def template(ref: Reference, title: str, banner: str, rules: list[Rule], values=None) -> str:
    """Header, Parameters, Resources, Outputs."""
    groups = iac.roles_used(ref, rules)
    params = iac.parameters(ref, rules)
    names = {f"group {g.id}": role_parameter(g.id) for g in groups}
    names |= {f"parameter {p.id}": parameter_name(p.id) for p in params}
    iac.unique(names | {f"rule {r.id}": resource_id(r) for r in rules}, "ids")
    given_groups = values.groups if values else {}
    given_ports = values.ports if values else {}
    text = header(ref, title, banner)
    if groups or params:
        text += "Parameters:\n"
        text += "".join(role_fragment(g, iac.given(given_groups.get(g.id))) for g in groups)
        text += "".join(parameter_fragment(p, iac.given(given_ports.get(p.id))) for p in params)
    text += "Resources:\n" + "".join(rule_fragment(ref, r) for r in rules)
    if not rules:
        text += NO_RULES
    return text + footer(ref, len(rules))


NO_RULES = "  NoRules:\n    Type: AWS::CloudFormation::WaitConditionHandle\n"
"""The Resources of a template without rules: a template needs a resource, and a
wait-condition handle holds nothing."""


def selection_header(ref: Reference, selection: Selection, values: Values) -> str:
    """The header render_selection starts with (the picker writes the rest itself)."""
    return header(ref, *iac.setup_words(selection, values, "cloudformation"))


def render_selection(ref: Reference, selection: Selection, values: Values) -> str:
    """`eks-sg rules --format cloudformation`."""
    title, banner = iac.setup_words(selection, values, "cloudformation")
    return template(ref, title, banner, selection.rules, values)


def render(ref: Reference) -> dict[PurePosixPath, str]:
    return {paths.cloudformation(role): template(ref, title, BANNER, rules)
            for role, title, rules in scopes(ref)}  # fmt: skip
