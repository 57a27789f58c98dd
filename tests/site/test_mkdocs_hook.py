"""The mkdocs hook says exactly what `eks-sg validate` says: both load through gen.reference.load."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import FIXTURES, eks_sg, replace_once
from mkdocs.exceptions import PluginError

from gen import mkdocs_hook


def hook_message(root: Path) -> str:
    with pytest.raises(PluginError) as caught:
        mkdocs_hook.on_pre_build({"config_file_path": str(root / "mkdocs.yml")})
    return str(caught.value)


def broken(text: str) -> str:
    return replace_once(text, "  ports: 10250\n  peer: control-plane", "  ports: 70000\n  peer: x")


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(lambda text: broken(text).encode(), id="invalid data"),
        pytest.param(lambda text: b"sources: caf\xe9\n", id="not UTF-8"),
        pytest.param(lambda text: b"a: \x00\n", id="NUL byte"),
        pytest.param(None, id="missing file"),
    ],
)
def test_the_hook_reports_what_validate_prints(tmp_path: Path, content) -> None:
    data = tmp_path / "data" / "reference.yaml"
    data.parent.mkdir()
    if content is not None:
        data.write_bytes(content((FIXTURES / "minimal.yaml").read_text(encoding="utf-8")))
    message = hook_message(tmp_path)
    result = eks_sg("validate", str(data))
    printed = result.stdout or result.stderr.replace("eks-sg: error: ", "")
    assert "Traceback" not in result.stderr
    assert message.splitlines()[: len(printed.splitlines())] == printed.splitlines()
    assert str(data) in message


def test_the_footer_carries_the_versions(ref) -> None:
    """Issue 16: the site footer says eks-sg's version, the reference's, and its last check."""
    from helpers import ROOT

    from gen.reference import release

    config = mkdocs_hook.on_config({"config_file_path": str(ROOT / "mkdocs.yml")})
    assert config["copyright"] == f"Generated from data/reference.yaml: {release.versions(ref)}"


def test_the_footer_of_broken_data_is_left_to_on_pre_build(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "reference.yaml").write_text("version: 2026.11\n", encoding="utf-8")
    config = {"config_file_path": str(tmp_path / "mkdocs.yml"), "copyright": "as written"}
    assert mkdocs_hook.on_config(config)["copyright"] == "as written"


def test_published_addresses_reach_the_sitemap_the_404_page_and_the_footer(tmp_path: Path) -> None:
    """With the site's address (a sub-path) and the repository's set where the site is built,
    the sitemap lists every page at that address, the 404 page links under the sub-path, and
    the footer links the repository."""
    from site_tools import copy_project, mkdocs

    project = copy_project(tmp_path)
    site, repo = "https://docs.example.test/eks-sg/", "https://git.example.test/eks-sg-reference"
    env = {mkdocs_hook.SITE_URL: site, mkdocs_hook.REPO_URL: repo}
    result = mkdocs("build", "--strict", cwd=project, env=env)
    assert result.returncode == 0, result.stderr
    built = project / "site"
    pages = sorted(p.parent.relative_to(built).as_posix() for p in built.rglob("index.html"))
    sitemap = (built / "sitemap.xml").read_text()
    for page in pages:
        assert f"<loc>{site}{'' if page == '.' else page + '/'}</loc>" in sitemap, page
    not_found = (built / "404.html").read_text()
    assert 'href="/eks-sg/reference/node/"' in not_found
    assert f'<a href="{repo}">source repository</a>' in (built / "index.html").read_text()


def test_a_link_under_docs_stops_the_site_build_and_publishes_nothing(tmp_path: Path) -> None:
    """Issue 24 item 6: a committed `docs/env.txt -> /proc/self/environ` used to be published as
    site/env.txt (the build's environment, CI tokens included)."""
    from site_tools import copy_project, mkdocs

    project = copy_project(tmp_path)
    (project / "docs" / "env.txt").symlink_to("/proc/self/environ")
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode != 0
    assert "symbolic links under docs, data: docs/env.txt -> /proc/self/environ" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()
    (project / "docs" / "env.txt").unlink()
    (project / "data" / "reference.yaml").rename(project / "data" / "real.yaml")
    (project / "data" / "reference.yaml").symlink_to("real.yaml")
    message = hook_message(project)
    assert "data/reference.yaml -> real.yaml" in message


def test_a_build_checks_the_data_once_per_text(tmp_path: Path, monkeypatch) -> None:
    """The footer, the pages and the search index ask for the data in one build; it is read
    each time but checked once, and a file saved in between (`mkdocs serve`) is checked anew."""
    import json

    data = tmp_path / "data" / "reference.yaml"
    data.parent.mkdir()
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    data.write_text(text, encoding="utf-8")
    (tmp_path / "site" / "search").mkdir(parents=True)
    index = {"config": {}, "docs": [{"location": "reference/node/#x", "title": "x", "text": ""}]}
    (tmp_path / "site" / "search" / "search_index.json").write_text(json.dumps(index))
    checked, real = [], mkdocs_hook.load_text
    monkeypatch.setattr(mkdocs_hook, "load_text", lambda t, f: checked.append(f) or real(t, f))
    config = {"config_file_path": str(tmp_path / "mkdocs.yml"), "site_dir": str(tmp_path / "site")}
    assert "data checked 2026-11-26" in mkdocs_hook.on_config(dict(config))["copyright"]
    mkdocs_hook.on_post_build(config)
    assert checked == [str(data)]
    data.write_text(replace_once(text, "checked: 2026-11-26", "checked: 2026-11-27"))
    assert "data checked 2026-11-27" in mkdocs_hook.on_config(dict(config))["copyright"]
    assert checked == [str(data)] * 2
