"""The `eks-sg` command line (also `python -m gen`).

Exit codes: 0 done, 1 the data or the generated files need attention, 2 the command was used
wrongly (unknown option, missing file), 130 interrupted (Ctrl-C, also while the command starts),
141 the output was closed early (`eks-sg rules ... | head`: nothing more is printed, as a
command that SIGPIPE ends). Errors never end in a Python traceback.
"""

from __future__ import annotations

try:  # Ctrl-C while the modules load ends like one while running
    import argparse
    import os
    import sys
    from collections.abc import Sequence
    from pathlib import Path

    from gen import __version__
    from gen.cli import datafile, organisation_options
    from gen.cli.options import WITH_HELP, UsageError, check_names, given_values, setup_of
    from gen.reference import canonical, release
    from gen.reference.load import load, read_text
    from gen.reference.problems import DataError, UnreadableFile
    from gen.reference.words import printable
except KeyboardInterrupt:
    import sys

    print("eks-sg: interrupted", file=sys.stderr)
    raise SystemExit(130) from None

INTERRUPTED, CLOSED_OUTPUT = 130, 141

DEFAULT_DATA = None
"""The default of every FILE and --data: None means `datafile.resolve` picks the file (global
--data, EKS_SG_DATA, the repository's data/reference.yaml, or the one installed with eks-sg)."""


_FILE_HELP = "the reference file (default: as eks-sg --data picks it)"
_SG_HELP = "your group's ID for a role, e.g. node=sg-0123456789abcdef0 (repeatable)"
_PARAM_HELP = (
    "a value only you know, e.g. alb-listener-port=8080 or vpc-cidr=10.0.0.0/16 (repeatable; "
    "see eks-sg rules --list and the site's Values you supply)"
)
_WIDE_HELP = "--format table: never wrap cells (by default the table fits 100 columns)"


def _formats() -> list[str]:
    """`eks-sg rules --format` names: the registry's (gen.formats, imported for the parser)."""
    from gen.formats import SELECTION_FORMATS

    return list(SELECTION_FORMATS)


def _report(err: DataError) -> int:
    """Data problems go to stdout (they are the command's answer); an unreadable file is a
    usage error, on stderr."""
    if isinstance(err, UnreadableFile):
        for error in err.errors:
            print(f"eks-sg: error: {error}", file=sys.stderr)
        return 2
    print("\n".join(err.lines()))
    return 1


def cmd_validate(args: argparse.Namespace) -> int:
    ref = load(args.file)
    print(
        f"OK: {len(ref.rules)} rules, {len(ref.istio.ports)} Istio ports, "
        f"{len(ref.sources)} sources"
    )
    return 0


def _writes(command):
    """For the commands that write files (imported there only): a WriteError is their answer,
    on stderr, exit 1."""

    def run(args: argparse.Namespace) -> int:
        from gen import write

        try:
            return command(args)
        except write.WriteError as err:
            print(f"eks-sg: error: {printable(str(err))}", file=sys.stderr)
            return 1

    return run


@_writes
def cmd_fmt(args: argparse.Namespace) -> int:
    from gen import write

    if not args.check and datafile.is_shipped(args.file):
        raise UsageError(
            f"{args.file} is the reference installed with eks-sg; `eks-sg fmt` rewrites files, "
            "so run it in a clone of eks-sg-reference or name a copy: eks-sg fmt FILE"
        )
    ref = load(args.file)
    current = read_text(args.file)
    text = canonical.dump(ref)
    if args.check:
        if current == text:
            return 0
        print(f"{args.file} is not in canonical form; run `eks-sg fmt` to rewrite it")
        return 1
    lost = canonical.lost_comments(current)
    if lost:
        lines = ", ".join(str(n) for n in lost)
        raise UsageError(
            f"{args.file} has comments on lines {lines}, which `eks-sg fmt` would drop; move "
            "them into a `notes:` field (or remove them), then run it again. Nothing was changed."
        )
    write.atomic_write(args.file, text)
    return 0


@_writes
def cmd_build(args: argparse.Namespace) -> int:
    from gen import write
    from gen.formats import paths, render_all  # only build renders: the rest start faster

    if args.root is None:
        args.root = datafile.repository()
    if args.root is None:
        raise UsageError(
            "`eks-sg build` writes docs/ and data/schema.json of a clone of eks-sg-reference, "
            f"and {Path.cwd()} is not in one; run it inside a clone (or pass --root FOLDER)"
        )
    write.refuse_links(args.root)  # docs/ is published and data/ read as they are: no links
    outputs = render_all(load(args.data))
    if args.check:
        stale = write.stale(outputs, args.root, paths.REMOVABLE)
        for line in stale:
            print(line)
        return 1 if stale else 0
    changed = write.write_all(outputs, args.root, paths.REMOVABLE)
    print(f"{len(outputs)} files generated, {len(changed)} changed")
    return 0


def _categories(ref) -> str:
    """`eks-sg rules --list`: the scripts' --list (every category, its question and help), then
    the versioned products and what each release needs."""
    from gen.formats.aws_scripts import list_lines
    from gen.reference import versions

    lines = list_lines(ref)
    products = versions.products(ref)
    if products:
        lines.append("\nReleases (--with PRODUCT@VERSION picks the category a release needs):")
        for product in products:
            lines.append(f"{product}")
            lines += [f"    {s.answer}" for s in versions.spans(ref, product)]
    return "".join(printable(line) + "\n" for line in "\n".join(lines).split("\n"))


def cmd_rules(args: argparse.Namespace) -> int:
    """The rules one setup needs, in the format asked for."""
    from gen.formats import SELECTION_FORMATS, rule_table  # only the commands that render
    from gen.select import SetupError, select

    check_names("format", [args.format], list(SELECTION_FORMATS))
    ref = load(args.data)
    if args.list:
        sys.stdout.write(_categories(ref))
        return 0
    try:
        selection = select(ref, setup_of(ref, args))
    except SetupError as err:  # it may name what the user typed: escaped where it is printed
        raise UsageError(str(err)) from None
    values = given_values(ref, args.sg, args.param)
    try:
        if args.format == "terraform-aws-eks":
            from gen.formats import terraform_aws_eks

            text = terraform_aws_eks.render_selection(
                ref, selection, values, args.module_version, args.recommended_rules
            )
        elif args.format == "table":
            text = rule_table.terminal(ref, selection, values, _width(args))
        else:
            text = SELECTION_FORMATS[args.format](ref, selection, values)
    except SetupError as err:  # aws-cli: a setup a script cannot take from --with (--share)
        raise UsageError(str(err)) from None
    sys.stdout.write(text)
    return 0


def _width(args: argparse.Namespace) -> int | None:
    """The columns a table fits in: 100, or None (never wrapped) with --wide."""
    from gen.formats.terminal import WIDTH

    return None if args.wide else WIDTH


def cmd_audit(args: argparse.Namespace) -> int:
    """The live (or saved) groups against the setup: exit 0 clean, 1 missing (--strict: also
    broad or extra), 2 usage, 3 AWS error."""
    from gen.audit import report as audit_report
    from gen.aws import live
    from gen.cli import audit_options

    ref = load(args.data)
    organisation_options.check(args)
    if args.all_clusters:
        return organisation_options.command(ref, args)
    try:
        report = audit_options.run(ref, args)
    except live.AwsError as err:
        print(f"eks-sg: AWS error: {err}", file=sys.stderr)
        return 3
    except live.InputError as err:
        raise UsageError(*err.lines) from None
    render = audit_report.RENDER[args.format]
    extra = {"where": audit_options.where(args)} if args.format == "sarif" else {}
    extra |= {"width": _width(args)} if args.format == "table" else {}
    sys.stdout.write(render(report, **extra))
    return report.exit_code(args.strict)


def cmd_discover(args: argparse.Namespace) -> int:
    """The cluster's webhooks judged: exit 0 none blocked, 1 blocked, 2 usage, 3 AWS error."""
    from gen.aws import live
    from gen.cli import discover_options
    from gen.discover import report

    ref = load(args.data)
    try:
        found = discover_options.run(ref, args)
    except live.AwsError as err:
        print(f"eks-sg: AWS error: {err}", file=sys.stderr)
        return 3
    except live.InputError as err:
        raise UsageError(*err.lines) from None
    extra = {"where": discover_options.where(args)} if args.format == "sarif" else {}
    extra |= {"width": _width(args)} if args.format == "table" else {}
    sys.stdout.write(report.RENDER[args.format](found, **extra))
    return report.exit_code(found)


def cmd_version(args: argparse.Namespace) -> int:
    """`eks-sg 0.2.0, reference 2026.11 (data checked 2026-11-26) from FILE (ORIGIN)`."""
    used = args.data_file
    try:
        ref = load(used.path)
    except DataError:
        print(f"eks-sg {__version__}; the reference from {used.shown()} does not load:")
        raise
    print(f"{release.versions(ref)} from {used.shown()}")
    return 0


def _use_data_file(args: argparse.Namespace) -> None:
    """Fill every FILE and --data left at DEFAULT_DATA with the file `datafile.resolve` picks."""
    args.data_file = datafile.resolve(args.global_data)
    for name in ("data", "file"):
        if hasattr(args, name) and getattr(args, name) is DEFAULT_DATA:
            setattr(args, name, args.data_file.path)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="eks-sg", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--data", dest="global_data", type=Path, metavar="FILE",
        help=f"the reference file every command reads (also ${datafile.ENV}; default: the "
        "repository's data/reference.yaml inside a clone, else the one installed with eks-sg)",
    )  # fmt: skip
    parser.add_argument(
        "--version", action="store_true",
        help="print the versions of eks-sg and the reference, and which file is used",
    )  # fmt: skip
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    validate = sub.add_parser("validate", help="check the data file and report every error")
    validate.add_argument("file", nargs="?", type=Path, default=DEFAULT_DATA, help=_FILE_HELP)
    validate.set_defaults(run=cmd_validate)
    fmt = sub.add_parser("fmt", help="rewrite the data file in canonical form")
    fmt.add_argument("file", nargs="?", type=Path, default=DEFAULT_DATA, help=_FILE_HELP)
    fmt.add_argument("--check", action="store_true", help="only say whether it is canonical")
    fmt.set_defaults(run=cmd_fmt)
    build = sub.add_parser("build", help="generate docs/ pages, downloads and data/schema.json")
    build.add_argument("--data", type=Path, default=DEFAULT_DATA, metavar="FILE", help=_FILE_HELP)
    build.add_argument("--root", type=Path, help="project folder to write (default: the clone)")
    build.add_argument("--check", action="store_true", help="compare instead of writing")
    build.set_defaults(run=cmd_build)
    rules = sub.add_parser("rules", help="the rules one setup needs: table, csv, json, a script")
    rules.add_argument(
        "--with",
        dest="with_",
        action="append",
        default=[],
        metavar="ID[,ID]",
        help=WITH_HELP,
    )
    rules.add_argument(
        "--group",
        action="append",
        default=[],
        metavar="ROLE[,ROLE]",
        help="only the rules of these roles",
    )
    rules.add_argument(
        "--share",
        action="append",
        default=[],
        metavar="ROLE=CARRIER",
        help="ROLE's interfaces carry CARRIER's group (e.g. node=cluster)",
    )
    rules.add_argument(
        "--egress-default",
        action="append",
        metavar="ROLE[,ROLE]|none",
        help="the roles whose groups were created with EC2's default allow-all egress (the EC2 "
        "API, console, eksctl and CloudFormation keep it; Terraform's aws_security_group "
        "removes it); default: as the reference says",
    )
    rules.add_argument(
        "--format", default="table", metavar="FORMAT",
        help=f"how to print them (default: table): {', '.join(_formats())}",
    )  # fmt: skip
    rules.add_argument(
        "--module-version",
        type=int,
        choices=(20, 21),
        default=21,
        help="terraform-aws-eks's major version, for --format terraform-aws-eks (default 21)",
    )
    rules.add_argument(
        "--no-recommended-rules",
        dest="recommended_rules",
        action="store_false",
        help="terraform-aws-eks runs with node_security_group_enable_recommended_rules = false",
    )
    rules.add_argument("--sg", action="append", default=[], metavar="ROLE=sg-ID", help=_SG_HELP)
    rules.add_argument(
        "--param", action="append", default=[], metavar="NAME=VALUE", help=_PARAM_HELP
    )
    rules.add_argument("--wide", action="store_true", help=_WIDE_HELP)
    rules.add_argument("--list", action="store_true", help="list the categories and exit")
    rules.add_argument("--data", type=Path, default=DEFAULT_DATA, metavar="FILE", help=_FILE_HELP)
    rules.set_defaults(run=cmd_rules)
    _audit_parser(sub)
    _discover_parser(sub)
    return parser


def _audit_parser(sub) -> None:
    audit = sub.add_parser("audit", help="compare live or saved security groups with a setup")
    audit.add_argument("--sg", action="append", default=[], metavar="ROLE=sg-ID", help=_SG_HELP)
    audit.add_argument("--cluster", metavar="NAME", help="find the cluster's groups with EKS")
    audit.add_argument(
        "--with", dest="with_", action="append", default=[], metavar="ID[,ID]", help=WITH_HELP,
    )  # fmt: skip
    audit.add_argument(
        "--share", action="append", default=[], metavar="ROLE=CARRIER",
        help="ROLE's interfaces carry CARRIER's group (e.g. node=cluster)",
    )  # fmt: skip
    audit.add_argument(
        "--param", action="append", default=[], metavar="NAME=VALUE", help=_PARAM_HELP
    )
    audit.add_argument(
        "--input", action="append", default=[], type=Path, metavar="FILE",
        help="saved `aws ec2 describe-security-group-rules --output json` (repeatable)",
    )  # fmt: skip
    audit.add_argument(
        "--plan", type=Path, metavar="PLAN.json",
        help="audit a change before apply: `terraform show -json PLANFILE` (--sg ROLE=ADDRESS)",
    )  # fmt: skip
    audit.add_argument(
        "--template", type=Path, metavar="FILE",
        help="audit a CloudFormation template (--sg ROLE=LOGICAL-ID, --param NAME=VALUE)",
    )  # fmt: skip
    audit.add_argument(
        "--egress-default", action="append", metavar="ROLE[,ROLE]|none",
        help="with --plan/--template: the roles whose groups outside the change were created "
        "with EC2's default egress (default: as the reference says)",
    )  # fmt: skip
    audit.add_argument(
        "--format", default="table", choices=("table", "json", "markdown", "sarif", "asff", "ocsf"),
        help="how to print the report (default: table; asff and ocsf with --all-clusters)",
    )  # fmt: skip
    audit.add_argument(
        "--pod-sg-mode", default="strict", choices=("strict", "standard"),
        help="the VPC CNI's POD_SECURITY_GROUP_ENFORCING_MODE (default strict); standard: pods' "
        "traffic leaving the VPC is judged by the node's groups",
    )  # fmt: skip
    audit.add_argument("--strict", action="store_true", help="exit 1 on broad or extra too")
    audit.add_argument("--wide", action="store_true", help=_WIDE_HELP)
    audit.add_argument("--data", type=Path, default=DEFAULT_DATA, metavar="FILE", help=_FILE_HELP)
    organisation_options.add(audit)
    audit.set_defaults(run=cmd_audit)


def _discover_parser(sub) -> None:
    discover = sub.add_parser("discover", help="which webhooks the control plane cannot reach")
    discover.add_argument(
        "--kubernetes",
        required=True,
        metavar="FILE",
        help="`kubectl get validatingwebhookconfigurations,... -A -o json` output (- for stdin)",
    )
    discover.add_argument("--cluster", metavar="NAME", help="the cluster's groups from EKS")
    discover.add_argument(
        "--sg",
        action="append",
        default=[],
        metavar="cluster=sg-ID|control-plane=sg-ID",
        help="the control plane's groups, instead of --cluster (repeatable)",
    )
    discover.add_argument(
        "--input",
        action="append",
        default=[],
        type=Path,
        metavar="FILE",
        help="saved AWS CLI JSON (see docs/webhooks.md), instead of AWS",
    )
    discover.add_argument(
        "--format", default="table", choices=("table", "json", "markdown", "sarif"),
        help="how to print the report (default: table)",
    )  # fmt: skip
    discover.add_argument("--wide", action="store_true", help=_WIDE_HELP)
    discover.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, metavar="FILE", help=_FILE_HELP
    )
    discover.set_defaults(run=cmd_discover)


def _run(argv: Sequence[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None and not args.version:
        parser.error("the following arguments are required: COMMAND")
    try:
        _use_data_file(args)
        return cmd_version(args) if args.version else args.run(args)
    except DataError as err:
        return _report(err)
    except UsageError as err:  # every value a user typed is echoed escaped (ESC, newlines)
        for line in err.args or ("",):  # one line per problem
            print(f"eks-sg: error: {printable(str(line))}", file=sys.stderr)
        return 2


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so Python's final flush of what is left does not fail too."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        code = _run(argv)
        sys.stdout.flush()  # a closed pipe fails here, inside the try, not at exit
        return code
    except KeyboardInterrupt:
        print("eks-sg: interrupted", file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:  # `| head` has all it wanted
        _quiet_stdout()
        return CLOSED_OUTPUT


if __name__ == "__main__":
    sys.exit(main())
