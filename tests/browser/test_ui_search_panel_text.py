# The header search panel shows whole titles and snippets: they wrap inside the panel instead of being cut at its edge.
"""The header box's results panel in Chromium on a phone (390, 320 px) and at 1366 px, Chinese and English.

The panel sits inside Material's header, whose `.md-header__option` sets `white-space: nowrap`: every title and snippet
longer than the panel ran on one line past its right edge and was cut mid-word (the panel scrolled sideways).
The check: after typing a query, no hit, title or snippet is wider than the panel, and the panel does not scroll sideways."""
from __future__ import annotations

import pytest

OVERFLOW = """panel => {
  const wide = [...panel.querySelectorAll('.portal-search-hit, .portal-search-title, .portal-search-snippet')]
    .filter(el => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > panel.getBoundingClientRect().right + 1)
    .map(el => el.className + ': ' + el.textContent.slice(0, 30));
  return {wide: wide.slice(0, 5), sideways: panel.scrollWidth > panel.clientWidth + 1,
          hits: panel.querySelectorAll('.portal-search-hit').length};
}"""


@pytest.mark.parametrize("lang, query", [("", "有限空间"), ("en/", "confined space")], ids=["zh", "en"])
@pytest.mark.parametrize("width, height", [(390, 844), (320, 640), (1366, 768)], ids=["390", "320", "1366"])
def test_header_panel_titles_wrap_inside_it(open_page, web_site, lang, query, width, height):
    page = open_page(width, height)
    page.goto(web_site.url + lang + "cases/")
    page.locator(".portal-header-search input[data-portal-search]").fill(query)
    page.wait_for_selector(".portal-header-search .portal-search-hit", timeout=15000)
    found = page.eval_on_selector(".portal-header-search .portal-search-panel", OVERFLOW)
    assert found["hits"] >= 3, found
    assert not found["sideways"] and not found["wide"], f"{lang}cases/ at {width} px: text cut at the panel's edge {found}"
