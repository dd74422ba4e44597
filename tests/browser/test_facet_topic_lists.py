# Facet pages (cases of one year, of one tier) and topic pages filter and sort like the lists: over the subset's rows
# taken from the kind's row files, multi-select, visible sort control, state in the address; http and file://.
"""Facet and topic pages at a synthetic size (1,200 cases) in Chromium, on the web and offline builds."""
from __future__ import annotations

import re

import pytest

from portal.pages.lists import PAGE_SIZE
from portal.site_layout import page_url
from portal.verify.served import served_folder
from test_list_pages import reader  # noqa: F401 - the lists' desktop page: no script error, nothing from another host


@pytest.fixture(scope="module", params=["http", "file"])
def site(request, synthetic_sites):
    """address(source path) of a generated page over http (web build) or file:// (offline build), and the web build."""
    if request.param == "http":
        with served_folder(synthetic_sites["web"]) as url:
            yield (lambda src: url + page_url(src, True)), synthetic_sites["web"]
    else:
        root = synthetic_sites["offline"].as_uri() + "/"
        yield (lambda src: root + page_url(src, False)), synthetic_sites["web"]


def table(kind: str) -> str:
    return f'.portal-table-wrap:has(table[data-kind="{kind}"])'


def ids(page, kind: str = "cases") -> list[str]:
    return page.eval_on_selector_all(f"{table(kind)} tbody tr", "rows => rows.map(r => r.dataset.id)")


def count_of(page, kind: str = "cases") -> int:
    return int(re.search(r"\d+", page.inner_text(f"{table(kind)} [data-filter-count]")).group())


def options(page, column: str, kind: str = "cases") -> list[tuple[str, int]]:
    return page.eval_on_selector_all(f'{table(kind)} details[data-filter-column="{column}"] label', """ls => ls.map(l =>
        [l.querySelector('input').value, parseInt(l.querySelector('.portal-count').textContent.slice(1), 10)])""")


def test_a_facet_page_filters_and_sorts_its_own_records(reader, site):
    address, _web = site
    year = "2010"
    reader.goto(address(f"cases/by-year/{year}.md"))
    static = ids(reader)
    assert reader.is_visible(f"{table('cases')} [data-sort-control]")  # the sort control is shown
    assert count_of(reader) == len(static) > 10
    tiers = options(reader, "tier")
    assert sum(n for _value, n in tiers) == len(static)  # counted over this year's cases only
    (tier, tier_n), (other, other_n) = sorted(tiers, key=lambda option: -option[1])[:2]
    reader.click(f'{table("cases")} details[data-filter-column="tier"] summary')
    reader.check(f'{table("cases")} details[data-filter-column="tier"] input[value="{tier}"]')
    reader.check(f'{table("cases")} details[data-filter-column="tier"] input[value="{other}"]')  # multi-select
    reader.wait_for_selector(f"{table('cases')} tbody[data-dynamic]")
    assert count_of(reader) == tier_n + other_n
    dates = reader.eval_on_selector_all(f'{table("cases")} tbody td[data-column="date"]', "tds => tds.map(td => td.textContent)")
    assert dates and all(date.startswith(year) for date in dates)  # the year's rows only, from the kind's row files
    reader.select_option(f"{table('cases')} [data-sort-control]", "-deaths")
    deaths = reader.eval_on_selector_all(f'{table("cases")} tbody td[data-column="deaths"]',
                                         "tds => tds.map(td => parseFloat(td.getAttribute('data-sort')))")
    assert deaths == sorted(deaths, reverse=True)
    assert f"tier={tier}" in reader.url and f"tier={other}" in reader.url and "sort=-deaths" in reader.url
    kept, shown = reader.url, ids(reader)
    reader.goto("about:blank")
    reader.goto(kept)
    reader.wait_for_selector(f"{table('cases')} tbody[data-dynamic]")
    assert ids(reader) == shown


def test_a_facet_of_a_column_offers_no_filter_for_itself(reader, site):
    address, web = site
    tier = sorted(path.name for path in (web / "cases" / "by-tier").iterdir() if path.is_dir())[0]
    reader.goto(address(f"cases/by-tier/{tier}.md"))
    columns = reader.eval_on_selector_all(f"{table('cases')} details[data-filter-column]",
                                          "ds => ds.map(d => d.getAttribute('data-filter-column'))")
    assert "tier" not in columns and "province" in columns
    reader.select_option(f"{table('cases')} [data-sort-control]", "date")
    reader.wait_for_selector(f"{table('cases')} tbody[data-dynamic]")
    values = reader.eval_on_selector_all(f'{table("cases")} tbody td[data-column="tier"]',
                                         "tds => tds.map(td => td.getAttribute('data-value'))")
    assert values and set(values) == {tier}


def topic_with_pages(web) -> tuple[str, int]:
    """A topic with more cases than one page holds, and how many."""
    for path in sorted((web / "topics").glob("*/index.html")):
        found = re.search(r'data-total="(\d+)"[^>]*data-state-prefix="cases-"', path.read_text(encoding="utf-8"))
        if found and int(found.group(1)) > PAGE_SIZE:
            return path.parent.name, int(found.group(1))
    raise AssertionError("no topic has more cases than one page holds")


def all_pages(page, kind: str = "cases") -> list[str]:
    """The ids of every page of a table, following its page links (the script's, over the row files)."""
    seen = ids(page, kind)
    while page.locator(f'{table(kind)} nav.portal-pager:not([hidden]) a[data-role="next"]').count():
        first = ids(page, kind)[0]
        page.click(f'{table(kind)} nav.portal-pager:not([hidden]) a[data-role="next"]')
        # the first click loads the row files before the next page is drawn: wait for its rows, not the old ones
        page.wait_for_function("([sel, id]) => { const row = document.querySelector(sel + ' tbody tr');"
                               " return row && row.dataset.id !== id; }", arg=[table(kind), first])
        seen += ids(page, kind)
    return seen


def test_a_topic_page_pages_and_sorts_all_its_cases_and_keeps_each_table_apart_in_the_address(reader, site):
    """A topic or facet page has no later pages of its own (portal/pages/lists.py static_subset_pages): its page
    links page over its rows from the row files, and its sort orders all of them."""
    address, web = site
    topic, total = topic_with_pages(web)
    reader.goto(address(f"topics/{topic}.md"))
    reader.wait_for_selector(f"{table('cases')} .portal-filters:not([hidden])")
    assert len(ids(reader)) == PAGE_SIZE and count_of(reader) == total
    assert reader.locator(f"{table('cases')} [data-portal-more]").is_hidden()  # the note for readers without script
    members = all_pages(reader)
    assert len(members) == len(set(members)) == total  # the topic's cases, all of them, none twice
    assert "cases-page=" in reader.url
    reader.select_option(f"{table('cases')} [data-sort-control]", "-date")
    reader.wait_for_selector(f"{table('cases')} tbody[data-dynamic]")
    assert "cases-sort=-date" in reader.url and "&sort=" not in reader.url and "?sort=" not in reader.url
    seen = all_pages(reader)
    assert set(seen) == set(members) and len(seen) == total
    dates = [d for d in reader.eval_on_selector_all(f'{table("cases")} tbody td[data-column="date"]',
                                                    "tds => tds.map(td => td.getAttribute('data-sort'))")]
    assert dates == sorted(dates, reverse=True)
    if reader.locator(table("regulations")).count():  # the other table on the page is left as built
        assert reader.locator(f"{table('regulations')} tbody[data-dynamic]").count() == 0


def test_a_facet_page_without_script_leads_to_every_record(browser, site):
    """Without JavaScript a facet page lists its first PAGE_SIZE records and says where every record is listed page by
    page (the kind's list), instead of pages of its own."""
    address, web = site
    tier, size = max(((path.parent.name, len(re.findall(r"<tr data-id=", path.read_text(encoding="utf-8"))))
                      for path in (web / "cases" / "by-tier").glob("*/index.html")), key=lambda pair: pair[1])
    assert size == PAGE_SIZE
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(address(f"cases/by-tier/{tier}.md"))
    assert len(ids(page)) == PAGE_SIZE and page.locator("nav.portal-pager").count() == 0
    note = page.locator("[data-portal-more]")
    assert note.is_visible() and str(PAGE_SIZE) in note.inner_text()
    note.locator("a").click()
    assert page.locator('nav.portal-pager a[rel="next"]').count() == 1 and len(ids(page)) == PAGE_SIZE
    context.close()
