# Item: a phone number is never broken across lines (directory tables and cards, home page buttons, print).
"""Every rendered phone number occupies exactly one line: on a phone (390 px), a laptop (1366 px) and printed (A4 width,
print media). Measured on the text itself: a Range over the number's text has one client rect per line box."""
from __future__ import annotations

import pytest

from ui_helpers import directory_pages

NUMBER_LINES = """(selector) => [...document.querySelectorAll(selector)].filter(el => el.getClientRects().length).map(el => {
  const range = document.createRange();
  range.selectNodeContents(el);
  const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
  const style = getComputedStyle(el), lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
  const text = [...range.getClientRects()].filter(r => r.width > 0);
  const height = Math.max(...text.map(r => r.bottom)) - Math.min(...text.map(r => r.top));
  return {number: el.textContent.trim(), lines: tops.size, tall: height > 1.6 * lineHeight};
})"""

SIZES = [pytest.param(390, 844, None, id="phone-390"), pytest.param(1366, 768, None, id="laptop-1366"),
         pytest.param(794, 1123, "print", id="print-A4")]


def _broken(page, selector):
    measured = page.evaluate(NUMBER_LINES, selector)
    assert measured, f"no {selector} on {page.url}"
    return [m for m in measured if m["lines"] != 1 or m["tall"]]


@pytest.mark.parametrize("width, height, media", SIZES)
@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
def test_directory_numbers_stay_on_one_line(open_page, web_site, width, height, media, lang):
    pages = directory_pages(web_site.root)
    assert pages, "the site has no contact directory page"
    page = open_page(width, height, media)
    for path in pages:
        page.goto(web_site.url + lang + path)
        assert _broken(page, ".portal-directory .portal-tel") == [], path


@pytest.mark.parametrize("width, height, media", SIZES)
def test_home_emergency_numbers_stay_on_one_line(open_page, web_site, width, height, media):
    page = open_page(width, height, media)
    page.goto(web_site.url)
    assert _broken(page, ".portal-number-digits") == []
