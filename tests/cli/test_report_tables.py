"""Issue 22, the command line: the audit's and discover's tables fit 100 columns (cells wrap,
the reasons go under each row) and `--wide` never wraps them; nothing is lost in the wrapping.
The commands printed after the tables stay whole lines, to be copied."""

from __future__ import annotations

import json

import pytest
from helpers import eks_sg

AUDIT = ["audit", "--with", "istio", "--sg", "cluster=sg-03a4ad6c4ef6a08da",
         "--sg", "control-plane=sg-f7751dcf51307f6b0", "--sg", "node=sg-252a5a6a3678a6f37",
         "--input", "tests/fixtures/audit/snapshot.json"]  # fmt: skip
AWS = ("cluster.json", "enis.json", "groups.json", "rules.json")
DISCOVER = ["discover", "--kubernetes", "tests/fixtures/discover/demo.json",
            *[f"--input=tests/fixtures/discover/aws/{name}" for name in AWS]]  # fmt: skip


def _text_lines(out: str) -> list[str]:
    """The lines that are not a command to copy (an `aws` line or its `--option` lines)."""
    return [line for line in out.splitlines() if not line.strip().startswith(("aws ", "--"))]


def _reasons(command: list[str]) -> list[str]:
    """Every finding's or target's reason, from the JSON report."""
    report = json.loads(eks_sg(*command, "--format", "json").stdout)
    if "targets" in report:
        return [target["why"] for target in report["targets"]]
    return [item["why"] for kind in ("missing", "broad", "extra", "unknown")
            for item in report[kind]]  # fmt: skip


@pytest.mark.parametrize("command", [AUDIT, DISCOVER], ids=["audit", "discover"])
def test_the_table_fits_100_columns_and_keeps_every_reason(command: list[str]) -> None:
    result = eks_sg(*command)
    assert result.returncode in (0, 1), result.stderr
    lines = _text_lines(result.stdout)
    assert max(map(len, lines)) <= 100, max(lines, key=len)
    joined = " ".join(line.strip() for line in lines)
    reasons = _reasons(command)
    assert reasons
    assert [r for r in reasons if r not in joined] == []


def _on_one_line(out: str, parts: tuple[str, ...]) -> bool:
    return any(all(part in line for part in parts) for line in out.splitlines())


@pytest.mark.parametrize(
    ("command", "row"),
    [(AUDIT, ("sgr-de3d4cd03dfe3a878 outbound tcp 443 sg-252a5a6a3678a6f37", "control-plane",
              "like control-plane-out-https-to-node of eksctl-broad, not selected")),
     (DISCOVER, ("MutatingWebhookConfiguration",
                 "istio-sidecar-injector/rev.namespace.sidecar-injector.istio.io",
                 "the target's ingress missing"))],
    ids=["audit", "discover"],
)  # fmt: skip
def test_wide_never_wraps(command: list[str], row: tuple[str, ...]) -> None:
    wide = eks_sg(*command, "--wide").stdout
    assert max(map(len, _text_lines(wide))) > 100
    assert _on_one_line(wide, row)
    assert not _on_one_line(eks_sg(*command).stdout, row)


def test_covered_rules_with_their_releases_fit_too() -> None:
    """A covered rule's reason with the releases it is for (karpenter 1.0.x) wraps under it."""
    result = eks_sg("rules", "--with", "karpenter@1.0.3,istio")
    assert result.returncode == 0, result.stderr
    lines = _text_lines(result.stdout)
    assert max(map(len, lines)) <= 100, max(lines, key=len)
    joined = " ".join(line.strip() for line in lines)
    assert "control-plane-out-webhook-8443-to-node  (already allowed by" in joined
    assert "; for karpenter 1.0.x)" in joined
