"""The real AWS CLI without its start-up per call: a fork server for the tests' `aws`.

Every `aws` call costs ~0.5 s, most of it before the request: importing awscli and its
plugins, and parsing botocore's JSON service models. The suite makes thousands of calls
(the generated scripts call `aws` once per group and direction, in two shells, twice over).
This process does the start-up once: it imports awscli and its built-in plugins and parses
the models the tests use, then forks once per call. The child runs `awscli.clidriver.main()`
as the installed `bin/aws` does, with the caller's arguments, environment, working folder
and standard streams (passed as file descriptors), and a session created afresh from that
environment; only the parsed model files are the parent's (read from the same data path).
tests/aws/test_fork_server.py checks that both give the same bytes and exit codes.

`aws_tools.aws_executable()` starts it (once per test process) and returns the path of the
`aws` client script that talks to it.
"""

from __future__ import annotations

import importlib
import json
import os
import signal
import socket
import sys
import traceback

MODELS = ("ec2", "eks", "sts", "elbv2", "cloudformation")
"""The service models the tests' commands use, parsed once before any fork."""

CLIENT = """#!{python} -S
# The tests' `aws`: hands its arguments, environment, folder and streams to the fork
# server (tests/aws_fork_server.py) and exits with the real CLI's exit code.
import json, os, socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect({socket!r})
request = {{"argv": ["aws", *sys.argv[1:]], "env": dict(os.environ), "cwd": os.getcwd()}}
socket.send_fds(s, [json.dumps(request).encode() + b"\\n"], [0, 1, 2])
answer = b""
while chunk := s.recv(64):
    answer += chunk
sys.exit(int(answer) if answer else 255)
"""


def _warm_loader() -> tuple[str | None, object]:
    """A botocore loader with the tests' models parsed, and the data path it reads."""
    from botocore import loaders

    path = os.environ.get("AWS_DATA_PATH")
    loader = loaders.create_loader(path)
    for name in MODELS:
        loader.load_service_model(name, "service-2")
    for name in ("cli", "endpoints", "partitions", "sdk-default-configuration"):
        loader.load_data(name)
    return path, loader


def _request(conn: socket.socket) -> tuple[dict, list[int]]:
    data, fds, _, _ = socket.recv_fds(conn, 1 << 20, 3)
    while not data.endswith(b"\n"):
        data += conn.recv(1 << 20)
    return json.loads(data), fds


def _become_caller(request: dict, fds: list[int]) -> None:
    """Take the caller's streams, environment, folder and arguments, as a new `aws` has."""
    for number, fd in enumerate(fds):
        os.dup2(fd, number)
        os.close(fd)
    os.environ.clear()
    os.environ.update(request["env"])
    if os.environ.get("LC_CTYPE", "") == "UTF-8":  # what bin/aws does before importing
        os.environ["LC_CTYPE"] = "en_US.UTF-8"
    os.chdir(request["cwd"])
    sys.argv = request["argv"]
    import awscli

    importlib.reload(awscli)  # its import adds awscli's data folder to AWS_DATA_PATH


def _run(conn: socket.socket, warm: tuple[str | None, object]) -> None:
    """In the child: one `aws` call; send its exit code."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    _become_caller(*_request(conn))
    from botocore import loaders, session

    def create_loader(path: str | None = None) -> object:  # the parsed models, if the same path
        return warm[1] if path == warm[0] else loaders.create_loader(path)

    session.create_loader = create_loader
    import awscli.clidriver

    try:
        code = awscli.clidriver.main()
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
        if isinstance(stop.code, str):
            print(stop.code, file=sys.stderr)
    except BaseException:  # what a crashing `aws` prints, then its exit code
        traceback.print_exc()
        code = 255
    sys.stdout.flush()
    sys.stderr.flush()
    conn.sendall(str(code or 0).encode())


def serve(path: str) -> None:
    import awscli.clidriver  # imported once, before any fork
    import awscli.handlers  # noqa: F401 (the built-in plugins every call loads)

    warm = _warm_loader()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    server = socket.socket(socket.AF_UNIX)
    server.bind(path)
    server.listen(64)
    print("ready", flush=True)
    while True:
        conn, _ = server.accept()
        if os.fork() == 0:
            server.close()
            try:
                _run(conn, warm)
            finally:
                os._exit(0)
        conn.close()


if __name__ == "__main__":
    serve(sys.argv[1])
