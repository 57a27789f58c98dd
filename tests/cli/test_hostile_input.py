"""Hostile command lines and interruptions (issue 24, items 11, 12, 19): a clear error, exit 2,
escaped echoes; Ctrl-C while starting exits 130, a closed output pipe exits quietly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from helpers import ROOT, eks_sg

SG = "sg-0123456789abcdef0"


@pytest.mark.parametrize("command", ["rules", "audit"])
@pytest.mark.parametrize("value", [f"node={SG}\n", f"node={SG}\r", f"node=\n{SG}"])
def test_an_sg_id_with_a_line_break_is_refused(command: str, value: str) -> None:
    """Item 11: `$` matched before a final newline, so `sg-...\\n` was accepted."""
    extra = ["--input", os.devnull] if command == "audit" else []
    result = eks_sg(command, "--sg", value, *extra)
    assert result.returncode == 2
    assert "a security group ID is sg- and 8 or 17" in result.stderr
    assert "\\x0" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--with", "a\x1b[2Jb"],
        ["--with", "istio,\x1b]0;pwned\x07"],
        ["--share", "n\x1bode=cluster"],
        ["--share", "node=cl\u2028uster"],
        ["--group", "no\x9bde"],
        ["--param", "x\x1b=1"],
    ],
)
def test_every_echoed_value_is_escaped(args: list[str]) -> None:
    """Item 12: errors from --with / --share printed the user's control characters raw."""
    result = eks_sg("rules", *args)
    assert result.returncode == 2
    assert result.stderr.startswith("eks-sg: error: ")
    assert not any(c in result.stderr for c in "\x1b\x07\x9b\u2028")
    assert result.stderr.count("\n") == 1


def test_a_closed_output_pipe_ends_quietly() -> None:
    """Item 19: `eks-sg rules --format aws-cli | head -0` used to end in BrokenPipeError."""
    reader, writer = os.pipe()
    os.close(reader)  # the consumer is gone before anything is written
    result = subprocess.run(
        [sys.executable, "-m", "gen", "rules", "--format", "aws-cli"],
        cwd=ROOT, stdout=writer, stderr=subprocess.PIPE, text=True, check=False,
    )  # fmt: skip
    os.close(writer)
    assert (result.returncode, result.stderr) == (141, "")


def test_ctrl_c_while_the_modules_load_exits_130_without_a_traceback() -> None:
    """Item 19: Ctrl-C during start-up, here at the moment PyYAML is imported."""
    code = (
        "import builtins, runpy, sys\n"
        "real = builtins.__import__\n"
        "def interrupted(name, *args, **kwargs):\n"
        "    if name == 'yaml':\n"
        "        raise KeyboardInterrupt\n"
        "    return real(name, *args, **kwargs)\n"
        "builtins.__import__ = interrupted\n"
        "sys.argv = ['eks-sg', 'validate']\n"
        "runpy.run_module('gen', run_name='__main__')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=False)  # fmt: skip
    assert (result.returncode, result.stderr) == (130, "eks-sg: interrupted\n")


def test_a_real_ctrl_c_during_start_up_exits_130_without_a_traceback() -> None:
    """A real SIGINT once the first of gen's modules has loaded (seen through -X importtime)."""
    process = subprocess.Popen(
        [sys.executable, "-X", "importtime", "-m", "gen", "validate"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stderr is not None
    for line in process.stderr:
        if line.rstrip().endswith("gen.cli"):  # gen.cli.main's imports are next
            process.send_signal(signal.SIGINT)
            break
    rest = process.stderr.read()
    process.wait(timeout=60)
    printed = [line for line in rest.splitlines() if not line.startswith("import time:")]
    assert process.returncode == 130, rest
    assert printed == ["eks-sg: interrupted"]
