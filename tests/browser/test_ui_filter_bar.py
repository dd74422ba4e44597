# The list filter bar looks like a filter bar: facet boxes are plain folding boxes on one row, the text box has a frame.
"""The filter bar of list and facet pages in Chromium at 1366x768 and 390x844, Chinese and English.

Material styles every `.md-typeset details` as an admonition (1.5 em margin, blue frame, pencil icon): the facet filter
boxes inherited it, so at 1366 px they sat half a row below the 筛选 box and on a phone each took a row with a gap;
Material also strips the frame of text inputs, so the 输入关键词筛选 box read as loose grey text. This checks the
computed style and the geometry: no margin and no icon on the facet boxes, one row at desktop width, a framed text box,
and an opened box shows its choices."""
from __future__ import annotations

import pytest

FILTER_BAR = """() => {
  const bar = document.querySelector('.portal-filters');
  const boxes = [...bar.querySelectorAll('details.portal-filter-facet')];
  const input = bar.querySelector('input[data-filter-text]');
  return {
    boxes: boxes.length,
    margins: boxes.map(box => getComputedStyle(box).marginTop),
    icons: boxes.map(box => getComputedStyle(box.querySelector('summary'), '::before').content),
    tops: [input, ...boxes].map(el => Math.round(el.getBoundingClientRect().top)),
    inputBorder: parseFloat(getComputedStyle(input).borderTopWidth),
    inputBorderStyle: getComputedStyle(input).borderTopStyle,
  };
}"""


@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
@pytest.mark.parametrize("path", ["cases/", "regulations/", "cases/by-tier/major/"])
@pytest.mark.parametrize("width, height", [(1366, 768), (390, 844)], ids=["1366", "390"])
def test_filter_bar_is_one_plain_row(open_page, web_site, lang, path, width, height):
    page = open_page(width, height)
    page.goto(web_site.url + lang + path)
    page.wait_for_selector(".portal-filters:not([hidden])")
    bar = page.evaluate(FILTER_BAR)
    assert bar["boxes"] >= 2, bar
    assert set(bar["margins"]) == {"0px"}, f"{lang}{path}: facet boxes keep Material's admonition margin {bar}"
    assert set(bar["icons"]) <= {"none", "normal"}, f"{lang}{path}: facet boxes show the admonition icon {bar}"
    assert bar["inputBorder"] >= 1 and bar["inputBorderStyle"] != "none", f"{lang}{path}: the filter box has no frame {bar}"
    if width >= 1200:
        assert max(bar["tops"]) - min(bar["tops"]) <= 8, f"{lang}{path}: filter box and facet boxes not on one row {bar}"


def test_an_opened_facet_box_shows_its_choices(open_page, web_site):
    page = open_page(1366, 768)
    page.goto(web_site.url + "cases/")
    page.wait_for_selector(".portal-filters:not([hidden])")
    page.click("details.portal-filter-facet summary")
    options = page.locator("details.portal-filter-facet[open] .portal-filter-options label")
    assert options.count() >= 2
    assert options.first.is_visible()
