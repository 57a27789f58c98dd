"""mkdocs hook: regenerate docs/ from data/reference.yaml before every build (and `mkdocs serve`).

mkdocs.yml lists this file under `hooks:` and `data/` under `watch:`, so saving the YAML during
`mkdocs serve` rebuilds the site. Invalid data stops the build with every error located, in
exactly the words `eks-sg validate` prints (both go through gen.reference.load).
"""

from __future__ import annotations

import html
import json
import logging
import os
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from gen import write
from gen.formats import paths, render_all
from gen.formats.pages import errors, istio
from gen.reference.load import load_text, read_text
from gen.reference.model import Reference
from gen.reference.problems import DataError

log = logging.getLogger("mkdocs.hooks.eks_sg")
_last: tuple[Path, str, Reference] | None = None


def _reference(root: Path) -> Reference:
    """The data file read and checked, once per text: a build asks three times (the footer,
    the generated pages, the search index), and each check costs ~70 ms. Keyed by the text,
    so a file saved during `mkdocs serve` is read again; a Reference is frozen, so one value
    serves every step. Invalid data raises DataError each time (nothing is kept)."""
    global _last
    path = root / "data/reference.yaml"
    text = read_text(path)
    if _last is None or _last[:2] != (path, text):
        _last = (path, text, load_text(text, str(path)))
    return _last[2]


def on_pre_build(config) -> None:
    root = Path(config["config_file_path"]).parent
    try:
        write.refuse_links(root)  # before reading data/: a linked data file is refused too
    except write.WriteError as err:
        raise PluginError(f"eks-sg: error: {err}") from None
    try:
        outputs = render_all(_reference(root))
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
        ref = _reference(Path(config["config_file_path"]).parent)
    except DataError:
        return config
    text = f"Generated from data/reference.yaml: {release.versions(ref)}"
    if config.get("repo_url"):
        text += f' · <a href="{html.escape(config["repo_url"])}">source repository</a>'
    config["copyright"] = text
    return config


ENTRY_BOOST = 4.0
"""How much more an entry (a rule's, the errors it fixes, an Istio port's) weighs in the site's
search than the other sections of its page. A word shared by many rules (`webhook`) is also in
the short headings that group them (`Knative webhooks`), and lunr ranks a short title above a
long one (`control-plane-out-webhook-8443-to-node` is seven words): without this a heading
came before every rule. Material's `search: boost` weighs a whole page, not one section."""

INDEX = Path("search/search_index.json")


def entry_anchors(ref: Reference) -> set[str]:
    """The anchors of the sections a search should put first: the entries of the reference."""
    rules = {rule.id for rule in ref.rules}
    ports = {istio.port_anchor(port.port) for port in ref.istio.ports}
    return rules | {errors.anchor(rule) for rule in rules} | ports


def boosted(index: dict, anchors: set[str]) -> dict:
    """The search index (Material's search_index.json, parsed) with each entry's section
    weighed ENTRY_BOOST times its page's boost."""
    docs = []
    for doc in index["docs"]:
        if urlsplit(doc["location"]).fragment in anchors:
            doc = {**doc, "boost": doc.get("boost", 1) * ENTRY_BOOST}
        docs.append(doc)
    return {**index, "docs": docs}


@event_priority(-100)  # after the search plugin has written the index
def on_post_build(config) -> None:
    path = Path(config["site_dir"]) / INDEX
    if not path.is_file():  # the search plugin is off
        return
    ref = _reference(Path(config["config_file_path"]).parent)
    index = boosted(json.loads(path.read_text(encoding="utf-8")), entry_anchors(ref))
    write.atomic_write(path, json.dumps(index, separators=(",", ":")))
