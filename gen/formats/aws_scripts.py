"""docs/downloads/aws-cli/{apply,revoke}.sh: POSIX sh scripts that apply or revoke the rules
of a setup.

Two scripts: apply.sh and revoke.sh. Each carries every rule, and takes the setup at run time:
`--with ID[,ID...]` (the baseline alone by default), `--group ROLE[,ROLE...]` (every group by
default: the rules `eks-sg rules --group` shows), `--list` for the categories. The two
`default_` lines are what `eks-sg rules --format aws-cli` and the setup picker fill in to hand
out one ready script per setup; `--help` prints what they hold. The selection is gen/select.py's,
precomputed here as data the script only looks up: each rule's categories and roles, and, per
sharing variant (the roles the chosen categories move onto another group), the group that
carries it, the variables it uses and the rules that would cover it (`gen.select.coverers`).
At run time the script keeps the rules of a category in force whose groups exist, leaves out
those a selected coverer allows, checks only the variables the rest use, lists the groups'
rules in one call, and makes one call per group and direction.

All shell code is in gen/formats/templates/script.sh; this module fills its two slots (header,
data). Every data string reaches a script through gen.aws.shell's `quote` (a word) or `comment`
(one line, no control character), so no title, description or id can become code; rules are
numbered, so an id is only ever printed.
"""

from __future__ import annotations

from importlib import resources
from pathlib import PurePosixPath

from gen.aws import ec2
from gen.aws.commands import Values, parameters_used, permission_words
from gen.aws.shell import Part, Var, comment, quote, word
from gen.formats import paths
from gen.formats.labels import BANNER, banner, ports_text
from gen.reference import release
from gen.reference.model import Reference, Rule
from gen.reference.ports import SLUG
from gen.reference.versions import category_note, setup_lines
from gen.select import Selection, Setup, SetupError, Variant, egress_roles, sharing_of, variants

_TEMPLATES = resources.files("gen.formats") / "templates"

HEADER, DATA = "# @HEADER@\n", "# @DATA@\n"
DEFAULT_WITH = "default_with=''\n"
"""The line the setup picker and `eks-sg rules --format aws-cli` replace."""
DEFAULT_GROUP = "default_group=''\n"
"""The line `eks-sg rules --format aws-cli --group ROLE[,ROLE...]` replaces."""
ACTIONS = ("apply", "revoke")
NOTHING = "No rule of these groups is needed with these categories: nothing to do."
DEFAULTS = {"with": ("default_with", "none, the baseline alone"),
            "group": ("default_group", "every group")}  # fmt: skip
"""What `--help` says each option defaults to: the variable's value, or this when it is empty."""
EXIT_CODES = "Exit codes: 0 done, 1 AWS error or not confirmed, 2 bad variable, argument or shell."


def _template() -> str:
    return (_TEMPLATES / "script.sh").read_text(encoding="utf-8")


def literal(text: str) -> str:
    """Data text as a literal word to print: one line, no control character, nothing expanded."""
    return quote(comment(text))


def _words(items: list[str]) -> str:
    """A space-separated list as one literal word: 'minimum istio'."""
    return quote(" ".join(items)) if items else "''"


def _key(chosen: tuple[str, ...]) -> str:
    """How the script names a set of sharing categories in force: ' a b' (data order)."""
    return "".join(f" {c}" for c in chosen)


Line = str | tuple[str, str]
"""A line of the usage: literal text, or (text before, option) for the line that ends with
the option's default, which only the running script knows (the picker may have set it)."""


def _usage(ref: Reference, action: str, title: str, name: str) -> list[Line]:
    """The lines `--help` prints, also the script's leading comment."""
    if action == "apply":
        options = ["[--update-descriptions]", "adds what is missing"]
        extra = ["  --update-descriptions  also set the description of a rule that has another"]
    else:
        options = ["[--yes]", "lists the rules, asks unless --yes, removes them"]
        extra = ["  -y, --yes              remove without asking"]
    indent = " " * len(f"Usage: sh {name} ")
    lines: list[Line] = [BANNER, release.versions(ref), title, ""]
    lines += [f"Usage: sh {name} [--with ID[,ID...]] [--group ROLE[,ROLE...]] [--dry-run]"]
    lines += [f"{indent}{options[0]}  ({options[1]})"]
    lines += [f"       sh {name} --list  (the categories, with what each is for)"]
    lines += ["  --with ID[,ID...]      the categories your cluster runs, on top of the baseline;"]
    lines += [("                         repeat it or use commas", "with")]
    lines += ["  --group ROLE[,ROLE...] only the rules of these roles' groups and the rules"]
    lines += ["                         carried onto them (as eks-sg rules --group shows them);"]
    lines += [("                         repeat it or use commas", "group")]
    lines += ["  --list                 list the categories and exit"]
    lines += ["  --dry-run              list the groups' rules (one read-only describe call),"]
    lines += ["                         print the calls that would change them, change nothing"]
    lines += [*extra, "  -h, --help             print this and exit", ""]
    lines += ["It selects the rules of the categories in force whose groups exist, leaves out"]
    lines += ["the ones the groups already allow (it says what does: covered), lists"]
    lines += ["the groups' rules in one describe-security-groups call, then makes one call per"]
    lines += ["group and direction; a rule already there (or gone) is only reported."]
    lines += ["", "Set the variables the selected rules use (it names any that are missing):"]
    lines += [f"  {g.variable:<24} ID of the {g.title} ({g.id})" for g in ref.security_groups]
    lines += [f"  {p.variable:<24} {p.title} (e.g. {p.example})" for p in ref.parameters]
    lines += ["The AWS CLI takes account, region and endpoint from its usual settings"]
    lines += ["(AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL, ...).", EXIT_CODES]
    return lines


def _comment_line(line: Line) -> str:
    """A usage line as the leading comment has it: a default is the line below that holds it."""
    if isinstance(line, str):
        return line
    return f"{line[0]} (default: the {DEFAULTS[line[1]][0]} line below)"


def _usage_function(lines: list[Line]) -> str:
    """usage(): one printf per run of literal lines, and one per default line, with the value
    the script holds (which the picker or `eks-sg rules` may have set)."""
    body: list[str] = []
    run: list[str] = []
    for line in lines:
        if isinstance(line, str):
            run.append(literal(line))
            continue
        body += _printf(r"%s\n", run) if run else []
        run = []
        variable, empty = DEFAULTS[line[1]]
        held = f'"${{{variable}:-{empty}}}"'
        body.append(f"printf '%s (default: %s)\\n' {quote(line[0])} {held}")
    body += _printf(r"%s\n", run) if run else []
    return _function("usage", "--help, with the defaults this script holds", body)


def _function(name: str, why: str, lines: list[str]) -> str:
    """A shell function; an empty one gets `:`, as sh allows no empty body."""
    body = "".join(f"  {line}\n" for line in lines or [":"])
    return f"{name}() {{  # {why}\n{body}}}\n"


def _printf(fmt: str, words: list[str]) -> list[str]:
    """One printf of literal words, a word per line."""
    return [f"printf {quote(fmt)} \\", *(f"  {w} \\" for w in words[:-1]), f"  {words[-1]}"]


def _case(subject: str, branches: list[tuple[str, str]], default: str | None = None) -> list[str]:
    """`case SUBJECT in PATTERN) CODE ;; ... esac` as lines."""
    lines = [f"case {subject} in"]
    lines += [f"  {pattern}) {code} ;;" for pattern, code in branches]
    lines += [f"  *) {default} ;;"] if default is not None else []
    return [*lines, "esac"]


CHECKS = {
    "port": "port",
    "ipv4-parameter": "ipv4_cidr",
    "ipv6-parameter": "ipv6_cidr",
    "prefix-list": "prefix_list",
}
"""The template's check function for each kind of parameter value."""


def list_lines(ref: Reference) -> list[str]:
    """`--list`: every category, its question and help, baseline marked, and the releases a
    versioned one is for; `eks-sg rules --list` prints the same, then the releases."""
    lines = []
    for c in ref.categories:
        flag = " (baseline: always in)" if c.baseline else ""
        lines.append(f"{c.id}{flag}")
        lines.append(f"    {c.question or c.title}")
        lines += [f"    {c.help}"] if c.help else []
        lines += [f"    excludes: {', '.join(c.excludes)}"] if c.excludes else []
        lines += [f"    for: {category_note(c)}"] if c.versions else []
    return lines


def _categories(ref: Reference, found: list[Variant]) -> str:
    """The categories and groups the selection reads: ids, baseline, exclusions, sharings."""
    known = [c.id for c in ref.categories]
    excludes = [(quote(c.id), f"excludes={_words(sorted(c.excludes))}")
                for c in ref.categories if c.excludes]  # fmt: skip
    only = [(quote(g.id), f"only_with={_words(g.only_with)}")
            for g in ref.security_groups if g.only_with]  # fmt: skip
    groups = [
        (quote(g.id), f"group_id=${{{Var(g.variable).name}:-}} group_title={literal(g.title)}")
        for g in ref.security_groups
    ]
    keys = [(quote(_key(key)), f"variant={v.number}") for v in found for key in v.keys]
    variables = [g.variable for g in ref.security_groups] + [p.variable for p in ref.parameters]
    checks = [(g.variable, "sg") for g in ref.security_groups]
    checks += [(p.variable, CHECKS[p.peer_kind or "port"]) for p in ref.parameters]
    return (
        "# The categories in data order, the baseline ones, and the ones that move roles onto\n"
        "# another group (each combination of these is one sharing variant of the rules).\n"
        f"categories={_words(known)}\n"
        f"baseline={_words([c.id for c in ref.categories if c.baseline])}\n"
        f"sharing_categories={_words([c.id for c in ref.categories if c.shares])}\n"
        f"roles={_words([g.id for g in ref.security_groups])}\n"
        f"variables={_words(variables)}\n"
        + _function("excludes_of", "excludes_of ID: $excludes, the categories ID cannot go with",
                    _case('"$1"', excludes, "excludes=''"))
        + _function("only_with_of", "only_with_of ROLE: $only_with, the categories its group "
                    "exists with (empty: always)", _case('"$1"', only, "only_with=''"))
        + _function("group_of", "group_of ROLE: $group_id and $group_title of the role's group",
                    _case('"$1"', groups))
        + _function("variant_of", "variant_of ' SHARING CATEGORIES IN FORCE': $variant",
                    _case('"$1"', keys, 'usage_error "categories$1 cannot be chosen together"'))
        + _function("check_variable", "check_variable NAME: the check for the value NAME holds",
                    _case('"$1"', [(quote(n), f'check_{kind} {n} "${{{Var(n).name}:-}}"')
                                   for n, kind in checks]))
        + _function("list_categories", "--list: what `eks-sg rules --list` prints",
                    _printf(r"%s\n", [literal(line) for line in list_lines(ref)]))
    )  # fmt: skip


def _variables(ref: Reference, rule: Rule) -> list[str]:
    """The variables a (carried) rule uses: its group's, its peer group's, its parameters'."""
    by_role = {g.id: g.variable for g in ref.security_groups}
    names = [by_role[rule.group]] + ([by_role[rule.peer_role]] if rule.peer_role else [])
    names += [p.variable for p in parameters_used(ref, [rule])]
    return list(dict.fromkeys(names))


def _rule_info(ref: Reference, found: list[Variant]) -> str:
    """rule_info N: what the selection needs of every rule, whichever script it is in."""
    known = {c.id for c in ref.categories}
    number = {r.id: n for n, r in enumerate(ref.rules, 1)}
    branches = []
    for n, rule in enumerate(ref.rules, 1):
        roles = list(dict.fromkeys([rule.group, rule.peer_role or rule.group]))
        fixed = (
            f"rule_id={literal(rule.id)} rule_direction={rule.direction} "
            f"rule_categories={_words([c for c in rule.categories if c in known])} "
            f"rule_roles={_words(roles)}"
        )
        per_variant: dict[str, list[int]] = {}
        for v in found:
            held = v.by_id[rule.id]
            covers = [str(number[c]) for c in v.coverers[rule.id]]
            present = v.present.get(rule.id)
            fields = (
                f"rule_on={quote(held.group)} rule_variables={_words(_variables(ref, held))} "
                f"rule_coverers={_words(covers)} rule_present={literal(present or '')} "
                f"rule_removed_by={_words(v.removed_by[rule.id])}"
            )
            per_variant.setdefault(fields, []).append(v.number)
        if len(per_variant) == 1:
            code = f"{fixed}\n      {next(iter(per_variant))}"
        else:
            *others, last = per_variant.items()
            inner = [("|".join(map(str, numbers)), fields) for fields, numbers in others]
            lines = _case("$variant", inner, last[0])
            code = fixed + "".join(f"\n      {line}" for line in lines)
        branches.append((str(n), code))
    why = (
        "rule_info N: rule N's id, direction, categories and roles (its group's, its peer's), "
        "the categories that say a cluster lacks it, and under $variant the group that carries "
        "it, the variables it uses, the numbers of the rules that leave it out when selected "
        "too (first the one that covers it) and why the group has it already (if it has)"
    )
    return _function("rule_info", why, _case('"$1"', branches))


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


def _summary(rule: Rule) -> str:
    return (
        f"{rule.id}: {rule.group} {rule.direction} {rule.protocol} {ports_text(rule)} "
        f"{rule.peer} [{', '.join(rule.categories)}]"
    )


def _rule_args(ref: Reference, found: list[Variant], rules: list[Rule]) -> str:
    """rule_args N: what a call needs of a rule of this script (after the variables' check)."""
    values = Values.variables(ref)
    number = {r.id: n for n, r in enumerate(ref.rules, 1)}
    branches = []
    for rule in rules:
        n = number[rule.id]
        per_variant: dict[str, list[int]] = {}
        for v in found:
            held = v.by_id[rule.id]
            fields = (
                f"rule_description={literal(held.description)}\n"
                f"      rule_key={existing_key(held, values)}\n"
                f"      rule_permission={permission_words(held, values).item}\n"
                f"      rule_summary={literal(_summary(held))}"
            )
            per_variant.setdefault(fields, []).append(v.number)
        *others, last = per_variant.items()
        branches += [(f"{'|'.join(f'{k}:{n}' for k in ks)}", fields) for fields, ks in others]
        branches.append((f"*:{n}", last[0]))
    why = (
        "rule_args N: rule N under $variant: its description, the line read_existing "
        "has for it, its permission JSON and a summary"
    )
    return _function("rule_args", why, _case('"$variant:$1"', branches, ":"))


TITLE = "the rules of eks-sg-reference a setup needs"


def rules_data(ref: Reference, found: list[Variant]) -> str:
    """The categories, the order and every rule's info and args: the same in both scripts,
    so made once per build."""
    return (
        _categories(ref, found)
        + f"rule_count={len(ref.rules)}\n"
        + _function("order_of", "order_of: $order, the rule numbers in output order under "
                    "$variant", _order(ref, found))
        + _rule_info(ref, found)
        + _rule_args(ref, found, list(ref.rules))
    )  # fmt: skip


def script(ref: Reference, action: str, found: list[Variant], rules: str | None = None) -> str:
    """One script: the template with its header and its data filled in (`rules`: the
    rules_data, when made already)."""
    what = "Adds" if action == "apply" else "Removes"
    usage = _usage(ref, action, f"{what} {TITLE}.", paths.script(action).name)
    before, rest = _template().split(HEADER)
    middle, after = rest.split(DATA)
    comments = "".join(f"# {comment(_comment_line(line))}".rstrip() + "\n" for line in usage)
    verb = "authorize" if action == "apply" else "revoke"
    header = comments + f"action={verb}\n"
    data = (
        _usage_function(usage)
        + (rules if rules is not None else rules_data(ref, found))
        + f"nothing={literal(NOTHING)}\n"
    )  # fmt: skip
    return before + header + middle + data + after


def _order(ref: Reference, found: list[Variant]) -> list[str]:
    number = {r.id: n for n, r in enumerate(ref.rules, 1)}
    branches = [
        (str(v.number), f"order={_words([str(number[r.id]) for r in v.rules])}") for v in found
    ]
    return _case("$variant", branches)


def _defaults(ref: Reference, values: Values) -> str:
    """`: "${NODE_SG_ID:=sg-...}"` for each value the user gave: the script still checks them,
    and a variable set in the environment still wins."""
    given = [(g.variable, values.groups.get(g.id)) for g in ref.security_groups]
    given += [(p.variable, values.ports.get(p.id)) for p in ref.parameters]
    known = [(name, value) for name, value in given if isinstance(value, str | int)]
    return "".join(f': "${{{Var(name).name}:={quote(str(value))}}}"\n' for name, value in known)


def release_comments(lines: list[str]) -> str:
    """What the setup's versions say (gen.reference.versions.setup_lines), as `# ` lines above
    `default_with`: the script's --with takes category ids, so the release named is said here."""
    return "".join(f"# {comment(line)}\n" for line in lines)


def _default_line(text: str, line: str, ids: tuple[str, ...], what: str) -> str:
    """`text` with the empty `default_...=''` line set to these ids (slugs: nothing to escape)."""
    bad = [i for i in ids if not SLUG.fullmatch(i)]
    if bad:
        raise SetupError(f"not {what}: {', '.join(map(repr, bad))}")
    if text.count(line) != 1:
        raise ValueError(f"the script must hold the line {line!r} exactly once")
    return text.replace(line, line.replace("''", f"'{','.join(ids)}'"))


def with_defaults(
    text: str,
    categories: tuple[str, ...],
    defaults: str = "",
    groups: tuple[str, ...] = (),
    releases: str = "",
) -> str:
    """The published apply.sh whose `--with` default is these categories and `--group` default
    these roles (the setup picker sets the categories the same way), the lines on versions above
    `default_with` and the values the user gave after it."""
    text = _default_line(text, DEFAULT_GROUP, groups, "roles")
    text = _default_line(text, DEFAULT_WITH, categories, "category ids")
    line = DEFAULT_WITH.replace("''", f"'{','.join(categories)}'")
    return text.replace(line, releases + line + defaults, 1)


def render_selection(ref: Reference, selection: Selection, values: Values) -> str:
    """`eks-sg rules --format aws-cli`: apply.sh whose default setup (`--with`, `--group`) is
    this one, with the values given."""
    setup = selection.setup
    if sharing_of(ref, setup) != sharing_of(ref, Setup(setup.categories)):
        sharers = ", ".join(c.id for c in ref.categories if c.shares) or "none in this reference"
        raise SetupError(
            "--share cannot be built into a script, which takes its setup from --with: choose "
            f"a category that declares the sharing instead ({sharers})"
        )
    if egress_roles(ref, setup) != egress_roles(ref, Setup()):
        raise SetupError(
            "--egress-default cannot be built into a script, which takes the groups' default "
            "egress from the reference: use --format terraform or cloudformation"
        )
    text = script(ref, "apply", variants(ref)).replace(BANNER, _selection_banner(setup))
    said = release_comments(setup_lines(ref, selection.categories, setup.releases))
    return with_defaults(text, setup.categories, _defaults(ref, values), setup.groups, said)


def _selection_banner(setup: Setup) -> str:
    """The command that makes this script again (ids are slugs: nothing to quote); the
    values given (--sg, --param) are the `:=` lines under `default_with`."""
    command = "eks-sg rules --format aws-cli"
    command += f" --with {','.join(setup.categories)}" if setup.categories else ""
    command += f" --group {','.join(setup.groups)}" if setup.groups else ""
    return banner(command)


def script_paths() -> list[PurePosixPath]:
    """Both scripts' paths, without rendering any."""
    return [paths.script(action) for action in ACTIONS]


def render(ref: Reference, found: list[Variant] | None = None) -> dict[PurePosixPath, str]:
    """Both scripts; `found`: the sharing variants, when the build computed them already."""
    found = found if found is not None else variants(ref)
    rules = rules_data(ref, found)
    return {paths.script(action): script(ref, action, found, rules) for action in ACTIONS}
