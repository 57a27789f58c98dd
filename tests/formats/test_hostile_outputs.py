"""Defence in depth (issue 24): the writers keep hostile text inert even where validation is
bypassed, and the ids that YAML would read as booleans or numbers stay resources.

The judges are the real parsers: PyYAML (as cfn-lint reads a template), cfn-lint itself, and
`str.splitlines` for the comment lines of every language.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import hcl2
import pytest
import yaml
from helpers import FIXTURES, eks_sg, load_text
from hostile import MINIMAL, RESOLVE, zone_file

from gen.aws import shell
from gen.cli.options import given_values
from gen.formats import FORMATS, SELECTION_FORMATS, cloudformation, hcl, paths, terraform, yamltext
from gen.reference.load import load
from gen.reference.words import LINE_BREAKS
from gen.select import Setup, select

PAYLOAD = "::%\r  Evil:\r    Type: AWS::EC2::SecurityGroupIngress\r#\u2028x\u2029y\x85z\nw/0"


class _Loader(yaml.SafeLoader):
    """YAML with CloudFormation's short `!Ref` form."""


_Loader.add_constructor("!Ref", lambda loader, node: {"Ref": loader.construct_scalar(node)})


def _resources(template: str) -> dict:
    return yaml.load(template, Loader=_Loader)["Resources"]  # noqa: S506 (SafeLoader + !Ref)


def _cfn_lint(path: Path) -> subprocess.CompletedProcess[str]:
    cli = Path(sys.executable).parent / "cfn-lint"
    return subprocess.run([str(cli), str(path)], capture_output=True, text=True, check=False)


@pytest.mark.parametrize("quote", [hcl.comment, yamltext.comment, shell.comment])
@pytest.mark.parametrize("char", sorted(LINE_BREAKS))
def test_every_comment_function_keeps_every_line_break_out(quote, char: str) -> None:
    line = quote(f"a{char}b: c")
    assert len(line.splitlines()) == 1, repr(line)
    assert char not in line.removesuffix("\n")
    assert "\\" in line  # shown as an escape, not dropped


def test_the_zone_id_reproduction_is_refused_and_no_output_carries_it(tmp_path: Path) -> None:
    """Item 1's reproduction: `validate`, `rules` and `build` refuse it, so nothing is written."""
    data = tmp_path / "ref.yaml"
    data.write_text(zone_file(), encoding="utf-8", newline="")
    for args in (["validate", str(data)], ["rules", "--data", str(data), "--format", "cloudformation"],
                 ["build", "--data", str(data), "--root", str(tmp_path / "out")]):  # fmt: skip
        result = eks_sg(*args)
        assert result.returncode == 1, (args, result.stderr)
        assert "zone id" in result.stdout
        assert "Traceback" not in result.stderr
        assert "AWS::EC2::SecurityGroupIngress\n" not in result.stdout.replace("\r", "\n")
    assert not (tmp_path / "out" / "docs").exists()


def test_a_hostile_peer_past_validation_stays_inside_its_comment() -> None:
    """Were validation bypassed, the comment above each rule still holds the whole peer."""
    ref = load(FIXTURES / "minimal.yaml")
    rule = next(r for r in ref.rules if r.peer == "10.0.0.0/16")
    object.__setattr__(rule, "peer", PAYLOAD)
    outputs = {
        p: t
        for name in ("terraform", "terraform_aws_eks", "cloudformation", "aws_scripts")
        for p, t in FORMATS[name](ref).items()
    }  # fmt: skip (the code outputs)
    template = next(t for p, t in outputs.items() if p.name == "all.yaml")
    assert "Evil" not in _resources(template)
    assert len(_resources(template)) == len(ref.rules)
    module = hcl2.loads(outputs[paths.terraform()])
    assert sum(len(r) for block in module["resource"] for r in block.values()) == len(ref.rules)
    for path, text in outputs.items():  # HCL and YAML escape every break; sh quotes them
        assert path.suffix == ".sh" or not any(c in text for c in "\r\u2028\u2029\x85"), path
        if path.suffix == ".sh":
            checked = subprocess.run(["dash", "-n"], input=text, text=True, capture_output=True)
            assert checked.returncode == 0, checked.stderr
    selection = select(ref, Setup())
    values = given_values(ref, [], [])
    for name in ("terraform", "cloudformation", "terraform-aws-eks"):
        text = SELECTION_FORMATS[name](ref, selection, values)
        assert not any(c in text for c in "\r\u2028\u2029\x85"), name


def test_the_cloudformation_writer_refuses_a_dynamic_reference() -> None:
    """Item 2 in depth: the writer refuses what validation would have refused."""
    with pytest.raises(ValueError, match="resolve"):
        yamltext.string(f"x {RESOLVE}")
    ref = load(FIXTURES / "minimal.yaml")
    object.__setattr__(ref.rules[0], "description", RESOLVE)
    with pytest.raises(ValueError, match="CloudFormation would resolve it"):
        cloudformation.template(ref, "t", "b", ref.rules)


def test_the_dynamic_reference_reproduction_is_refused_and_no_output_carries_it(
    tmp_path: Path,
) -> None:
    data = tmp_path / "ref.yaml"
    data.write_text(MINIMAL.replace("description: Kubelet API", f"description: '{RESOLVE}'", 1))
    for fmt in SELECTION_FORMATS:
        result = eks_sg("rules", "--data", str(data), "--format", fmt)
        assert result.returncode == 1
        error, count = result.stdout.splitlines()  # the error, never an output carrying it
        assert error.startswith(f"{data}:41:16: rules[0].description: text has '{{{{resolve:'")
        assert count == "1 error"
        assert "CloudFormation would resolve it" in result.stdout


IDS = ["yes", "on", "off", "null", "010", "y", "n", "no", "true", "false", "0x1f", "1e3"]


def test_logical_ids_yaml_would_read_as_other_types_stay_distinct_resources(tmp_path) -> None:
    """Item 8: rule ids `yes`, `on`, `null`, `010` become keys that load as strings; before,
    two of them collapsed into one boolean key and a resource was silently lost."""
    rule = MINIMAL.split("- id: node-in-kubelet\n", 1)[1].split("- id:", 1)[0]
    extra = "".join(
        f"- id: '{i}'\n"
        + rule.replace("ports: 10250", f"ports: {1000 + n}").replace(
            "peer: control-plane", "peer: 10.1.0.0/16"
        )
        for n, i in enumerate(IDS)
    )
    ref = load_text(MINIMAL.replace("rules:\n", "rules:\n" + extra, 1))
    template = cloudformation.template(ref, "t", "b", ref.rules)
    resources = _resources(template)
    assert {cloudformation.resource_id(r) for r in ref.rules} == set(resources)
    assert all(isinstance(k, str) for k in resources)
    (tmp_path / "t.yaml").write_text(template)
    result = _cfn_lint(tmp_path / "t.yaml")
    assert result.returncode == 0, result.stdout
    assert terraform.module(ref, "t", "b", ref.rules).count("resource ") == len(ref.rules)
