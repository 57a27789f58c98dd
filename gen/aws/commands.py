"""AWS CLI commands for rules: the docs snippets, the scripts, `eks-sg rules`, the audit's fixes.

Group IDs and parameter values (ports, CIDRs, prefix-list ids) are either known (`eks-sg rules
--sg node=sg-...`) or shell variables (`"$NODE_SG_ID"`). The IP permission is written as JSON, the
form the AWS CLI documents for `--ip-permissions`; a variable is spliced into the JSON outside
the single quotes (a port as a JSON number, text inside the JSON string's quotes).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from gen.aws import ec2
from gen.aws.shell import Part, Var, word
from gen.reference.model import Parameter, Reference, Rule

# '<' never appears in EC2-valid descriptions, so these markers cannot collide with data.
_MARK = re.compile(r'"<PORT:(\w+)>"|<TEXT:(\w+)>')


@dataclass(frozen=True)
class Values:
    """What goes where a group ID or a parameter value is needed: the value or a variable."""

    groups: dict[str, str | Var]
    ports: dict[str, int | str | Var]
    """Every parameter's value by id: ports, and the CIDRs and prefix-list ids of peers."""

    @classmethod
    def variables(cls, ref: Reference) -> Values:
        """Every ID and parameter as the shell variable the data names (the variables made
        once per reference: every rule of every page and script asks; each caller gets its
        own dicts to fill in)."""
        groups, ports = ref.derived(("variables",), lambda: (
            {g.id: Var(g.variable) for g in ref.security_groups},
            {p.id: Var(p.variable) for p in ref.parameters},
        ))  # fmt: skip
        return cls(dict(groups), dict(ports))


def _mark(value: str | int | Var, kind: str) -> str | int:
    return f"<{kind}:{value.name}>" if isinstance(value, Var) else value


def _laid_out(value: object, indent: int, level: int = 0) -> str:
    """`json.dumps(value, indent=indent)`, the same text, with the C encoder for each leaf
    (an indented dump is otherwise all Python: a page shows two per rule)."""
    if isinstance(value, dict | list) and value:
        pad, end = " " * (indent * (level + 1)), " " * (indent * level)
        if isinstance(value, dict):
            items = [f"{pad}{json.dumps(k)}: {_laid_out(v, indent, level + 1)}"
                     for k, v in value.items()]  # fmt: skip
            return "{\n" + ",\n".join(items) + f"\n{end}}}"
        items = [pad + _laid_out(v, indent, level + 1) for v in value]
        return "[\n" + ",\n".join(items) + f"\n{end}]"
    return json.dumps(value)


def permission_parts(
    rule: Rule, values: Values, wrap: bool = True, indent: int | None = None
) -> list[Part]:
    """The `--ip-permissions` JSON for one rule as shell-word parts (`wrap`: in a JSON list;
    `indent`: laid out over lines, as the docs pages show it)."""
    # only what the permission names: its peer's group, its port and peer parameters
    groups = {role: str(_mark(values.groups[role], "TEXT")) for role in (rule.peer_role,) if role}
    ports = {
        name: _mark(values.ports[name], "TEXT" if name == rule.peer_parameter else "PORT")
        for name in (rule.port_range.parameter, rule.peer_parameter)
        if name
    }
    permission = ec2.ip_permission(rule, groups, ports)
    value = [permission] if wrap else permission
    text = json.dumps(value, separators=(",", ":")) if indent is None else _laid_out(value, indent)
    parts: list[Part] = []
    position = 0
    for match in _MARK.finditer(text):
        parts += [text[position : match.start()], Var(match[1] or match[2])]
        position = match.end()
    return [*parts, text[position:]]


@dataclass(frozen=True)
class PermissionWords:
    """A rule's permission JSON as ready shell words."""

    item: str  # one JSON object: what the scripts batch into a list
    listed: str  # a JSON list holding it: what `--ip-permissions` takes for one rule


def permission_words(rule: Rule, values: Values) -> PermissionWords:
    """A rule's permission JSON as shell words."""
    parts = permission_parts(rule, values, wrap=False)
    return PermissionWords(word(parts), word(["[", *parts, "]"]))


def variable_permissions(ref: Reference) -> dict[str, PermissionWords]:
    """Each rule's permission JSON with `"$VARIABLES"`, by rule id."""
    values = Values.variables(ref)
    return {rule.id: permission_words(rule, values) for rule in ref.rules}


def parameters_used(ref: Reference, rules: list[Rule]) -> list[Parameter]:
    """The parameters whose values these rules need, in data order."""
    used = {r.port_range.parameter for r in rules} | {r.peer_parameter for r in rules}
    return [p for p in ref.parameters if p.id in used]


def api_direction(rule: Rule) -> str:
    """The AWS CLI verb suffix: ingress or egress."""
    return "ingress" if rule.direction == "inbound" else "egress"


def _command(rule: Rule, action: str, group: str, permissions: str) -> str:
    """The layout of every command: one option per line, continued with backslashes."""
    verb = f"aws ec2 {action}-security-group-{api_direction(rule)}"
    return f"{verb} \\\n  --group-id {group} \\\n  --ip-permissions {permissions}"


def authorize(rule: Rule, values: Values) -> str:
    """The `aws ec2 authorize-security-group-...` command for one rule."""
    group = word([values.groups[rule.group]])
    return _command(rule, "authorize", group, word(permission_parts(rule, values)))


def authorize_and_revoke(rule: Rule, values: Values) -> tuple[str, str]:
    """The commands that add and remove a rule, for the docs pages (`values`: variables).

    Made to be pasted: every variable stops the command when unset (`${NODE_SG_ID:?...}`),
    and the JSON is laid out over lines, so the port, the peer and the description show.
    """
    group = word([values.groups[rule.group]], guard=True)
    parts = permission_parts(rule, values, indent=2)  # JSON lines sit under the option
    parts = [p.replace("\n", "\n  ") if isinstance(p, str) else p for p in parts]
    permissions = word(parts, guard=True)
    return (
        _command(rule, "authorize", group, permissions),
        _command(rule, "revoke", group, permissions),
    )
