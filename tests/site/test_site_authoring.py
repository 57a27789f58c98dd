"""Live authoring: the mkdocs hook regenerates docs/ from the YAML on every build and serve."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from helpers import replace_once
from site_tools import copy_project, mkdocs

OLD = "description: Kubernetes API server to the kubelet API\n"
NEW = "description: Kubelet API from the control plane (edited)\n"


def edit_data(project: Path) -> None:
    data = project / "data/reference.yaml"
    text = data.read_text(encoding="utf-8")
    start = text.index("- id: node-in-kubelet-from-control-plane")
    data.write_text(text[:start] + replace_once(text[start:], OLD, NEW))


def test_build_regenerates_pages_from_the_yaml(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    edit_data(project)
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "edited" in (project / "docs/reference/node.md").read_text()
    assert (
        "Kubelet API from the control plane (edited)"
        in (project / "site/reference/node/index.html").read_text()
    )


def test_invalid_yaml_stops_the_build_with_located_errors(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    data = project / "data/reference.yaml"
    data.write_text(data.read_text().replace("  ports: 15008\n", "  ports: 150080\n"))
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode != 0
    assert "reference.yaml:" in result.stderr
    assert "port 150080 is outside 0-65535" in result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
            return response.read().decode()
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _fetch(url):
            return True
        time.sleep(0.5)
    return False


@pytest.mark.slow("mkdocs serve started, a rebuild waited for")
@pytest.mark.browser
def test_serve_rebuilds_when_the_yaml_changes(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}/reference/node/"
        assert _wait_for(url, "Kubernetes API server to the kubelet API", 90), "serve did not start"
        edit_data(project)
        assert _wait_for(url, "Kubelet API from the control plane (edited)", 90)
    finally:
        server.terminate()
        server.wait(timeout=30)
