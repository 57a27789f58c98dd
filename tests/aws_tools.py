"""The real AWS CLI, in-process with requests captured, or as a subprocess against moto.

- `CapturingCli`: runs `aws ...` argument lists through awscli's own driver; botocore parses
  and validates the parameters as it would for AWS, and the request is stopped before sending.
- `moto_server()`: moto's EC2 emulator on 127.0.0.1 (a free port), for the real CLI to talk to.
- `aws_executable()`: the real CLI as the tests run it, through a fork server that does its
  ~0.5 s start-up once (tests/aws_fork_server.py); `installed_aws()`: the installed script.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import io
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aws_fork_server as fork_server

FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "test",
    "AWS_SECRET_ACCESS_KEY": "test",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_PAGER": "",
    "AWS_CONFIG_FILE": "/dev/null",
    "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
}


class CapturingCli:
    """awscli's driver with every EC2 call captured (operation, params) and never sent."""

    def __init__(self) -> None:
        from awscli.clidriver import create_clidriver
        from botocore.awsrequest import AWSResponse

        os.environ.update(FAKE_CREDENTIALS)
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.driver = create_clidriver()

        def record(params: dict, model: Any, **_: Any) -> None:
            self.calls.append((model.name, dict(params)))

        def stop(**_: Any) -> tuple:
            return AWSResponse("https://ec2.invalid/", 200, {}, None), {"Return": True}

        self.driver.session.register("before-parameter-build.ec2", record)
        self.driver.session.register("before-call.ec2", stop)

    def run(self, args: list[str]) -> tuple[int, str]:
        """Run `aws` with these arguments (without the leading `aws`); exit code and stderr."""
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = self.driver.main(args)
        return code, err.getvalue()


def installed_aws() -> str:
    """The `aws` of this virtualenv (the tests never depend on one found elsewhere)."""
    candidate = Path(os.sys.executable).parent / "aws"
    return str(candidate) if candidate.exists() else shutil.which("aws") or "aws"


@functools.cache  # one fork server per test process, stopped when the process ends
def aws_executable() -> str:
    """The tests' `aws`: the installed CLI run by tests/aws_fork_server.py (its start-up done
    once), through a client script alone in its folder (that folder goes first on PATH)."""
    folder = Path(tempfile.mkdtemp(prefix="aws-"))
    sock = folder / "sock"
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    server = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("aws_fork_server.py")), str(sock)],
        env=env, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert server.stdout is not None
    assert server.stdout.readline() == "ready\n"
    atexit.register(server.kill)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    client = folder / "bin" / "aws"
    client.parent.mkdir()
    client.write_text(fork_server.CLIENT.format(python=sys.executable, socket=str(sock)))
    client.chmod(0o755)
    return str(client)


@contextlib.contextmanager
def moto_server() -> Iterator[str]:
    """Start moto on 127.0.0.1 at a free port; yield its endpoint URL.

    Moto's backends live in this process, not in the server: every server started here
    shares them. Each one starts from empty state (moto's own reset call), so a test
    module's clusters and groups never meet another module's ("Cluster already exists")."""
    import urllib.request

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    url = f"http://127.0.0.1:{server._server.server_port}"
    # http on 127.0.0.1, to the server just started: S310's file:/custom-scheme worry does not apply
    reset = urllib.request.Request(f"{url}/moto-api/reset", method="POST")  # noqa: S310
    urllib.request.urlopen(reset).close()  # noqa: S310
    try:
        yield url
    finally:
        server.stop()


def cli_env(endpoint: str, **extra: str) -> dict[str, str]:
    """The environment for the real `aws` against moto, plus script variables."""
    path = f"{Path(aws_executable()).parent}:{Path(installed_aws()).parent}:{os.environ['PATH']}"
    return {**os.environ, **FAKE_CREDENTIALS, "AWS_ENDPOINT_URL": endpoint, "PATH": path, **extra}


def aws_json(endpoint: str, *args: str) -> Any:
    """Run the real CLI against moto and parse its JSON output."""
    import json

    result = subprocess.run(
        [aws_executable(), "ec2", *args, "--output", "json"],
        env=cli_env(endpoint), capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(result.stdout)
