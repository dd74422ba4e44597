# Every box a reader types into is visibly a box: a frame of at least 1 px (Material's reset removes input borders).
"""Text, search and number inputs in the page content show a frame, Chinese and English, in Chromium at 1366x768.

Material's stylesheet resets `input { border: 0 }`: the list filter box (输入关键词筛选) and the contest's 其他数量 and
试卷编号 boxes showed as a placeholder floating in white, or as a blank gap with a label beside it, so a reader could not
see where to type. The header search box is left out: it sits on the coloured header with a filled background."""
from __future__ import annotations

import pytest

UNFRAMED = """() => [...document.querySelectorAll('.md-content input')]
  .filter(input => ['text', 'search', 'number'].includes(input.type) && input.getClientRects().length)
  .map(input => ({name: input.name || input.placeholder || input.outerHTML.slice(0, 60),
                  width: parseFloat(getComputedStyle(input).borderBottomWidth), style: getComputedStyle(input).borderBottomStyle}))
  .filter(input => input.width < 1 || input.style === 'none' || input.style === 'hidden')"""


@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
@pytest.mark.parametrize("path", ["", "cases/", "regulations/", "contest/", "search/?q=%E6%9C%89%E9%99%90%E7%A9%BA%E9%97%B4"])
def test_every_typed_input_has_a_frame(open_page, web_site, lang, path):
    page = open_page(1366, 768)
    page.goto(web_site.url + lang + path)
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # the list filters are shown by script
    assert page.evaluate(UNFRAMED) == [], f"{lang}{path or '(home)'}: inputs without a frame"
