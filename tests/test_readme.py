"""README.md's map of the code names every module once, in its folder's row (issue 26): a new
module that is not on the map fails here, not a newcomer's first hour."""

from __future__ import annotations

import re

from helpers import ROOT


def rows() -> dict[str, str]:
    """The map's rows: the folder or files in the first cell -> the second cell."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and cells[0].startswith("`gen/"):
            found[cells[0]] = cells[1]
    return found


def test_every_module_is_named_in_its_folder_s_row() -> None:
    table, missing = rows(), []
    for path in sorted((ROOT / "gen").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if path.name in ("__init__.py", "__main__.py"):
            continue
        if path.parent == ROOT / "gen":  # a module of its own row: gen/select.py
            if not any(f"`{relative}`" in key for key in table):
                missing.append(relative)
            continue
        top = path.relative_to(ROOT / "gen").parts[0]
        row = table.get(f"`gen/{top}/`", "")
        if not re.search(rf"\b{re.escape(path.stem)}\b", row):
            missing.append(relative)
    assert missing == []
