"""The only module that touches generated files: compare them, or write them all-or-nothing.

A build renders everything in memory, then writes every changed file to a temporary file beside
it (so the rename is atomic), fsyncs them all (side by side: the file system commits them
together, in the time of a few), and only then renames them into place. Any failure
before the renames removes the temporaries and leaves every old file as it was; the message names
the path and the reason. Ctrl-C is held off while the renames run, so an interrupted build is
either the old tree or the new one.

A build deletes only files it would generate itself: the caller names the folders and the
shapes of generated paths (`Removable`, gen/formats/paths.py's REMOVABLE), the writer lists those
folders, and a file found there is obsolete when it has a generated shape, the new outputs do not
have it, and `.eks-sg-manifest` (every path the last build generated) lists it. A path read from
the manifest is only compared, never deleted: the manifest is committed, so a pull request could
add README.md or .git/config to it. Files put into docs/ by hand are never touched.

The build publishes docs/ and reads data/ as they are, so a symbolic link under either folder is
refused (a committed `docs/env.txt -> /proc/self/environ` would publish the build's
environment). A lock file at the root makes concurrent builds take turns.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import signal
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from gen.reference.words import printable

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

Outputs = dict[PurePosixPath, str]

MANIFEST = PurePosixPath(".eks-sg-manifest")
"""Every path the last build generated; committed, so `build --check` sees a stale file in CI."""

LOCK = PurePosixPath(".eks-sg-build.lock")
"""Held (flock) while a build compares and writes; outside docs/ so no build ever sweeps it."""

LOCK_TIMEOUT = 60.0
"""Seconds a build waits for another one before it gives up."""

_MANIFEST_HEADER = (
    "# Written by `eks-sg build` (gen/write.py): every file it generated, one per line.\n"
    "# A file is removed as obsolete only if it is listed here and no longer generated.\n"
)

_HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


class WriteError(Exception):
    """A file cannot (or must not) be written; the message names the path and the reason."""


@dataclass(frozen=True)
class Removable:
    """Which files a build may remove as obsolete: in `folders` (searched, links not followed),
    with a relative path that `shapes` matches in full."""

    folders: tuple[PurePosixPath, ...] = ()
    shapes: re.Pattern[str] = re.compile(r"(?!)")  # by default nothing is ever removed


NOTHING = Removable()

LINKLESS = (PurePosixPath("docs"), PurePosixPath("data"))
"""Folders the build publishes or reads: no symbolic link may be anywhere under them."""

MAX_LINKS_SHOWN = 20


@dataclass(frozen=True)
class _File:
    """One file to write: `shown` is how messages name it (relative to the root)."""

    shown: str
    target: Path
    text: str


@dataclass(frozen=True)
class _Plan:
    """What a build would do, decided before anything is written."""

    writes: dict[PurePosixPath, str]  # generated files whose content changes
    removals: list[PurePosixPath]  # obsolete: listed in the old manifest, no longer generated
    manifest: str | None  # the new manifest, when it differs from the one on disk


def _reason(err: OSError) -> str:
    return err.strerror or str(err)


def _mode_for(path: Path) -> int:
    """An existing file keeps its mode; a new script is executable, anything else 0o644."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o755 if path.suffix == ".sh" else 0o644


def _current(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _is_plain(relative: PurePosixPath) -> bool:
    """A path a build could have generated: relative, no `..`, nothing empty."""
    return (
        not relative.is_absolute()
        and bool(relative.parts)
        and all(part not in ("", ".", "..") for part in relative.parts)
    )


def manifest_text(outputs: Outputs) -> str:
    return _MANIFEST_HEADER + "".join(f"{path}\n" for path in sorted(outputs))


def _listed(root: Path) -> set[str]:
    """The paths the previous build generated, as text to compare with; never to delete."""
    text = _current(root / MANIFEST) or ""
    return {line for line in text.splitlines() if line and line[0] != "#"}


def _found(root: Path, removable: Removable) -> Iterator[PurePosixPath]:
    """Every regular file under the removable folders whose path has a generated shape."""
    for folder in removable.folders:
        for top, folders, files in os.walk(root / folder, followlinks=False):
            here = PurePosixPath(Path(top).relative_to(root).as_posix())
            folders.sort()
            for name in sorted(files):
                path = here / name
                if removable.shapes.fullmatch(str(path)) and _is_plain(path):
                    yield path


def _obsolete(root: Path, outputs: Outputs, removable: Removable) -> list[PurePosixPath]:
    """Files found on disk that a build generated (the manifest lists them) and no longer does."""
    listed = _listed(root)
    return sorted(
        path
        for path in _found(root, removable)
        if path not in outputs and str(path) in listed and not (root / path).is_symlink()
    )


def refuse_links(root: Path, folders: Iterable[PurePosixPath] = LINKLESS) -> None:
    """Raise, naming each one, if any symbolic link is under `folders` (or is one of them).

    mkdocs copies docs/ into the site following links, so a link publishes its target: a file
    such as /proc/self/environ or a whole folder. Nothing here ever needs a link.
    """
    links: list[str] = []
    for folder in folders:
        start = root / folder
        if start.is_symlink():
            links.append(f"{folder} -> {os.readlink(start)}")
            continue
        for top, dirs, files in os.walk(start, followlinks=False):
            for name in sorted([*dirs, *files]):
                path = Path(top) / name
                if path.is_symlink():
                    shown = path.relative_to(root).as_posix()
                    links.append(f"{printable(shown)} -> {printable(os.readlink(path))}")
    if links:
        more = len(links) - MAX_LINKS_SHOWN
        listed = "; ".join(links[:MAX_LINKS_SHOWN]) + (f"; and {more} more" if more > 0 else "")
        raise WriteError(
            f"symbolic links under {', '.join(map(str, folders))}: {listed}. The site publishes "
            "what a link points at; replace each with the file itself or remove it "
            "(nothing written)"
        )


def _refuse_links_out(root: Path, paths: Iterable[PurePosixPath]) -> None:
    """Raise if any path, or a folder on the way to it, resolves outside the root.

    A symlinked docs/downloads pointing elsewhere would otherwise have the build write (and
    delete) files in someone else's folder.
    """
    real_root = root.resolve()
    seen: set[str] = set()
    for path in paths:
        parts = path.parts
        for depth in range(1, len(parts) + 1):
            prefix = "/".join(parts[:depth])
            if prefix in seen:
                continue
            seen.add(prefix)
            # Generated paths have no `..`: only a link on the way can lead out, so only a
            # link is followed (one lstat for each folder and file, not a walk of each path)
            if not os.path.islink(root / prefix):
                continue
            resolved = (root / prefix).resolve()
            if not resolved.is_relative_to(real_root):
                raise WriteError(
                    f"{prefix} leads to {resolved}, outside the project folder {real_root}; "
                    "refusing to follow a link out of it (nothing written)"
                )


def _check_root(root: Path) -> None:
    if root.exists() and not root.is_dir():
        raise WriteError(f"cannot write to {root}: {os.strerror(errno.ENOTDIR)}")


def _plan(outputs: Outputs, root: Path, removable: Removable) -> _Plan:
    _check_root(root)
    refuse_links(root)
    _refuse_links_out(root, [*outputs, MANIFEST])
    removals = _obsolete(root, outputs, removable)
    _refuse_links_out(root, removals)
    writes = {
        relative: text
        for relative, text in sorted(outputs.items())
        if _current(root / relative) != text
    }
    manifest = manifest_text(outputs)
    return _Plan(writes, removals, None if _current(root / MANIFEST) == manifest else manifest)


def stale(outputs: Outputs, root: Path, removable: Removable = NOTHING) -> list[str]:
    """One line per file that `write_all` would change; empty when everything is current."""
    plan = _plan(outputs, root, removable)
    lines = [
        f"{relative} is out of date" + ("" if (root / relative).exists() else " (missing)")
        for relative in plan.writes
    ]
    lines += [f"{relative} is no longer generated" for relative in plan.removals]
    if plan.manifest is not None:
        lines.append(f"{MANIFEST} is out of date")
    if lines:
        lines.append("run `eks-sg build` to regenerate")
    return lines


def _preflight(root: Path, files: list[_File]) -> None:
    """Fail before the first write on what is certain to fail: a folder or a file in the way."""
    folders: set[Path] = set()  # each folder on the way looked at once
    for file in files:
        if file.target.is_dir() and not file.target.is_symlink():
            raise WriteError(f"cannot write {file.shown}: {os.strerror(errno.EISDIR)}")
        for parent in reversed(file.target.parents):
            if parent in folders:
                continue
            folders.add(parent)
            if parent.exists() and not parent.is_dir():
                shown = parent.relative_to(root) if parent.is_relative_to(root) else parent
                raise WriteError(f"cannot write {file.shown}: {shown} is not a directory")


def _make_parents(target: Path, created: list[Path], seen: set[Path]) -> None:
    """Create the missing folders above `target`, noting each so a failure can remove it
    (`seen`: the folders known to exist, each looked at once)."""
    if target.parent in seen:
        return
    for parent in reversed(target.parents):
        if parent not in seen and not parent.is_dir():
            parent.mkdir()
            created.append(parent)
        seen.add(parent)


SYNC_WORKERS = 8
"""Files fsynced at once: each fsync waits for the disk, and waiting side by side lets the file
system commit them together (a build of 55 files took 55 commits one by one)."""


def _write_temporary(file: _File, fds: list[int]) -> Path:
    """`file.text` in a new temporary file beside `file.target`, with the final mode; its
    descriptor is left open in `fds`, for the fsync.

    mkstemp makes a unique name, so concurrent writers never share a temporary.
    """
    fd, name = tempfile.mkstemp(
        dir=file.target.parent, prefix=f".{file.target.name}.", suffix=".tmp"
    )
    fds.append(fd)
    try:
        os.fchmod(fd, _mode_for(file.target))
        data = memoryview(file.text.encode("utf-8"))
        while data:
            data = data[os.write(fd, data) :]
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


def _pool(jobs: int) -> Executor:
    """Threads for waiting on the disk, one pool per write (the files' fsyncs, then the
    folders'); they never take a signal (a Ctrl-C is the main thread's, which holds it off
    while the renames run). Imported late: most commands never write."""
    from concurrent.futures import ThreadPoolExecutor

    def deaf() -> None:
        signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)

    return ThreadPoolExecutor(min(SYNC_WORKERS, max(jobs, 1)), initializer=deaf)


def _wait(jobs: list[Future]) -> None:
    from concurrent.futures import wait

    wait(jobs)


def _fsync(file: _File, fd: int) -> None:
    try:
        os.fsync(fd)
    except OSError as err:
        raise WriteError(f"cannot write {file.shown}: {_reason(err)}") from None


def _stage(files: list[_File], pool: Executor) -> list[Path]:
    """Every file as a complete, fsynced temporary (each one's fsync waits for the disk while
    the next ones are written); on any failure (or Ctrl-C) nothing is left behind."""
    created: list[Path] = []
    temporaries: list[Path] = []
    fds: list[int] = []
    syncs: list[Future] = []
    seen: set[Path] = set()
    try:
        for file in files:
            try:
                _make_parents(file.target, created, seen)
                temporaries.append(_write_temporary(file, fds))
            except OSError as err:
                raise WriteError(f"cannot write {file.shown}: {_reason(err)}") from None
            syncs.append(pool.submit(_fsync, file, fds[-1]))
        _wait(syncs)
        for sync in syncs:
            sync.result()  # the first failure in file order, once every fsync has ended
    except BaseException:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    finally:
        _wait(syncs)  # no descriptor is closed under a running fsync
        for fd in fds:
            os.close(fd)
    return temporaries


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Defer Ctrl-C (and TERM, HUP) to the end of the block: a pending one arrives after it."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _sync_folder(folder: Path) -> None:
    # Only durability after a power cut is at stake here, not correctness: ignore failures.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _sync_folders(paths: Iterable[Path], pool: Executor) -> None:
    """Make the renames durable (several folders at a time); the files are fsynced already."""
    list(pool.map(_sync_folder, sorted({path.parent for path in paths})))


def _remove(removals: list[_File]) -> None:
    for obsolete in removals:
        try:
            obsolete.target.unlink(missing_ok=True)
        except OSError as err:
            raise WriteError(f"cannot remove {obsolete.shown}: {_reason(err)}") from None


def _commit(
    files: list[_File], temporaries: list[Path], removals: list[_File], pool: Executor
) -> None:
    """Rename every temporary into place, removing the obsolete files just before the last.

    The renames cannot be undone, so they run only after every temporary is written, with
    signals held, and after `_preflight` made sure no target is a folder. What remains possible
    is a rename failing midway (the file system turning read-only or faulty between two
    renames): then the files before it are new, the rest old, and the message says so; running
    the build again completes it. Obsolete files exist only when the manifest changes, and the
    manifest is the last file: so a failure never makes the manifest forget a file still there.
    """
    done = 0
    with _signals_held():
        try:
            for file, temporary in zip(files, temporaries, strict=True):
                if done == len(files) - 1:
                    _remove(removals)
                os.replace(temporary, file.target)
                done += 1
        except (OSError, WriteError) as err:
            for temporary in temporaries[done:]:
                temporary.unlink(missing_ok=True)
            partly = f" ({done} files already replaced; run the build again)" if done else ""
            if isinstance(err, WriteError):
                raise WriteError(f"{err}{partly}") from None
            raise WriteError(f"cannot write {files[done].shown}: {_reason(err)}{partly}") from None
        targets = [*(file.target for file in files), *(file.target for file in removals)]
        _sync_folders(targets, pool)


def _write(files: list[_File], removals: list[_File], root: Path) -> None:
    _preflight(root, files)
    with _pool(len(files) + len(removals)) as pool:
        _commit(files, _stage(files, pool), removals, pool)


def atomic_write(path: Path, text: str) -> None:
    """Replace the file at `path` with `text` (UTF-8, newlines as given) in one rename.

    A symlink is written through to its target (`eks-sg fmt` on a linked data file keeps the
    link), since renaming over the link itself would replace it with a regular file.
    """
    target = path.resolve()
    _write([_File(str(path), target, text)], [], target.parent)


def _open_lock(root: Path) -> int | None:
    """The lock file's descriptor; None when the root cannot be written to at all.

    On a read-only root no build can change anything, so there is nothing to serialise: the
    build goes on and fails on the first file it needs to change, naming it.
    """
    try:
        return os.open(root / LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as err:
        if err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return None
        raise WriteError(f"cannot write {LOCK}: {_reason(err)}") from None


@contextlib.contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold the root's build lock; a second build waits (saying so once), up to LOCK_TIMEOUT."""
    fd = _open_lock(root)
    if fd is None:
        yield
        return
    try:
        deadline = time.monotonic() + LOCK_TIMEOUT
        waiting = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WriteError(
                        f"another build has held {root / LOCK} for {LOCK_TIMEOUT:g} s; "
                        "giving up (nothing written)"
                    ) from None
                if not waiting:
                    print("eks-sg: another build is running; waiting", file=sys.stderr)
                    waiting = True
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # releases the lock


def _prepare_root(root: Path) -> None:
    _check_root(root)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise WriteError(f"cannot write to {root}: {_reason(err)}") from None


def write_all(outputs: Outputs, root: Path, removable: Removable = NOTHING) -> list[PurePosixPath]:
    """Write every changed file and the manifest, remove the obsolete files `removable` allows;
    return what changed."""
    _check_root(root)
    if root.exists():  # before the lock file: a refusal writes nothing
        refuse_links(root)
    _refuse_links_out(root, [*outputs, MANIFEST])
    _prepare_root(root)
    with build_lock(root):
        plan = _plan(outputs, root, removable)
        files = [_File(str(rel), root / rel, text) for rel, text in plan.writes.items()]
        if plan.manifest is not None:
            files.append(_File(str(MANIFEST), root / MANIFEST, plan.manifest))
        removals = [_File(str(rel), root / rel, "") for rel in plan.removals]
        _write(files, removals, root)
    return [*plan.writes, *plan.removals]
