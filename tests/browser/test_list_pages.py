# Browser checks of list pages at a synthetic size, over http and over file:// (the offline copy): page links,
# multi-select filters and sort over ALL rows (loaded from the row files), counts, the state in the address.
"""List pages at any size (issue 21 item 1) in Chromium, on the web and offline builds of synthetic data."""
from __future__ import annotations

import re

import pytest

from portal.pages.lists import PAGE_SIZE
from portal.verify.served import served_folder


@pytest.fixture(scope="module", params=["http", "file"])
def cases_list(request, synthetic_sites):
    """(URL of the cases list, the way a page's address looks) over http (web build) or file:// (offline build)."""
    if request.param == "http":
        with served_folder(synthetic_sites["web"]) as url:
            yield url + "cases/"
    else:
        yield (synthetic_sites["offline"] / "cases" / "index.html").as_uri()


@pytest.fixture
def reader(browser):
    """A phone-free desktop page that records script errors and any request that leaves loopback or the file system."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.script_errors, page.foreign = [], []
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    page.on("request", lambda request: request.url.startswith(("http://127.0.0.1:", "file://", "data:", "blob:"))
            or page.foreign.append(request.url))
    yield page
    context.close()
    assert page.script_errors == [] and page.foreign == []


def shown_ids(page) -> list[str]:
    return page.eval_on_selector_all("table.portal-records tbody tr", "rows => rows.map(r => r.dataset.id)")


def count_of(page) -> int:
    return int(re.search(r"\d+", page.inner_text("[data-filter-count]")).group())


def cells(page, column: str, attribute: str = "data-sort") -> list[str]:
    return page.eval_on_selector_all(f'table.portal-records tbody td[data-column="{column}"]',
                                     f"tds => tds.map(td => td.getAttribute('{attribute}'))")


def test_page_links_reach_the_next_page_without_script(browser, cases_list):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(cases_list)
    first = shown_ids(page)
    assert len(first) == PAGE_SIZE
    page.click('nav.portal-pager a[rel="next"]')
    second = shown_ids(page)
    assert len(second) == PAGE_SIZE and not set(first) & set(second)
    assert page.locator('nav.portal-pager [aria-current="page"]').inner_text() == "2"
    context.close()


def test_filters_apply_to_all_rows_and_live_in_the_address(reader, cases_list):
    reader.goto(cases_list)
    total = count_of(reader)
    # the two commonest tiers, by the counts the filter shows beside each value
    options = reader.eval_on_selector_all('details[data-filter-column="tier"] label', """labels => labels.map(l =>
        [l.querySelector('input').value, parseInt(l.querySelector('.portal-count').textContent.slice(1), 10)])""")
    (first, first_n), (second, second_n) = sorted(options, key=lambda option: -option[1])[:2]
    reader.click('details[data-filter-column="tier"] summary')
    reader.check(f'details[data-filter-column="tier"] input[value="{first}"]')
    reader.wait_for_selector("tbody[data-dynamic]")
    assert count_of(reader) == first_n
    assert PAGE_SIZE < first_n < total  # more of them than one page holds: counted over all rows
    assert set(cells(reader, "tier", "data-value")) == {first}
    reader.check(f'details[data-filter-column="tier"] input[value="{second}"]')  # several values: either one
    both = count_of(reader)
    assert both == first_n + second_n and set(cells(reader, "tier", "data-value")) <= {first, second}
    assert f"tier={first}" in reader.url and f"tier={second}" in reader.url
    # the last page of the filtered rows holds the rest of them
    pages = -(-both // PAGE_SIZE)
    reader.click(f'nav.portal-pager:not([hidden]) a:text-is("{pages}")')
    assert len(shown_ids(reader)) == both - (pages - 1) * PAGE_SIZE
    assert f"page={pages}" in reader.url
    # the address alone brings back the same rows
    address, rows = reader.url, shown_ids(reader)
    reader.goto("about:blank")
    reader.goto(address)
    reader.wait_for_selector("tbody[data-dynamic]")
    assert shown_ids(reader) == rows and count_of(reader) == both


def test_sort_orders_all_rows(reader, cases_list):
    reader.goto(cases_list + "?sort=title")
    reader.wait_for_selector("tbody[data-dynamic]")
    assert count_of(reader) > 5 * PAGE_SIZE
    titles = cells(reader, "title")
    assert titles == sorted(titles, key=lambda t: t) or titles == reader.evaluate(
        "ts => ts.slice().sort((a, b) => a.localeCompare(b, document.documentElement.lang))", titles)
    first_page_titles = titles
    reader.select_option("[data-sort-control]", "-title")  # the visible control: descending
    assert "sort=-title" in reader.url
    last_first = cells(reader, "title")
    # descending over ALL rows: its first page holds none of the ascending first page's titles
    assert not set(last_first) & set(first_page_titles)
    assert reader.get_attribute('th[data-column="title"]', "aria-sort") == "descending"
    reader.select_option("[data-sort-control]", "")  # back to the page as built: its own rows and page links
    assert "sort=" not in reader.url and len(shown_ids(reader)) == PAGE_SIZE
    assert reader.locator("tbody[data-dynamic]").count() == 0


def test_bare_rows_get_their_columns_and_phone_labels_from_the_header(reader, cases_list):
    """Rows are written bare (portal/pages/lists.py); every cell is named after its header cell before use, so the
    phone layout's card labels (td::before attr(data-label)) and column selectors hold for the page's own rows."""
    reader.goto(cases_list)
    named = reader.eval_on_selector("table.portal-records", """table => {
        const heads = [...table.tHead.rows[0].cells].map(th => [th.dataset.column, th.dataset.label]);
        return [...table.tBodies[0].rows].map(tr => [...tr.cells].every((td, i) =>
            td.dataset.column === heads[i][0] && td.dataset.label === heads[i][1]));
    }""")
    assert len(named) == PAGE_SIZE and all(named)
    reader.set_viewport_size({"width": 375, "height": 800})
    label = reader.eval_on_selector('table.portal-records tbody td[data-column="date"]',
                                    "td => getComputedStyle(td, '::before').content")
    assert reader.get_attribute('table.portal-records th[data-column="date"]', "data-label") in label


def test_record_page_contents_are_written_and_followed_by_the_theme(reader, cases_list):
    """A generated page's table of contents comes as its entries (portal/engine/frames.py toc_html): portal.js writes
    the theme's markup before the theme's script starts, whose scroll spy then marks the section being read."""
    reader.goto(cases_list)
    reader.click("table.portal-records tbody tr:first-child td[data-column=title] a")
    reader.wait_for_load_state()
    links = reader.eval_on_selector_all('.md-sidebar--secondary ul[data-md-component="toc"] > li > a.md-nav__link',
                                        "links => links.map(a => a.getAttribute('href'))")
    headings = reader.eval_on_selector_all("article h2[id]", "hs => hs.map(h => '#' + h.id)")
    assert links and links == headings
    assert reader.locator("nav[data-portal-toc]").count() == 0
    reader.evaluate("document.querySelector('article h2[id]:last-of-type').scrollIntoView()")
    reader.wait_for_selector(".md-sidebar--secondary a.md-nav__link--active", state="attached")


def test_a_filtered_list_downloads_exactly_its_rows(reader, cases_list):
    """'下载这 N 条（CSV）' appears once the rows are filtered and gives those N rows, with a web address each."""
    import csv
    import io
    from urllib.parse import urlsplit
    from urllib.request import url2pathname

    reader.goto(cases_list)
    assert reader.locator("[data-download-shown]").is_hidden()  # the unfiltered list: the open-data downloads serve
    reader.click('details[data-filter-column="tier"] summary')
    value = reader.eval_on_selector('details[data-filter-column="tier"] input', "box => box.value")
    reader.check(f'details[data-filter-column="tier"] input[value="{value}"]')
    reader.wait_for_selector("tbody[data-dynamic]")
    shown = count_of(reader)
    button = reader.locator("[data-download-shown]")
    assert button.is_visible() and str(shown) in button.inner_text()
    with reader.expect_download() as info:
        button.click()
    raw = open(info.value.path(), "rb").read()
    assert raw.startswith("\ufeff".encode("utf-8"))  # Excel reads the UTF-8 text right
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header, rows = table[0], table[1:]
    assert len(rows) == shown and len(header) == len(rows[0])
    tier_column = header.index(reader.get_attribute('th[data-column="tier"]', "data-label")
                               or reader.inner_text('th[data-column="tier"]').strip())
    assert len({row[tier_column] for row in rows}) == 1
    for row in rows[:5]:  # each address opens the record's page
        address = row[-1]
        if address.startswith("file:"):
            from pathlib import Path
            assert Path(url2pathname(urlsplit(address).path)).is_file(), address
        else:
            assert reader.request.get(address).ok, address
