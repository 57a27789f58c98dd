"""Hostile data (issue 24): what `validate` refuses so that `build` never renders it.

Each test feeds the minimal fixture with one field made hostile and asserts the located error
(file:line:column, what to do). The judge is the printed error, not the model's internals.
"""

from __future__ import annotations

import pytest
from helpers import errors_of, replace_once
from hostile import MINIMAL, RESOLVE, hostile_peer, zone_file

from gen.reference.words import LINE_BREAKS


def test_a_zone_id_peer_is_a_located_error() -> None:
    (error,) = errors_of(zone_file())
    assert error.startswith("ref.yaml:57:9: rules[2].peer: peer '::%\\r  Evil:")
    assert "has an IPv6 zone id" in error
    assert "plain CIDR" in error


@pytest.mark.parametrize("zone", ["eth0", "`x`", "a\\nb", "\\u2028", "\\x85", "\\x1c", "%"])
def test_every_zone_id_is_refused(zone: str) -> None:
    (error,) = errors_of(hostile_peer(f'"fe80::%{zone}/64"'))
    assert ":57:9: rules[2].peer:" in error
    assert "zone id" in error


@pytest.mark.parametrize(("written", "stored"), [("FD00:0::/8", "fd00::/8"), ("0::0/0", "::/0")])
def test_a_peer_is_stored_as_its_canonical_network(written: str, stored: str) -> None:
    from helpers import load_text

    ref = load_text(hostile_peer(f'"{written}"'))
    assert ref.rules[2].peer == stored


@pytest.mark.parametrize("char", [*sorted(LINE_BREAKS), "`"])
def test_a_peer_with_a_line_break_or_backtick_is_refused(char: str) -> None:
    """Item 7: `validate` refuses what `build` cannot render (this used to pass validation)."""
    escaped = f"\\u{ord(char):04x}"
    (error,) = errors_of(hostile_peer(f'"::%a{escaped}b/0"'))
    assert ":57:9: rules[2].peer:" in error


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("  description: Kubelet API\n", f"  description: '{RESOLVE}'\n", "41:16: rules[0].desc"),
        ("  description: Kubelet API\n", "  description: 'x {{ReSolve :ssm:p}}'\n", "41:16: rul"),
        ("  title: Node SG\n", f"  title: 'Node {RESOLVE}'\n", "9:10: security_groups[0].title"),
        ("  title: Listener port\n", f"  title: '{RESOLVE}'\n", "29:10: parameters[0].title"),
        ("  description: The NodePort.\n", f"  description: '{RESOLVE}'\n", "32:16: parameters[0]"),
        ("  meaning: Needed.\n", "  meaning: '{{resolve:ssm:/a/b}}'\n", "21:12: categories[0]"),
    ],
)
def test_a_dynamic_reference_is_refused_in_text_that_reaches_a_template(
    old: str, new: str, where: str
) -> None:
    """Item 2: CloudFormation would copy a secret into a rule description anyone can read."""
    text = MINIMAL.replace(old, new, 1)
    errors = errors_of(text)
    assert errors, "a dynamic reference was accepted"
    assert any(where in e and "CloudFormation would resolve it" in e for e in errors), errors


@pytest.mark.parametrize(
    "reserved",
    ["source", "version", "count", "providers", "lifecycle", "locals", "for-each", "depends-on"],
)
def test_a_parameter_id_terraform_reserves_is_refused(reserved: str) -> None:
    """Item 9: a module variable named `count` (or `for_each`, ...) makes an invalid module."""
    text = MINIMAL.replace("listener-port", reserved)
    errors = errors_of(text)
    assert any("parameters[0].id" in e and "Terraform reserves" in e for e in errors), errors


def test_a_source_url_with_a_control_character_is_refused() -> None:
    text = replace_once(
        MINIMAL, "  location: seed.txt\n", '  url: "https://a.example/\\x1c\\x1b"\n'
    )
    (error,) = errors_of(text)
    assert "sources[0].url" in error
    assert "control character" in error
