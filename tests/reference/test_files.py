"""Files a user names (issue 24, item 18): a FIFO, a device or a huge file is refused before
it is read, with a clear error (exit 2), never a hang or a memory blow-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import DATA, ROOT, eks_sg

from gen.reference import files

RULE = (
    "- {id: 'X', group: 1, direction: 2, protocol: 3, ports: true, peer: 5, categories: 6,"
    " description: 7, sources: 8, zz: 9}\n"
)
"""The benchmark's million-error file (benchmarks/bench.py, `hostile`): 111,112 such rules."""


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "reference.yaml"
    os.mkfifo(fifo)
    result = eks_sg("validate", str(fifo), timeout=60)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"eks-sg: error: {fifo}: cannot read the file: it is a FIFO (named pipe), not a "
        "regular file\n"
    )


@pytest.mark.parametrize(("device", "kind"), [("/dev/zero", "a character device"),
                                              ("/tmp", "a folder")])  # fmt: skip
def test_a_device_or_a_folder_is_refused(device: str, kind: str) -> None:
    result = eks_sg("validate", device, timeout=60)
    assert result.returncode == 2
    assert (
        result.stderr
        == f"eks-sg: error: {device}: cannot read the file: it is {kind}, not a regular file\n"
    )


def test_the_million_error_file_stops_before_it_is_read(tmp_path: Path) -> None:
    """It used to take its time and peak at 1.4 GB; now it is refused by its size."""
    big = tmp_path / "reference.yaml"
    big.write_text("rules:\n" + RULE * 111_112, encoding="utf-8")
    assert big.stat().st_size > files.MAX_BYTES
    code = (  # measured in a fresh process, so the peak is this command's alone
        "import resource, subprocess, sys, time; t = time.monotonic(); "
        "r = subprocess.run([sys.executable, '-m', 'gen', 'validate', sys.argv[1]], "
        "capture_output=True, text=True); "
        "print(time.monotonic() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
        "print(r.returncode); print(r.stdout + r.stderr, end='')"
    )
    measured = subprocess.run([sys.executable, "-c", code, str(big)], cwd=ROOT,
                              capture_output=True, text=True, check=True, timeout=120)  # fmt: skip
    figures, code_line, printed = measured.stdout.split("\n", 2)
    elapsed, peak_kb = (float(x) for x in figures.split())
    result = subprocess.CompletedProcess([], int(code_line), "", printed)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"eks-sg: error: {big}: cannot read the file: it is {big.stat().st_size:,} bytes or "
        f"more; eks-sg reads files of at most {files.MAX_BYTES:,} bytes\n"
    )
    assert elapsed < 30
    assert peak_kb < 200 * 1024  # MB: the file is never read, let alone parsed


def test_a_file_at_the_limit_is_read_and_one_past_it_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 100)
    assert files.read_bytes(path, limit=100) == b"x" * 100
    with pytest.raises(OSError, match="at most 99 bytes"):
        files.read_bytes(path, limit=99)


def test_the_real_data_file_is_far_below_the_limit() -> None:
    assert DATA.stat().st_size * 20 < files.MAX_BYTES
