"""No text from the data can become code in the generated scripts.

Titles, rule ids, descriptions, categories and notes are set to hostile strings (command
substitutions, quotes, line breaks, ESC, ...) with `model_copy`, which skips validation the way
a future bug in the model could. The scripts run with cwd in a fresh directory: any `touch`
that ran would leave a file there. Hypothesis drives `--help` and `--dry-run` (no AWS call but
a stand-in describe); a few examples with EC2-valid descriptions run for real against moto.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest
from aws_tools import cli_env, moto_server
from helpers import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st
from moto_groups import described, new_groups

from gen.aws.shell import comment
from gen.formats import aws_scripts
from gen.reference.load import load
from gen.reference.model import Reference

BASE = load(FIXTURES / "minimal.yaml")
PIECES = st.sampled_from([
    "$(touch MARKER1)", "`touch MARKER2`", "'", '"', "\n", ";", "#", "\\", "\x1b[31m", "\r",
    "\x00", "\n touch MARKER3 #", "';touch MARKER4;'", '"$(touch MARKER5)"', "${IFS}", "%s%n",
    "$'\\n'", "EOF", "\u2028", "é漢😀", "*", "!", "&&", "|", "\t",
])  # fmt: skip
CHARS = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=6)
HOSTILE = st.lists(PIECES | CHARS, min_size=1, max_size=5).map("".join)
SHELLS = ["dash", "bash", "busybox sh"]
FAKE_AWS = (  # describe: every group asked for, with no rule
    '#!/bin/sh\nif [ "$2" = describe-security-groups ]; then shift 5\n'
    '  for id do case $id in --*) break ;; esac; printf "G\\t%s\\n" "$id"; done\nfi\n'
)


def hostile(ref: Reference, title: str, text: str, description: str) -> Reference:
    """`ref` with every title, question and help, rule id, note and description replaced, and
    a hostile category added to every rule, unvalidated (a rule keeps its real categories, which
    the scripts' selection matches; the hostile one matches none)."""
    groups = [g.model_copy(update={"title": title}) for g in ref.security_groups]
    params = [p.model_copy(update={"title": title}) for p in ref.parameters]
    categories = [
        c.model_copy(update={"title": title, "question": title, "help": text})
        for c in ref.categories
    ]
    rules = [
        r.model_copy(
            update={
                "id": f"{text}{i}",
                "description": description,
                "notes": text,
                "categories": [text, *r.categories],
            }
        )
        for i, r in enumerate(ref.rules)
    ]
    return ref.model_copy(
        update={
            "security_groups": groups,
            "parameters": params,
            "categories": categories,
            "rules": rules,
        }
    )


def write_scripts(ref: Reference, folder: Path) -> dict[str, Path]:
    paths = {}
    for path, text in aws_scripts.render(ref).items():
        target = folder / path.name
        target.write_text(text, encoding="utf-8")
        paths[path.name] = target
    return paths


def leftovers(folder: Path, expected: set[str]) -> set[str]:
    """Files in `folder` (recursively) that the test did not put there."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*")} - expected


def run(
    shell: str, script: Path, args: list[str], env: dict[str, str]
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*shell.split(), script.name, *args], cwd=script.parent, env=env,
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(title=HOSTILE, text=HOSTILE, description=HOSTILE, shell=st.sampled_from(SHELLS))
def test_hostile_text_never_runs_in_help_or_dry_run(
    title: str, text: str, description: str, shell: str
) -> None:
    ref = hostile(BASE, title, text, description)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "bin").mkdir()
        (folder / "bin" / "aws").write_text(FAKE_AWS)
        (folder / "bin" / "aws").chmod(0o755)
        scripts = write_scripts(ref, folder)
        expected = {*scripts, "bin", "bin/aws"}
        variables = {"NODE_SG_ID": "sg-0123456789abcdef0", "CONTROL_PLANE_SG_ID": "sg-01234567",
                     "LISTENER_PORT": "30080", "PATH": f"{folder / 'bin'}:/usr/bin:/bin"}  # fmt: skip
        for name, scope in (("apply.sh", []), ("revoke.sh", []), ("apply.sh", ["--group", "node"])):
            helped = run(shell, scripts[name], ["--help", *scope], {})
            assert (helped.returncode, helped.stderr) == (0, ""), helped.stderr
            assert comment(title) in helped.stdout
            listed = run(shell, scripts[name], ["--list", *scope], {})
            assert (listed.returncode, listed.stderr) == (0, ""), listed.stderr
            assert f"    {comment(title)}\n" in listed.stdout
            assert f"    {comment(text)}\n" in listed.stdout or not text  # no help: no line
            dry = run(shell, scripts[name], ["--dry-run", *scope], variables)
            assert dry.returncode == 0, dry.stderr
            assert dry.stdout.endswith("Done (dry run: nothing was changed).\n")
            assert comment(f"{text}0") in dry.stdout
        assert leftovers(folder, expected) == set()


REAL = [  # (title, rule-id text, EC2-valid description)
    ("Worker $(touch MARKER1) node", "x;touch MARKER2 #", "$(touch MARKER3)"),
    ("Worker node\ntouch MARKER4 #", "`touch MARKER5`'\"\n", ";touch MARKER6 #"),
    ("'; touch MARKER7; '\x1b[2J", "$(touch MARKER8)", "${IFS}!{x}*[y]=+@,:/.-_ (z) #;"),
]


@pytest.fixture(scope="module")
def endpoint():
    with moto_server() as url:
        yield url


@pytest.mark.moto
@pytest.mark.parametrize(("title", "text", "description"), REAL)
def test_hostile_text_never_runs_in_a_real_apply_and_revoke(
    endpoint: str, tmp_path: Path, title: str, text: str, description: str
) -> None:
    """Apply, apply again (the description compares equal), revoke: nothing else runs."""
    ref = hostile(BASE, title, text, description)
    groups = new_groups(endpoint, BASE)  # the groups' own EC2 descriptions stay plain
    scripts = write_scripts(ref, tmp_path)
    env = cli_env(endpoint, NODE_SG_ID=groups["node"], CONTROL_PLANE_SG_ID=groups["control-plane"],
                  LISTENER_PORT="30080")  # fmt: skip
    first = run("dash", scripts["apply.sh"], ["--with", "istio"], env)
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("  added    ") == len(ref.rules)
    rules = described(endpoint, groups)
    assert sum(r[-1] == description for r in rules) == len(ref.rules)
    again = run("bash", scripts["apply.sh"], ["--with=istio"], env)
    assert again.returncode == 0, again.stderr
    assert again.stdout.count("  present  ") == len(ref.rules)
    assert "differs" not in again.stdout
    revoke = run("dash", scripts["revoke.sh"], ["--yes", "--with", "istio"], env)
    assert revoke.returncode == 0, revoke.stderr
    assert revoke.stdout.count("  removed  ") == len(ref.rules)
    assert leftovers(tmp_path, set(scripts)) == set()
