"""mkdocs hook: regenerate docs/ from data/reference.yaml before every build (and `mkdocs serve`).

mkdocs.yml lists this file under `hooks:` and `data/` under `watch:`, so saving the YAML during
`mkdocs serve` rebuilds the site. Invalid data stops the build with every error located, in
exactly the words `eks-sg validate` prints (both go through gen.reference.load.load).
"""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from gen import write
from gen.formats import paths, render_all
from gen.reference.load import load
from gen.reference.problems import DataError

log = logging.getLogger("mkdocs.hooks.eks_sg")


def on_pre_build(config) -> None:
    root = Path(config["config_file_path"]).parent
    try:
        write.refuse_links(root)  # before reading data/: a linked data file is refused too
    except write.WriteError as err:
        raise PluginError(f"eks-sg: error: {err}") from None
    try:
        outputs = render_all(load(root / "data/reference.yaml"))
    except DataError as err:
        raise PluginError("\n".join(err.lines())) from None
    try:
        changed = write.write_all(outputs, root, paths.REMOVABLE)
    except write.WriteError as err:
        raise PluginError(f"eks-sg: error: {err}") from None
    if changed:
        log.info("eks-sg: regenerated %d files from data/reference.yaml", len(changed))


SITE_URL, REPO_URL = "EKS_SG_SITE_URL", "EKS_SG_REPO_URL"
"""Where the site is published and where its repository is: set by whoever publishes it (the
project's addresses are not fixed yet). With the site's address, the sitemap lists every page
and the 404 page's links work under a sub-path; with the repository's, the footer links it."""


def _addresses(config) -> None:
    if site := os.environ.get(SITE_URL):
        config["site_url"] = site if site.endswith("/") else site + "/"
    if repo := os.environ.get(REPO_URL):
        config["repo_url"] = repo


def on_config(config):
    """The footer carries the versions (reference/release.py): eks-sg's, the reference's, and the
    date its data was last checked, and the repository's link when it is known. Invalid data
    leaves the text as mkdocs.yml has it, and on_pre_build then reports every error."""
    from gen.reference import release

    _addresses(config)
    try:
        ref = load(Path(config["config_file_path"]).parent / "data/reference.yaml")
    except DataError:
        return config
    text = f"Generated from data/reference.yaml: {release.versions(ref)}"
    if config.get("repo_url"):
        text += f' · <a href="{html.escape(config["repo_url"])}">source repository</a>'
    config["copyright"] = text
    return config
