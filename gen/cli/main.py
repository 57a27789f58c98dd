"""The `eks-sg` command line (also `python -m gen`).

Exit codes: 0 done, 1 the data or the generated files need attention, 2 the command was used
wrongly (unknown option, missing file). Errors never end in a Python traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from gen import __version__, write
from gen.cli import datafile
from gen.cli.options import UsageError, given_values, setup_of
from gen.reference import canonical, release
from gen.reference.load import load, read_text
from gen.reference.problems import DataError, UnreadableFile
from gen.reference.words import printable

_FORMATS = (
    "table",
    "markdown",
    "csv",
    "json",
    "aws-cli",
    "terraform",
    "terraform-aws-eks",
    "cloudformation",
)
"""`eks-sg rules --format` choices: gen.formats.SELECTION_FORMATS (not imported at start-up)."""

DEFAULT_DATA = None
"""The default of every FILE and --data: None means `datafile.resolve` picks the file (global
--data, EKS_SG_DATA, the repository's data/reference.yaml, or the one installed with eks-sg)."""


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


def cmd_fmt(args: argparse.Namespace) -> int:
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


def cmd_build(args: argparse.Namespace) -> int:
    from gen.formats import render_all  # only build renders: the other commands start faster

    if args.root is None:
        args.root = datafile.repository()
    if args.root is None:
        raise UsageError(
            "`eks-sg build` writes docs/ and data/schema.json of a clone of eks-sg-reference, "
            f"and {Path.cwd()} is not in one; run it inside a clone (or pass --root FOLDER)"
        )
    outputs = render_all(load(args.data))
    if args.check:
        stale = write.stale(outputs, args.root)
        for line in stale:
            print(line)
        return 1 if stale else 0
    changed = write.write_all(outputs, args.root)
    print(f"{len(outputs)} files generated, {len(changed)} changed")
    return 0


def _categories(ref) -> str:
    """`eks-sg rules --list`: every category, its question and help; baseline marked."""
    lines = []
    for c in ref.categories:
        flag = " (baseline: always in)" if c.baseline else ""
        lines.append(f"{c.id}{flag}\n    {c.question or c.title}")
        lines += [f"    {c.help}"] if c.help else []
        lines += [f"    excludes: {', '.join(c.excludes)}"] if c.excludes else []
    return "".join(printable(line) + "\n" for line in "\n".join(lines).split("\n"))


def cmd_rules(args: argparse.Namespace) -> int:
    """The rules one setup needs, in the format asked for."""
    from gen.formats import SELECTION_FORMATS  # only the commands that render import them
    from gen.select import SetupError, select

    ref = load(args.data)
    if args.list:
        sys.stdout.write(_categories(ref))
        return 0
    try:
        selection = select(ref, setup_of(ref, args))
    except SetupError as err:
        raise UsageError(str(err)) from None
    values = given_values(ref, args.sg, args.param)
    try:
        text = SELECTION_FORMATS[args.format](ref, selection, values)
    except SetupError as err:  # aws-cli: a setup a script cannot take from --with (--share)
        raise UsageError(str(err)) from None
    sys.stdout.write(text)
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    """The live (or saved) groups against the setup: exit 0 clean, 1 missing (--strict: also
    broad or extra), 2 usage, 3 AWS error."""
    from gen.audit import report as audit_report
    from gen.aws import live
    from gen.cli import audit_options

    ref = load(args.data)
    try:
        report = audit_options.run(ref, args)
    except live.AwsError as err:
        print(f"eks-sg: AWS error: {err}", file=sys.stderr)
        return 3
    except live.InputError as err:
        raise UsageError(str(err)) from None
    render = audit_report.RENDER[args.format]
    extra = {"where": audit_options.where(args)} if args.format == "sarif" else {}
    sys.stdout.write(render(report, **extra))
    return report.exit_code(args.strict)


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
    validate.add_argument("file", nargs="?", type=Path, default=DEFAULT_DATA)
    validate.set_defaults(run=cmd_validate)
    fmt = sub.add_parser("fmt", help="rewrite the data file in canonical form")
    fmt.add_argument("file", nargs="?", type=Path, default=DEFAULT_DATA)
    fmt.add_argument("--check", action="store_true", help="only say whether it is canonical")
    fmt.set_defaults(run=cmd_fmt)
    build = sub.add_parser("build", help="generate docs/ pages, downloads and data/schema.json")
    build.add_argument("--data", type=Path, default=DEFAULT_DATA)
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
        help="categories your cluster runs, on top of the baseline (see --list)",
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
    rules.add_argument("--format", default="table", choices=_FORMATS)
    rules.add_argument("--sg", action="append", default=[], metavar="ROLE=sg-ID")
    rules.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    rules.add_argument("--list", action="store_true", help="list the categories and exit")
    rules.add_argument("--data", type=Path, default=DEFAULT_DATA)
    rules.set_defaults(run=cmd_rules)
    _audit_parser(sub)
    return parser


def _audit_parser(sub) -> None:
    audit = sub.add_parser("audit", help="compare live or saved security groups with a setup")
    audit.add_argument("--sg", action="append", default=[], metavar="ROLE=sg-ID")
    audit.add_argument("--cluster", metavar="NAME", help="find the cluster's groups with EKS")
    audit.add_argument("--with", dest="with_", action="append", default=[], metavar="ID[,ID]")
    audit.add_argument("--share", action="append", default=[], metavar="ROLE=CARRIER")
    audit.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    audit.add_argument(
        "--input", action="append", default=[], type=Path, metavar="FILE",
        help="saved `aws ec2 describe-security-group-rules --output json` (repeatable)",
    )  # fmt: skip
    audit.add_argument("--plan", type=Path, metavar="FILE", help="`terraform show -json` of a plan")
    audit.add_argument("--template", type=Path, metavar="FILE", help="a CloudFormation template")
    audit.add_argument("--format", default="table", choices=("table", "json", "markdown", "sarif"))
    audit.add_argument("--strict", action="store_true", help="exit 1 on broad or extra too")
    audit.add_argument("--data", type=Path, default=DEFAULT_DATA)
    audit.set_defaults(run=cmd_audit)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None and not args.version:
        parser.error("the following arguments are required: COMMAND")
    try:
        _use_data_file(args)
        return cmd_version(args) if args.version else args.run(args)
    except DataError as err:
        return _report(err)
    except UsageError as err:
        print(f"eks-sg: error: {err}", file=sys.stderr)
        return 2
    except write.WriteError as err:
        print(f"eks-sg: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("eks-sg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
