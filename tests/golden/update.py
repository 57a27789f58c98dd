"""Rewrite the golden files: `.venv/bin/python tests/golden/update.py`.

Each format's output for tests/fixtures/minimal.yaml is kept under tests/golden/<format>/, so a
change of layout shows up as a reviewable diff. Run this after an intended change, then read
the diff before committing it.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from gen.formats import FORMATS  # noqa: E402
from gen.reference.load import load  # noqa: E402

FIXTURE = HERE.parent / "fixtures" / "minimal.yaml"


def main() -> None:
    ref = load(FIXTURE)
    for name, render in FORMATS.items():
        if name == "schema":  # depends on the model only; tests/formats/test_schema.py pins it
            continue
        folder = HERE / name
        shutil.rmtree(folder, ignore_errors=True)
        for path, text in render(ref).items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="")
        print(f"{folder.relative_to(HERE.parent.parent)}: {len(render(ref))} files")


if __name__ == "__main__":
    main()
