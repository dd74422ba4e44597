# Statute pages built from a fixture statute with four versions: 新旧对照, cited versions, full-text tools, A4 prints.
"""Built-site tests of issue 18 items 4-6 and issue 22 items 3-4 on tests/fixtures/statute-versions (texts of 2010,
2016 and 2019, none of 2014, and four cases citing it): the comparison page in both languages and in search, a case's
article in the version in force on its date, the chapter table of contents, permalinks and the copy-citation button
(Chromium over http and file://), the back link, the printable full text (Chromium's PDF) and axe-core."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from portal.build.pipeline import derive
from portal.outputs.search import search_docs
from portal.verify.served import served_folder
from portal_testing import FIXTURES, MINIMAL, build, settings_for

LAYER = FIXTURES / "statute-versions"
COMPARE = "regulations/fixture-statute/compare/2016-06-01..2019-01-01/"
CITATION_ZH = "《中华人民共和国测试安全法》第四条"
CITATION_EN = "Test Safety Law of the PRC, Article 4"
A4_PT = (595.3, 841.9)


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The fixture layer built as the web site and as the offline copy (file://)."""
    work = tmp_path_factory.mktemp("statute-sites")
    build(work / "web", MINIMAL, LAYER)
    build(work / "offline", MINIMAL, LAYER, variant="offline")
    return {"web": work / "web", "offline": work / "offline"}


@pytest.fixture(scope="module")
def served(sites):
    with served_folder(sites["web"]) as url:
        yield url


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def counts_of(html: str) -> dict[str, int]:
    return {kind: int(n) for kind, n in re.findall(r'data-compare-count="(\w+)">(\d+)<', html)}


# -- 新旧对照 -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_compare_page_of_consecutive_texts_in_both_languages(sites, prefix):
    html = read(sites["web"], prefix + COMPARE)
    assert counts_of(html) == {"unchanged": 1, "renumbered": 1, "changed": 2, "added": 2, "deleted": 1}
    classes = re.findall(r'data-compare-class="(\w+)"', html)
    assert classes == ["unchanged", "changed", "added", "renumbered", "deleted", "added", "changed"]
    assert "<ins>和个人</ins>" in html and "<del>2016</del>" in html and "<ins>2019</ins>" in html
    # text from data is escaped, never evaluated
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert "{{ 7*7 }}" in html and ">49<" not in html
    assert 'href="../../2016-06-01/#art-3"' in html and 'href="../../2019-01-01/#art-4"' in html
    # 2010 and 2016 are not consecutive (the 2014 version between them has no text): no comparison of them
    assert not (sites["web"] / prefix / "regulations/fixture-statute/compare/2010-01-01..2016-06-01").exists()
    compare_folder = sites["web"] / prefix / "regulations/fixture-statute/compare"
    assert sorted(p.name for p in compare_folder.iterdir() if p.is_dir()) == ["2016-06-01..2019-01-01"]


@pytest.mark.parametrize("prefix, heading", [("", "新旧对照"), ("en/", "Old and new texts compared")])
def test_compare_breadcrumbs_name_the_comparison_not_the_law_again(sites, prefix, heading):
    crumbs = lambda html: re.findall(r"<li>(?:<a [^>]*>|<span [^>]*>)([^<]*)<", html.split('portal-breadcrumbs', 1)[1].split("</nav>", 1)[0])
    page, folder = read(sites["web"], prefix + COMPARE), read(sites["web"], prefix + "regulations/fixture-statute/compare")
    assert crumbs(page)[-2:] == [heading, "2016-06-01..2019-01-01"]
    assert crumbs(folder)[-1] == heading and f"· {heading}</h1>" in folder.replace("&#39;", "'")


def test_version_history_and_full_texts_link_the_comparison(sites):
    page = read(sites["web"], "regulations/fixture-statute")
    versions = page[page.index('id="versions"'):page.index('id="full-text"')]
    assert versions.count('class="portal-compare-link" href="compare/2016-06-01..2019-01-01/"') == 1
    assert 'href="../compare/2016-06-01..2019-01-01/"' in read(sites["web"], "regulations/fixture-statute/2016-06-01")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_comparison_is_a_search_document(lang):
    settings = settings_for(MINIMAL, LAYER)
    derived = derive(settings)[0]
    docs = [doc for doc in search_docs(settings, derived, lang) if "/compare/" in doc["url"]]
    assert [doc["url"] for doc in docs] == [COMPARE]
    assert ("新旧对照" if lang == "zh" else "compared") in docs[0]["title"].lower()
    if lang == "zh":
        assert "从业人员有权拒绝违章指挥" in docs[0]["text"]  # an added article's words find the page


# -- cited versions (issue 18 item 4) --------------------------------------------------------------------------
def violation(site: Path, case_id: str, prefix: str = "") -> str:
    """The list of violated articles of a case page."""
    html = read(site, f"{prefix}cases/{case_id}")
    return html[html.index('<ul class="portal-violations">'):].split("</ul>")[0]


def test_a_case_links_the_article_number_in_force_on_its_date(sites):
    mapped = violation(sites["web"], "case-2017-mapped")
    assert 'href="../../regulations/fixture-statute/2016-06-01/#art-3"' in mapped
    assert "测试安全法 第3条</a>" in mapped and "2016年版第3条；现行文本第4条" in mapped
    english = violation(sites["web"], "case-2017-mapped", "en/")
    assert "Art. 3 of the 2016 text in force on the accident date; Art. 4 of the current text" in english


def test_without_that_versions_text_the_case_says_the_numbers_may_differ(sites):
    text = violation(sites["web"], "case-2015-no-text")
    assert 'href="../../regulations/fixture-statute/#art-4"' in text
    assert "现行文本第4条</a>" in text and "2014年版" in text and "条文序号可能不同" in text
    assert "its article numbers may differ" in violation(sites["web"], "case-2015-no-text", "en/")


def test_an_article_added_later_is_not_claimed_for_the_older_text(sites):
    text = violation(sites["web"], "case-2017-added")
    assert "现行文本第3条</a>" in text and "2016年版无此条" in text
    assert "/2016-06-01/#art-" not in text


def test_a_case_under_the_current_text_links_it_plainly(sites):
    text = violation(sites["web"], "case-2020-current")
    assert "测试安全法 第4条</a>" in text and "现行文本" not in text and "可能不同" not in text


# -- full texts: chapters, permalinks, citation, back link -----------------------------------------------------
@pytest.mark.parametrize("path", ["regulations/fixture-statute", "regulations/fixture-statute/2019-01-01",
                                  "en/regulations/fixture-statute/2019-01-01"])
def test_full_text_has_chapters_permalinks_and_citations(sites, path):
    html = read(sites["web"], path)
    toc = html[html.index('class="portal-chapter-toc"'):].split("</nav>")[0]
    assert re.findall(r'href="#(ch-[\w-]+)"', toc) == ["ch-1", "ch-1-sec-1", "ch-1-sec-2", "ch-2", "ch-3"]
    for anchor in ("ch-1", "ch-1-sec-2", "ch-3"):
        assert f'id="{anchor}"' in html
    assert len(re.findall(r'<section class="portal-full-article" id="art-\d+">', html)) == 6
    assert len(re.findall(r'class="portal-permalink" href="#art-\d+"', html)) == 6
    citation = CITATION_EN if path.startswith("en/") else CITATION_ZH
    assert f'data-portal-cite="{citation}"' in html.replace("&#39;", "'")


def test_key_articles_of_a_law_without_full_text_have_permalink_and_citation(sites):
    html = read(sites["web"], "regulations/accident-reporting-investigation-regulation")
    assert 'class="portal-permalink" href="#art-3"' in html and 'data-portal-cite="《测试条例甲》第三条"' in html
    assert html.count("data-portal-cite-status") == 1
    with_text = read(sites["web"], "regulations/fixture-statute")
    assert with_text.count("data-portal-cite-status") == 1  # one status line for the key articles and the full text


@pytest.mark.parametrize("prefix, words", [("", "阅读全文（共"), ("en/", "Read the full text (")])
def test_the_law_page_links_its_full_text_from_the_header(sites, prefix, words):
    """The full text sits below the key articles and versions: the facts table at the top links it."""
    html = read(sites["web"], prefix + "regulations/fixture-statute")
    jump = html.index('<a class="portal-full-text-jump" href="#full-text">' + words)
    assert jump < html.index('id="full-text"') and 'id="full-text"' in html
    assert "portal-full-text-jump" not in read(sites["web"], prefix + "regulations/accident-reporting-investigation-regulation")


@pytest.mark.parametrize("prefix, words", [("", "返回《中华人民共和国测试安全法》"),
                                           ("en/", "Back to Test Safety Law of the People&#39;s Republic of China")])
def test_full_text_page_goes_back_to_the_law(sites, prefix, words):
    html = read(sites["web"], prefix + "regulations/fixture-statute/2016-06-01")
    assert f'<a class="portal-back-to-law" href="../">{words}</a>' in html


# -- in Chromium: copy citation over http and file://, the comparison page, axe-core ------------------------------
def _context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    return context


CAPTURE_COPY = """window.__copied = [];
document.addEventListener('copy', (event) => {
  const field = event.target;
  window.__copied.push(field && field.value !== undefined ? field.value.slice(field.selectionStart, field.selectionEnd)
                                                           : String(document.getSelection()));
}, true);"""


def test_copy_citation_over_http_with_the_keyboard(browser, served):
    context = _context(browser)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served + "regulations/fixture-statute/2019-01-01/#art-4")
    button = page.locator("#art-4 .portal-cite-button")
    assert button.is_visible()
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('[data-portal-cite-status]').textContent.length > 0")
    assert page.locator("[data-portal-cite-status]").inner_text() == "已复制：" + CITATION_ZH
    assert page.evaluate("navigator.clipboard.readText()") == CITATION_ZH
    assert page.evaluate("document.activeElement.closest('#art-4') !== null")  # focus stays on the button
    page.goto(served + "en/regulations/fixture-statute/2019-01-01/")
    page.locator("#art-4 .portal-cite-button").click()
    page.wait_for_function("() => document.querySelector('[data-portal-cite-status]').textContent.length > 0")
    assert page.evaluate("navigator.clipboard.readText()") == CITATION_EN
    assert errors == []
    context.close()


@pytest.mark.parametrize("clipboard_api", [True, False])
def test_copy_citation_over_file_urls(browser, sites, clipboard_api):
    context = _context(browser)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(CAPTURE_COPY)
    if not clipboard_api:  # as in a browser without navigator.clipboard on file://: the selection fallback
        page.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined});")
    page.goto((sites["offline"] / "regulations" / "fixture-statute" / "2019-01-01.html").as_uri())
    page.locator("#art-4 .portal-cite-button").click()
    page.wait_for_function("() => document.querySelector('[data-portal-cite-status]').textContent.length > 0")
    assert page.locator("[data-portal-cite-status]").inner_text() == "已复制：" + CITATION_ZH
    if clipboard_api:
        assert page.evaluate("navigator.clipboard.readText()") == CITATION_ZH
    else:
        assert page.evaluate("window.__copied") == [CITATION_ZH]
    assert errors == []
    context.close()


@pytest.mark.parametrize("where", ["http", "file"])
def test_compare_page_in_chromium(page, sites, served, where):
    if where == "http":
        page.goto(served + "en/" + COMPARE)
    else:
        page.goto((sites["offline"] / "regulations/fixture-statute/compare/2016-06-01..2019-01-01.html").as_uri())
    assert page.locator("tr.portal-compare-row").count() == 7
    assert page.locator("tr.portal-compare-changed ins").count() == 4  # 和个人, 活动; 2019, 1
    assert page.evaluate("getComputedStyle(document.querySelector('.portal-compare-table del')).textDecorationLine") == "line-through"
    page.locator("a.portal-back-to-law").click()
    page.wait_for_load_state()
    assert re.search(r"regulations/fixture-statute(/|\.html)$", page.url)
    assert page.console_errors == []


@pytest.mark.parametrize("path", [COMPARE, "en/" + COMPARE, "regulations/fixture-statute/2019-01-01/",
                                  "en/regulations/fixture-statute/", "regulations/fixture-statute/2019-01-01/print/",
                                  "cases/case-2015-no-text/"])
def test_new_pages_have_no_serious_axe_violations(browser, served, path):
    from ui_helpers import serious_violations  # axe-core from npm, pinned and integrity-checked

    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(served + path)
    assert serious_violations(page) == []
    context.close()


# -- printable full text ---------------------------------------------------------------------------------------
def _pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    boxes = [tuple(map(float, box.split()[2:4])) for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf)]
    assert len(boxes) == len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) > 0
    return boxes


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_version_prints_on_a4_with_chapters_numbers_source_and_version(page, sites, served, prefix):
    for version in ("2010-01-01", "2016-06-01", "2019-01-01"):
        assert (sites["web"] / prefix / "regulations/fixture-statute" / version / "print/index.html").is_file()
    html = read(sites["web"], prefix + "regulations/fixture-statute/2019-01-01/print")
    assert "<h2 class=\"portal-statute-chapter\">第三章 附则</h2>" in html
    assert "<strong>第六条</strong>" in html and "https://example.org/fixture-statute-2019" in html
    assert "测试令第4号" in html and 'data-portal-print' in html
    page.goto(served + prefix + "regulations/fixture-statute/2019-01-01/print/")
    assert page.locator("[data-portal-print]").is_visible()
    page.emulate_media(media="print")
    assert page.eval_on_selector(".portal-print-toolbar", "el => getComputedStyle(el).display") == "none"
    pages = _pdf_pages(page.pdf(prefer_css_page_size=True, print_background=True))
    assert len(pages) >= 1
    for width, height in pages:
        assert abs(width - A4_PT[0]) < 1.5 and abs(height - A4_PT[1]) < 1.5, (width, height)
    assert page.console_errors == []
    assert [u for u in page.requested if not u.startswith(served)] == []


# -- the shipped data ------------------------------------------------------------------------------------------
@pytest.mark.shipped_data
def test_shipped_comparison_and_cited_versions(shipped_site):
    site = shipped_site[0]
    compare = "regulations/emergency-response-law/compare/2007-11-01..2024-11-01"
    for prefix in ("", "en/"):
        counts = counts_of(read(site, prefix + compare))
        # every article of the 2007 text (70) and of the 2024 text (106) is in exactly one row
        assert counts["unchanged"] + counts["renumbered"] + counts["changed"] + counts["deleted"] == 70
        assert counts["unchanged"] + counts["renumbered"] + counts["changed"] + counts["added"] == 106
    assert 'href="compare/2007-11-01..2024-11-01/"' in read(site, "regulations/emergency-response-law")
    # 安全生产法: only the 2021 text is in the portal; a 2019 case cites Art. 21 of it and says the 2014 numbers may differ
    cited = violation(site, "xiangshui-tianjiayi-explosion-2019")
    assert "现行文本第21条</a>" in cited and "2014年版" in cited and "条文序号可能不同" in cited
    assert "事故发生时施行的版本" not in cited
