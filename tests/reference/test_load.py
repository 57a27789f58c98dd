"""One test per kind of error: the exact message and where it points (file:line:column).

Each case breaks one thing in tests/fixtures/minimal.yaml. The line and column were read off
the broken fixture by hand: they point at the offending value (or key) in the file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import errors_of, load_text, replace_once

from gen.reference.load import MAX_ERRORS

KUBELET = "  ports: 10250\n  peer: control-plane\n  categories: [minimum]\n"
CP_KUBELET_RULE = (
    "- id: control-plane-out-kubelet\n  group: control-plane\n  direction: outbound\n"
    "  protocol: tcp\n  ports: 10250\n  peer: node\n  categories: [minimum]\n"
    "  description: Kubelet API\n  sources: [seed]\n"
)
WEBHOOK_PORTS = '  istio_ports: ["istiod:15017"]\n- id: control-plane-out-kubelet'
DUPLICATE_ISTIO_PORT = (
    "  - component: istiod\n    port: 15017\n    protocol: HTTPS\n    description: Again\n"
    "    scope: network\n    sources: [seed]\n"
)

CASES = {
    "yaml syntax": (
        KUBELET, KUBELET.replace("[minimum]", "[minimum"),
        "ref.yaml:41:14: YAML syntax error: did not find expected ',' or ']' (while parsing a "
        "flow sequence on line 40); fix it, then validate again",
    ),
    "unknown key": (
        "  protocol: icmp\n", "  protocol: icmp\n  prot: icmp\n",
        "ref.yaml:47:3: rules[1]: unknown key 'prot'; did you mean 'protocol'? allowed keys: "
        "id, group, direction, protocol, ports, icmp, peer, categories, description, sources, "
        "istio_ports, notes, backed_by, inferred",
    ),
    "missing key": (
        "  description: Path MTU discovery\n", "",
        "ref.yaml:43:3: rules[1]: missing required key 'description'",
    ),
    "wrong type": (
        "  example: 30080", "  example: thirty",
        "ref.yaml:31:12: parameters[0].example: a port parameter's example is a port such as "
        "30080, not 'thirty'",
    ),
    "port out of range": (
        KUBELET, KUBELET.replace("10250", "70000"),
        "ref.yaml:38:10: rules[0].ports: port 70000 is outside 0-65535",
    ),
    "port range backwards": (
        "  ports: 15017\n  peer: control-plane\n", "  ports: 2000-1000\n  peer: control-plane\n",
        "ref.yaml:65:10: rules[3].ports: port range '2000-1000' runs backwards: "
        "2000 is greater than 1000",
    ),
    "icmp code out of range": (
        "{type: 3, code: 4}", "{type: 3, code: 300}",
        "ref.yaml:47:25: rules[1].icmp.code: Input should be less than or equal to 255 (got 300)",
    ),
    "unknown protocol": (
        "  protocol: icmp\n", "  protocol: icmp4\n",
        "ref.yaml:46:13: rules[1].protocol: Input should be 'tcp', 'udp', 'icmp', 'icmpv6' or "
        "'all' (got 'icmp4')",
    ),
    "unknown group": (
        "  group: control-plane\n  direction: outbound\n  protocol: tcp\n  ports: 10250",
        "  group: controlplane\n  direction: outbound\n  protocol: tcp\n  ports: 10250",
        "ref.yaml:72:10: rules[4].group: unknown security group 'controlplane'; "
        "known: control-plane, node",
    ),
    "unknown peer group": (
        "  peer: node\n  categories: [istio]", "  peer: nodes\n  categories: [istio]",
        "ref.yaml:85:9: rules[5].peer: unknown security group or parameter 'nodes'; known: "
        "control-plane, node",
    ),
    "unknown group to leave the VPC through": (
        "  created_by: You\n  variable: CONTROL_PLANE_SG_ID\n",
        "  created_by: You\n  variable: CONTROL_PLANE_SG_ID\n  outside_vpc_via: nodes\n",
        "ref.yaml:18:20: security_groups[1].outside_vpc_via: unknown security group 'nodes'; "
        "known: control-plane, node",
    ),
    "a group leaving the VPC through itself": (
        "  created_by: You\n  variable: CONTROL_PLANE_SG_ID\n",
        "  created_by: You\n  variable: CONTROL_PLANE_SG_ID\n  outside_vpc_via: control-plane\n",
        "ref.yaml:18:20: security_groups[1].outside_vpc_via: group 'control-plane' cannot leave "
        "the VPC through itself",
    ),
    "unknown category": (
        "  peer: 10.0.0.0/16\n  categories: [minimum]",
        "  peer: 10.0.0.0/16\n  categories: [minimum, recomended]",
        "ref.yaml:58:25: rules[2].categories[1]: unknown category 'recomended'; "
        "known: istio, minimum",
    ),
    "unknown source": (
        "  description: Listener from the VPC\n  sources: [seed]",
        "  description: Listener from the VPC\n  sources: [seed, aws]",
        "ref.yaml:60:19: rules[2].sources[1]: unknown source 'aws'; known: seed",
    ),
    "unknown parameter": (
        "  ports: listener-port", "  ports: listner-port",
        "ref.yaml:56:10: rules[2].ports: unknown parameter 'listner-port'; known: listener-port",
    ),
    "duplicate rule id": (
        "- id: node-in-pmtud", "- id: node-in-kubelet",
        "ref.yaml:43:7: rules[1].id: 'node-in-kubelet' is defined twice; the first is rules[0]",
    ),
    "the same rule twice": (
        "  ports: 15017\n  peer: node", "  ports: 10250\n  peer: node\n",
        "ref.yaml:80:3: rules[5]: rule 'control-plane-out-webhook' is the same rule as "
        "'control-plane-out-kubelet' (rules[4]); keep one and list every category on it",
    ),
    "invalid cidr": (
        "  peer: 10.0.0.0/16", "  peer: 10.0.0.1/16",
        "ref.yaml:57:9: rules[2].peer: peer '10.0.0.1/16' is not a valid CIDR: "
        "10.0.0.1/16 has host bits set",
    ),
    "description too long": (
        "  description: Listener from the VPC", "  description: " + "x" * 256,
        "ref.yaml:59:16: rules[2].description: description is 256 characters; "
        "EC2 allows at most 255",
    ),
    "description character": (
        "  description: Listener from the VPC", "  description: Listener from the VPC's edge",
        "ref.yaml:59:16: rules[2].description: description has \"'\" at character 22; EC2 "
        "allows only a-z A-Z 0-9 space and ._-:/()#,@[]+=;{}!$* (and & for CIDR rules)",
    ),
    "ampersand on a group rule": (
        "  description: Kubelet API\n  sources: [seed]\n- id: node-in-pmtud",
        "  description: Kubelet & API\n  sources: [seed]\n- id: node-in-pmtud",
        "ref.yaml:41:16: rules[0].description: EC2 allows '&' only in descriptions of CIDR rules",
    ),
    "duplicate istio port": (
        "    rules: [node-in-webhook, control-plane-out-webhook]\n",
        "    rules: [node-in-webhook, control-plane-out-webhook]\n" + DUPLICATE_ISTIO_PORT,
        "ref.yaml:106:11: istio.ports[1].port: 'istiod:15017' is defined twice; "
        "the first is istio.ports[0]",
    ),
    "duplicate yaml key": (
        "  protocol: icmp\n", "  protocol: icmp\n  protocol: tcp\n",
        "ref.yaml:47:3: rules[1]: duplicate key 'protocol' (first on line 46); keep one",
    ),
    "mirror missing": (
        CP_KUBELET_RULE, "",
        "ref.yaml:34:3: [mirror] rules[0]: rule 'node-in-kubelet' has no mirror: control-plane needs an "
        "outbound tcp rule for these ports with peer node in one of its categories (minimum) "
        "or a baseline one",
    ),
    "istio port unknown": (
        WEBHOOK_PORTS, WEBHOOK_PORTS.replace("15017", "15018"),
        "ref.yaml:70:17: rules[3].istio_ports[0]: unknown Istio port 'istiod:15018'; "
        "known: istiod:15017",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", CASES)
def test_error_kind_is_reported_at_its_place(minimal_text: str, case: str) -> None:
    old, new, expected = CASES[case]
    assert errors_of(replace_once(minimal_text, old, new)) == [expected]


def test_minimal_fixture_is_valid(minimal_text: str) -> None:
    assert errors_of(minimal_text) == []


def test_istio_rule_must_name_its_ports(minimal_text: str) -> None:
    text = replace_once(minimal_text, WEBHOOK_PORTS, "- id: control-plane-out-kubelet")
    assert errors_of(text) == [
        "ref.yaml:61:3: [istio-ports] rules[3]: Istio rule 'node-in-webhook' must name the Istio ports it serves",
        "ref.yaml:103:12: [istio-ports] istio.ports[0].rules: rule 'node-in-webhook' does not name Istio "
        "port istiod:15017",
    ]


def test_python_tag_is_rejected_and_never_run(minimal_text: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    evil = f"  example: !!python/object/apply:os.system ['touch {marker}']"
    errors = errors_of(replace_once(minimal_text, "  example: 30080", evil))
    assert errors == [
        "ref.yaml:31:12: parameters[0].example: YAML tag !!python/object/apply:os.system is not "
        "allowed here; write a plain value (it was not run)"
    ]
    assert not marker.exists()


def test_every_error_is_reported_in_one_run(minimal_text: str) -> None:
    text = minimal_text
    for case in ("unknown key", "port out of range", "unknown source", "invalid cidr"):
        old, new, _ = CASES[case]
        text = replace_once(text, old, new)
    errors = errors_of(text)
    # The inserted 'prot' line moves everything after line 46 down by one.
    assert [e.split(": ")[0] for e in errors] == [
        "ref.yaml:38:10", "ref.yaml:47:3", "ref.yaml:58:9", "ref.yaml:61:19",
    ]  # fmt: skip


def test_broken_rule_is_not_also_reported_as_unknown(minimal_text: str) -> None:
    """A rule with a bad port is still a known id for the Istio port that cites it."""
    old = "  ports: 15017\n  peer: control-plane\n"
    text = replace_once(minimal_text, old, old.replace("15017", "99999"))
    assert errors_of(text) == ["ref.yaml:65:10: rules[3].ports: port 99999 is outside 0-65535"]


@pytest.mark.parametrize(
    ("protocol_block", "expected"),
    [
        (
            "  protocol: tcp\n  icmp: {type: 3, code: 4}\n",
            [
                "ref.yaml:43:3: rules[1]: protocol tcp needs 'ports'",
                "ref.yaml:47:9: rules[1].icmp: 'icmp' is only for protocols icmp and icmpv6",
            ],
        ),
        (
            "  protocol: icmp\n  ports: 443\n",
            [
                "ref.yaml:43:3: rules[1]: protocol icmp needs 'icmp' with a type and code",
                "ref.yaml:47:10: rules[1].ports: protocol icmp takes 'icmp', not 'ports'",
            ],
        ),
        (
            "  protocol: all\n  ports: 443\n",
            ["ref.yaml:47:10: rules[1].ports: protocol all covers every port: write 'ports: all'"],
        ),
    ],
)
def test_protocol_needs_the_right_port_fields(
    minimal_text: str, protocol_block: str, expected: list[str]
) -> None:
    text = replace_once(
        minimal_text, "  protocol: icmp\n  icmp: {type: 3, code: 4}\n", protocol_block
    )
    assert errors_of(text) == expected


def test_a_union_field_reports_one_error(minimal_text: str) -> None:
    """`ports` is a number or a string: a float gets one message, not one per branch."""
    text = replace_once(minimal_text, KUBELET, KUBELET.replace("10250", "10.5"))
    assert errors_of(text) == [
        "ref.yaml:38:10: rules[0].ports: Input should be a valid integer (got 10.5)"
    ]


def test_every_missing_section_is_named() -> None:
    assert errors_of("rules:\n- 5\n") == [
        "ref.yaml:1:1: missing required key 'categories'",
        "ref.yaml:1:1: missing required key 'istio'",
        "ref.yaml:1:1: missing required key 'security_groups'",
        "ref.yaml:1:1: missing required key 'sources'",
        "ref.yaml:1:1: missing required key 'version'",
        "ref.yaml:2:3: rules[0]: expected a mapping with id, group, direction, protocol, ports, "
        "icmp, peer, categories, description, sources, istio_ports, notes, backed_by, inferred",
    ]


def broken_rules(count: int) -> str:
    """`count` rules, each with one error (a port out of range)."""
    rule = (
        "- id: r{i}\n  group: node\n  direction: inbound\n  protocol: tcp\n  ports: 70000\n"
        "  peer: self\n  categories: [minimum]\n  description: x\n  sources: [seed]\n"
    )
    return "".join(rule.format(i=i) for i in range(count))


def test_errors_stop_at_the_limit(minimal_text: str) -> None:
    """A file with thousands of errors prints the first MAX_ERRORS and says checking stopped
    there: the file is read no further (a million errors cost no more than 200)."""
    text = replace_once(minimal_text, "rules:\n", "rules:\n" + broken_rules(3000))
    errors = errors_of(text)
    assert len(errors) == MAX_ERRORS + 1
    assert errors[0] == "ref.yaml:38:10: rules[0].ports: port 70000 is outside 0-65535"
    assert errors[MAX_ERRORS - 1].startswith(
        f"ref.yaml:{38 + 9 * (MAX_ERRORS - 1)}:10: rules[199]."
    )
    assert (
        errors[-1] == "... checking stopped here, there may be more; fix these, then validate again"
    )


def test_checking_stops_at_the_limit_without_reading_the_rest(minimal_text: str) -> None:
    """What comes after the 200th error is never read: a syntax error there is not seen."""
    text = replace_once(minimal_text, "rules:\n", "rules:\n" + broken_rules(MAX_ERRORS))
    assert len(errors_of(text + "\nbroken: [\n")) == MAX_ERRORS + 1
    fewer = replace_once(minimal_text, "rules:\n", "rules:\n" + broken_rules(MAX_ERRORS - 1))
    assert errors_of(fewer + "\nbroken: [\n")[0].startswith("ref.yaml:")
    assert "YAML syntax error" in errors_of(fewer + "\nbroken: [\n")[0]


def test_the_same_network_written_two_ways_is_one_rule(minimal_text: str) -> None:
    old = "  peer: 10.0.0.0/16\n"
    text = replace_once(minimal_text, old, "  peer: 10.0.0.0/016\n")
    ref = load_text(text)
    assert ref.rules[2].peer == "10.0.0.0/16"  # stored and emitted as AWS returns it
    assert str(ref.rules[2].network) == "10.0.0.0/16"
    twice = replace_once(
        minimal_text,
        "- id: node-in-webhook\n",
        "- id: node-in-listener-again\n  group: node\n  direction: inbound\n  protocol: tcp\n"
        "  ports: listener-port\n  peer: 10.0.0.0/016\n  categories: [minimum]\n"
        "  description: Again\n  sources: [seed]\n- id: node-in-webhook\n",
    )
    assert errors_of(twice) == [
        "ref.yaml:61:3: rules[3]: rule 'node-in-listener-again' is the same rule as "
        "'node-in-listener' (rules[2]); keep one and list every category on it"
    ]


@pytest.mark.parametrize("written", ["::/0", "0:0::/0", "0000:0000::/0", "::0/0"])
def test_ipv6_networks_are_normalised(minimal_text: str, written: str) -> None:
    text = replace_once(minimal_text, "  peer: 10.0.0.0/16\n", f"  peer: '{written}'\n")
    rule = load_text(text).rules[2]
    assert (rule.peer, rule.peer_kind) == ("::/0", "ipv6")


TEXT_FIELDS = {  # a line holding a free-text field of each model, as the fixture has it
    "source title": ("  title: Seed", 3, "sources[0].title"),
    "group title": ("  title: Node SG", 9, "security_groups[0].title"),
    "attached_to": ("  attached_to: Nodes", 10, "security_groups[0].attached_to"),
    "category meaning": ("  meaning: Needed.", 21, "categories[0].meaning"),
    "parameter description": ("  description: The NodePort.", 32, "parameters[0].description"),
    "istio description": ("    description: The control plane.", 95,
                          "istio.components[0].description"),
}  # fmt: skip


@pytest.mark.parametrize("field", TEXT_FIELDS)
@pytest.mark.parametrize("char", ["\n", "\x1b", "\x85", "\u2028", "\u202e"])
def test_text_fields_refuse_control_characters(minimal_text: str, field: str, char: str) -> None:
    """Written as a YAML escape, so the reader lets it through: the model must refuse it."""
    line, number, path = TEXT_FIELDS[field]
    key, value = line.split(": ", 1)
    escape = {"\n": "\\n", "\x1b": "\\e", "\x85": "\\N", "\u2028": "\\L", "\u202e": "\\u202e"}
    text = replace_once(minimal_text, line, f'{key}: "{value}{escape[char]}x"')
    code = repr(char)[1:-1]  # `\n`, `\x1b`, `\u2028`: as Python escapes it
    position = len(value) + 1
    column = len(key) + 3
    assert errors_of(text) == [
        f"ref.yaml:{number}:{column}: {path}: text has the control character '{code}' at "
        f"character {position}; write plain text on one line"
    ]


def test_at_most_one_source_is_the_original_brief(minimal_text: str) -> None:
    second = (
        "- id: other\n  title: Other\n  location: other.txt\n  checked: 2026-11-26\n"
        "  original_brief: true\nsecurity_groups:\n"
    )
    text = replace_once(minimal_text, "security_groups:\n", second)
    assert errors_of(text) == [
        "ref.yaml:11:19: sources[1].original_brief: only one source can be the original brief, "
        "and 'seed' is already"
    ]


def test_unknown_ids_are_listed_without_control_characters(minimal_text: str) -> None:
    """An id holding ESC (a YAML escape) is invalid, is not listed as known, and is printed
    escaped: no raw ESC byte reaches the terminal."""
    text = replace_once(minimal_text, "- id: istio\n", '- id: "istio\\e[2J"\n')
    errors = errors_of(text)
    assert all("\x1b" not in e for e in errors)
    assert "ref.yaml:23:7: categories[1].id: String should match pattern" in errors[0]
    assert "(got 'istio\\x1b[2J')" in errors[0]
    assert "known: minimum" in errors[1]


def test_rules_before_the_parameters_still_stop_at_the_limit(minimal_text: str) -> None:
    """A file listing its rules first (or with no parameters: the million-error file) is checked
    as it is read too: after the 200th error nothing more is read."""
    head, rules = minimal_text.split("rules:\n", 1)
    first = "rules:\n" + broken_rules(MAX_ERRORS) + rules + head
    assert first.index("rules:") < first.index("parameters:")
    assert len(errors_of(first + "\nbroken: [\n")) == MAX_ERRORS + 1
