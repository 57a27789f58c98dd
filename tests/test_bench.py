"""benchmarks/bench.py keeps working: its imports, and the inputs it builds, at a tiny size.

Nothing here times anything (the machines are shared); the figures are bench.py's to print.
These tests only fail when the benchmark itself broke (an import that moved, an API that
changed) or when it would measure something other than it says.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import yaml
from helpers import DATA, ROOT

from gen.audit.compare import audit, plan
from gen.aws import live
from gen.reference.load import load

BENCH = ROOT / "benchmarks" / "bench.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench", BENCH)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_help_runs_so_every_top_level_import_works() -> None:
    result = subprocess.run([sys.executable, str(BENCH), "--help"], capture_output=True,
                            text=True, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "--quick" in result.stdout


def test_the_audit_input_is_a_cluster_that_lacks_nothing(tmp_path: Path) -> None:
    """Each synthetic cluster carries every rule its setup needs, as EC2 lists them, and
    padding: the audit finds nothing missing and exactly the padding extra."""
    bench = _bench()
    ((groups, files),) = bench._audit_files(tmp_path, 1, 50)
    assert [len(yaml.safe_load(f.read_text())["SecurityGroupRules"]) for f in files] == [50] * 3
    ref = load(DATA)
    chosen = plan(ref, bench.SETUP, {r: (sg,) for r, sg in groups.items()}, {})
    report = audit(chosen, live.read_files(files, groups.values()).groups)
    assert report.missing == []
    assert report.broad == []
    assert report.unknown == []
    padding = {i["SecurityGroupRuleId"] for f in files
               for i in yaml.safe_load(f.read_text())["SecurityGroupRules"]
               if i.get("CidrIpv4", "").startswith("198.18.")}  # fmt: skip
    assert {e.live.id for e in report.extra} == padding


def test_the_figures_run_at_a_small_size(capsys) -> None:
    bench = _bench()
    figures = bench.generation(1, (100,))
    assert len(figures["ratios"]) == 2
    assert 100 in figures["ratios"]
    assert set(bench.audit_figures(clusters=2)) == {"audit"}
    out = capsys.readouterr().out
    assert "synthetic 100" in out
    assert "audit / parse" in out


def test_the_synthetic_references_are_valid(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from synthetic import synthetic_text
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    base = yaml.load(DATA.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    path = tmp_path / "reference.yaml"
    path.write_text(synthetic_text(base, 1_000), encoding="utf-8")
    assert len(load(path).rules) in (1_000, 1_001)


def test_every_generated_file_it_runs_is_one_the_build_writes() -> None:
    """bench.py runs published files by path (the script it times against moto): each is
    in the tree, so a renamed download breaks this test, not the benchmark on the day."""
    import re

    named = set(re.findall(r'"(docs/[^"]+)"', BENCH.read_text(encoding="utf-8")))
    assert named, "bench.py names no published file"
    assert sorted(p for p in named if not (ROOT / p).is_file()) == []


def test_the_audit_figures_come_from_a_fresh_interpreter(capsys) -> None:
    """The whole run measures the audit in a new process (what earlier sections leave in
    memory changed the floor by up to 2x) and reads its ratio from the last line."""
    figures = _bench().audit_in_a_fresh_process(quick=True)
    shown = capsys.readouterr().out
    assert "Audit: 102 groups of 50 rules" in shown
    assert "audit / parse" in shown
    assert set(figures) == {"audit"}
    assert figures["audit"] > 1
