# Browser checks of the language switch: it keeps the page, the reader's place (#fragment) and the list filters (?query).
"""Issue 22 item 7: switching language keeps `#art-41` and `?q=...`, on the web site and in the offline copy (file://)."""
from __future__ import annotations

from urllib.parse import quote

import pytest


def switch_language(page) -> None:
    """Use the header's language menu as a reader does: open it, follow the other language."""
    page.hover(".md-header .md-select")
    with page.expect_navigation():
        page.click("a.portal-lang-switch")


def test_switch_keeps_the_article_anchor_both_ways(web_site, open_page):
    page = open_page(1366, 768)
    page.goto(web_site.url + "regulations/work-safety-law/#art-41")
    switch_language(page)
    assert page.url == web_site.url + "en/regulations/work-safety-law/#art-41"
    assert page.evaluate("document.documentElement.lang") == "en"
    page.goto(web_site.url + "en/regulations/work-safety-law/#art-3")
    switch_language(page)
    assert page.url == web_site.url + "regulations/work-safety-law/#art-3"


def test_switch_keeps_filters_chosen_on_the_page(web_site, open_page):
    """Filters typed after the page loaded (the address changes as they are chosen) go along, and the other
    language's list opens filtered."""
    page = open_page(1366, 768)
    page.goto(web_site.url + "cases/")
    total = page.locator("table.portal-records tbody tr").count()
    page.fill("[data-filter-text]", "2021")
    page.wait_for_selector("tbody[data-dynamic]")  # the rows of all pages, filtered
    shown = page.locator("table.portal-records tbody tr:visible").count()
    assert 0 < shown < total
    switch_language(page)
    assert page.url == web_site.url + "en/cases/?q=2021"
    page.wait_for_selector("tbody[data-dynamic]")
    assert page.input_value("[data-filter-text]") == "2021"
    assert page.locator("table.portal-records tbody tr:visible").count() == shown


def test_switch_keeps_query_and_fragment_together(web_site, open_page):
    page = open_page(1366, 768)
    query = "?q=" + quote("坍塌")
    page.goto(web_site.url + "cases/" + query + "#main")
    switch_language(page)
    assert page.url == web_site.url + "en/cases/" + query + "#main"


def test_switch_without_query_or_fragment_is_the_plain_counterpart(web_site, open_page):
    page = open_page(1366, 768)
    page.goto(web_site.url + "contacts/")
    switch_language(page)
    assert page.url == web_site.url + "en/contacts/"


def test_switch_keeps_the_anchor_over_file_urls(offline_site, page):
    start = (offline_site / "regulations" / "work-safety-law.html").as_uri() + "#art-41"
    page.goto(start)
    switch_language(page)
    assert page.url == (offline_site / "en" / "regulations" / "work-safety-law.html").as_uri() + "#art-41"
    assert page.console_errors == []


def test_a_chosen_drop_down_filter_applies_in_the_other_language(web_site, open_page):
    """A drop-down's value is the vocabulary id (tier=general), the same in both languages: the English list opens
    with the same records and the English label chosen; an address with the Chinese label still works."""
    page = open_page(1366, 768)
    page.goto(web_site.url + "cases/")
    total = page.locator("table.portal-records tbody tr").count()
    page.click('details[data-filter-column="tier"] summary')
    page.check('details[data-filter-column="tier"] input[value="general"]')
    page.wait_for_selector("tbody[data-dynamic]")
    shown = page.locator("table.portal-records tbody tr:visible").count()
    ids = page.eval_on_selector_all("table.portal-records tbody tr", "rows => rows.map(r => r.dataset.id)")
    assert 0 < shown < total
    switch_language(page)
    assert page.url == web_site.url + "en/cases/?tier=general"
    page.wait_for_selector("tbody[data-dynamic]")
    chosen = page.eval_on_selector('details[data-filter-column="tier"] input:checked', "box => box.dataset.text")
    assert chosen == "General accident"
    assert page.eval_on_selector_all("table.portal-records tbody tr", "rows => rows.map(r => r.dataset.id)") == ids
    page.goto(web_site.url + "cases/?tier=" + quote("一般事故"))
    page.wait_for_selector("tbody[data-dynamic]")
    assert page.locator("table.portal-records tbody tr:visible").count() == shown
