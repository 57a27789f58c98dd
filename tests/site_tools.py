"""Build the site from a copy of the project, serve it on 127.0.0.1, drive it with Chromium.

The copy keeps the repository untouched (the mkdocs hook regenerates docs/ in the copy).
Chromium is Debian's (installed by scripts/setup.sh test), driven by Playwright for Python.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from helpers import ROOT

PROJECT_PARTS = ("mkdocs.yml", "data", "docs", "gen")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip


def copy_project(target: Path) -> Path:
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


def built_site(tmp_path_factory) -> Path:
    """The site, built once per test run from a copy of the project (`mkdocs build --strict`,
    no warning), shared by every module that only reads it and by every xdist worker: the
    first to come builds under a lock, the others wait for it and reuse its folder."""
    root = tmp_path_factory.getbasetemp()
    root = root.parent if os.environ.get("PYTEST_XDIST_WORKER") else root  # the run's, shared
    project, done = root / "built-site", root / "built-site.done"
    with (root / "built-site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            shutil.rmtree(project, ignore_errors=True)  # a build that failed part-way
            project.mkdir()
            result = mkdocs("build", "--strict", cwd=copy_project(project))
            assert result.returncode == 0, result.stderr
            assert "WARNING" not in result.stderr, result.stderr
            done.touch()
    return project / "site"


def mkdocs(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=env,
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 at a free port; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def chromium_path() -> str:
    path = shutil.which("chromium")
    assert path, "Debian's chromium is installed by scripts/setup.sh test"
    return path
