"""The Terraform outputs, checked by the real terraform (fmt, validate, evaluation of quoted
text) and python-hcl2 (the terraform-aws-eks maps, field by field and round-tripped)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import hcl2
import pytest
from helpers import DATA, ROOT, eks_sg
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from setups import selections
from tf_tools import Terraform, hcl_value, without_comments

from gen.aws import ec2
from gen.aws.commands import Values
from gen.formats import iac, paths, terraform, terraform_aws_eks
from gen.formats.hcl import aligned, string
from gen.reference.load import load
from gen.reference.model import Reference
from gen.select import Setup, select

pytestmark = pytest.mark.terraform
REF = load(DATA)  # not a fixture in @given tests: hypothesis would print all of it
HOSTILE = ['a"b', "${path.root}", "%{ if true }x%{ endif }", "line\nbreak", "it's", "back\\slash",
           "$${x}", "tab\tand\r", "\x1b[31m", "\u2028", "emoji \U0001f600", "é", "}\n}\nresource"]  # fmt: skip


@pytest.fixture(scope="module")
def tf(tmp_path_factory) -> Terraform:
    return Terraform(tmp_path_factory.mktemp("terraform"))


@settings(max_examples=1, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts=st.lists(st.text(max_size=30), min_size=20, max_size=20))
def test_quoted_text_is_exactly_the_text_in_terraform(tmp_path_factory, texts) -> None:
    """Data text never becomes an expression: terraform itself evaluates the quoted strings."""
    work = tmp_path_factory.mktemp("quoting")
    tf = Terraform(work / "cli")
    texts = [*HOSTILE, *(t for t in texts if "\x00" not in t)]
    body = "".join(f'output "o{i}" {{\n  value = {string(t)}\n}}\n' for i, t in enumerate(texts))
    (work / "main.tf").write_text(body)
    tf.run(work, "init")
    tf.run(work, "apply", "-auto-approve")
    out = json.loads(tf.run(work, "output", "-json").stdout)
    assert [out[f"o{i}"]["value"] for i in range(len(texts))] == texts


def _write(folder: Path, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "main.tf").write_text(text)


def _arguments(ref: Reference, text_rules, values: Values | None) -> list[tuple[str, str]]:
    """`name = value` for every variable the module needs and has no default for."""
    ids = {g.id: f"sg-{i:08x}" for i, g in enumerate(ref.security_groups, 1)}
    groups, ports = (values.groups, values.ports) if values else ({}, {})
    args = [
        (terraform.role_variable(g.id), string(ids[g.id]))
        for g in iac.roles_used(ref, text_rules)
        if iac.given(groups.get(g.id)) is None
    ]
    for p in iac.parameters(ref, text_rules):
        if iac.given(ports.get(p.id)) is None:
            value = p.example if isinstance(p.example, int) else string(p.example)
            args.append((terraform.parameter_variable(p.id), str(value)))
    return args  # fmt: skip


@settings(max_examples=1, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_published_files_and_50_setups_are_fmt_clean_and_valid(tmp_path_factory, data) -> None:
    """One root module calls every published module and 50 random setups' modules: one init
    and one `terraform validate` check them all (each is a module of its own folder).
    terraform starts the provider itself here: `init` then checks every module's
    `required_providers` against the mirror's provider, which an attached one skips."""
    ref = REF
    root = tmp_path_factory.mktemp("validate")
    tf = Terraform(root / "cli", attach=False)
    calls = []
    for role, _, rules in terraform.scopes(ref):
        name = f"published_{role or 'all'}".replace("-", "_")
        shutil.copy(ROOT / paths.terraform(role), _folder(root / name))
        calls.append((name, _arguments(ref, rules, None)))
    for i, (selection, values) in enumerate(
        data.draw(st.lists(selections(ref), min_size=50, max_size=50))
    ):
        _write(root / f"setup_{i}", terraform.render_selection(ref, selection, values))
        calls.append((f"setup_{i}", _arguments(ref, selection.rules, values)))
    body = "".join(
        f'module "{n}" {{\n' + "\n".join(aligned([("source", f'"./{n}"'), *args], "  ")) + "\n}\n"
        for n, args in calls
    )
    (root / "main.tf").write_text(body)
    fmt = tf.run(root, "fmt", "-check", "-recursive", "-diff", check=False)
    assert (fmt.returncode, fmt.stdout) == (0, "")
    tf.run(root, "init", "-backend=false")
    assert "The configuration is valid" in tf.run(root, "validate").stdout


def _folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path / "main.tf"


def test_validate_fails_on_a_bad_module(tf: Terraform, tmp_path: Path, ref: Reference) -> None:
    """A control: the same validate run rejects a missing required variable and a bad value."""
    _write(
        tmp_path / "m",
        terraform.render_selection(ref, select(ref, Setup(("alb",))), Values.variables(ref)),
    )
    (tmp_path / "main.tf").write_text('module "m" {\n  source = "./m"\n  node_sg_id = "sg-1"\n}\n')
    tf.run(tmp_path, "init", "-backend=false")
    result = tf.run(tmp_path, "validate", check=False)
    assert result.returncode == 1
    assert 'The argument "alb_listener_port" is required' in result.stderr


def test_module_shape(ref: Reference) -> None:
    """Variables per role and parameter, one resource per rule named after it, tags, no provider."""
    selection = select(ref, Setup(("alb", "nlb-without-sg", "restricted-egress", "ipv6")))
    values = Values.variables(ref)
    values.groups["node"] = "sg-0123456789abcdef0"
    text = terraform.render_selection(ref, selection, values)
    parsed = without_comments(hcl2.loads(text))
    assert "provider" not in parsed
    variables = {hcl_value(k): v for block in parsed["variable"] for k, v in block.items()}
    assert set(variables) >= {
        "node_sg_id",
        "control_plane_sg_id",
        "cluster_sg_id",
        "alb_sg_id",
        "alb_listener_port",
        "vpc_cidr",
        "s3_prefix_list",
        "nlb_client_cidr",
    }
    assert hcl_value(variables["node_sg_id"]["default"]) == "sg-0123456789abcdef0"
    assert "default" not in variables["alb_listener_port"]  # required: no silent placeholder
    assert all(v.get("validation") for v in variables.values())
    resources = [(hcl_value(kind), hcl_value(name), body) for block in parsed["resource"] for kind, named in block.items()
                 for name, body in named.items()]  # fmt: skip
    assert [name for _, name, _ in resources] == [r.id.replace("-", "_") for r in selection.rules]
    for (kind, _, body), rule in zip(resources, selection.rules, strict=True):
        assert kind == terraform.RESOURCE[rule.direction]
        assert hcl_value(body["description"]) == rule.description
        assert {hcl_value(k): hcl_value(v) for k, v in body["tags"].items()} == {
            iac.TAG_RULE: rule.id,
            iac.TAG_VERSION: ref.version,
        }
    assert text.startswith("# Generated by: eks-sg rules --with alb,nlb-without-sg,")


def _peer_back(entry: dict, rule) -> str:
    """The peer a terraform-aws-eks entry names, in the reference's words."""
    if entry.get("self"):
        return "self"
    if entry.get("source_cluster_security_group"):
        return "control-plane"
    if entry.get("source_node_security_group"):
        return "node"
    for field in ("source_security_group_id", "cidr_blocks", "ipv6_cidr_blocks", "prefix_list_ids"):
        if field in entry:
            value = entry[field][0] if isinstance(entry[field], list) else entry[field]
            value = hcl_value(value)
            if value.startswith("${var."):
                name = value[6:-1]
                roles = {terraform.role_variable(g.id): g.id for g in []}
                return roles.get(name, name.removesuffix("_sg_id").replace("_", "-"))
            return value
    raise AssertionError(f"{rule.id}: no peer field in {entry}")


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_terraform_aws_eks_maps_round_trip(data) -> None:
    """Parsed with python-hcl2: the module's field names only, one peer each, and every rule
    back to the same protocol, ports and peer; the module's defaults are comments."""
    ref = REF
    selection, values = data.draw(selections(ref))
    text = terraform_aws_eks.render_selection(ref, selection, values)
    parsed = without_comments(hcl2.loads(text))
    parsed.pop("variable", None)  # tests/formats/test_terraform_aws_eks.py checks them
    inputs = terraform_aws_eks.INPUTS[terraform_aws_eks.LATEST]
    assert set(parsed) == set(inputs.values())
    for role, name in inputs.items():
        rules = [r for r in selection.rules if r.group == role]
        written = [r for r in rules if not terraform_aws_eks.default_key(r)]
        entries = parsed[name]
        entries = entries[0] if isinstance(entries, list) else entries  # python-hcl2 8 wraps it
        assert list(entries) == [terraform_aws_eks.key(r) for r in written]
        for rule in written:
            entry = entries[terraform_aws_eks.key(rule)]
            assert set(entry) <= set(terraform_aws_eks.FIELDS)
            assert {"description", "protocol", "from_port", "to_port", "type"} <= set(entry)
            assert (
                len(set(entry) - {"description", "protocol", "from_port", "to_port", "type"}) == 1
            )
            spec = ec2.permission_spec(rule)
            assert hcl_value(entry["protocol"]) == spec.ip_protocol
            assert hcl_value(entry["type"]) == (
                "ingress" if rule.direction == "inbound" else "egress"
            )
            assert hcl_value(entry["description"]) == rule.description
            ports = (entry["from_port"], entry["to_port"])
            given_port = values.ports.get(spec.parameter) if spec.parameter else None
            if isinstance(given_port, int):
                assert ports == (given_port, given_port)
            elif spec.parameter:
                assert ports == (f"${{var.{spec.parameter.replace('-', '_')}}}",) * 2
            else:
                assert ports == (
                    (0, 0) if spec.ip_protocol == "-1" else (spec.from_port, spec.to_port)
                )
            given_ids = {v: role for role, v in values.groups.items() if isinstance(v, str)}
            given_ids |= {str(v): p for p, v in values.ports.items() if isinstance(v, str)}
            back = _peer_back(entry, rule)
            assert given_ids.get(back, back) == rule.peer
        for rule in rules:
            if terraform_aws_eks.default_key(rule):
                assert f"# {rule.id}: terraform-aws-eks creates it as " in text


def test_the_rules_command_prints_terraform_and_checks_sg_values() -> None:
    good = eks_sg(
        "rules", "--with", "istio", "--format", "terraform", "--sg", "node=sg-0123456789abcdef0"
    )
    assert good.returncode == 0, good.stderr
    assert re.search(r'\n  default += "sg-0123456789abcdef0"\n', good.stdout)
    assert good.stdout.startswith(
        "# Generated by: eks-sg rules --with istio --sg node=sg-0123456789abcdef0 --format terraform\n"
    )
    bad = eks_sg("rules", "--format", "terraform", "--sg", 'node=sg-1"}')
    assert bad.returncode == 2
    assert bad.stdout == ""
