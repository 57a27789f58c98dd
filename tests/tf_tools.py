"""The real terraform binary, with the AWS provider from a local filesystem mirror.

Tests fail (never skip) when terraform or the mirror is missing: `scripts/setup.sh test`
installs terraform; the mirror is found in the known places below or EKS_SG_TF_MIRROR.
`Terraform` holds one CLI config of its own: the mirror only, never the network.

Each terraform command would start the AWS provider (a 700 MB Go binary) twice, ~1.6 CPU-s of
a 4.6 CPU-s `terraform validate`. Each test process starts the mirror's provider once, in its
own debug mode, and every command attaches to it (TF_REATTACH_PROVIDERS, Terraform's way of
driving a provider it did not start). A test process runs one test at a time, so one command
at a time talks to it. Its environment is fixed when it starts (fake credentials, no instance
metadata), so the tests configure where it sends requests in HCL (the provider's `endpoints`);
an AWS_* variable given to one command reaches terraform, not the provider. Terraform neither
installs an attached provider nor checks it against `required_providers`, so the tests of the
generated modules' constraints run with `attach=False`.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from aws_tools import FAKE_CREDENTIALS

MIRRORS = ("/opt/tf-plugins", "~/.terraform.d/plugins", "~/.local/share/terraform/plugins",
           "/usr/local/share/terraform/plugins", "/usr/share/terraform/plugins")  # fmt: skip
PROVIDER = "registry.terraform.io/hashicorp/aws"
BUILD = "*/linux_amd64/terraform-provider-aws_*"
"""A provider build in a mirror, under PROVIDER: VERSION/OS_ARCH/BINARY."""


def terraform_binary() -> str:
    """terraform on PATH or in .venv/bin (where scripts/setup.sh installs it)."""
    found = shutil.which("terraform") or shutil.which(
        "terraform", path=str(Path(sys.executable).parent)
    )
    if not found:
        pytest.fail("terraform is not installed: run `bash scripts/setup.sh test`", pytrace=False)
    return found


def provider_mirror() -> Path:
    """A filesystem mirror that holds the hashicorp/aws provider."""
    candidates = [os.environ.get("EKS_SG_TF_MIRROR", ""), *MIRRORS]
    for candidate in filter(None, candidates):
        path = Path(candidate).expanduser()
        if any((path / PROVIDER).glob(BUILD)):
            return path
    pytest.fail(f"no terraform provider mirror with {PROVIDER} in {', '.join(MIRRORS)} (set "
                "EKS_SG_TF_MIRROR to one)", pytrace=False)  # fmt: skip


def provider_binary(mirror: Path) -> Path:
    """The mirror's newest linux_amd64 build (versions compared as numbers: 5.100.0 > 5.9.0)."""
    version = lambda build: [int(n) if n.isdigit() else -1 for n in build.parts[-3].split(".")]  # noqa: E731
    return max((mirror / PROVIDER).glob(BUILD), key=version)


GO = {"GOGC": "300"}
"""For terraform and the AWS provider (Go): collect garbage a third as often. The provider's
schema is large and rebuilt per command, and on this two-core machine that collection was
~14 % of terraform's CPU (the whole-reference test: 93 -> 80 CPU-s)."""
PROVIDER_ENV = {**FAKE_CREDENTIALS, "AWS_EC2_METADATA_DISABLED": "true", **GO}
_running: dict[Path, tuple[subprocess.Popen, str]] = {}


def reattach(binary: Path) -> str:
    """TF_REATTACH_PROVIDERS for this process's provider server, started on first use (and
    again if it has died); it is stopped when the test process exits."""
    process, value = _running.get(binary, (None, ""))
    if process is None or process.poll() is not None:
        process, value = _start(binary)
        _running[binary] = (process, value)
    return value


def _start(binary: Path) -> tuple[subprocess.Popen, str]:
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root"), **PROVIDER_ENV}
    with tempfile.TemporaryFile(mode="w+") as out:  # where it prints how to attach
        process = subprocess.Popen([str(binary), "-debug"], stdout=out, stderr=subprocess.DEVNULL,
                                   stdin=subprocess.DEVNULL, env=env)  # fmt: skip
        atexit.register(_stop, process)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            out.seek(0)
            found = [line.strip() for line in out if "TF_REATTACH_PROVIDERS=" in line]
            if found:
                value = found[0].split("=", 1)[1].strip("'")
                json.loads(value)  # what terraform will parse
                return process, value
            time.sleep(0.1)
    process.kill()
    pytest.fail(f"{binary} -debug printed no TF_REATTACH_PROVIDERS", pytrace=False)


def _stop(process: subprocess.Popen) -> None:
    """An interrupt, as the debug mode expects (it then removes its socket), then a kill."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Terraform:
    """terraform with a CLI config of its own: the mirror only, never the network."""

    def __init__(self, work: Path, attach: bool = True) -> None:
        """`attach=False`: terraform starts the provider itself, as on a user's machine (the
        plan-gate demo's transcript shows `terraform init` installing it)."""
        self.attach = attach
        self.binary = terraform_binary()
        self.mirror = provider_mirror()
        self.provider = provider_binary(self.mirror)
        work.mkdir(parents=True, exist_ok=True)
        config = work / "cli.tfrc"
        config.write_text(
            "provider_installation {\n  filesystem_mirror {\n"
            f'    path    = "{self.mirror}"\n    include = ["{PROVIDER}"]\n  }}\n'
            f'  direct {{\n    exclude = ["{PROVIDER}"]\n  }}\n}}\n'
        )
        self.env = {**os.environ, "TF_CLI_CONFIG_FILE": str(config), "TF_IN_AUTOMATION": "1",
                    "CHECKPOINT_DISABLE": "1", "TF_INPUT": "0", **GO}  # fmt: skip

    def command_env(self) -> dict[str, str]:
        """The environment a terraform command runs in: attached to the process's provider."""
        if not self.attach:
            return self.env
        return {**self.env, "TF_REATTACH_PROVIDERS": reattach(self.provider)}

    def run(self, cwd: Path, *args: str, check: bool = True, **env: str):
        env = {**self.command_env(), **env}
        result = subprocess.run([self.binary, *args, "-no-color"], cwd=cwd, env=env,
                                capture_output=True, text=True, check=False, timeout=600)  # fmt: skip
        if check and result.returncode != 0:
            pytest.fail(f"terraform {' '.join(args)} in {cwd}:\n{result.stdout}\n{result.stderr}")
        return result

    def version(self) -> str:
        return subprocess.run([self.binary, "version"], capture_output=True, text=True,
                              env=self.env, check=True).stdout.splitlines()[0]  # fmt: skip


def hcl_value(text: str) -> object:
    """A python-hcl2 string back to its value: quotes off, escapes as HCL means them."""
    import json

    if isinstance(text, str) and text.startswith('"'):
        return json.loads(text).replace("$${", "${").replace("%%{", "%{")
    return text


def without_comments(value):
    """python-hcl2's tree without its `__comments__` keys."""
    if isinstance(value, dict):
        return {k: without_comments(v) for k, v in value.items() if not k.startswith("__")}
    if isinstance(value, list):
        return [without_comments(v) for v in value]
    return value
