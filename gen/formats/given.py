"""A rule with the user's values in place: the group IDs given with `--sg` and the parameter
values given with `--param`; what was not given keeps its name (the role, the parameter id).

Shared by the formats that show one cell per field (the CSV sheet of a setup, the terminal
table), so `--sg`/`--param` read the same in each; the scripts and IaC formats have their own
variables and defaults.
"""

from __future__ import annotations

from typing import NamedTuple

from gen.aws import ec2
from gen.aws.commands import Values
from gen.formats.labels import ports_text
from gen.reference.model import Rule


class Given(NamedTuple):
    """The cells of one rule with the values known so far."""

    group: str
    from_port: str
    to_port: str
    peer: str


def _group(values: Values, role: str) -> str | None:
    value = values.groups.get(role)
    return value if isinstance(value, str) else None


def _port_cell(value: int | None) -> str:
    return "All" if value is None or value == -1 else str(value)


def ports(rule: Rule, values: Values) -> tuple[str, str]:
    """EC2's FromPort and ToPort (ICMP: type and code; `All` where EC2 has none or -1), a
    parameter's value where it was given, else its id."""
    spec = ec2.permission_spec(rule)
    if spec.parameter:
        value = values.ports.get(spec.parameter)
        text = str(value) if isinstance(value, int | str) else spec.parameter
        return text, text
    return _port_cell(spec.from_port), _port_cell(spec.to_port)


def ports_cell(rule: Rule, values: Values) -> str:
    """The table's Ports cell: as `ports_text` says it, with a given parameter's value."""
    parameter = rule.port_range.parameter if rule.protocol != "all" else None
    value = values.ports.get(parameter) if parameter else None
    return str(value) if isinstance(value, int) else ports_text(rule)


def peer(rule: Rule, values: Values) -> str:
    """A group ID for a role (or `self`) where it was given, a parameter's value, or as written."""
    if rule.peer_role:
        return _group(values, rule.peer_role) or rule.peer
    if rule.peer_parameter:
        value = values.ports.get(rule.peer_parameter)
        return value if isinstance(value, str) else rule.peer
    return rule.peer


def given(rule: Rule, values: Values) -> Given:
    low, high = ports(rule, values)
    return Given(_group(values, rule.group) or rule.group, low, high, peer(rule, values))
