"""Every rule and Istio port is backed by a verbatim excerpt that states its ports, or says it is
inferred and why (issue 25 point 2). The judge here reads the excerpt texts itself: it does not
use the project's port parsing beyond a rule's numbers."""

from __future__ import annotations

import json
import re

import pytest
from helpers import DATA, FIXTURES

from gen.formats.pages.sources import render as sources_page
from gen.reference.load import load
from gen.reference.model import IstioPort, Reference, Rule

UPSTREAM = FIXTURES / "upstream"
SEED = UPSTREAM / "seed-eks-security-group-setup.txt"


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


def _recorded(name: str) -> dict:
    return json.loads((UPSTREAM / f"{name}.json").read_text(encoding="utf-8"))


TF_AWS_EKS = _recorded("terraform-aws-eks")
KARPENTER = _recorded("karpenter-chart")
ISTIO = _recorded("istio")


def _quoted() -> dict[tuple[str, str], dict[int, str]]:
    """(revision, path) -> {line number: text}: the lines recorded from the upstream
    repositories with `git show REVISION:PATH` (fixtures/upstream/README.md)."""
    found = {(tag, path): lines for tag, facts in TF_AWS_EKS["tags"].items()
             for path, lines in facts["quoted"].items()}  # fmt: skip
    found |= {(tag, KARPENTER["path"]): facts["webhook_lines"]
              for tag, facts in KARPENTER["tags"].items()}  # fmt: skip
    found |= {(ISTIO["revision"], path): facts["lines"] for path, facts in ISTIO["files"].items()}
    return {key: {int(n): text for n, text in lines.items()} for key, lines in found.items()}


QUOTED = _quoted()
WHERE = re.compile(r"(?P<path>\S+):(?P<first>\d+)(?:-(?P<last>\d+))? at (?P<revision>\S+)")


def _cited(where: str) -> str:
    """The recorded upstream lines an excerpt's `where` names, joined; every one must be there."""
    found = WHERE.match(where)
    assert found, f"{where!r} is not PATH:LINE[-LINE] at REVISION"
    lines = QUOTED.get((found["revision"], found["path"]), {})
    numbers = range(int(found["first"]), int(found["last"] or found["first"]) + 1)
    assert [n for n in numbers if n not in lines] == [], f"{where}: lines not recorded"
    return " ".join(lines[n] for n in numbers)


RECORDED = ["tf-aws-eks", "karpenter-chart", "istio-multicluster-samples", "istio-discovery-chart"]


@pytest.mark.parametrize("source_id", RECORDED)
def test_excerpts_are_verbatim_in_the_upstream_lines_they_cite(ref: Reference, source_id) -> None:
    """Each excerpt is a passage of the lines its `where` names, at its revision: the lines as
    recorded from the repository (fixtures/upstream/*.json), so a wrong line number fails too."""
    source = next(s for s in ref.sources if s.id == source_id)
    assert source.excerpts
    for excerpt in source.excerpts:
        assert _flat(excerpt.text) in _flat(_cited(excerpt.where)), (excerpt.id, excerpt.where)


def test_the_judge_catches_a_wrong_line_number() -> None:
    right = _cited("samples/multicluster/expose-istiod.yaml:50-53 at 86c9f01")
    assert "number: 443" in _flat(right)
    with pytest.raises(AssertionError, match="lines not recorded"):
        _cited("samples/multicluster/expose-istiod.yaml:50-59 at 86c9f01")  # past the file's end


def test_the_recorded_commits_are_the_sources_revisions(ref: Reference) -> None:
    revision = {s.id: s.revision for s in ref.sources}
    assert f"v21.19.0 ({TF_AWS_EKS['tags']['v21.19.0']['commit'][:7]})" in revision["tf-aws-eks"]
    for tag, facts in KARPENTER["tags"].items():
        assert f"{tag} ({facts['commit'][:7]})" in revision["karpenter-chart"]
    for source_id in ("istio-multicluster-samples", "istio-discovery-chart"):
        assert revision[source_id].startswith(ISTIO["commit"][:7])


def test_the_older_guides_excerpts_are_the_lines_of_the_kept_brief(ref: Reference) -> None:
    """The project's own brief is kept whole (fixtures/upstream/seed-eks-security-group-setup.txt):
    each excerpt is on the line it names."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    source = next(s for s in ref.sources if s.id == "older-eks-guide")
    assert source.excerpts
    for excerpt in source.excerpts:
        number = int(excerpt.where.removeprefix("line "))
        assert _flat(excerpt.text) in _flat(lines[number - 1]), (excerpt.id, excerpt.where)


def test_karpenter_excerpts_cite_the_tag_they_are_named_for(ref: Reference) -> None:
    source = next(s for s in ref.sources if s.id == "karpenter-chart")
    for excerpt in source.excerpts:
        tag = "v" + excerpt.id.removeprefix("v").replace("-", ".")
        assert excerpt.where.endswith(f" at {tag}"), excerpt.id
    gone = KARPENTER["tags"]["v1.1.0"]  # its values.yaml has no webhook key at all
    assert (gone["webhook"], gone["webhook_lines"]) == (None, {})


def _istio_citations(ref: Reference) -> list[tuple[str, int, str]]:
    """(who, port, excerpt) for every Istio port and rule citing a recorded Istio excerpt."""
    cited = [(p.key, p.port, b) for p in ref.istio.ports for b in p.backed_by]
    cited += [(r.id, r.port_range.low, b) for r in ref.rules for b in r.backed_by]
    return [c for c in cited if c[2].split("#")[0] in ("istio-multicluster-samples",
                                                       "istio-discovery-chart")]  # fmt: skip


def test_istio_ports_are_ports_of_the_upstream_file_they_cite(ref: Reference) -> None:
    where = {f"{s.id}#{e.id}": e.where for s in ref.sources for e in s.excerpts}
    cited = _istio_citations(ref)
    assert len(cited) > 10
    wrong = [c for c in cited
             if c[1] not in ISTIO["files"][WHERE.match(where[c[2]])["path"]]["ports"]]  # fmt: skip
    assert wrong == []


def test_the_recorded_istio_ports_are_in_the_recorded_lines() -> None:
    for path, facts in ISTIO["files"].items():
        text = " ".join(facts["lines"].values())
        for port in facts["ports"]:
            assert re.search(rf"\b(?:number|port|targetPort|containerPort): {port}\b", text), path


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
