"""`eks-sg` imports only what a command uses: validate and --help import no formatter, no
writer, no selection and no pydantic (the start-up target of issue 26 is measured by
benchmarks/bench.py; this keeps what it depends on from coming back unnoticed)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from helpers import ROOT

HEAVY = ("gen.formats.", "gen.write", "gen.select", "gen.audit", "gen.discover", "pydantic")

PROBE = """
import contextlib, io, json, sys
from gen.cli import main as cli
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    cli.main(sys.argv[1:])
print(json.dumps(sorted(m for m in sys.modules if m.startswith({heavy!r}))))
"""


def _loaded(*args: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *args], cwd=ROOT,
                            capture_output=True, text=True, check=True)  # fmt: skip
    return json.loads(result.stdout.splitlines()[-1])


@pytest.mark.parametrize("args", [["validate"], ["rules", "--help"], ["--help"], ["--version"]])
def test_a_command_imports_only_what_it_uses(args: list[str]) -> None:
    assert _loaded(*args) == []


def test_rules_imports_the_formatter_it_prints_with_and_no_other() -> None:
    formatters = [m for m in _loaded("rules", "--format", "csv") if m.startswith("gen.formats.")]
    assert "gen.formats.csv" in formatters
    assert "gen.formats.picker" not in formatters
    assert "gen.formats.aws_scripts" not in formatters
