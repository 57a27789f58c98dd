"""What went wrong, and where: problems found in the data, located in the file."""

from __future__ import annotations

from dataclasses import dataclass

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """A problem at a place in the data, before it is located in a file."""

    path: Path
    message: str
    at_key: bool = False  # point at the key (e.g. an unknown key), not at its value
    place: tuple[int, int] | None = None  # a known 0-based line and column, overriding `path`


@dataclass(frozen=True, order=True)
class Located:
    """A problem with its file, line and column (both 1-based), printed the way editors parse."""

    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class DataError(Exception):
    """The data file is not valid; `errors` lists every problem found, in file order."""

    def __init__(self, errors: list[Located]) -> None:
        super().__init__(f"{len(errors)} error{'s' if len(errors) != 1 else ''}")
        self.errors = errors


def show_path(path: Path) -> str:
    """`('rules', 3, 'ports')` -> `rules[3].ports`: the way a reader finds it in the YAML."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the file"


class UsageError(Exception):
    """The command was used wrongly (a missing file, an unknown name): exit 2 with the message."""


class _Invalid:
    """Stands for a field whose value was invalid (and reported) in a salvaged item."""

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "INVALID"


INVALID = _Invalid()
