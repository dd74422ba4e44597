# Browser smoke test: built pages open in Debian's chromium with no console error, no request to another host and no frame placeholder left.
from __future__ import annotations

import re

import pytest

from portal.engine.frames import CONTENT, TITLE
from portal.verify.served import served_folder
from portal_testing import build

PAGES = ("", "cases/", "cases/test-case-2020/", "cases/by-tier/",
         "regulations/by-issuer/", "contacts/test-directory/", "contacts/test-directory/card/", "topics/", "about/",
         "en/", "en/regulations/accident-reporting-investigation-regulation/", "en/cases/by-year/2020/", "404.html",
         "en/404.html")
SHIPPED_PAGES = ("", "regulations/", "cases/", "contacts/", "articles/", "stats/", "quiz/", "en/", "en/cases/",
                 "regulations/work-safety-law/", "en/regulations/work-safety-law/")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    site = tmp_path_factory.mktemp("smoke") / "site"
    build(site)
    with served_folder(site) as url:
        yield url


def _load_cleanly(page, base: str, paths) -> None:
    failed = []
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    for path in paths:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        text = page.content()
        assert TITLE not in text and CONTENT not in text, path  # every frame was filled
        assert page.title() and page.inner_text("body").strip(), path
    assert page.console_errors == []
    assert failed == []
    assert [u for u in page.requested if not u.startswith(base)] == []


def test_pages_load_cleanly(page, served):
    _load_cleanly(page, served, PAGES)


@pytest.mark.shipped_data
def test_shipped_pages_load_cleanly(page, shipped_site):
    site, _ = shipped_site
    assert all((site / path / "index.html").is_file() for path in SHIPPED_PAGES)
    with served_folder(site) as url:
        _load_cleanly(page, url, SHIPPED_PAGES)


def test_language_switch_keeps_the_page(page, served):
    page.goto(served + "cases/test-case-2020/")
    with page.expect_navigation():
        page.evaluate("document.querySelector('a.portal-lang-switch').click()")  # it sits in a hover menu
    assert page.url == served + "en/cases/test-case-2020/"
    assert "Test fall accident" in page.inner_text("h1")


def test_table_filter_without_reload(page, served):
    page.goto(served + "regulations/")
    page.fill("[data-filter-text]", "未来")
    page.wait_for_selector("tbody[data-dynamic]")  # the rows of every page, filtered
    visible = page.eval_on_selector_all("table.portal-records tbody tr", "rows => rows.filter(r => !r.hidden).length")
    assert visible == 1
    assert page.inner_text("[data-filter-count]") == "共 1 条"


def test_english_filter_count_keeps_singular_and_plural_apart(page, served):
    """The count under a filtered English table reads "1 record" and "3 records", never "1 records"."""
    page.goto(served + "en/regulations/")
    counter = "[data-filter-count]"
    assert page.inner_text(counter) == "3 records"
    page.fill("[data-filter-text]", "future")
    page.wait_for_selector("tbody[data-dynamic]")
    assert page.eval_on_selector_all("table.portal-records tbody tr", "rows => rows.filter(r => !r.hidden).length") == 1
    assert re.fullmatch(r"1 record", page.inner_text(counter))
    page.fill("[data-filter-text]", "")
    assert page.inner_text(counter) == "3 records"
    page.goto(served + "en/cases/")  # starts at one record: widening must not give "2 record"
    assert page.inner_text(counter) == "1 record"
    assert page.console_errors == []
