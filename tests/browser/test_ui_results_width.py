# The search results page uses the screen at desktop width like the lists: no empty table-of-contents column beside it.
"""search/?q= at 1366x768 and 1920x1080 in Chromium, Chinese and English: the results page has no table of contents,
yet kept Material's empty right-hand column, so at 1366 px the facets and results shared 690 px beside ~340 px of
nothing (every title wrapped to 3-5 lines). From 1200 px the page drops that column and the grid grows, as lists do."""
from __future__ import annotations

import pytest

LAYOUT = """() => {
  const toc = document.querySelector('.md-sidebar--secondary');
  return {results: Math.round(document.querySelector('.portal-results').getBoundingClientRect().width),
          toc: toc ? getComputedStyle(toc).display : 'none'};
}"""


@pytest.mark.parametrize("lang, query", [("", "%E6%9C%89%E9%99%90%E7%A9%BA%E9%97%B4"), ("en/", "confined%20space")],
                         ids=["zh", "en"])
@pytest.mark.parametrize("width, height", [(1366, 768), (1920, 1080)], ids=["1366", "1920"])
def test_results_page_drops_the_empty_contents_column(open_page, web_site, lang, query, width, height):
    page = open_page(width, height)
    page.goto(f"{web_site.url}{lang}search/?q={query}")
    page.wait_for_selector(".portal-results")
    layout = page.evaluate(LAYOUT)
    assert layout["toc"] == "none", layout
    assert layout["results"] >= 0.6 * width, f"{lang}search/ at {width} px: results {layout['results']} px wide"
