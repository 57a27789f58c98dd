"""Builds side by side and interrupted builds (items 13 and 14 of the hardening issue).

13: concurrent builds take turns on the root's lock file and end with one clean tree.
14: Ctrl-C gives exit 130 without a traceback, and the tree is all old or all new.
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from helpers import DATA, ROOT, replace_once
from write_tools import GENERATED, PORT, changed_outputs, fail_on_call, project, temporaries, tree

from gen import write
from gen.cli import main as cli
from gen.formats import render_all

__all__ = ["project"]  # the fixture, imported for the tests below


def modified_data(tmp_path: Path) -> Path:
    data = tmp_path / "reference.yaml"
    data.write_text(replace_once(DATA.read_text(), PORT, PORT.replace("15008", "15009")))
    return data


def start_build(root: Path, data: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "gen", "build", "--data", str(data), "--root", str(root)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


# 13: concurrent builds.


def test_13_six_concurrent_builds_all_succeed_and_leave_one_clean_tree(
    project: Path, tmp_path: Path
) -> None:
    data = modified_data(tmp_path)
    clean = tmp_path / "clean"
    assert start_build(clean, data).wait() == 0
    for run in range(4):
        root = project if run % 2 else tmp_path / f"empty-{run}"  # an old tree, or nothing yet
        builds = [start_build(root, data) for _ in range(6)]
        results = [(build.wait(), build.stderr.read()) for build in builds]
        for build in builds:
            build.stdout.close()
            build.stderr.close()
        assert all(code == 0 for code, _ in results), results
        assert all("Traceback" not in err for _, err in results), results
        assert generated(root) == generated(clean)


def generated(root: Path) -> dict[str, tuple[bytes, int]]:
    """The tree without the project copy's own data file, which a build reads but never writes."""
    return {k: v for k, v in tree(root).items() if k != "data/reference.yaml"}


def hold_lock(root: Path) -> int:
    """Take the build lock as another build would; closing the descriptor releases it."""
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / write.LOCK, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def test_13_a_second_build_waits_for_the_first_saying_so_once(tmp_path: Path) -> None:
    fd = hold_lock(tmp_path)
    build = start_build(tmp_path, DATA)
    assert build.stderr.readline() == "eks-sg: another build is running; waiting\n"
    time.sleep(0.5)
    assert build.poll() is None
    assert not (tmp_path / "docs").exists()
    os.close(fd)
    stdout, stderr = build.communicate(timeout=60)
    assert (build.returncode, stdout, stderr) == (
        0,
        f"{GENERATED} files generated, {GENERATED} changed\n",
        "",
    )


def test_13_a_build_that_waits_too_long_gives_up_clearly(tmp_path: Path, ref, monkeypatch) -> None:
    monkeypatch.setattr(write, "LOCK_TIMEOUT", 0.3)
    fd = hold_lock(tmp_path)
    try:
        with pytest.raises(write.WriteError) as caught:
            write.write_all(render_all(ref), tmp_path)
    finally:
        os.close(fd)
    assert str(caught.value) == (
        f"another build has held {tmp_path / write.LOCK} for 0.3 s; giving up (nothing written)"
    )
    assert [p.name for p in tmp_path.iterdir()] == [write.LOCK.name]


def test_13_the_lock_serialises_builds_in_one_process_too(tmp_path: Path, ref) -> None:
    """Two threads (as in `mkdocs serve` next to a build) never interleave their writes."""
    outputs, errors = render_all(ref), []

    def run() -> None:
        try:
            write.write_all(outputs, tmp_path)
        except Exception as err:  # reported below
            errors.append(err)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert write.stale(outputs, tmp_path) == []


# 14: Ctrl-C.


def test_14_ctrl_c_while_staging_leaves_the_old_tree(project: Path, ref, monkeypatch) -> None:
    before = tree(project)
    fail_on_call(monkeypatch, "fsync", 7, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        write.write_all(changed_outputs(ref), project)
    assert tree(project) == before


def test_14_ctrl_c_while_renaming_is_held_until_the_tree_is_new(
    project: Path, ref, monkeypatch
) -> None:
    """A real SIGINT in the middle of the renames: the build finishes them, then stops."""
    real_replace, calls = os.replace, []

    def replace_then_interrupt(src, dst) -> None:
        calls.append(dst)
        if len(calls) == 3:
            signal.raise_signal(signal.SIGINT)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace_then_interrupt)
    outputs = changed_outputs(ref)
    with pytest.raises(KeyboardInterrupt):
        write.write_all(outputs, project)
    assert len(calls) == len(outputs)
    monkeypatch.undo()
    assert write.stale(outputs, project) == []
    assert temporaries(project) == []


def test_14_main_turns_ctrl_c_into_exit_130(monkeypatch, capsys) -> None:
    def interrupted(*args) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(write, "write_all", interrupted)
    assert cli.main(["build", "--root", "unused"]) == 130
    assert capsys.readouterr() == ("", "eks-sg: interrupted\n")


# The build runs in a subprocess whose os.<call> (fsync: staging, replace: renaming) says when it
# is reached and then sleeps, so that the test sends SIGINT at a known moment.
_PAUSED_BUILD = textwrap.dedent(
    """
    import os, sys, time
    from gen.cli import main as cli

    call = sys.argv[1]
    real, paused = getattr(os, call), []

    def pause(*args):
        if not paused:
            paused.append(True)
            print("paused", file=sys.stderr, flush=True)
            time.sleep(2)
        return real(*args)

    setattr(os, call, pause)
    sys.exit(cli.main(sys.argv[2:]))
    """
)


@pytest.mark.parametrize(("call", "state"), [("fsync", "old"), ("replace", "new")])
def test_14_sigint_to_a_build_exits_130_without_a_traceback(
    project: Path, tmp_path: Path, call: str, state: str
) -> None:
    data = modified_data(tmp_path)
    clean = tmp_path / "clean"
    assert start_build(clean, data).wait() == 0
    before = tree(project)
    args = ["build", "--data", str(data), "--root", str(project)]
    build = subprocess.Popen(
        [sys.executable, "-c", _PAUSED_BUILD, call, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert build.stderr.readline() == "paused\n"
    build.send_signal(signal.SIGINT)
    stdout, stderr = build.communicate(timeout=60)
    assert (build.returncode, stdout, stderr) == (130, "", "eks-sg: interrupted\n")
    if state == "old":
        assert tree(project) == before
    else:
        assert generated(project) == generated(clean)
