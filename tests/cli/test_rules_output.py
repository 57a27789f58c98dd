"""Issue 22, the command line: did-you-mean for every name, help for every option, the
formats from the registry, tables that fit 100 columns with a next step, and `--sg`/`--param`
honoured by every format (the CSV a change request needs)."""

from __future__ import annotations

import argparse
import csv
import io

import pytest
from helpers import eks_sg

from gen.cli import main as cli
from gen.formats import SELECTION_FORMATS

NODE, CP = "sg-0fedcba9876543210", "sg-0fedcba9876543211"
SETUP = ["--with", "nlb,istio,aws-load-balancer-controller"]
IDS = ["--sg", f"node={NODE}", "--sg", f"control-plane={CP}", "--param", "nlb-listener-port=31080"]


@pytest.mark.parametrize(
    ("args", "guess"),
    [
        (["--with", "istoi"], "; did you mean istio?\n"),
        (["--with", "Istio"], "; did you mean istio?\n"),
        (["--with", "istoi,nbl"], "; did you mean istoi: istio, nbl: nlb?\n"),
        (["--format", "tabel"], "; did you mean table?\n"),
        (["--format", "CSV"], "; did you mean csv?\n"),
        (["--group", "nodes"], "; did you mean node?\n"),
        (["--share", "node=clustr"], "; did you mean cluster?\n"),
        (["--sg", f"nodes={NODE}"], "; did you mean node?\n"),
        (["--param", "alb-listner-port=80"], "; did you mean alb-listener-port?\n"),
    ],
)
def test_a_mistyped_name_gets_the_closest_valid_one(args: list[str], guess: str) -> None:
    result = eks_sg("rules", *args)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("eks-sg: error: unknown "), result.stderr
    assert result.stderr.endswith(guess), result.stderr


def test_a_name_like_no_other_gets_no_guess() -> None:
    result = eks_sg("rules", "--with", "zzzzzz")
    assert result.returncode == 2
    assert "did you mean" not in result.stderr


def _options(parser: argparse.ArgumentParser):
    for action in parser._actions:  # argparse has no public walk over its options
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _options(sub)
        else:
            yield parser.prog, action


def test_every_option_has_help() -> None:
    missing = [f"{prog} {'/'.join(a.option_strings) or a.dest}"
               for prog, a in _options(cli._parser()) if not a.help]  # fmt: skip
    assert missing == []


def test_the_formats_offered_are_the_registry() -> None:
    result = eks_sg("rules", "--help")
    assert result.returncode == 0
    flat = " ".join(result.stdout.split())
    assert f"(default: table): {', '.join(SELECTION_FORMATS)}" in flat
    assert "terraform-aws-eks" in flat
    assert "cloudformation" in flat


def test_the_table_fits_100_columns_and_ends_with_the_next_step() -> None:
    result = eks_sg("rules", *SETUP, *IDS)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= 100
    assert f"Security groups: control-plane = {CP}, node = {NODE}" in lines  # data order
    assert lines[-3] == "Next, the script that adds them (try it with --dry-run):"
    command = " ".join(line.removesuffix(" \\").strip() for line in lines[-2:])
    assert command == (
        f"eks-sg rules {' '.join(SETUP)} --sg control-plane={CP} --sg node={NODE} "
        "--param nlb-listener-port=31080 --format aws-cli > apply-setup.sh"
    )
    rule_ids = {line.split()[0] for line in lines if line.startswith("node-in-")}
    assert "node-in-istio-webhook-from-control-plane".startswith(tuple(rule_ids))


def test_the_next_step_runs_and_prints_the_script() -> None:
    """The command under the table is one the command line takes."""
    table = eks_sg("rules", *SETUP, *IDS).stdout.splitlines()
    words = " ".join(line.removesuffix(" \\").strip() for line in table[-2:]).split()
    script = eks_sg(*words[1 : words.index(">")])
    assert script.returncode == 0, script.stderr
    assert f': "${{NODE_SG_ID:={NODE}}}"' in script.stdout


def test_wide_never_wraps() -> None:
    wide = eks_sg("rules", *SETUP, "--wide").stdout.splitlines()
    assert max(map(len, wide)) > 100
    assert any(line.startswith("node-in-istio-webhook-from-control-plane ") for line in wide)


def _sheet(*args: str) -> list[dict[str, str]]:
    result = eks_sg("rules", *SETUP, "--format", "csv", *args)
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout, newline="")))


def test_the_setup_csv_has_the_ids_values_action_urls_and_version(ref) -> None:
    rows = {row["rule_id"]: row for row in _sheet(*IDS)}
    listener = rows["node-in-nlb-listener"]
    assert (listener["security_group"], listener["from_port"], listener["to_port"]) == (
        NODE, "31080", "31080",
    )  # fmt: skip
    assert listener["action"] == "add"
    assert listener["reference_version"] == ref.version
    assert listener["source_urls"].startswith("https://")
    webhook = rows["node-in-istio-webhook-from-control-plane"]
    assert (webhook["security_group"], webhook["peer"], webhook["from_port"]) == (NODE, CP, "15017")
    assert webhook["action"] == "add"
    # EC2's default egress, on a node group made without it (the default: Terraform's
    # aws_security_group removes it): to add, as the table, Terraform and CloudFormation say
    # (the sheet said `exists` while every other output added it)
    default = rows["node-out-all-ipv4"]
    assert (default["action"], default["from_port"], default["peer"]) == (
        "add", "All", "0.0.0.0/0",
    )  # fmt: skip
    assert "cluster-in-all-self" not in rows  # AWS creates it: nothing to ask for
    made_with_it = {row["rule_id"] for row in _sheet(*IDS, "--egress-default", "node")}
    assert "node-out-all-ipv4" not in made_with_it  # the group has it: not listed at all


def test_without_ids_the_csv_keeps_the_names() -> None:
    rows = {row["rule_id"]: row for row in _sheet()}
    assert rows["node-in-nlb-listener"]["security_group"] == "node"
    assert rows["node-in-nlb-listener"]["from_port"] == "nlb-listener-port"


@pytest.mark.parametrize("fmt", list(SELECTION_FORMATS))
def test_every_format_honours_sg_and_param(fmt: str) -> None:
    result = eks_sg("rules", *SETUP, *IDS, "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert NODE in result.stdout
    plain = eks_sg("rules", *SETUP, "--format", fmt)
    assert NODE not in plain.stdout
    if fmt != "terraform-aws-eks":  # its map names the module's groups, not NLB ports
        assert "31080" in result.stdout


def test_with_a_share_the_next_step_is_terraform() -> None:
    """A script takes its setup from --with only (aws-cli refuses --share): the step says so."""
    lines = eks_sg("rules", "--with", "istio", "--share", "node=cluster").stdout.splitlines()
    assert lines[-2] == "Next, a Terraform module that adds them (a script cannot take --share):"
    assert (
        lines[-1] == "eks-sg rules --with istio --share node=cluster --format terraform > main.tf"
    )
    assert eks_sg(*lines[-1].split()[1:-2]).returncode == 0
