"""A property (issue 24): arbitrary Unicode, every line-break character included, in every
free-text field, rule id and parameter id of a data file. Either `load` refuses it (and only
text with a control character or a CloudFormation dynamic reference is refused), or every
published output parses with its real tool and carries no extra resource, command or element.

Judges, each independent of the writers: terraform fmt and validate (tests/tf_tools.py) and
the resource blocks, cfn-lint and PyYAML, `dash -n`, the csv module, the json module; and the line
count of every code output, which equals that of the same file with plain text in every field
(text that ended a comment or a string would add a line: a resource, a command).
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import yaml
from helpers import FIXTURES
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from tf_tools import Terraform

from gen.formats import paths, render_all
from gen.formats.hcl import identifier
from gen.formats.yamltext import logical_id
from gen.reference.model import TERRAFORM_RESERVED
from gen.reference.problems import DataError
from gen.reference.words import CONTROL, DYNAMIC_REFERENCE, LINE_BREAKS

BASE = yaml.safe_load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
TEXT_FIELDS = {  # section -> the free-text fields the schema has there
    "sources": ("title", "location", "quote"),
    "security_groups": ("title", "attached_to", "created_by", "seed_name", "notes"),
    "categories": ("title", "meaning", "question", "help"),
    "parameters": ("title", "description"),
    "rules": ("notes",),
}
HOSTILE_IDS = ["yes", "on", "off", "null", "010", "y", "no", "true", "constructor", "1e3"]
SLUG = r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}"

PIECES = [
    "`",
    "${",
    "%{",
    '"',
    "'",
    "\\",
    "#",
    ": ",
    "<!--",
    "|",
    "*",
    "_",
    "\u00a0",
    "\u200b",
    "\u00ad",
]
BREAKERS = [*LINE_BREAKS, "\x1b", "\u202e", "{{resolve:", "{{ReSoLvE :"]
"""What validation refuses: every line break, other controls, a dynamic reference."""
texts = st.lists(
    st.one_of(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Cf", "Zl", "Zp")),
              st.sampled_from(PIECES)),
    min_size=1, max_size=8,
).map("".join)  # any other scalar value (surrogates cannot be UTF-8) and pieces of markup  # fmt: skip
descriptions = st.lists(
    st.sampled_from(list("abcXYZ019 ._-:/()#,@[]+=;{}!$*")), min_size=1, max_size=20
).map("".join)
ids = st.one_of(st.sampled_from(HOSTILE_IDS), st.from_regex(SLUG, fullmatch=True))


def _rule_ids(count: int):
    return st.lists(ids, min_size=count, max_size=count, unique_by=(logical_id, identifier))


@st.composite
def hostile_data(draw) -> tuple[dict, dict]:
    """(the hostile data, the same data with plain text in every field it changed)."""
    data, plain = copy.deepcopy(BASE), copy.deepcopy(BASE)
    for section, fields in TEXT_FIELDS.items():
        for item, twin in zip(data[section], plain[section], strict=True):
            for field in fields:
                if field == "question" and item.get("baseline"):
                    continue
                item[field], twin[field] = draw(texts), "x"
    for item, twin in zip(data["rules"], plain["rules"], strict=True):
        item["description"], twin["description"] = draw(descriptions), "x"
    if draw(st.booleans()):  # half the examples: one field gets what validation must refuse
        section = draw(st.sampled_from([*TEXT_FIELDS, "descriptions", "peer"]))
        if section == "peer":  # an IPv6 zone id: any text after `%` (issue 24, item 1)
            rule = next(r for r in data["rules"] if "/" in str(r["peer"]))
            rule["peer"] = f"::%{draw(texts)}{draw(st.sampled_from(BREAKERS))}/0"
            return data, plain
        items = data["rules" if section == "descriptions" else section]
        item = draw(st.sampled_from(items))
        fields = (
            ["description"]
            if section == "descriptions"
            else [f for f in item if f in TEXT_FIELDS[section]]
        )
        field = draw(st.sampled_from(fields))
        at = draw(st.integers(0, len(item[field])))
        item[field] = item[field][:at] + draw(st.sampled_from(BREAKERS)) + item[field][at:]
    renamed = dict(
        zip([r["id"] for r in BASE["rules"]], draw(_rule_ids(len(BASE["rules"]))), strict=True)
    )
    parameter = draw(ids.filter(lambda i: i.replace("-", "_") not in TERRAFORM_RESERVED))
    parameter = parameter if parameter not in renamed.values() else "listener-port"
    for tree in (data, plain):
        for rule in tree["rules"]:
            rule["id"] = renamed[rule["id"]]
            rule["ports"] = parameter if rule.get("ports") == "listener-port" else rule.get("ports")
            if rule["ports"] is None:
                del rule["ports"]
        tree["parameters"][0]["id"] = parameter
        for port in tree["istio"]["ports"]:
            port["rules"] = [renamed[r] for r in port["rules"]]
    return data, plain


def _refused_text(data: dict) -> bool:
    """Whether validation must refuse `data`: a control character, a dynamic reference, or a
    peer with a zone id."""
    values = [data[s][i][f] for s, fs in TEXT_FIELDS.items() for i in range(len(data[s]))
              for f in fs if f in data[s][i]]  # fmt: skip
    values += [r["description"] for r in data["rules"]]
    if any("%" in str(r["peer"]) for r in data["rules"]):
        return True
    return any(CONTROL.search(v) or DYNAMIC_REFERENCE.search(v) for v in values)


def _load(data: dict, path: Path):
    """The reference, or the DataError `load` raised."""
    from gen.reference.load import load

    # escaped (\\x85, \\u2028): raw, YAML would fold a line break inside a scalar to a space
    path.write_text(yaml.safe_dump(data, allow_unicode=False, sort_keys=False), encoding="utf-8")
    try:
        return load(path)
    except DataError as err:
        return err


def _lines(outputs: dict) -> dict[str, int]:
    code = (".sh", ".tf", ".yaml", ".json", ".csv")
    return {str(p): len(t.splitlines()) for p, t in outputs.items() if p.suffix in code}


class _Loader(yaml.SafeLoader):
    """YAML with CloudFormation's short `!Ref`."""


_Loader.add_constructor("!Ref", lambda loader, node: {"Ref": loader.construct_scalar(node)})


def _check_outputs(ref, outputs: dict) -> None:
    """Every output parses; the rules CSV, the template and the module hold one item per rule."""
    for path, text in outputs.items():
        if path.suffix == ".json":
            json.loads(text)
        elif path.suffix == ".csv":
            rows = list(csv.reader(io.StringIO(text, newline="")))
            assert all(len(row) == len(rows[0]) for row in rows), path
        elif path.suffix == ".sh":
            checked = subprocess.run(["dash", "-n"], input=text, text=True, capture_output=True)
            assert checked.returncode == 0, (path, checked.stderr)
    rows = list(csv.reader(io.StringIO(outputs[paths.rules_csv()], newline="")))
    assert len(rows) == len(ref.rules) + 1
    template = outputs[paths.cloudformation()]
    resources = yaml.load(template, Loader=_Loader)["Resources"]  # noqa: S506 (SafeLoader + !Ref)
    assert sorted(resources) == sorted(logical_id(r.id) for r in ref.rules)
    # terraform formats and validates it below: its blocks start a line, one per rule
    # (python-hcl2 cannot parse the variables' regex validations, so it is not the judge here)
    module = outputs[paths.terraform()]
    assert len(re.findall(r'^resource "', module, flags=re.MULTILINE)) == len(ref.rules)


def _call(name: str, module: str) -> str:
    """A `module` block calling the folder `name`, with a valid value for each variable."""
    values = {"number": "30080", "string": '"sg-0123456789abcdef0"'}
    found = re.findall(r'^variable "(\w+)" \{\n(?:  .*\n)*?  type += (\w+)', module, re.MULTILINE)
    lines = [f'  source = "./{name}"', *(f"  {var} = {values[kind]}" for var, kind in found)]
    return f'module "{name}" {{\n' + "\n".join(lines) + "\n}\n"


def _check_with_tools(root: Path, modules: dict[str, str], templates: list[Path]) -> None:
    """One terraform fmt, init and validate for every module; one cfn-lint for every template."""
    tf = Terraform(root / "cli")
    for name, module in modules.items():
        (root / name).mkdir()
        (root / name / "main.tf").write_text(module, encoding="utf-8")
    (root / "main.tf").write_text("".join(_call(n, m) for n, m in modules.items()))
    tf.run(root, "fmt", "main.tf")  # the harness's own file; the generated ones are checked
    fmt = tf.run(root, "fmt", "-recursive", "-check", "-diff", check=False)
    assert (fmt.returncode, fmt.stdout) == (0, ""), fmt.stdout
    tf.run(root, "init", "-backend=false")
    assert "The configuration is valid" in tf.run(root, "validate").stdout
    lint = subprocess.run([str(Path(sys.executable).parent / "cfn-lint"), *map(str, templates)],
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert lint.returncode == 0, lint.stdout


@settings(
    max_examples=1,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],
)  # fmt: skip (one batch; shrinking takes minutes)
@given(pairs=st.lists(hostile_data(), min_size=8, max_size=8))
def test_hostile_text_is_refused_or_every_output_parses_and_adds_nothing(
    pairs, tmp_path_factory
) -> None:
    """Eight data files per run, checked together so that terraform and cfn-lint run once."""
    root = tmp_path_factory.mktemp("hostile")
    modules: dict[str, str] = {}
    templates: list[Path] = []
    for n, (data, plain) in enumerate(pairs):
        ref = _load(data, root / f"data{n}.yaml")
        if isinstance(ref, DataError):
            lines = ref.lines()[:-1]
            assert _refused_text(data), "\n".join(lines)
            assert all(
                re.search(
                    "control character|CloudFormation would resolve|EC2 allows only|zone id", x
                )
                for x in lines
            ), lines
            continue
        assert not _refused_text(data)
        outputs = render_all(ref)
        expected = _lines(render_all(_load(plain, root / f"plain{n}.yaml")))
        assert _lines(outputs) == expected  # no text added a line: no extra resource or command
        _check_outputs(ref, outputs)
        modules[f"module_{n}"] = outputs[paths.terraform()]
        templates.append(root / f"template{n}.yaml")
        templates[-1].write_text(outputs[paths.cloudformation()], encoding="utf-8")
    assert modules, "every data file was refused: the strategy tests nothing"
    _check_with_tools(root, modules, templates)
