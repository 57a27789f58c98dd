"""Issue 22: a user pastes the error they have into the site's search and the first entry is
the rule that fixes it (tests/search_errors.py holds the texts, their sources and the rules;
benchmarks/bench.py --site prints the rank of each)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
import site_figures
from playwright.sync_api import Browser, Page, sync_playwright
from search_errors import ERRORS
from site_tools import CHROMIUM_ARGS, chromium_path, copy_project, mkdocs, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = copy_project(tmp_path_factory.mktemp("search"))
    result = mkdocs("build", "--strict", cwd=project)
    assert result.returncode == 0, result.stderr
    with serve(project / "site") as url:
        yield url


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser: Browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(base_url, wait_until="networkidle")
        yield page
        browser.close()


@pytest.mark.parametrize(("text", "rule"), [pytest.param(e.text, e.rule, id=e.id) for e in ERRORS])
def test_a_pasted_error_finds_the_rule_that_fixes_it_first(
    page: Page, text: str, rule: str
) -> None:
    hrefs = site_figures.pasted(page, text)
    assert urlsplit(hrefs[0]).path.rstrip("/").endswith("reference/node"), hrefs[:5]
    # The rule's entry, or the short section right after it that lists the errors it fixes.
    assert site_figures.fix_rank(hrefs, rule) == 1, hrefs[:5]
