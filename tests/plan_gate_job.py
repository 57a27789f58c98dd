"""The GitHub Actions job of docs/plan-gate.md, run here as its runner would run it.

Each step's `run` text comes from the page itself and runs under bash as GitHub runs it
(`bash --noprofile --norc -eo pipefail`), in a folder laid out like the repository the page
describes (`infra/` the root module: tests/fixtures/plan/terraform-aws-eks), with `terraform`
the pinned one and its AWS provider from the mirror (the provider block points at moto),
`eks-sg` this checkout, and `checkov` the one scripts/setup.sh installs.

`python tests/plan_gate_job.py OUT.txt` runs the issue's done-when demo: the whole job on the
configuration without Istio's 15017 rule (a pull request that drops it: the job fails, with a
SARIF result on the fixture's line) and with it (the job passes), and writes both runs' output.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PAGE = ROOT / "docs" / "plan-gate.md"
FIXTURE = HERE / "fixtures" / "plan" / "terraform-aws-eks"
ISTIO = re.compile(r"^ *# BEGIN istio-15017\n.*?^ *# END istio-15017\n", re.M | re.S)
"""The lines of the 15017 rule in the fixture: the pull request removes them."""
SHELL = ("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c")
_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def job() -> dict:
    """The job as the page gives it (its one `yaml` code block)."""
    fence = re.search(r"```yaml\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)
    assert fence, "docs/plan-gate.md has no yaml block"
    return yaml.safe_load(fence.group(1))


def steps() -> dict[str, str]:
    """Each named `run` step's script."""
    found = job()["jobs"]["plan-gate"]["steps"]
    return {s["name"]: s["run"] for s in found if "run" in s}


def checkov() -> Path:
    """checkov from its own virtualenv (scripts/setup.sh test links it as .venv/bin/checkov)."""
    for place in (Path(sys.executable).parent, ROOT / ".venv" / "bin"):
        if (place / "checkov").exists():
            return place / "checkov"
    found = shutil.which("checkov")
    assert found, "checkov is not installed: run `bash scripts/setup.sh test`"
    return Path(found)


def provider(endpoint: str) -> str:
    return ('provider "aws" {\n  region                      = "us-east-1"\n'
            '  access_key                  = "test"\n  secret_key                  = "test"\n'
            "  skip_credentials_validation = true\n  skip_requesting_account_id  = true\n"
            "  skip_metadata_api_check     = true\n\n  endpoints {\n"
            f'    ec2 = "{endpoint}"\n    sts = "{endpoint}"\n  }}\n}}\n')  # fmt: skip


@dataclass
class Run:
    """One step's run: its exit code and output."""

    step: str
    code: int
    stdout: str
    stderr: str

    def text(self) -> str:
        out = _COLOUR.sub("", self.stdout + self.stderr).rstrip()
        return f"$ [{self.step}] exit {self.code}\n{out}\n"


@dataclass
class Repository:
    """A checkout as the job sees it: `infra/` with a provider for moto, and shims on PATH."""

    folder: Path
    env: dict[str, str]
    runs: list[Run] = field(default_factory=list)

    @classmethod
    def make(cls, folder: Path, endpoint: str, terraform, vpc: str):
        """`terraform`: tests/tf_tools.py's Terraform (the binary, the mirror's CLI config)."""
        shutil.copytree(FIXTURE, folder / "infra")
        (folder / "infra" / "provider.tf").write_text(provider(endpoint))
        shims = folder / ".shims"
        shims.mkdir()
        (shims / "eks-sg").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m gen "$@"\n')
        (shims / "eks-sg").chmod(0o755)
        (shims / "checkov").symlink_to(checkov())
        path = f"{shims}:{Path(terraform.binary).parent}:{os.environ['PATH']}"
        env = {**terraform.command_env(), "PATH": path, "PYTHONPATH": str(ROOT),
               "TF_VAR_vpc_id": vpc, "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
               "AWS_DEFAULT_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true"}  # fmt: skip
        return cls(folder, env)

    def pull_request(self, with_15017: bool) -> None:
        """The configuration with Istio's 15017 rule, or a pull request that drops it."""
        main = self.folder / "infra" / "main.tf"
        original = (FIXTURE / "main.tf").read_text()
        main.write_text(original if with_15017 else ISTIO.sub("", original))

    def run(self, name: str) -> Run:
        done = subprocess.run([*SHELL, steps()[name]], cwd=self.folder, env=self.env,
                              capture_output=True, text=True, check=False, timeout=900)  # fmt: skip
        found = Run(name, done.returncode, done.stdout, done.stderr)
        self.runs.append(found)
        return found

    def sarif(self, name: str) -> dict:
        return json.loads((self.folder / name).read_text())


def main(out: Path) -> int:
    """The done-when demo: every run step of the job, without and with the 15017 rule."""
    sys.path.insert(0, str(HERE))
    import tempfile

    from aws_tools import moto_server
    from moto_groups import _client
    from tf_tools import Terraform

    with tempfile.TemporaryDirectory() as tmp, moto_server() as endpoint:
        tf = Terraform(Path(tmp) / "cli", attach=False)
        vpc = _client(endpoint).create_vpc(CidrBlock="10.1.0.0/16")["Vpc"]["VpcId"]
        repo = Repository.make(Path(tmp) / "repo", endpoint, tf, vpc)
        lines = [f"docs/plan-gate.md's job on {FIXTURE.relative_to(ROOT)} ({tf.version()})\n"]
        for with_15017, title in ((False, "pull request dropping the 15017 rule"),
                                  (True, "the 15017 rule back")):  # fmt: skip
            repo.pull_request(with_15017)
            lines.append(f"\n===== {title} =====\n")
            failed = False
            for name in steps():
                if name == "Install the scanners":
                    continue  # eks-sg is this checkout, checkov the one setup.sh installs
                run = repo.run(name)
                lines.append(run.text())
                failed = failed or (run.code != 0 and "checkov" not in name)
            results = repo.sarif("eks-sg.sarif")["runs"][0]["results"]
            levels = [r["level"] for r in results]
            counts = ", ".join(f"{levels.count(k)} {k}" for k in ("error", "warning", "note"))
            errors = [r for r in results if r["level"] == "error"]
            lines.append(f"eks-sg.sarif: {counts}; the errors, as code scanning annotates "
                         f"them:\n{json.dumps(errors, indent=2)}\n")  # fmt: skip
            lines.append(f"job: {'failed' if failed else 'passed'}\n")
        out.write_text("".join(lines))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "plan-done-when.txt")))
