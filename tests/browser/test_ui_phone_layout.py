# Item: on a phone (360 and 390 px) no page scrolls sideways; record lists and directories become cards.
"""No horizontal page scroll on any list page and record page at 360 and 390 px; every card (table row) of a list
fits the screen, and the regulations filter (whose issuer names are long) stays within it."""
from __future__ import annotations

import pytest

from ui_helpers import directory_pages, first_facet_page, first_record

PHONES = [pytest.param(360, 780, id="360"), pytest.param(390, 844, id="390")]

OVERFLOW = """() => {
  const width = innerWidth, wide = [];
  for (const el of document.querySelectorAll('.md-content *')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > width + 1 && !el.closest('.portal-table-wrap')) wide.push(`${el.tagName}.${el.className} ${Math.round(r.right)}`);
  }
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""

ROWS_OUTSIDE = """() => [...document.querySelectorAll('table.portal-records tbody tr, table.portal-directory tbody tr')]
  .filter(row => !row.hidden && row.getClientRects().length)
  .filter(row => { const r = row.getBoundingClientRect(); return r.left < -1 || r.right > innerWidth + 1; })
  .map(row => row.dataset.id || row.id)"""


def _list_and_record_pages(root):
    pages = ["regulations/", "cases/", "contacts/", "articles/", "topics/"]
    pages += [first_facet_page(root, "cases"), first_facet_page(root, "regulations")]
    pages += [first_record(root, "regulations"), first_record(root, "cases"), first_record(root, "articles")]
    pages += directory_pages(root)
    return pages


@pytest.mark.parametrize("width, height", PHONES)
@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
def test_no_page_scrolls_sideways_and_cards_fit(open_page, web_site, width, height, lang):
    page = open_page(width, height)
    problems = []
    for path in _list_and_record_pages(web_site.root):
        page.goto(web_site.url + lang + path)
        measured = page.evaluate(OVERFLOW)
        if measured["scroll"] > measured["width"]:
            problems.append((path, measured))
        outside = page.evaluate(ROWS_OUTSIDE)
        if outside:
            problems.append((path, "rows wider than the screen", outside[:5]))
    assert problems == []


@pytest.mark.parametrize("width, height", PHONES)
@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
def test_regulation_filters_stay_on_screen(open_page, web_site, width, height, lang):
    page = open_page(width, height)
    page.goto(web_site.url + lang + "regulations/")
    page.wait_for_selector(".portal-filters:not([hidden])")  # portal.js shows the filters
    rights = page.eval_on_selector_all(".portal-filters select, .portal-filters input",
                                       "els => els.map(el => el.getBoundingClientRect().right)")
    assert rights and max(rights) <= width
    # choosing the longest issuer still leaves the page as wide as the screen
    page.eval_on_selector(".portal-filters details[data-filter-column=issuer]", """details => {
        details.open = true;
        const boxes = [...details.querySelectorAll('input[type=checkbox]')];
        const longest = boxes.sort((a, b) => b.dataset.text.length - a.dataset.text.length)[0];
        longest.checked = true; longest.dispatchEvent(new Event('change')); }""")
    page.wait_for_selector("tbody[data-dynamic]")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
