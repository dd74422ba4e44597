# The search results page search/?q= (web over http, offline copy over file://): URL state, filters, sort, Back.
"""The results page on sites built once for this module from the fixture data: the query, filters and sort kept in
the address and restored by Back, filter counts over all matches, date sort, the header box's "show all" link and
Enter, "no results" help, axe-core, and the header panel inside a phone screen."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from portal.verify.served import served_folder
from portal_testing import MINIMAL, build

QUERY = "事故"  # matches the fixture's case (2020), an article of its regulation (promulgated 2007) and a question
# A layer with one article whose texts carry markup (the web build only): the results page shows it as text.
MARKUP_ARTICLE = """\
id: markup-article
title: {zh: '<img src=x onerror="window.pwned=1">氪氙演练', en: '<b>Krypton</b> drill'}
category: team-management
summary: {zh: '氪氙演练概要 <script>window.pwned=2</script>', en: 'Krypton summary <script>window.pwned=2</script>'}
key_points: [{zh: 要点一, en: Point one}]
body: {zh: "每天一题。"}
topics: [team-management]
sources:
  - {title: 测试来源, publisher: 测试出版者, kind: seed-text}
"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("results-site")
    layer = root / "markup-layer"
    (layer / "articles").mkdir(parents=True)
    (layer / "articles" / "markup-article.yml").write_text(MARKUP_ARTICLE, encoding="utf-8")
    build(root / "web", MINIMAL, layer)
    build(root / "offline", MINIMAL, variant="offline")
    with served_folder(root / "web") as web:
        yield {"root": root, "http": web}


def base_of(sites, how: str) -> tuple[str, str]:
    """(URL of the language root, results page path) for http or file://."""
    if how == "http":
        return sites["http"], "search/"
    return (sites["root"] / "offline").as_uri() + "/", "search/index.html"


def wait_ready(page) -> None:
    page.wait_for_selector("[data-portal-results][data-ready]:not([aria-busy])", timeout=15000)


def shown(page) -> list[dict]:
    return page.eval_on_selector_all(".portal-results-hit", """hits => hits.map(h => ({
        href: h.getAttribute('href'), title: h.querySelector('.portal-search-title').textContent,
        kind: h.querySelector('.portal-search-kind').textContent}))""")


def facet_counts(page, name: str) -> dict[str, str]:
    return page.eval_on_selector_all(f'[data-facet="{name}"] label', """labels => Object.fromEntries(labels.map(l =>
        [l.querySelector('input').value, l.querySelector('.portal-count').textContent]))""")


def params(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


@pytest.mark.parametrize("how", ["http", "file"])
def test_query_filters_and_sort_live_in_the_address_and_survive_back(sites, page, how):
    base, results = base_of(sites, how)
    page.goto(base + results + "?q=" + quote(QUERY))
    wait_ready(page)
    total = len(shown(page))  # fewer than a page of them
    assert page.inner_text("[data-portal-results-status]") == f"{total} 个结果"
    assert {"案例", "法规"} <= {h["kind"] for h in shown(page)}
    kinds = facet_counts(page, "kind")
    assert kinds["regulations"] == kinds["cases"] == "(1)"
    assert facet_counts(page, "year") == {"2020": "(1)", "2007": "(1)"}

    page.check('[data-facet="kind"] input[value="cases"]')
    wait_ready(page)
    assert [h["kind"] for h in shown(page)] == ["案例"]
    assert page.inner_text("[data-portal-results-status]") == f"符合筛选的 1 个（共 {total} 个结果）"
    # counts of a facet ignore its own choice (several values can be chosen); other facets count what is left
    assert facet_counts(page, "kind") == kinds
    assert facet_counts(page, "year") == {"2020": "(1)", "2007": "(0)"}
    page.check('[data-facet="kind"] input[value="regulations"]')
    wait_ready(page)
    assert len(shown(page)) == 2
    page.select_option("[data-portal-results-sort]", "oldest")
    wait_ready(page)
    assert [h["kind"] for h in shown(page)] == ["法规", "案例"]  # 2007 before 2020
    assert params(page) == {"q": [QUERY], "kind": ["regulations", "cases"], "sort": ["oldest"]}  # in the boxes' order

    page.uncheck('[data-facet="kind"] input[value="regulations"]')
    wait_ready(page)
    target = shown(page)[0]["href"]
    assert "cases/test-case-2020" in target and (target.endswith(".html") if how == "file" else target.endswith("/"))
    page.click(".portal-results-hit")
    page.wait_for_url(lambda url: "test-case-2020" in url)
    page.go_back()
    wait_ready(page)
    assert params(page) == {"q": [QUERY], "kind": ["cases"], "sort": ["oldest"]}
    assert page.input_value("[data-portal-results-query]") == QUERY
    assert page.is_checked('[data-facet="kind"] input[value="cases"]')
    assert page.input_value("[data-portal-results-sort]") == "oldest"
    assert [h["kind"] for h in shown(page)] == ["案例"]
    assert page.console_errors == []
    assert all(url.startswith(base if how == "http" else "file://") for url in page.requested)


def test_date_sort_puts_the_newest_first_and_a_new_query_is_submitted_by_the_form(sites, page):
    base, results = base_of(sites, "http")
    page.goto(base + results + "?q=" + quote(QUERY) + "&sort=newest")
    wait_ready(page)
    assert [h["kind"] for h in shown(page)][:2] == ["案例", "法规"]  # 2020, 2007, then those without a date
    page.fill("[data-portal-results-query]", "坠落")
    page.press("[data-portal-results-query]", "Enter")
    wait_ready(page)
    assert params(page)["q"] == ["坠落"] and "cases/test-case-2020/" in shown(page)[0]["href"]


def test_no_results_shows_help_and_an_empty_query_asks_for_words(sites, page):
    base, results = base_of(sites, "http")
    page.goto(base + results + "?q=" + quote("氢氦锂铍硼"))
    wait_ready(page)
    assert page.inner_text("[data-portal-results-status]").startswith("无结果")
    assert page.is_visible("[data-portal-results-help]") and not shown(page)
    links = page.eval_on_selector_all("[data-portal-results-help] a", "as => as.map(a => a.getAttribute('href'))")
    assert "../cases/" in links
    page.goto(base + results)
    wait_ready(page)
    assert "请输入" in page.inner_text("[data-portal-results-status]")


@pytest.mark.parametrize("lang, query, title", [("", "氪氙", '<img src=x onerror="window.pwned=1">氪氙演练'),
                                                ("en/", "krypton", "<b>Krypton</b> drill")])
def test_text_from_data_is_shown_as_text(sites, page, lang, query, title):
    base, results = base_of(sites, "http")
    page.goto(base + lang + results + "?q=" + quote(query))
    wait_ready(page)
    hits = shown(page)
    assert [hit["title"] for hit in hits] == [title]
    assert page.locator("[data-portal-results-list] :is(img, script, b)").count() == 0
    assert "<script>window.pwned=2</script>" in page.inner_text(".portal-results-hit .portal-search-snippet")
    assert page.evaluate("window.pwned") is None


def test_results_matching_only_some_words_say_so(sites, page):
    base, results = base_of(sites, "http")
    page.goto(base + results + "?q=" + quote("坠落 氢氦锂"))
    wait_ready(page)
    assert "cases/test-case-2020/" in shown(page)[0]["href"]
    assert page.inner_text("[data-portal-results-note]").startswith("没有同时包含全部关键词的结果")
    page.goto(base + results + "?q=" + quote(QUERY))
    wait_ready(page)
    assert page.is_hidden("[data-portal-results-note]")


def test_english_results_page(sites, page):
    base, results = base_of(sites, "http")
    page.goto(base + "en/" + results + "?q=fall")
    wait_ready(page)
    hits = shown(page)
    assert page.inner_text("[data-portal-results-status]") == (f"{len(hits)} results" if len(hits) > 1 else "1 result")
    assert hits[0]["kind"] == "Case"
    assert page.inner_text('[data-facet="kind"] legend') == "Kind"


@pytest.mark.parametrize("how", ["http", "file"])
def test_header_box_links_to_all_results_and_enter_opens_the_page(sites, page, how):
    base, _results = base_of(sites, how)
    page.goto(base + ("cases/" if how == "http" else "cases/index.html"))
    box = page.locator(".portal-header-search input[data-portal-search]")
    box.fill(QUERY)
    link = page.wait_for_selector(".portal-header-search .portal-search-all:not([hidden])", timeout=15000)
    total = int(re.fullmatch(r"显示全部 (\d+) 条结果", link.text_content()).group(1))
    assert total >= 2
    link.click()
    wait_ready(page)
    assert params(page) == {"q": [QUERY]} and len(shown(page)) == total
    page.goto(base + ("" if how == "http" else "index.html"))
    home = page.locator(".portal-home-search input[data-portal-search]")
    home.fill("坠落")
    page.wait_for_selector(".portal-home-search .portal-search-hit", timeout=15000)
    home.press("Enter")
    wait_ready(page)
    assert params(page) == {"q": ["坠落"]} and "test-case-2020" in shown(page)[0]["href"]
    assert page.console_errors == []


def test_results_page_has_no_serious_accessibility_violation(sites, browser):
    from ui_helpers import serious_violations  # axe-core from npm, pinned and integrity-checked

    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    try:
        for path in ("search/?q=" + quote(QUERY) + "&kind=cases", "en/search/?q=zzzqqq"):
            tab = context.new_page()
            tab.goto(sites["http"] + path)
            wait_ready(tab)
            assert serious_violations(tab) == [], path
    finally:
        context.close()


@pytest.mark.parametrize("how", ["http", "file"])
@pytest.mark.parametrize("width", [320, 390, 414])
def test_header_panel_lies_inside_a_phone_screen(sites, browser, how, width):
    """The header box sits at the right edge; its panel, wider than the room to its left, used to start at x = -40 px."""
    base, _results = base_of(sites, how)
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="zh-CN")
    try:
        tab = context.new_page()
        tab.goto(base + ("cases/" if how == "http" else "cases/index.html"))
        tab.locator(".portal-header-search input[data-portal-search]").fill(QUERY)
        tab.wait_for_selector(".portal-header-search .portal-search-all:not([hidden])", timeout=15000)
        panel = tab.eval_on_selector(".portal-header-search .portal-search-panel", """p => {
            const r = p.getBoundingClientRect(); return {left: r.left, right: r.right}; }""")
        assert panel["left"] >= 0 and panel["right"] <= width, panel
        print(f"panel at {width} px ({how}): x = {panel['left']:.0f}..{panel['right']:.0f}")
    finally:
        context.close()
