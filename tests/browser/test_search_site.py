# Search on the built portal (fixture data): the header box and the home-page box, both languages, document numbers, file://.
"""The portal's own search on real built pages: results, kind labels, article anchors, no other host, offline copy."""
from __future__ import annotations

import pytest

from portal.verify.served import served_folder
from portal_testing import MINIMAL, build


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("search-site")
    build(root / "web", MINIMAL)
    build(root / "offline", MINIMAL, variant="offline")
    with served_folder(root / "web") as url:
        yield root, url


def search(page, box, term: str) -> list[dict]:
    box.fill(term)
    page.wait_for_selector(".portal-search-hit", timeout=15000)
    return page.eval_on_selector_all(".portal-search-hit", """hits => hits.map(h => ({
        href: h.getAttribute('href'), text: h.textContent,
        kind: (h.querySelector('.portal-search-kind') || {}).textContent || ''}))""")


def test_header_box_on_a_record_page_finds_cases(sites, page):
    _root, base = sites
    page.goto(base + "regulations/gb-6441-1986/")
    hits = search(page, page.locator(".portal-header-search input[data-portal-search]"), "坠落")
    assert any("cases/test-case-2020/" in h["href"] for h in hits)
    assert any(h["kind"] == "案例" for h in hits)
    assert not [r for r in page.requested if not r.startswith(base)], "no request to another host"
    assert page.console_errors == []


def test_home_box_shows_results_not_just_a_count(sites, page):
    _root, base = sites
    page.goto(base)
    home = page.locator(".portal-home-search input[data-portal-search]")
    hits = search(page, home, "测试条例甲")
    assert hits and "regulations/accident-reporting-investigation-regulation/" in hits[0]["href"]
    assert hits[0]["kind"] == "法规"


def test_document_number_and_article_anchor(sites, page):
    _root, base = sites
    page.goto(base)
    box = page.locator(".portal-header-search input[data-portal-search]")
    hits = search(page, box, "测试令第1号")
    assert "accident-reporting-investigation-regulation/" in hits[0]["href"]
    hits = search(page, box, "事故等级")
    assert any("#art-" in h["href"] for h in hits), hits


def test_english_site_stems_queries(sites, page):
    _root, base = sites
    page.goto(base + "en/")
    hits = search(page, page.locator(".portal-header-search input[data-portal-search]"), "falls")
    assert any("cases/test-case-2020/" in h["href"] for h in hits)
    assert any(h["kind"] == "Case" for h in hits)


def test_offline_copy_searches_over_file_urls(sites, page):
    root, _base = sites
    page.goto((root / "offline" / "index.html").as_uri())
    hits = search(page, page.locator(".portal-header-search input[data-portal-search]"), "坠落")
    target = next(h["href"] for h in hits if "test-case-2020" in h["href"])
    assert target.endswith(".html"), target
    page.click(f'.portal-search-hit[href="{target}"]')
    page.wait_for_load_state()
    assert page.url.startswith("file://") and page.url.endswith("cases/test-case-2020.html")
    assert all(r.startswith("file://") for r in page.requested)


@pytest.mark.parametrize("width", [320, 360, 414])
def test_header_results_panel_stays_inside_a_phone_screen(sites, browser, width):
    """The header box sits at the right edge; its panel, wider than the room to its left, used to start at x = -40 px."""
    _root, base = sites
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="zh-CN")
    page = context.new_page()
    page.goto(base + "regulations/gb-6441-1986/")
    box = page.locator(".portal-header-search input[data-portal-search]")
    if not box.is_visible():  # Material folds the header box behind a button on phones
        page.click(".portal-header-search label, .portal-header-search button", timeout=5000)
    search(page, box, "坠落")
    panel = page.eval_on_selector(".portal-header-search .portal-search-panel", """p => {
        const r = p.getBoundingClientRect(); return {left: r.left, right: r.right}; }""")
    context.close()
    assert panel["left"] >= 0 and panel["right"] <= width, panel
