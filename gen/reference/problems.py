"""What went wrong, and where: problems found in the data, located in the file."""

from __future__ import annotations

from typing import NamedTuple

from gen.reference.words import plural, printable

Path = tuple[str | int, ...]


class Problem(NamedTuple):
    """A problem at a place in the data, before it is located in a file."""

    path: Path
    message: str
    at_key: bool = False  # point at the key (e.g. an unknown key), not at its value
    place: tuple[int, int] | None = None  # a known 0-based line and column, overriding `path`
    check: str | None = None  # the id of the consistency check that found it


class Located(NamedTuple):
    """A problem with its file, line and column (both 1-based; 0 for the whole file),
    printed the way editors parse it. Control characters are escaped when printed."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        return printable(f"{where}: {self.message}")


class DataError(Exception):
    """The data file is not valid: `errors` lists the problems found, in file order; with
    `stopped`, checking stopped at the limit of problems kept (there may be more)."""

    def __init__(self, errors: list[Located], stopped: bool = False) -> None:
        count = plural(len(errors), "error")
        super().__init__(f"{count} (checking stopped there)" if stopped else count)
        self.errors = errors
        self.stopped = stopped

    def lines(self) -> list[str]:
        """What a command prints: every error, a note where checking stopped, the count."""
        shown = [str(e) for e in self.errors]
        if self.stopped:
            shown.append("... checking stopped here, there may be more; fix these, then "
                         "validate again")  # fmt: skip
        return [*shown, str(self)]


class UnreadableFile(DataError):
    """The data file cannot be read at all (missing, a folder, no permission)."""


def show_path(path: Path) -> str:
    """`('rules', 3, 'ports')` -> `rules[3].ports`: the way a reader finds it in the YAML."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the file"


class _Invalid:
    """Stands for a field whose value was invalid (and reported) in a salvaged item."""

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "INVALID"


INVALID = _Invalid()
