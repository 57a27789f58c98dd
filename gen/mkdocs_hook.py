"""mkdocs hook: regenerate docs/ from data/reference.yaml before every build (and `mkdocs serve`).

mkdocs.yml lists this file under `hooks:` and `data/` under `watch:`, so saving the YAML during
`mkdocs serve` rebuilds the site. Invalid data stops the build with every error located, in
exactly the words `eks-sg validate` prints (both go through gen.load.load).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from gen import write
from gen.formats import render_all
from gen.load import load
from gen.problems import DataError

log = logging.getLogger("mkdocs.hooks.eks_sg")


def on_pre_build(config) -> None:
    root = Path(config["config_file_path"]).parent
    try:
        outputs = render_all(load(root / "data/reference.yaml"))
    except DataError as err:
        raise PluginError("\n".join(err.lines())) from None
    try:
        changed = write.write_all(outputs, root)
    except write.WriteError as err:
        raise PluginError(f"eks-sg: error: {err}") from None
    if changed:
        log.info("eks-sg: regenerated %d files from data/reference.yaml", len(changed))


def on_config(config):
    """The footer carries the versions (gen/release.py): eks-sg's, the reference's, and the
    date its data was last checked. Invalid data leaves it as mkdocs.yml has it, and
    on_pre_build then reports every error."""
    from gen import release

    try:
        ref = load(Path(config["config_file_path"]).parent / "data/reference.yaml")
    except DataError:
        return config
    config["copyright"] = f"Generated from data/reference.yaml: {release.versions(ref)}"
    return config
