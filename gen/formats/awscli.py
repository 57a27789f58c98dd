"""docs/downloads/aws-cli/*.sh: bash scripts that apply or revoke the reference's rules.

One apply and one revoke script per security-group role, and one of each for every role.
Each checks its variables before any AWS call, makes one call per group and direction, and
is safe to run again (see gen/templates/ for the shared bash functions).
"""

from __future__ import annotations

from importlib import resources
from pathlib import PurePosixPath

from gen import ec2
from gen.commands import Values, api_direction, parameters_used, variable_permissions
from gen.formats.labels import BANNER, ports_text
from gen.model import Parameter, Reference, Rule, SecurityGroup
from gen.shell import Part, Var, quote, word

DIR = PurePosixPath("docs/downloads/aws-cli")
_TEMPLATES = resources.files("gen") / "templates"


def _template(name: str) -> str:
    return (_TEMPLATES / name).read_text(encoding="utf-8")


def script_path(action: str, group: str | None = None) -> PurePosixPath:
    """`apply-node.sh`, `revoke-all.sh`, ..."""
    return DIR / f"{action}-{group or 'all'}.sh"


def _needed(ref: Reference, rules: list[Rule]) -> tuple[list[SecurityGroup], list[Parameter]]:
    """The groups and parameters whose values the rules need, in data order."""
    roles = {r.group for r in rules} | {r.peer for r in rules}
    groups = [g for g in ref.security_groups if g.id in roles]
    return groups, parameters_used(ref, rules)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _header(ref: Reference, title: str, rules: list[Rule], usage: str) -> str:
    groups, params = _needed(ref, rules)
    lines = ["#!/usr/bin/env bash", f"# {BANNER}", f"# {title}", "#", f"# Usage: {usage}", "#"]
    lines += ["# Set these variables first:"]
    lines += [f"#   {g.variable:<24} ID of the {g.title} ({g.id})" for g in groups]
    lines += [f"#   {p.variable:<24} {p.title} (e.g. {p.example})" for p in params]
    lines += ["# The AWS CLI takes account, region and endpoint from its usual settings"]
    lines += ["# (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL, ...)."]
    checks = [f"check_sg {g.variable}" for g in groups]
    checks += [f"check_port {p.variable}" for p in params]
    return "\n".join(lines) + "\n" + _template("common.sh") + "\n".join(checks) + "\n"


Arguments = dict[str, str]
"""Each rule's `ID KEY PERMISSION` arguments, made once and shared by every script."""


def existing_key(rule: Rule, values: Values) -> str:
    """The line `read_existing` has for the rule when the group already has it.

    `describe-security-group-rules` gives GroupId, IsEgress, IpProtocol, FromPort, ToPort and
    the peer (CIDR or group ID); -1 stands for the ports of protocol all.
    """
    spec = ec2.permission_spec(rule)
    low, high = (spec.from_port, spec.to_port) if spec.ip_protocol != "-1" else (-1, -1)
    ports = [values.ports[spec.parameter]] * 2 if spec.parameter else [str(low), str(high)]
    egress = "True" if rule.direction == "outbound" else "False"
    peer = values.groups[spec.peer_group] if spec.peer_group else spec.cidr or ""
    parts: list[Part] = [
        values.groups[rule.group],
        f" {egress} {spec.ip_protocol} ",
        ports[0],
        " ",
        ports[1],
        " ",
        peer,
    ]
    return word(parts)


def arguments(ref: Reference) -> Arguments:
    words, values = variable_permissions(ref), Values.variables(ref)
    return {r.id: f"{r.id} {existing_key(r, values)} {words[r.id].item}" for r in ref.rules}


def _read_existing(ref: Reference, rules: list[Rule]) -> str:
    """One describe call for the groups the script changes (a failure is only a note)."""
    groups = [g for g in ref.security_groups if any(r.group == g.id for r in rules)]
    return f"read_existing {' '.join(word([Var(g.variable)]) for g in groups)}\n"


def _call(action: str, group: SecurityGroup, rules: list[Rule], args: Arguments) -> str:
    direction = api_direction(rules[0])
    count = plural(len(rules), f"{rules[0].direction} rule")
    echo = f'echo "{group.title} ({group.id}, ${{{group.variable}}}): {count}"'
    lines = [f"change {action} {direction} {word([Var(group.variable)])}"]
    lines += [args[rule.id] for rule in rules]
    return echo + "\n" + " \\\n  ".join(lines) + "\n"


def _sections(action: str, ref: Reference, rules: list[Rule], args: Arguments) -> str:
    """One call per group and direction, in the data's group order."""
    batches: dict[tuple[str, str], list[Rule]] = {}
    for rule in rules:
        batches.setdefault((rule.group, rule.direction), []).append(rule)
    out = []
    for group in ref.security_groups:
        for direction in ("inbound", "outbound"):
            if (group.id, direction) in batches:
                out.append(_call(action, group, batches[group.id, direction], args))
    return "\n".join(out)


def _summary(rule: Rule) -> str:
    return (
        f"{rule.id}: {rule.group} {rule.direction} {rule.protocol} {ports_text(rule)} "
        f"{rule.peer} [{', '.join(rule.categories)}]"
    )


def apply_script(ref: Reference, title: str, rules: list[Rule], name: str, args: Arguments) -> str:
    usage = f"bash {name}  (adds the rules; a rule already there is reported as present)"
    head = _header(ref, f"Adds {title}.", rules, usage) + _template("apply.sh")
    body = _read_existing(ref, rules) + "\n" + _sections("authorize", ref, rules, args)
    return head + "stop_if_invalid\n" + body + 'echo "Done."\n'


def revoke_script(ref: Reference, title: str, rules: list[Rule], name: str, args: Arguments) -> str:
    usage = f"bash {name} [--yes]  (lists the rules, asks unless --yes, removes them)"
    head = _header(ref, f"Removes {title}.", rules, usage) + _template("revoke.sh")
    listing = "printf '  %s\\n' \\\n  " + " \\\n  ".join(quote(_summary(r)) for r in rules)
    warning = (
        f'echo "This removes {plural(len(rules), "rule")}. Without the default and minimum ones, '
        'the cluster stops working:"'
    )
    parts = [head + "stop_if_invalid", warning, listing, _template("confirm.sh")]
    body = _read_existing(ref, rules) + "\n" + _sections("revoke", ref, rules, args)
    return "\n".join(parts) + body + 'echo "Done."\n'


def _scopes(ref: Reference) -> list[tuple[str | None, str, list[Rule]]]:
    """One script scope for every rule, then one per group: (group id, title, rules)."""
    scopes: list[tuple[str | None, str, list[Rule]]] = [
        (None, "every rule of eks-sg-reference", ref.rules)
    ]
    for group in ref.security_groups:
        rules = [r for r in ref.rules if r.group == group.id]
        scopes.append((group.id, f"the rules of one group: {group.title} ({group.id})", rules))
    return scopes


def script_paths(ref: Reference) -> list[PurePosixPath]:
    """Every script's path, without rendering any."""
    groups = [None, *(g.id for g in ref.security_groups)]
    return sorted(script_path(action, g) for g in groups for action in ("apply", "revoke"))


def render(ref: Reference) -> dict[PurePosixPath, str]:
    args = arguments(ref)
    files = {}
    for group_id, title, rules in _scopes(ref):
        for action, build in (("apply", apply_script), ("revoke", revoke_script)):
            path = script_path(action, group_id)
            files[path] = build(ref, title, rules, path.name, args)
    return files
