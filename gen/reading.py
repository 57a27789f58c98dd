"""Reading the data file: a missing file is a usage error, bad UTF-8 a located data error."""

from __future__ import annotations

from pathlib import Path

from gen.problems import DataError, Located, UsageError


def read_data(path: Path) -> str:
    """The file's text; newlines are kept as written so that `fmt --check` sees CRLF too."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise UsageError(f"cannot read {path}: {err.strerror}") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        message = f"the file is not UTF-8 (byte {raw[err.start]:#04x}); save it as UTF-8"
        raise DataError([Located(str(path), line, column, message)]) from None
