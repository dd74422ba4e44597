# Citation queries (issue 18 item 6) typed into both search boxes of the shipped site, over http and file://, both languages.
"""安全生产法第二十一条 and its other spellings rank Art. 21 of the Work Safety Law first, in the header box and the
home-page box, over http and over file:// (the offline way of opening a site), on the Chinese and the English site."""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.shipped_data

ARTICLE_21 = re.compile(r"regulations/work-safety-law/(index\.html)?#(key-)?art-21$")
CITATIONS = ["安全生产法第二十一条", "安全生产法第21条", "《安全生产法》第21条", "安全生产法 21条", "新安法第21条",
             "中华人民共和国安全生产法第二十一条", "安全生产法 art. 21", "Work Safety Law Article 21"]
EN_CITATIONS = ["Work Safety Law Article 21", "work safety law art. 21", "安全生产法第21条", "新安法第二十一条"]
BOXES = {"header": ".md-header input[data-portal-search]", "home": ".md-content input[data-portal-search]"}

TYPE_AND_READ = """async ([selector, query]) => {
  const input = document.querySelector(selector);
  const shown = new Promise((resolve) => input.addEventListener("portalsearch:results", resolve, {once: true}));
  input.focus();
  input.value = query;
  input.dispatchEvent(new Event("input", {bubbles: true}));
  await shown;
  return [...input.nextElementSibling.querySelectorAll("[role=option]")].map((a) => a.getAttribute("href"));
}"""


@pytest.fixture(params=["http", "file"])
def base(request, web_site):
    return web_site.url if request.param == "http" else web_site.root.as_uri() + "/"


@pytest.mark.parametrize("box", sorted(BOXES))
def test_citations_rank_the_article_first(page, base, box):
    for lang, queries in (("zh", CITATIONS), ("en", EN_CITATIONS)):
        page.goto(base + ("en/" if lang == "en" else "") + "index.html")
        for query in queries:
            hrefs = page.evaluate(TYPE_AND_READ, [BOXES[box], query])
            assert hrefs and ARTICLE_21.search(hrefs[0]), f"{lang} {box} box: {query!r} -> {hrefs[:3]}"
    assert page.console_errors == []


def test_english_site_finds_chinese_titles_and_marks_chinese_texts(page, base):
    page.goto(base + "en/index.html")
    answer = page.evaluate("PortalSearch.query('安全生产法', {limit: 5})")
    assert answer["results"] and answer["results"][0]["url"].startswith("regulations/work-safety-law/")
    # an English word reaches an article of a Chinese-only full text, which says it is Chinese
    answer = page.evaluate("PortalSearch.query('Work Safety Law Article 45', {limit: 3})")
    first = answer["results"][0]
    assert first["url"] == "regulations/work-safety-law/#art-45" and first["badge"] == "Original in Chinese"
