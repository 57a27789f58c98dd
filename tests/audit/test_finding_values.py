"""The audit's typed values made cheap for large audits, held to what they stand for: each
finding's JSON text is what json.dumps writes for the same values, a peer's text (kept from
the file) is what its network writes, the hand-written `__init__`s take the dataclass fields,
and a read's memo of peers lives for that read only."""

from __future__ import annotations

import dataclasses
import inspect
import ipaddress
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gen.audit.compare import (
    Broad,
    Duplicate,
    Extra,
    FlowText,
    LiveText,
    Missing,
    Present,
    Report,
    Unknown,
)
from gen.audit.groups import Where
from gen.aws import live
from gen.reference.flows import GroupRule

TEXT = st.text(st.characters(codec="utf-8"), max_size=12)  # quotes, controls, non-ASCII
TEXTS = st.lists(TEXT, max_size=3).map(tuple)
WHERE = st.none() | st.builds(Where, TEXT, st.none() | TEXT, st.none() | st.integers(1, 10**6))
LIVE = st.builds(LiveText, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT)
FLOW = st.builds(FlowText, TEXT, TEXT, TEXT, TEXT)
FINDINGS = st.one_of(
    st.builds(Missing, FLOW, st.sampled_from(["egress", "ingress"]), TEXT, TEXT, TEXT,
              st.booleans(), TEXT, TEXTS, TEXTS, WHERE),
    st.builds(Present, FLOW, TEXTS, TEXTS, TEXTS),
    st.builds(Broad, LIVE, TEXT, TEXTS, TEXT, TEXTS, WHERE),
    st.builds(Extra, LIVE, TEXT, st.none() | TEXT, st.none() | TEXT, TEXT, TEXTS, WHERE),
    st.builds(Unknown, LIVE, TEXT, TEXT, WHERE),
    st.builds(Duplicate, LIVE, TEXT, TEXT, TEXT, WHERE),
)  # fmt: skip


@given(FINDINGS)
def test_a_findings_json_text_is_what_json_dumps_writes_for_its_values(finding) -> None:
    text = finding.json_text()
    assert json.dumps(json.loads(text)) == text
    values = json.loads(text)
    kind = next(k for k, t in (("missing", Missing), ("present", Present), ("broad", Broad),
                               ("extra", Extra), ("unknown", Unknown), ("duplicate", Duplicate))
                if isinstance(finding, t))  # fmt: skip
    assert values["kind"] == kind
    where = getattr(finding, "where", None)
    if where is None:
        assert "where" not in values
    else:
        assert values["where"] == {"address": where.address, "file": where.file,
                                   "line": where.line}  # fmt: skip
    if hasattr(finding, "live"):
        assert values["live"] == {"id": finding.live.id, "sg": finding.live.sg,
                                  "direction": finding.live.direction,
                                  "protocol": finding.live.protocol, "ports": finding.live.ports,
                                  "peer": finding.live.peer}  # fmt: skip


def test_the_report_as_json_values_reads_each_findings_text() -> None:
    live_rule = LiveText("sgr-1", "sg-1", "inbound", "tcp", "22", "0.0.0.0/0")
    extra = Extra(live_rule, "node", None, None, 'why \u2028 "quoted"', ("revoke",))
    report = Report(["default"], {"sg-1": {"roles": ["node"], "rules": 1}}, {"node": ["sg-1"]},
                    extra=[extra])  # fmt: skip
    values = report.as_json()
    assert values["extra"] == [{"kind": "extra", "live": {"id": "sgr-1", "sg": "sg-1",
                                "direction": "inbound", "protocol": "tcp", "ports": "22",
                                "peer": "0.0.0.0/0"}, "role": "node", "rule": None,
                                "category": None, "why": "why \u2028 \"quoted\"",
                                "fix": ["revoke"]}]  # fmt: skip
    assert values["missing"] == []
    assert values["setup"] == ["default"]


@pytest.mark.parametrize("cls", [GroupRule, LiveText, Extra], ids=lambda c: c.__name__)
def test_an_own_init_takes_every_field_in_order_with_its_default(cls) -> None:
    parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
    fields = dataclasses.fields(cls)
    assert [p.name for p in parameters] == [f.name for f in fields]
    assert [p.default for p in parameters] == [
        inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default for f in fields
    ]


def test_the_values_stay_frozen_and_replace_still_works() -> None:
    rule = live.parse_page({"SecurityGroupRules": [_item("10.0.0.0/16")]}, "x")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        rule.low = 1  # type: ignore[misc]
    wider = dataclasses.replace(rule, low=0)
    assert (wider.low, wider.high, wider.peer) == (0, 443, rule.peer)
    assert wider != rule
    assert hash(rule) == hash(dataclasses.replace(wider, low=443))


def _item(cidr: str, key: str = "CidrIpv4") -> dict:
    return {"SecurityGroupRuleId": "sgr-0123456789abcdef0", "GroupId": "sg-0123456789abcdef0",
            "IsEgress": False, "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, key: cidr}  # fmt: skip


@given(st.integers(0, 2**32 - 1), st.integers(0, 32))
def test_a_peers_text_is_what_its_network_writes(address: int, prefix: int) -> None:
    cidr = f"{ipaddress.IPv4Address(address)}/{prefix}"  # host bits set or not
    (rule,) = live.parse_page({"SecurityGroupRules": [_item(cidr)]}, "x")
    assert rule.peer.network == ipaddress.ip_network(cidr, strict=False)
    assert str(rule.peer) == str(rule.peer.network)


@pytest.mark.parametrize("cidr", ["2001:DB8::/32", "2001:0db8:0000::/48", "::/0", "fd00::1/64"])
def test_an_ipv6_peer_writes_its_network_not_the_files_form(cidr: str) -> None:
    (rule,) = live.parse_page({"SecurityGroupRules": [_item(cidr, "CidrIpv6")]}, "x")
    assert str(rule.peer) == str(ipaddress.ip_network(cidr, strict=False))


def test_a_cidr_is_checked_against_its_own_key_in_one_read() -> None:
    """The read's memo of peers is by value and IP version: a CIDR read as IPv4 does not pass
    as an IPv6 one later in the same read."""
    parsed = live.Parsed()
    live.parse_page({"SecurityGroupRules": [_item("10.0.0.0/8")]}, "x", parsed)
    with pytest.raises(live.Malformed, match="expected an IPv6 CIDR"):
        live.parse_page({"SecurityGroupRules": [_item("10.0.0.0/8", "CidrIpv6")]}, "x", parsed)


def test_no_read_keeps_what_it_parsed_for_the_next() -> None:
    first = live.parse_page({"SecurityGroupRules": [_item("10.0.0.0/16")]}, "x")[0]
    second = live.parse_page({"SecurityGroupRules": [_item("10.0.0.0/16")]}, "x")[0]
    assert first.peer == second.peer
    assert first.peer is not second.peer
