"""The real terraform binary, with the AWS provider from a local filesystem mirror.

Tests fail (never skip) when terraform or the mirror is missing: `scripts/setup.sh test`
installs terraform; the mirror is found in the known places below or EKS_SG_TF_MIRROR.
`Terraform` holds one CLI config and one shared data dir, so the provider is installed once
and every module folder reuses it (terraform init per folder is the slow part).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

MIRRORS = ("/opt/tf-plugins", "~/.terraform.d/plugins", "~/.local/share/terraform/plugins",
           "/usr/local/share/terraform/plugins", "/usr/share/terraform/plugins")  # fmt: skip
PROVIDER = "registry.terraform.io/hashicorp/aws"


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
        if any((path / PROVIDER).glob("*/linux_amd64/terraform-provider-aws_*")):
            return path
    pytest.fail(f"no terraform provider mirror with {PROVIDER} in {', '.join(MIRRORS)} (set "
                "EKS_SG_TF_MIRROR to one)", pytrace=False)  # fmt: skip


def provider_version(mirror: Path) -> str:
    return sorted(p.name for p in (mirror / PROVIDER).iterdir())[-1]


class Terraform:
    """terraform with a CLI config of its own: the mirror only, never the network."""

    def __init__(self, work: Path) -> None:
        self.binary = terraform_binary()
        self.mirror = provider_mirror()
        work.mkdir(parents=True, exist_ok=True)
        config = work / "cli.tfrc"
        config.write_text(
            "provider_installation {\n  filesystem_mirror {\n"
            f'    path    = "{self.mirror}"\n    include = ["{PROVIDER}"]\n  }}\n'
            f'  direct {{\n    exclude = ["{PROVIDER}"]\n  }}\n}}\n'
        )
        # GOGC=300: terraform and the AWS provider (Go) collect garbage a third as often; the
        # provider's schema is large and rebuilt per command, and on this two-core machine
        # that collection was ~14 % of terraform's CPU (the whole-reference test: 93 -> 80 CPU-s)
        self.env = {**os.environ, "TF_CLI_CONFIG_FILE": str(config), "TF_IN_AUTOMATION": "1",
                    "CHECKPOINT_DISABLE": "1", "TF_INPUT": "0", "GOGC": "300"}  # fmt: skip

    def run(self, cwd: Path, *args: str, check: bool = True, **env: str):
        result = subprocess.run([self.binary, *args, "-no-color"], cwd=cwd, env={**self.env, **env},
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
