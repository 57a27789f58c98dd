"""A rule's peer kind is derived once, when the rule is parsed, from its own fields and the
parameters its peer may name (issue 26, point 3): never patched afterwards, the same whatever
order the file lists its sections in, and the same for a rule validated on its own.

The expected kinds are read off the data here (a peer naming a cidr parameter whose example
has a ':' is an IPv6 one), not from gen's derivation.
"""

from __future__ import annotations

import ipaddress

import yaml
from helpers import DATA

from gen.reference.load import load_text
from gen.reference.model import PEER_PARAMETERS, Reference, Rule
from gen.reference.yamlfile import dump

RAW = yaml.safe_load(DATA.read_text(encoding="utf-8"))


def expected_kinds(raw: dict) -> dict[str, str]:
    """Rule id -> its peer's kind, from the raw data alone."""
    parameters = {p["id"]: p for p in raw["parameters"]}
    roles = {g["id"] for g in raw["security_groups"]}
    kinds = {}
    for rule in raw["rules"]:
        peer = str(rule["peer"])
        if peer == "self":
            kinds[rule["id"]] = "self"
        elif peer in roles:
            kinds[rule["id"]] = "role"
        elif peer in parameters and parameters[peer]["kind"] == "prefix-list":
            kinds[rule["id"]] = "prefix-list"
        elif peer in parameters:
            v6 = ":" in str(parameters[peer]["example"])
            kinds[rule["id"]] = "ipv6-parameter" if v6 else "ipv4-parameter"
        else:
            kinds[rule["id"]] = f"ipv{ipaddress.ip_network(peer).version}"
    return kinds


def kinds_of(ref: Reference) -> dict[str, str]:
    return {r.id: r.peer_kind for r in ref.rules}


def test_the_data_file_s_peer_kinds_are_those_its_parameters_say() -> None:
    expected = expected_kinds(RAW)
    assert {"ipv4-parameter", "ipv6-parameter", "prefix-list"} <= set(expected.values())
    assert kinds_of(load_text(DATA.read_text(encoding="utf-8"), "reference.yaml")) == expected


def test_rules_listed_before_the_parameters_get_the_same_kinds() -> None:
    order = ["rules", *[k for k in RAW if k != "rules"]]
    text = dump({key: RAW[key] for key in order})
    assert text.startswith("rules:")
    assert "\nparameters:" in text
    assert kinds_of(load_text(text, "reordered.yaml")) == expected_kinds(RAW)


def test_a_reference_validated_from_plain_data_gives_its_rules_the_same_kinds() -> None:
    ref = Reference.model_validate(RAW)
    assert kinds_of(ref) == expected_kinds(RAW)


def test_a_rule_on_its_own_is_right_with_the_parameters_it_is_parsed_with() -> None:
    raw = next(r for r in RAW["rules"] if r["peer"] == "vpc-cidr")
    alone = Rule.model_validate(raw)
    assert (alone.peer_kind, alone.peer_role) == ("role", "vpc-cidr")  # a slug, nothing else known
    told = Rule.model_validate(raw, context={PEER_PARAMETERS: {"vpc-cidr": "ipv4-parameter"}})
    assert (told.peer_kind, told.peer_role, told.peer_parameter) == (
        "ipv4-parameter", None, "vpc-cidr")  # fmt: skip


def test_copies_derive_their_kind_from_their_own_peer() -> None:
    ref = load_text(DATA.read_text(encoding="utf-8"), "reference.yaml")
    rule = next(r for r in ref.rules if r.peer_kind == "ipv6-parameter")
    assert rule.model_copy(update={"description": "Another"}).peer_kind == "ipv6-parameter"
    moved = rule.model_copy(update={"peer": "node"})
    assert (moved.peer_kind, moved.peer_role) == ("role", "node")
    assert rule.peer_kind == "ipv6-parameter"  # the original is untouched
