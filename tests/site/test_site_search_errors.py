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
from site_tools import CHROMIUM_ARGS, built_site, chromium_path, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(built_site(tmp_path_factory)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context, page = site_figures.open_page(browser, site_figures.WIDTHS["desktop"], "light")
    page.goto(base_url, wait_until="networkidle")
    yield page
    context.close()


@pytest.mark.parametrize(("text", "rule"), [pytest.param(e.text, e.rule, id=e.id) for e in ERRORS])
def test_a_pasted_error_finds_the_rule_that_fixes_it_first(
    page: Page, text: str, rule: str
) -> None:
    hrefs = site_figures.pasted(page, text)
    assert urlsplit(hrefs[0]).path.rstrip("/").endswith("reference/node"), hrefs[:5]
    # The rule's entry, or the short section right after it that lists the errors it fixes.
    assert site_figures.fix_rank(hrefs, rule) == 1, hrefs[:5]


def test_on_a_phone_the_paste_finds_the_same_rule(browser: Browser, base_url: str) -> None:
    """At 390 px the search opens from the header's button, over the page: the same first
    entry, on the same page."""
    error = ERRORS[0]
    context, page = site_figures.open_page(browser, site_figures.WIDTHS["phone"], "dark")
    try:
        page.goto(base_url, wait_until="networkidle")
        hrefs = site_figures.pasted(page, error.text)
    finally:
        context.close()
    assert urlsplit(hrefs[0]).path.rstrip("/").endswith("reference/node"), hrefs[:5]
    assert site_figures.fix_rank(hrefs, error.rule) == 1, hrefs[:5]
