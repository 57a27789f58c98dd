"""The writer: `build --check` on the repository, what it names, all-or-nothing writes, what a
build may delete (only what it generated, never through a link out of the project), and how a
failed write is reported.

Numbers in the docstrings are the items of the hardening issue they cover; concurrency and
Ctrl-C (13, 14) are in test_write_concurrency.py.
"""

from __future__ import annotations

import errno
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest
from helpers import DATA, ROOT, eks_sg, replace_once
from write_tools import GENERATED, PORT, changed_outputs, fail_on_call, temporaries, tree

from gen import write
from gen.formats import render_all
from gen.reference.load import load
from gen.reference.model import Reference

CHANGED_BY_PORT = [  # a node rule: both scripts carry every rule
    "docs/downloads/aws-cli/apply.sh",
    "docs/downloads/aws-cli/revoke.sh",
    "docs/downloads/cloudformation/all.yaml",
    "docs/downloads/cloudformation/node.yaml",
    "docs/downloads/reference.json",
    "docs/downloads/rules-node.csv",
    "docs/downloads/rules.csv",
    "docs/downloads/terraform/all/main.tf",
    "docs/downloads/terraform/node/main.tf",
    "docs/downloads/terraform-aws-eks/v20.hcl",
    "docs/downloads/terraform-aws-eks/v21.hcl",
    "docs/reference/node.md",
    "docs/setup/selection.json",
]


def test_committed_files_are_current() -> None:
    """The repository's generated files are exactly what `eks-sg build` makes now."""
    result = eks_sg("build", "--check")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_output_is_byte_for_byte_repeatable(ref: Reference) -> None:
    first, second = render_all(ref), render_all(load(DATA))
    assert first == second
    for path, text in first.items():
        assert text.endswith("\n"), path
        assert "\r\n" not in text, path
        assert all(line == line.rstrip() for line in text.splitlines()), path


def change_port(project: Path) -> Path:
    """Edit one port in the project's data, so that exactly CHANGED_BY_PORT change."""
    data = project / "data/reference.yaml"
    data.write_text(replace_once(data.read_text(), PORT, PORT.replace("15008", "15009")))
    return data


def build(project: Path, *args: str, data: Path | None = None) -> subprocess.CompletedProcess:
    data = data or project / "data/reference.yaml"
    return eks_sg("build", *args, "--data", str(data), "--root", str(project))


def test_editing_one_port_names_exactly_the_files_that_change(project: Path) -> None:
    change_port(project)
    result = build(project, "--check")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        *(f"{path} is out of date" for path in CHANGED_BY_PORT),
        "run `eks-sg build` to regenerate",
    ]


def test_build_then_check_is_clean(project: Path) -> None:
    (project / "docs/reference/node.md").unlink()
    assert build(project, "--check").stdout.splitlines() == [
        "docs/reference/node.md is out of date (missing)",
        "run `eks-sg build` to regenerate",
    ]
    result = build(project)
    assert (result.returncode, result.stdout) == (0, f"{GENERATED} files generated, 1 changed\n")
    again = build(project, "--check")
    assert (again.returncode, again.stdout) == (0, "")


def test_invalid_data_changes_no_file(project: Path) -> None:
    before = tree(project)
    data = project / "data/reference.yaml"
    data.write_text(data.read_text().replace("  ports: 15008\n", "  ports: 150080\n"))
    before["data/reference.yaml"] = (data.read_bytes(), before["data/reference.yaml"][1])
    result = build(project)
    assert result.returncode == 1
    assert tree(project) == before


# 11: delete only what a build generated; never follow a link out of the project.


def test_11_a_file_the_manifest_lists_and_the_build_no_longer_makes_is_removed(
    project: Path,
) -> None:
    """A group's CSV once the group is gone: a generated shape in a generated folder."""
    manifest = project / write.MANIFEST
    manifest.write_text(manifest.read_text() + "docs/downloads/rules-old.csv\n")
    (project / "docs/downloads/rules-old.csv").write_text("x\n")
    check = build(project, "--check")
    assert (check.returncode, check.stdout.splitlines()) == (
        1,
        [
            "docs/downloads/rules-old.csv is no longer generated",
            ".eks-sg-manifest is out of date",
            "run `eks-sg build` to regenerate",
        ],
    )
    result = build(project)
    assert (result.returncode, result.stdout) == (0, f"{GENERATED} files generated, 1 changed\n")
    assert not (project / "docs/downloads/rules-old.csv").exists()
    assert manifest.read_text() == (ROOT / write.MANIFEST).read_text()
    assert build(project, "--check").stdout == ""


def test_11_files_put_into_docs_by_hand_are_never_deleted(project: Path) -> None:
    mine = [project / "docs/downloads/mine.csv", project / "docs/reference/notes/draft.md"]
    mine[1].parent.mkdir()
    for path in mine:
        path.write_text("mine\n")
    change_port(project)
    assert build(project, "--check").stdout.splitlines()[:-1] == [
        f"{path} is out of date" for path in CHANGED_BY_PORT
    ]
    assert build(project).returncode == 0
    assert [path.read_text() for path in mine] == ["mine\n", "mine\n"]
    assert build(project, "--check").stdout == ""


def test_11_a_temporary_of_another_build_is_not_swept(project: Path) -> None:
    """The cause of the concurrent-build crashes: a build deleted another one's temporaries."""
    other = project / "docs/downloads/.rules.csv.k2j3h4.tmp"
    other.write_text("half\n")
    assert build(project).returncode == 0
    assert other.exists()


def test_11_manifest_entries_outside_the_project_are_ignored(project: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep\n")
    manifest = project / write.MANIFEST
    manifest.write_text(manifest.read_text() + f"../victim.txt\n{victim}\ndocs/../../victim.txt\n")
    assert build(project).returncode == 0
    assert victim.read_text() == "keep\n"


def test_11_a_symlinked_downloads_folder_outside_the_project_is_refused(
    project: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.move(project / "docs/downloads", elsewhere)
    (elsewhere / "precious.txt").write_text("not generated\n")
    (project / "docs/downloads").symlink_to(elsewhere, target_is_directory=True)
    manifest = project / write.MANIFEST
    manifest.write_text(manifest.read_text() + "docs/downloads/rules-old.csv\n")
    (elsewhere / "rules-old.csv").write_text("listed, but behind a link\n")
    change_port(project)
    before, outside = tree(project), tree(elsewhere)
    message = (
        f"eks-sg: error: symbolic links under docs, data: docs/downloads -> {elsewhere}. The "
        "site publishes what a link points at; replace each with the file itself or remove it "
        "(nothing written)\n"
    )
    for args in ((), ("--check",)):
        result = build(project, *args)
        assert (result.returncode, result.stdout, result.stderr) == (1, "", message)
    assert (tree(project), tree(elsewhere)) == (before, outside)
    assert not (project / write.LOCK).exists()


def test_11_a_generated_file_that_is_a_link_out_is_refused(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "node.md"
    outside.write_text("someone else's file\n")
    (project / "docs/reference/node.md").unlink()
    (project / "docs/reference/node.md").symlink_to(outside)
    result = build(project)
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"eks-sg: error: symbolic links under docs, data: docs/reference/node.md -> {outside}."
    )
    assert outside.read_text() == "someone else's file\n"


def test_11_a_link_inside_the_project_is_refused_too(project: Path) -> None:
    """Issue 24 item 6: any link under docs/ is refused, even one that stays in the project
    (a link to ../.git or ../data would publish them)."""
    shutil.move(project / "docs/downloads", project / "shared")
    (project / "docs/downloads").symlink_to("../shared", target_is_directory=True)
    change_port(project)
    before = tree(project)
    result = build(project)
    assert result.returncode == 1
    assert "docs/downloads -> ../shared" in result.stderr
    assert tree(project) == before


def test_11_a_build_into_an_empty_folder_writes_the_manifest(tmp_path: Path, ref) -> None:
    outputs = render_all(ref)
    assert write.write_all(outputs, tmp_path) == sorted(outputs)
    assert (tmp_path / write.MANIFEST).read_text() == write.manifest_text(outputs)
    assert temporaries(tmp_path) == []


# 12: every changed file is staged first; a failure leaves every old file and says why.


@pytest.mark.parametrize(
    ("call", "error"),
    [
        ("fsync", OSError(errno.ENOSPC, "No space left on device")),
        ("write", OSError(errno.ENOSPC, "No space left on device")),
        ("fchmod", OSError(errno.EROFS, "Read-only file system")),
    ],
)
def test_12_a_failure_while_staging_leaves_every_old_file(
    project: Path, ref: Reference, monkeypatch, call: str, error: OSError
) -> None:
    before = tree(project)
    fail_on_call(monkeypatch, call, 5, error)
    with pytest.raises(write.WriteError) as caught:
        write.write_all(changed_outputs(ref), project)
    fifth = sorted(render_all(ref))[4]
    assert str(caught.value) == f"cannot write {fifth}: {error.strerror}"
    assert tree(project) == before


def test_12_a_failed_mkstemp_in_a_read_only_folder(project: Path, ref, monkeypatch) -> None:
    before = tree(project)

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(write.tempfile, "mkstemp", read_only)
    with pytest.raises(write.WriteError, match=r"^cannot write data/schema\.json: Read-only"):
        write.write_all(changed_outputs(ref), project)
    assert tree(project) == before


def test_12_new_folders_are_removed_again_after_a_failure(tmp_path: Path, monkeypatch) -> None:
    fail_on_call(monkeypatch, "fsync", 2, OSError(errno.ENOSPC, "No space left on device"))
    outputs = {PurePosixPath("a/b/one.md"): "1\n", PurePosixPath("c/two.md"): "2\n"}
    with pytest.raises(write.WriteError, match=r"^cannot write c/two\.md: No space left"):
        write.write_all(outputs, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [write.LOCK.name]


def test_12_a_rename_failing_midway_says_how_far_it_got(project: Path, ref, monkeypatch) -> None:
    """The one failure that cannot be undone: it is reported, and the next build completes."""
    fail_on_call(monkeypatch, "replace", 3, OSError(errno.EIO, "Input/output error"))
    with pytest.raises(write.WriteError) as caught:
        write.write_all(changed_outputs(ref), project)
    third = sorted(render_all(ref))[2]
    assert str(caught.value) == (
        f"cannot write {third}: Input/output error (2 files already replaced; run the build again)"
    )
    assert temporaries(project) == []
    monkeypatch.undo()
    write.write_all(changed_outputs(ref), project)
    assert write.stale(changed_outputs(ref), project) == []


def test_12_a_folder_where_a_generated_file_should_be(project: Path) -> None:
    (project / "docs/reference/node.md").unlink()
    (project / "docs/reference/node.md").mkdir()
    change_port(project)
    before = tree(project)
    result = build(project)
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        "eks-sg: error: cannot write docs/reference/node.md: Is a directory\n",
    )
    assert tree(project) == before


def test_12_a_file_where_a_generated_folder_should_be(project: Path) -> None:
    shutil.rmtree(project / "docs/downloads/aws-cli")
    (project / "docs/downloads/aws-cli").write_text("in the way\n")
    before = tree(project)
    result = build(project)
    assert (result.returncode, result.stderr) == (
        1,
        "eks-sg: error: cannot write docs/downloads/aws-cli/apply.sh: "
        "docs/downloads/aws-cli is not a directory\n",
    )
    assert tree(project) == before


@pytest.mark.parametrize("check", [(), ("--check",)])
def test_12_root_that_is_a_file(tmp_path: Path, check: tuple[str, ...]) -> None:
    root = tmp_path / "file"
    root.write_text("x\n")
    result = eks_sg("build", *check, "--root", str(root))
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        f"eks-sg: error: cannot write to {root}: Not a directory\n",
    )


def test_12_modes_new_scripts_executable_others_0644_existing_files_keep_theirs(
    tmp_path: Path,
) -> None:
    script, page = PurePosixPath("docs/downloads/a.sh"), PurePosixPath("docs/a.md")
    write.write_all({script: "#!/bin/sh\n", page: "a\n"}, tmp_path)
    assert (tmp_path / script).stat().st_mode & 0o777 == 0o755
    assert (tmp_path / page).stat().st_mode & 0o777 == 0o644
    (tmp_path / script).chmod(0o700)
    (tmp_path / page).chmod(0o600)
    write.write_all({script: "#!/bin/sh\necho\n", page: "b\n"}, tmp_path)
    assert (tmp_path / script).stat().st_mode & 0o777 == 0o700
    assert (tmp_path / page).stat().st_mode & 0o777 == 0o600


def _unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False)
    return probe.returncode == 0


# Run in a private mount namespace: mount a small tmpfs on $1, copy the project into it, break it
# ($5: fill it up, or make it read-only), build with $4, then copy the result out to $6.
_IN_TMPFS = """
set -e
mount -t tmpfs -o size=16m tmpfs "$1"  # room for the project; "full" fills the rest
cp -a "$2"/. "$1"/
case "$5" in
  full) dd if=/dev/zero of="$1/filler" bs=4k 2>/dev/null || true ;;
  read-only) mount -o remount,ro "$1" ;;
esac
set +e
"$3" -m gen build --data "$4" --root "$1"
status=$?
mount -o remount,rw "$1" && rm -f "$1/filler"
cp -a "$1"/. "$6"/
exit $status
"""


@pytest.mark.parametrize(
    ("breakage", "reason"),
    [("full", "No space left on device"), ("read-only", "Read-only file system")],
)
def test_12_a_real_full_or_read_only_disk(
    project: Path, tmp_path: Path, breakage: str, reason: str
) -> None:
    # CI runs as root (see DEVELOPERS' notes): a missing `unshare -m` is a failure, not a skip.
    assert _unshare_works(), "this test needs mount namespaces: run it as root (unshare -m)"
    data = tmp_path / "reference.yaml"
    data.write_text(replace_once(DATA.read_text(), PORT, PORT.replace("15008", "15009")))
    mount, after = tmp_path / "mnt", tmp_path / "after"
    mount.mkdir()
    after.mkdir()
    args = [str(mount), str(project), sys.executable, str(data), breakage, str(after)]
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", _IN_TMPFS, "sh", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (1, ""), result.stderr
    assert result.stderr == f"eks-sg: error: cannot write {CHANGED_BY_PORT[0]}: {reason}\n"
    assert tree(after) == tree(project)


# The other writers: the mkdocs hook and `eks-sg fmt`.


def test_the_mkdocs_hook_turns_a_write_failure_into_a_plugin_error(project: Path) -> None:
    from mkdocs.exceptions import PluginError

    from gen.mkdocs_hook import on_pre_build

    (project / "docs/reference/node.md").unlink()
    (project / "docs/reference/node.md").mkdir()
    with pytest.raises(PluginError) as caught:
        on_pre_build({"config_file_path": str(project / "mkdocs.yml")})
    assert str(caught.value) == "eks-sg: error: cannot write docs/reference/node.md: Is a directory"


def test_fmt_writes_through_a_symlink_to_its_target(tmp_path: Path) -> None:
    target = tmp_path / "real" / "reference.yaml"
    target.parent.mkdir()
    target.write_text(DATA.read_text(encoding="utf-8").replace("\n\n", "\n"), encoding="utf-8")
    link = tmp_path / "reference.yaml"
    link.symlink_to(target)
    assert eks_sg("fmt", str(link)).returncode == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == DATA.read_text(encoding="utf-8")
    assert sorted(p.name for p in target.parent.iterdir()) == ["reference.yaml"]


def test_fmt_failing_to_write_says_why(tmp_path: Path, monkeypatch, capsys) -> None:
    from gen.cli import main as cli

    copy = tmp_path / "reference.yaml"
    copy.write_text(DATA.read_text(encoding="utf-8").replace("\n\n", "\n"), encoding="utf-8")
    before = copy.read_text()
    fail_on_call(monkeypatch, "fsync", 1, OSError(errno.ENOSPC, "No space left on device"))
    assert cli.main(["fmt", str(copy)]) == 1
    assert capsys.readouterr().err == (
        f"eks-sg: error: cannot write {copy}: No space left on device\n"
    )
    assert copy.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["reference.yaml"]


# Issue 24, items 5 and 6: a committed manifest or link is data from a pull request.

PLANTED = ["README.md", "gen/__init__.py", "data/reference.yaml", ".git/config", "docs/index.md",
           "docs/assets/setup.js", "docs/reference/notes/draft.md", "docs/downloads/mine.txt",
           "mkdocs.yml", "/etc/hostname", "docs/reference/../../README.md"]  # fmt: skip


def test_24_lines_planted_in_the_manifest_delete_nothing(project: Path) -> None:
    """A pull request adding README.md, gen/*.py, the data and .git/config to the manifest: the
    build, `build --check` and the mkdocs hook delete none of them (they used to)."""
    from gen import mkdocs_hook

    def run_hook(root: Path) -> None:
        mkdocs_hook.on_pre_build({"config_file_path": str(root / "mkdocs.yml")})

    for relative in PLANTED[:-2]:
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            path.write_text(f"precious {relative}\n")
    manifest = project / write.MANIFEST
    manifest.write_text(manifest.read_text() + "".join(f"{p}\n" for p in PLANTED))
    before = tree(project)
    check = build(project, "--check")
    assert check.stdout.splitlines() == [
        ".eks-sg-manifest is out of date",
        "run `eks-sg build` to regenerate",
    ]
    for run in (lambda: build(project), lambda: run_hook(project)):
        manifest.write_text(manifest.read_text() + "".join(f"{p}\n" for p in PLANTED))
        run()
        after = tree(project)
        for relative in PLANTED[:-2]:
            assert relative in after, f"{relative} was deleted"
            assert after[relative] == before[relative]


@pytest.mark.parametrize("where", ["docs/env.txt", "docs/reference/env.md", "data/env.yaml"])
def test_24_a_link_under_docs_or_data_is_refused_and_nothing_published(
    project: Path, where: str
) -> None:
    """`docs/env.txt -> /proc/self/environ` used to publish the build's environment (the
    mkdocs side: tests/site/test_mkdocs_hook.py)."""
    (project / where).symlink_to("/proc/self/environ")
    before = tree(project)
    result = build(project)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith(
        f"eks-sg: error: symbolic links under docs, data: {where} -> /proc/self/environ. "
    )
    assert "Traceback" not in result.stderr
    assert tree(project) == before
    assert build(project, "--check").stderr == result.stderr


def test_24_a_link_to_a_folder_under_docs_is_refused(project: Path, tmp_path: Path) -> None:
    (tmp_path / "secrets").mkdir()
    (tmp_path / "secrets" / "key.pem").write_text("secret\n")
    (project / "docs" / "more").symlink_to(tmp_path / "secrets", target_is_directory=True)
    result = build(project)
    assert result.returncode == 1
    assert f"docs/more -> {tmp_path / 'secrets'}" in result.stderr
