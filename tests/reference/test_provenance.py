"""Every rule and Istio port is backed by a verbatim excerpt that states its ports, or says it is
inferred and why (issue 25 point 2). The judge here reads the excerpt texts itself: it does not
use the project's port parsing beyond a rule's numbers."""

from __future__ import annotations

import re

import pytest
from helpers import DATA, FIXTURES

from gen.formats.pages.sources import render as sources_page
from gen.reference.load import load
from gen.reference.model import IstioPort, Reference, Rule

UPSTREAM = FIXTURES / "upstream"


def _texts(ref: Reference, backed_by: list[str]) -> list[str]:
    excerpts = {f"{s.id}#{e.id}": e.text for s in ref.sources for e in s.excerpts}
    return [excerpts[b] for b in backed_by]


def _says(texts: list[str], number: int) -> bool:
    return any(re.search(rf"(?<![\d.]){number}(?![\d])", t) for t in texts)


def _missing(rule: Rule, texts: list[str]) -> list[str]:
    """What the rule claims that none of its excerpts says."""
    ports = rule.port_range
    if rule.protocol == "all":
        said = any(re.search(r"\ball\b|-1", t, re.IGNORECASE) for t in texts)
        return [] if said else ["all traffic"]
    if ports.parameter:  # the user's own port: the excerpt backs the rest of the rule
        return []
    return [str(n) for n in {ports.low, ports.high} if not _says(texts, n)]


def test_every_rule_is_backed_or_inferred(ref: Reference) -> None:
    bare = [r.id for r in ref.rules if not r.backed_by and not r.inferred]
    assert bare == []


def test_every_istio_port_is_backed_or_inferred(ref: Reference) -> None:
    bare = [p.key for p in ref.istio.ports if not p.backed_by and not p.inferred]
    assert bare == []


RULE_IDS = [r.id for r in load(DATA).rules]


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_a_rules_ports_appear_in_an_excerpt_it_cites(ref: Reference, rule_id: str) -> None:
    rule = next(r for r in ref.rules if r.id == rule_id)
    if rule.inferred:
        assert len(rule.inferred) > 40, "say why, in a sentence a reader can check"
        return
    assert _missing(rule, _texts(ref, rule.backed_by)) == [], rule.backed_by


def _port_missing(ref: Reference, port: IstioPort) -> bool:
    return not port.inferred and not _says(_texts(ref, port.backed_by), port.port)


def test_istio_ports_appear_in_an_excerpt_they_cite(ref: Reference) -> None:
    assert [p.key for p in ref.istio.ports if _port_missing(ref, p)] == []


def test_the_judge_catches_an_uncited_port(ref: Reference) -> None:
    """A rule claiming 15017 but citing the 443 excerpt would pass unnoticed otherwise."""
    rule = next(r for r in ref.rules if r.id == "node-in-istio-webhook-from-control-plane")
    wrong = rule.model_copy(update={"backed_by": ["tf-aws-eks#node-443"]})
    assert _missing(wrong, _texts(ref, wrong.backed_by)) == ["15017"]
    assert _missing(rule, _texts(ref, rule.backed_by)) == []


def _flat(text: str) -> str:
    return " ".join(text.split())


FILES = {
    "tf-aws-eks": ["../terraform-aws-eks/v21.19.0/node_groups.tf"],  # the module fixture's copy
    "older-eks-guide": ["seed-eks-security-group-setup.txt"],
    "istio-multicluster-samples": [
        "istio-86c9f01-expose-services.yaml", "istio-86c9f01-expose-istiod.yaml",
        "istio-86c9f01-gen-eastwest-gateway.sh",
    ],
}  # fmt: skip


@pytest.mark.parametrize("source_id", sorted(FILES))
def test_excerpts_are_verbatim_in_the_upstream_file(ref: Reference, source_id: str) -> None:
    """Excerpts of these sources are copied from files kept as fixtures (tests/fixtures/upstream,
    each named by repository, path and revision): each excerpt is a passage of one of them."""
    files = [_flat((UPSTREAM / name).read_text(encoding="utf-8")) for name in FILES[source_id]]
    source = next(s for s in ref.sources if s.id == source_id)
    if source_id == "tf-aws-eks":  # main.tf and the node-group module are not kept as fixtures
        excerpts = [e for e in source.excerpts if "node_groups.tf" in e.where]
    else:
        excerpts = list(source.excerpts)
    assert excerpts
    for excerpt in excerpts:
        assert any(_flat(excerpt.text) in f for f in files), excerpt.id


def test_karpenter_excerpts_match_each_tags_chart(ref: Reference) -> None:
    source = next(s for s in ref.sources if s.id == "karpenter-chart")
    for excerpt in source.excerpts:
        tag = "v" + excerpt.id.removeprefix("v").replace("-", ".")
        chart = _flat((UPSTREAM / f"karpenter-{tag}-values.yaml").read_text(encoding="utf-8"))
        assert _flat(excerpt.text) in chart, excerpt.id
    assert "webhook:" not in (UPSTREAM / "karpenter-v1.1.0-values.yaml").read_text()


def test_every_source_records_its_revision(ref: Reference) -> None:
    assert [s.id for s in ref.sources if not s.revision] == []


def test_sources_page_shows_excerpt_revision_date_and_the_inferred(ref: Reference) -> None:
    text = next(iter(sources_page(ref).values()))
    assert "- Revision: terraform-aws-modules/terraform-aws-eks v21.19.0 (bef29c4)" in text
    assert "- Checked: 2026-12-01" in text
    assert "Karpenter ingress\\_cluster\\_8443\\_webhook" in text  # the excerpt, verbatim
    assert "## Inferred, not quoted {#inferred}" in text
    inferred = text.split("{#inferred}")[1]
    for rule in (r for r in ref.rules if r.inferred):
        assert f"`{rule.id}`" in inferred
