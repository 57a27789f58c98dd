"""Reading a file a user names: a regular file of bounded size, checked before it is read.

A FIFO would hang the command (opening one waits for a writer), /dev/zero would fill the memory,
and a file of many megabytes is not a reference anyone edits (the million-error file of the
benchmark used to peak at 1.4 GB): each is refused with a reason, before its content is read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

MAX_BYTES = 4 * 1024 * 1024
"""The largest file read: 4 MiB (data/reference.yaml is about 75 KB, and a synthetic reference
of 10,000 rules 2.2 MB)."""

_KINDS = {stat.S_ISDIR: "a folder", stat.S_ISFIFO: "a FIFO (named pipe)",
          stat.S_ISCHR: "a character device", stat.S_ISBLK: "a block device",
          stat.S_ISSOCK: "a socket"}  # fmt: skip


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS.items() if test(mode)), "not a regular file")


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes; OSError (its strerror says why, for a message) when it is not a
    regular file or is larger than `limit` bytes. Never blocks on a FIFO, never reads more
    than `limit` + 1 bytes (a file that grows while it is read is refused too)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, f"it is {_kind(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise OSError(errno.EFBIG, _too_big(info.st_size, limit))
        chunks, size = [], 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - size) or 1):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise OSError(errno.EFBIG, _too_big(size, limit))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _too_big(size: int, limit: int) -> str:
    return f"it is {size:,} bytes or more; eks-sg reads files of at most {limit:,} bytes"
