"""Words a user reads (issue 25 point 5): the data's own history ("seed", "the original brief",
the older guide's category labels) appears on no generated page, sheet or `eks-sg rules` output.
The older guide itself stays one hand-written page (docs/original-brief.md, not generated); the
sources page quotes its rows verbatim, as it quotes every source."""

from __future__ import annotations

import re

import pytest
from helpers import eks_sg

from gen.formats import csv, pages, paths
from gen.reference.model import Reference

HISTORY = re.compile(r"\bseed\b|original brief|known requirements|tg required rule", re.I)


@pytest.fixture(scope="module")
def generated(ref: Reference) -> dict:
    return {**pages.render(ref), **csv.render(ref)}


def _quoted_brief_rows(ref: Reference, line: str) -> bool:
    """A sources-page line quoting one of the older guide's rows (its excerpts)."""
    brief = ref.original_brief
    return brief is not None and f'<span id="{brief.id}-' in line


def test_no_generated_page_or_sheet_speaks_of_the_datas_history(
    ref: Reference, generated: dict
) -> None:
    found = [
        f"{path}: {line.strip()[:80]}"
        for path, text in generated.items()
        for line in text.splitlines()
        if HISTORY.search(line) and not (path == paths.SOURCES and _quoted_brief_rows(ref, line))
    ]
    assert found == []


def test_the_sources_page_quotes_the_older_guides_rows_verbatim(
    ref: Reference, generated: dict
) -> None:
    """The exception above holds only verbatim quotes: the text after the excerpt's where."""
    brief = ref.original_brief
    assert brief is not None
    quoted = [
        line for line in generated[paths.SOURCES].splitlines() if _quoted_brief_rows(ref, line)
    ]
    texts = {e.text for e in brief.excerpts}
    assert len(quoted) == len(brief.excerpts)
    for line in quoted:
        said = line.split('): "', 1)[1].rsplit('" Backs:', 1)[0]
        assert said.replace("\\", "") in texts, line


@pytest.mark.parametrize(
    "args",
    [["rules", "--list"], ["rules", "--with", "istio,nlb,alb", "--wide"],
     ["rules", "--with", "istio,nlb", "--format", "csv"]],
    ids=["list", "table", "csv"],
)  # fmt: skip
def test_eks_sg_rules_speaks_of_the_cluster(args: list[str]) -> None:
    result = eks_sg(*args)
    assert result.returncode == 0, result.stderr
    assert HISTORY.findall(result.stdout) == []
