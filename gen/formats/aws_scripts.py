"""docs/downloads/aws-cli/*.sh: POSIX sh scripts that apply or revoke the reference's rules.

One apply and one revoke script per security-group role, and one of each for every role.
Each checks its arguments and variables before any AWS call, lists the groups' rules in one
call, makes one call per group and direction, and is safe to run again. All shell code is in
gen/templates/script.sh; this module fills its two placeholders (header, rules). Every data
string reaches a script through gen.shell's `quote` (a word) or `comment` (one line, no
control character), so no title, description or id can become code.
"""

from __future__ import annotations

from importlib import resources
from pathlib import PurePosixPath

from gen import ec2, paths, release
from gen.aws_commands import Values, api_direction, parameters_used, permission_words
from gen.formats.labels import BANNER, ports_text
from gen.model import Parameter, Reference, Rule, SecurityGroup
from gen.select import Selection
from gen.shell import Part, Var, comment, quote, word
from gen.words import plural

_TEMPLATES = resources.files("gen") / "templates"


HEADER, RULES = "# @HEADER@\n", "# @RULES@\n"
NOTHING = "The reference has no rules for this group: nothing to do."
EXIT_CODES = "Exit codes: 0 done, 1 AWS error or not confirmed, 2 bad variable, argument or shell."


def _template() -> str:
    return (_TEMPLATES / "script.sh").read_text(encoding="utf-8")


def _needed(ref: Reference, rules: list[Rule]) -> tuple[list[SecurityGroup], list[Parameter]]:
    """The groups and parameters whose values the rules need, in data order."""
    roles = {r.group for r in rules} | {r.peer_role for r in rules}
    groups = [g for g in ref.security_groups if g.id in roles]
    return groups, parameters_used(ref, rules)


def literal(text: str) -> str:
    """Data text as a literal word to print: one line, no control character, nothing expanded."""
    return quote(comment(text))


def _usage(ref: Reference, action: str, title: str, rules: list[Rule], name: str) -> list[str]:
    """The lines `--help` prints, also the script's leading comment."""
    groups, params = _needed(ref, rules)
    if action == "apply":
        options = ["[--dry-run] [--update-descriptions]", "adds what is missing"]
        extra = ["  --update-descriptions  also set the description of a rule that has another"]
    else:
        options = ["[--dry-run] [--yes]", "lists the rules, asks unless --yes, removes them"]
        extra = ["  -y, --yes              remove without asking"]
    lines = [BANNER, release.versions(ref), title, ""]
    lines += [f"Usage: sh {name} {options[0]}  ({options[1]})"]
    lines += ["  --dry-run              list the groups' rules (one read-only describe call),"]
    lines += ["                         print the calls that would change them, change nothing"]
    lines += [*extra, "  -h, --help             print this and exit", ""]
    lines += ["It lists the groups' rules in one describe-security-groups call, then makes one"]
    lines += ["call per group and direction; a rule already there (or gone) is only reported."]
    lines += ["", "Set these variables first:"]
    lines += [f"  {g.variable:<24} ID of the {g.title} ({g.id})" for g in groups]
    lines += [f"  {p.variable:<24} {p.title} (e.g. {p.example})" for p in params]
    lines += ["The AWS CLI takes account, region and endpoint from its usual settings"]
    lines += ["(AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL, ...).", EXIT_CODES]
    return lines


def _function(name: str, lines: list[str]) -> str:
    """A shell function; an empty one gets `:`, as sh allows no empty body."""
    return f"{name}() {{\n" + "".join(f"  {line}\n" for line in lines or [":"]) + "}\n"


def _printf(fmt: str, words: list[str]) -> list[str]:
    """One printf of literal words, a word per line."""
    return [f"printf {quote(fmt)} \\", *(f"  {w} \\" for w in words[:-1]), f"  {words[-1]}"]


def _check(kind: str, variable: str) -> str:
    """`check_sg NODE_SG_ID "${NODE_SG_ID:-}"`: the name is checked to be a plain variable."""
    name = Var(variable).name
    return f'check_{kind} {name} "${{{name}:-}}"'


CHECKS = {
    "port": "port",
    "ipv4-parameter": "ipv4_cidr",
    "ipv6-parameter": "ipv6_cidr",
    "prefix-list": "prefix_list",
}
"""The template's check function for each kind of parameter value."""


def _header(ref: Reference, action: str, usage: list[str], rules: list[Rule]) -> str:
    """The generated functions the template calls: usage, check_variables, listing."""
    groups, params = _needed(ref, rules)
    comments = "".join(f"# {comment(line)}".rstrip() + "\n" for line in usage)
    checks = [_check("sg", g.variable) for g in groups]
    checks += [_check(CHECKS[p.peer_kind or "port"], p.variable) for p in params]
    warning = (
        f"This removes {plural(len(rules), 'rule')}. "
        "Without the default and minimum ones, the cluster stops working:"
    )
    # A group the reference has no rules for: nothing to list or confirm (the body says so).
    listing = ["confirmed=1"]
    if rules:
        listing = [
            "printf '%s\\n' " + quote(warning),
            *_printf(r"  %s\n", [literal(_summary(r)) for r in rules]),
        ]
    verb = "authorize" if action == "apply" else "revoke"
    return (
        comments
        + f"action={verb}\n"
        + _function("usage", _printf(r"%s\n", [literal(line) for line in usage]))
        + _function("check_variables", checks)
        + _function("listing", listing)
    )


Arguments = dict[str, str]
"""Each rule's `ID KEY DESCRIPTION PERMISSION` arguments, made once and shared by every script.

DESCRIPTION is compared with the listing's: `comment` leaves an EC2-valid description as it is
(EC2 allows no backslash and no control character), and keeps a NUL out of the script.
"""


def existing_key(rule: Rule, values: Values) -> str:
    """The line `read_existing` has for the rule when the group already has it.

    The listing gives group ID, egress (True/False), IpProtocol, FromPort, ToPort and the peer
    (CIDR, group ID or prefix-list id); -1 stands for the ports of protocol all.
    """
    spec = ec2.permission_spec(rule)
    low, high = (spec.from_port, spec.to_port) if spec.ip_protocol != "-1" else (-1, -1)
    ports = [values.ports[spec.parameter]] * 2 if spec.parameter else [str(low), str(high)]
    egress = "True" if rule.direction == "outbound" else "False"
    peer = ec2.peer_value(spec, values.groups, values.ports) or ""
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


def arguments(ref: Reference, rules: list[Rule] | None = None) -> Arguments:
    """The arguments of `rules` (every rule of the reference by default)."""
    values = Values.variables(ref)
    chosen = ref.rules if rules is None else rules
    return {r.id: _argument(r, values, permission_words(r, values).item) for r in chosen}


def _argument(rule: Rule, values: Values, permission: str) -> str:
    """`ID KEY DESCRIPTION PERMISSION`: what `change` takes for one rule."""
    key = existing_key(rule, values)
    return f"{literal(rule.id)} {key} {literal(rule.description)} {permission}"


def _read_existing(ref: Reference, rules: list[Rule]) -> str:
    """One describe call for the groups the script changes."""
    groups = [g for g in ref.security_groups if any(r.group == g.id for r in rules)]
    return f"read_existing {' '.join(word([Var(g.variable)]) for g in groups)}\n"


def _call(group: SecurityGroup, rules: list[Rule], args: Arguments) -> str:
    count = plural(len(rules), f"{rules[0].direction} rule")
    title = f"section {literal(group.title)} {literal(group.id)} {word([Var(group.variable)])}"
    lines = [f"change {api_direction(rules[0])} {word([Var(group.variable)])}"]
    lines += [args[rule.id] for rule in rules]
    return f"{title} {quote(count)}\n" + " \\\n  ".join(lines) + "\n"


def _sections(ref: Reference, rules: list[Rule], args: Arguments) -> str:
    """One call per group and direction, in the data's group order."""
    batches: dict[tuple[str, str], list[Rule]] = {}
    for rule in rules:
        batches.setdefault((rule.group, rule.direction), []).append(rule)
    out = []
    for group in ref.security_groups:
        for direction in ("inbound", "outbound"):
            if (group.id, direction) in batches:
                out.append(_call(group, batches[group.id, direction], args))
    return "\n".join(out)


def _summary(rule: Rule) -> str:
    return (
        f"{rule.id}: {rule.group} {rule.direction} {rule.protocol} {ports_text(rule)} "
        f"{rule.peer} [{', '.join(rule.categories)}]"
    )


def script(
    ref: Reference, action: str, title: str, rules: list[Rule], name: str, args: Arguments
) -> str:
    """One script: the template with its header and its rules filled in."""
    what = "Adds" if action == "apply" else "Removes"
    usage = _usage(ref, action, f"{what} {title}.", rules, name)
    before, rest = _template().split(HEADER)
    middle, after = rest.split(RULES)
    header = _header(ref, action, usage, rules)
    body = _read_existing(ref, rules) + "\n" + _sections(ref, rules, args)
    if not rules:
        body = f"printf '%s\\n' {quote(NOTHING)}\n"
    return before + header + middle + body + after


SETUP_SCRIPT = "apply-setup.sh"


def _defaults(ref: Reference, values: Values) -> str:
    """`: "${NODE_SG_ID:=sg-...}"` for each value the user gave: the script still checks them,
    and a variable set in the environment still wins."""
    given = [(g.variable, values.groups.get(g.id)) for g in ref.security_groups]
    given += [(p.variable, values.ports.get(p.id)) for p in ref.parameters]
    known = [(name, value) for name, value in given if isinstance(value, str | int)]
    return "".join(f': "${{{Var(name).name}:={quote(str(value))}}}"\n' for name, value in known)


def render_selection(ref: Reference, selection: Selection, values: Values) -> str:
    """`eks-sg rules --format aws-cli`: the apply script of exactly one setup."""
    title = f"the rules of one setup ({', '.join(selection.categories)})"
    rules = selection.rules
    text = script(ref, "apply", title, rules, SETUP_SCRIPT, arguments(ref, rules))
    before, after = text.split("action=authorize\n", 1)
    return before + _defaults(ref, values) + "action=authorize\n" + after


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
    return sorted(paths.script(action, g) for g in groups for action in ("apply", "revoke"))


def render(ref: Reference) -> dict[PurePosixPath, str]:
    args = arguments(ref)
    files = {}
    for group_id, title, rules in _scopes(ref):
        for action in ("apply", "revoke"):
            path = paths.script(action, group_id)
            files[path] = script(ref, action, title, rules, path.name, args)
    return files
