"""`--format terraform-aws-eks` against the module's own facts at v20.37.2 and v21.19.0, as
recorded from its repository (tests/fixtures/upstream/terraform-aws-eks.json: the
`*security_group_additional_rules` variables' `type` lines, parsed with python-hcl2, and the
rules the module creates): the input names of each version, entries that fit the input's
declared type, every variable referenced declared, and comments only for rules the module really
creates, on the ports and peers it creates them with (recommended-only ones marked, none claimed
for v20's missing 10251)."""

from __future__ import annotations

import json
import re

import hcl2
import pytest
from helpers import DATA, FIXTURES, eks_sg
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from setups import selections

from gen.formats import terraform_aws_eks
from gen.reference.load import load

FACTS = json.loads((FIXTURES / "upstream" / "terraform-aws-eks.json").read_text(encoding="utf-8"))
TAGS = {20: "v20.37.2", 21: "v21.19.0"}
REF = load(DATA)
NO_SHRINK = (Phase.explicit, Phase.reuse, Phase.generate)  # a failure here is read, not shrunk


def _unquoted(value):
    """python-hcl2 8 keeps a block label's quotes (`"create"`): the names without them."""
    if isinstance(value, dict):
        return {k.strip('"'): _unquoted(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unquoted(v) for v in value]
    return value


def _one(value):
    """python-hcl2 wraps a top-level attribute's and a block argument's value in a list."""
    return value[0] if isinstance(value, list) and len(value) == 1 else value


def module_inputs(version: int) -> dict[str, str]:
    """The module's `*security_group_additional_rules` variables and their type text: each
    block written again from its recorded `type` lines and read by python-hcl2."""
    found = {}
    for name, recorded in FACTS["tags"][TAGS[version]]["inputs"]["variables"].items():
        block = f'variable "{name}" {{\n' + "\n".join(recorded["lines"].values()) + "\n}\n"
        (variable,) = _unquoted(hcl2.loads(block))["variable"]
        found[name] = _one(variable[name]["type"])
    return found


def _top_level(text: str) -> list[str]:
    """`a, b(c, d), e` split at the commas outside parentheses."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    return [*parts, text[start:].strip()]


def object_fields(type_text: str) -> dict[str, str]:
    """`map(object({a = number, b = optional(string, "x")}))` as python-hcl2 8 prints it:
    field -> its type (`?` for optional(...), its default dropped)."""
    body = type_text.split("object({", 1)[1].rsplit("})", 1)[0]
    fields = {}
    for part in _top_level(body):
        name, kind = (s.strip() for s in part.split("=", 1))
        optional = kind.startswith("optional(")
        inner = _top_level(kind[len("optional(") : -1])[0] if optional else kind
        fields[name] = ("?" if optional else "") + (
            "list(string)" if inner.startswith("list") else inner
        )
    return fields


def _rule_blocks(version: int) -> dict[str, dict[str, dict]]:
    """main.tf's `cluster_security_group_rules` and node_groups.tf's `node_security_group_rules`
    and `node_security_group_recommended_rules`: rule key -> its recorded facts."""
    blocks = FACTS["tags"][TAGS[version]]["rules"]
    return {name: block["rules"] for name, block in blocks.items()}


def module_rules(version: int) -> tuple[set[str], set[str]]:
    """The keys of the rules the module creates: always, and only with recommended rules on."""
    blocks = _rule_blocks(version)
    always = set(blocks["node_security_group_rules"]) | set(blocks["cluster_security_group_rules"])
    return always, set(blocks["node_security_group_recommended_rules"])


ROLE_OF_BLOCK = {"cluster_security_group_rules": "control-plane",
                 "node_security_group_rules": "node",
                 "node_security_group_recommended_rules": "node"}  # fmt: skip
PEER_OF_FIELD = {"source_cluster_security_group": "control-plane",
                 "source_node_security_group": "node", "self": "self"}  # fmt: skip


def _peers(source: dict[str, str]) -> set[str]:
    """The peers a rule's source fields name (their HCL text): the other group, itself, or the
    CIDRs of a list literal (the IPv6 one sits in a condition on the IP family)."""
    peers = {
        PEER_OF_FIELD[f] for f, text in source.items() if text == "true" and f in PEER_OF_FIELD
    }
    for field in ("cidr_blocks", "ipv6_cidr_blocks"):
        peers |= set(re.findall(r'\["([^"]+)"\]', source.get(field, "")))
    return peers


def module_shapes(version: int) -> dict[str, set[tuple]]:
    """Rule key -> the (role, type, protocol, from, to, peer) it opens, from the module's facts."""
    shapes = {}
    for block, rules in _rule_blocks(version).items():
        for key, rule in rules.items():
            head = (ROLE_OF_BLOCK[block], rule["type"], rule["protocol"], rule["from_port"],
                    rule["to_port"])  # fmt: skip
            shapes[key] = {(*head, peer) for peer in _peers(rule["source"])}
    return shapes


def test_the_tables_name_only_rules_each_version_creates() -> None:
    for version in (20, 21):
        always, recommended = module_rules(version)
        assert set(terraform_aws_eks.ALWAYS.values()) == always, version
        assert set(terraform_aws_eks.RECOMMENDED_RULES[version].values()) == recommended, version
    assert "ingress_cluster_10251_webhook" not in module_rules(20)[1]


def test_the_tables_say_the_ports_and_peers_of_each_module_rule() -> None:
    for version in (20, 21):
        tables = terraform_aws_eks.ALWAYS | terraform_aws_eks.RECOMMENDED_RULES[version]
        named: dict[str, set[tuple]] = {}
        for shape, key in tables.items():
            named.setdefault(key, set()).add(shape)
        assert named == module_shapes(version), version


def test_input_names_per_version() -> None:
    for version in (20, 21):
        assert set(terraform_aws_eks.INPUTS[version].values()) == set(module_inputs(version))


def _value_fits(value, kind: str, declared: dict[str, str]) -> bool:
    """An HCL value (as hcl2 returns it) against a declared type; a var reference against the
    variable's declared type."""
    if isinstance(value, str) and value.startswith("${var."):
        name = value[len("${var.") : -1]
        return declared.get(name) == kind
    if kind == "number":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "string":
        return isinstance(value, str) and not value.startswith("${")
    if kind == "list(string)":
        return isinstance(value, list) and all(_value_fits(v, "string", declared) for v in value)
    return False


def check_output(text: str, version: int) -> None:
    parsed = _unquoted(hcl2.loads(text))
    declared = {}
    for variable in parsed.get("variable", []):
        for name, body in variable.items():
            declared[name] = _one(body["type"]).removeprefix("${").removesuffix("}")
    inputs = module_inputs(version)
    v21 = module_inputs(21)
    for name in terraform_aws_eks.INPUTS[version].values():
        type_text = inputs[name]
        # v20 types its inputs `any`; its rules read the fields v21 declares (same resource)
        typed = (
            type_text
            if type_text not in ("any", "${any}")
            else v21[name.replace("cluster_", "", 1)]
        )
        fields = object_fields(typed)
        for key, entry in _one(parsed[name]).items():
            required = {f for f, k in fields.items() if not k.startswith("?")}
            assert required <= set(entry), (key, required)
            for field, value in entry.items():
                assert field in fields, (version, key, field)
                assert _value_fits(value, fields[field].lstrip("?"), declared), (key, field, value)
    used = set(re.findall(r"\bvar\.(\w+)", text))
    assert used <= set(declared), used - set(declared)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), phases=NO_SHRINK)
@given(data=st.data())
def test_random_setups_fit_both_module_versions(data) -> None:
    selection, values = data.draw(selections(REF))
    version = data.draw(st.sampled_from((20, 21)))
    recommended = data.draw(st.booleans())
    text = terraform_aws_eks.render_selection(REF, selection, values, version, recommended)
    check_output(text, version)
    always, optional = module_rules(version)
    for claimed in re.findall(r"creates it as (\w+)", text):
        assert claimed in always | (optional if recommended else set()), claimed
    assert ("--no-recommended-rules" in text) or recommended


@pytest.mark.parametrize("version", [20, 21])
def test_the_command_takes_the_module_version(version: int) -> None:
    args = ["--with", "nlb,metrics-server-eks-addon", "--format", "terraform-aws-eks"]
    result = eks_sg("rules", *args, "--module-version", str(version))
    assert result.returncode == 0, result.stderr
    check_output(result.stdout, version)
    assert f"{terraform_aws_eks.INPUTS[version]['control-plane']} = {{" in result.stdout
    assert 'variable "nlb_sg_id"' in result.stdout
    metrics = "# node-in-metrics-server-10251-from-control-plane: terraform-aws-eks creates it"
    assert (metrics in result.stdout) == (version == 21)
    off = eks_sg("rules", *args, "--module-version", str(version), "--no-recommended-rules")
    assert "node_out_all_ipv4 = {" in off.stdout
    assert "egress_all" not in off.stdout
    bad = eks_sg("rules", *args, "--module-version", "19")
    assert bad.returncode == 2
