"""Parameters of kind cidr and prefix-list, and rules that name them as their peer.

Each case breaks one thing in tests/fixtures/parameters.yaml (the file:line:col were read off
the broken fixture by hand), as tests/reference/test_load.py does for tests/fixtures/minimal.yaml.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from aws_tools import CapturingCli
from botocore.session import get_session
from botocore.validate import ParamValidator
from helpers import FIXTURES, errors_of, load_text, replace_once

from gen.aws import commands as aws_commands
from gen.aws import ec2
from gen.cli import options
from gen.cli.options import UsageError
from gen.formats import aws_scripts, csv, json
from gen.reference.model import Reference

TEXT = (FIXTURES / "parameters.yaml").read_text(encoding="utf-8")

CASES = {
    "prefix-list example not pl-": (
        "  example: pl-63a5400a", "  example: s3-list",
        "ref.yaml:39:12: parameters[3].example: example 's3-list' is not a prefix-list id (pl- and "
        "8 or 17 lower-case hex digits, e.g. pl-63a5400a)",
    ),
    "prefix-list example in upper case": (
        "  example: pl-63a5400a", "  example: pl-63A5400A",
        "ref.yaml:39:12: parameters[3].example: example 'pl-63A5400A' is not a prefix-list id (pl- "
        "and 8 or 17 lower-case hex digits, e.g. pl-63a5400a)",
    ),
    "cidr example with host bits": (
        "  example: 203.0.113.0/24", "  example: 203.0.113.7/24",
        "ref.yaml:27:12: parameters[1].example: example '203.0.113.7/24' is not a valid CIDR: "
        "203.0.113.7/24 has host bits set",
    ),
    "cidr example that is a number": (
        "  example: 203.0.113.0/24", "  example: 443",
        "ref.yaml:27:12: parameters[1].example: a cidr parameter's example is text, not 443",
    ),
    "port example that is text": (
        "  example: 30080", "  example: '30080'",
        "ref.yaml:21:12: parameters[0].example: a port parameter's example is a port such as "
        "30080, not '30080'",
    ),
    "port example out of range": (
        "  example: 30080", "  example: 70000",
        "ref.yaml:21:12: parameters[0].example: port 70000 is outside 1-65535",
    ),
    "unknown kind": (
        "  kind: prefix-list", "  kind: prefixlist",
        "ref.yaml:37:9: parameters[3].kind: Input should be 'port', 'cidr' or 'prefix-list' "
        "(got 'prefixlist')",
    ),
    "port parameter as a peer": (
        "  peer: client-cidr\n", "  peer: listener-port\n",
        "ref.yaml:47:9: rules[0].peer: parameter 'listener-port' is a port; a peer is a group, "
        "'self', a CIDR, or a cidr or prefix-list parameter",
    ),
    "cidr parameter as ports": (
        "  ports: 443", "  ports: client-cidr",
        "ref.yaml:64:10: rules[2].ports: parameter 'client-cidr' is a network or prefix list, not "
        "a port; name it as the peer",
    ),
    "unknown peer": (
        "  peer: s3-prefix-list", "  peer: s3-prefixes",
        "ref.yaml:65:9: rules[2].peer: unknown security group or parameter 's3-prefixes'; known: "
        "client-cidr, client-cidr-v6, node, s3-prefix-list",
    ),
    "parameter named like a role": (
        "- id: client-cidr\n", "- id: node\n",
        "ref.yaml:23:7: parameters[1].id: parameter 'node' has the id of a security-group role; "
        "rename one",
    ),
    "ampersand on a prefix-list rule": (
        "  description: S3 through its prefix list", "  description: S3 & co",
        "ref.yaml:67:16: rules[2].description: EC2 allows '&' only in descriptions of CIDR rules",
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def params_ref() -> Reference:
    return load_text(TEXT)


def test_fixture_is_valid() -> None:
    assert errors_of(TEXT) == []


@pytest.mark.parametrize("case", CASES)
def test_bad_parameter_use_is_reported_at_its_place(case: str) -> None:
    old, new, expected = CASES[case]
    errors = errors_of(replace_once(TEXT, old, new))
    assert expected in errors, errors


def test_peers_resolve_to_their_parameter_kind(params_ref: Reference) -> None:
    kinds = {r.id: (r.peer_kind, r.peer_parameter, r.peer_role) for r in params_ref.rules}
    assert kinds == {
        "node-in-clients": ("ipv4-parameter", "client-cidr", None),
        "node-in-clients-v6": ("ipv6-parameter", "client-cidr-v6", None),
        "node-out-s3": ("prefix-list", "s3-prefix-list", None),
    }
    copy = params_ref.rules[0].model_copy(update={"description": "Changed"})
    assert copy.peer_kind == "ipv4-parameter"


def test_cidr_examples_are_normalised() -> None:
    text = replace_once(TEXT, "  example: 2001:db8::/32", "  example: '2001:0db8:0::/32'")
    [_, _, v6, _] = load_text(text).parameters
    assert v6.example == "2001:db8::/32"


def test_ip_permissions_put_each_peer_in_its_field(params_ref: Reference) -> None:
    values = {"listener-port": 30080, "client-cidr": "198.51.100.0/24",
              "client-cidr-v6": "2001:db8::/32", "s3-prefix-list": "pl-0123456789abcdef0"}  # fmt: skip
    groups = {"node": "sg-0123456789abcdef0"}
    by_id = {r.id: ec2.ip_permission(r, groups, values) for r in params_ref.rules}
    assert by_id["node-in-clients"]["IpRanges"] == [
        {"CidrIp": "198.51.100.0/24", "Description": "Clients & friends to the NodePort"}
    ]
    assert by_id["node-in-clients-v6"]["Ipv6Ranges"][0]["CidrIpv6"] == "2001:db8::/32"
    assert by_id["node-out-s3"]["PrefixListIds"] == [
        {"PrefixListId": "pl-0123456789abcdef0", "Description": "S3 through its prefix list"}
    ]


def shell_words(command: str, env: dict[str, str]) -> list[str]:
    script = 'aws() { printf "%s\\0" "$@"; }\n' + command
    out = subprocess.run(["bash", "-c", script], env=env, capture_output=True, check=True).stdout
    return out.decode().split("\0")[:-1]


def test_commands_with_variables_pass_botocore_validation(params_ref: Reference) -> None:
    """The variables are spliced into the JSON; the real CLI parses it and botocore validates."""
    cli = CapturingCli()
    values = aws_commands.Values.variables(params_ref)
    env = {"NODE_SG_ID": "sg-0123456789abcdef0"}
    env |= {p.variable: str(p.example) for p in params_ref.parameters}
    model = get_session().get_service_model("ec2")
    for rule in params_ref.rules:
        code, err = cli.run(shell_words(aws_commands.authorize(rule, values), env))
        assert code == 0, err
        operation, params = cli.calls[-1]
        shape = model.operation_model(operation).input_shape
        assert not ParamValidator().validate(params, shape).has_errors(), rule.id
        permission = params["IpPermissions"][0]
        peer = next(v for k, v in permission.items() if k.endswith(("Ranges", "Ids")))
        assert set(peer[0].values()) - {rule.description} <= {
            "203.0.113.0/24", "2001:db8::/32", "pl-63a5400a"
        }  # fmt: skip


def test_outputs_name_the_parameter(params_ref: Reference) -> None:
    rows = csv.render(params_ref)
    assert ",s3-prefix-list," in next(iter(rows.values()))
    document = json.document(params_ref)
    ec2_fields = {r["id"]: r["ec2"] for r in document["rules"]}
    assert ec2_fields["node-out-s3"]["peer"] == "PrefixListIds.PrefixListId"
    assert ec2_fields["node-in-clients"]["peer_parameter"] == "client-cidr"
    assert aws_commands.parameters_used(params_ref, params_ref.rules) == params_ref.parameters


def test_cli_values_are_checked_by_kind(params_ref: Reference) -> None:
    values = options.parameters(
        params_ref, ["client-cidr=10.0.0.0/8", "s3-prefix-list=pl-0123456789abcdef0"]
    )
    assert values["client-cidr"] == "10.0.0.0/8"
    with pytest.raises(UsageError, match="not a prefix-list id"):
        options.parameters(params_ref, ["s3-prefix-list=sg-0123"])
    with pytest.raises(UsageError, match="holds an ipv4 network"):
        options.parameters(params_ref, ["client-cidr=2001:db8::/32"])
    with pytest.raises(UsageError, match="a port is a number"):
        options.parameters(params_ref, ["listener-port=10.0.0.0/8"])


@pytest.mark.parametrize("shell", ["dash", "bash"])
@pytest.mark.parametrize(
    ("variable", "value", "ok"),
    [
        ("CLIENT_CIDR", "10.0.0.0/16", True),
        ("CLIENT_CIDR", "10.0.0.256/16", False),
        ("CLIENT_CIDR", "10.0.0.0/33", False),
        ("CLIENT_CIDR", "10.0.0/16", False),
        ("CLIENT_CIDR_V6", "2001:db8::/32", True),
        ("CLIENT_CIDR_V6", "2001:db8::/129", False),
        ("S3_PREFIX_LIST_ID", "pl-63a5400a", True),
        ("S3_PREFIX_LIST_ID", "pl-63A5400A", False),
        ("S3_PREFIX_LIST_ID", "sg-63a5400a", False),
    ],
)
def test_scripts_check_cidr_and_prefix_list_variables(
    params_ref: Reference, tmp_path: Path, shell: str, variable: str, value: str, ok: bool
) -> None:
    """The checks run before any AWS call: a bad value stops the script with exit code 2."""
    script = tmp_path / "apply.sh"
    script.write_text(aws_scripts.render(params_ref)[aws_scripts.paths.script("apply")])
    env = {"PATH": "/usr/bin:/bin", "NODE_SG_ID": "sg-0123456789abcdef0"}
    env |= {p.variable: str(p.example) for p in params_ref.parameters} | {variable: value}
    result = subprocess.run([shell, str(script), "--dry-run"], env=env, capture_output=True,
                            text=True, check=False)  # fmt: skip
    if ok:
        assert "must be" not in result.stderr
    else:
        assert result.returncode == 2
        assert f"error: {variable} must be" in result.stderr
