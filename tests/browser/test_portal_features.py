# Browser checks of what readers use on the shipped site: version in force in lists, filters in the URL, empty results,
# bilingual 404, statistics years, quiz practice, open-data downloads and the A4 sheet of wallet cards.
"""Interface features on the shipped site (issue 12 items 5, 6, 8, 10, 11, 13, 14)."""
from __future__ import annotations

import re

import pytest


def test_regulation_list_shows_the_version_in_force(web_site, open_page):
    page = open_page(1366, 768)
    page.goto(web_site.url + "regulations/")
    row = page.locator('tr[data-id="work-safety-law"]')
    assert "主席令第八十八号" in row.locator('td[data-column="doc_number"]').inner_text()
    assert row.locator('td[data-column="effective"]').inner_text().strip() == "2021-09-01"
    assert "2021年修正" in row.locator('td[data-column="status"]').inner_text()


def test_filters_live_in_the_url_and_empty_results_say_so(web_site, open_page):
    page = open_page(1366, 768)
    page.goto(web_site.url + "cases/?q=%E4%B8%8D%E5%8F%AF%E8%83%BD%E5%87%BA%E7%8E%B0%E7%9A%84%E8%AF%8D")  # 不可能出现的词
    page.wait_for_selector("tbody[data-dynamic]", state="attached")  # the rows of all pages are filtered
    empty = page.locator("[data-filter-empty]")
    assert empty.is_visible() and "没有符合" in empty.inner_text()
    page.click("[data-filter-clear]")
    assert not empty.is_visible()
    assert "q=" not in page.evaluate("location.search")
    page.fill("[data-filter-text]", "坍塌")
    assert "q=%E5%9D%8D%E5%A1%8C" in page.evaluate("location.search")
    page.wait_for_selector("tbody[data-dynamic]")
    shown = page.locator("table.portal-records tbody tr:visible").count()
    page.reload()
    page.wait_for_selector("tbody[data-dynamic]")
    assert page.input_value("[data-filter-text]") == "坍塌"
    assert page.locator("table.portal-records tbody tr:visible").count() == shown > 0
    assert re.match(r"^共 \d+ 条$", page.inner_text("[data-filter-count]"))


def test_english_counter_is_singular_for_one(web_site, open_page):
    page = open_page(1366, 768)
    page.goto(web_site.url + "en/cases/")
    first_title = page.locator("table.portal-records tbody tr").first.locator('td[data-column="title"]').inner_text()
    page.fill("[data-filter-text]", first_title)
    page.wait_for_selector("tbody[data-dynamic]")
    text = page.inner_text("[data-filter-count]")
    assert text == "1 record" or re.match(r"^\d+ records$", text), text


def test_404_page_speaks_both_languages(web_site, open_page):
    page = open_page(1366, 768)
    page.goto(web_site.url + "404.html")
    body = page.inner_text("article")
    assert "页面不存在" in body and "Page not found" in body


def test_statistics_show_years_without_cases(web_site, open_page):
    page = open_page(1366, 768)
    page.goto(web_site.url + "stats/")
    labels = page.eval_on_selector_all("#cases-by-year text, #cases-by-year th, #cases-by-year td",
                                       "els => els.map(e => e.textContent.trim())")
    years = sorted({int(t) for t in labels if re.fullmatch(r"(19|20)\d\d", t)})
    assert years and years == list(range(years[0], years[-1] + 1)), years
    assert "只统计本门户收录的案例" in page.inner_text("article")
    page.click(".portal-stats-filters a:has-text('电力')")
    assert "/stats/by-industry/power/" in page.url


def test_quiz_practice_by_tapping(web_site, open_page):
    page = open_page(390, 844)
    page.goto(web_site.url + "quiz/")
    first = page.locator(".portal-question").first
    assert "portal-today" in first.get_attribute("class")
    answers = [int(a) for a in first.get_attribute("data-answer").split(",")]
    assert page.locator(".portal-question details:visible").count() == 0  # no answer box before answering
    for answer in answers:  # a multiple-choice question: tap each right choice, then submit
        first.locator(".portal-choice").nth(answer).click()
    if first.get_attribute("data-type") == "multiple":
        assert first.locator("details").is_hidden()
        first.locator("[data-quiz-submit]").click()
    assert first.locator("details").is_visible() and first.locator("details p").first.is_visible()
    assert page.locator(".portal-question details:visible").count() == 1
    assert "正确" in first.locator(".portal-quiz-verdict").inner_text()
    assert first.locator("details").get_attribute("open") is not None
    assert page.inner_text("[data-quiz-score]") == "得分：1 / 1"
    box = first.locator(".portal-choice").first.bounding_box()
    assert box["height"] >= 48
    page.click("[data-quiz-round]")
    assert page.locator(".portal-question:visible").count() == 5
    assert page.locator(".portal-question details:visible").count() == 0  # a new round hides the answers again
    assert page.inner_text("[data-quiz-score]") == ""


def test_quiz_answers_stay_readable_without_javascript(web_site, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(web_site.url + "quiz/")
        first = page.locator(".portal-question").first
        first.locator("details summary").click()
        assert first.locator("details p").first.is_visible()
    finally:
        context.close()


def test_list_pages_offer_open_data_downloads(web_site, open_page):
    page = open_page(1366, 768)
    page.goto(web_site.url + "cases/")
    hrefs = page.eval_on_selector_all(".portal-index a[download]", "els => els.map(e => e.getAttribute('href'))")
    # JSON and CSV are served gzip-compressed (portal/outputs/open_data.py): cases.csv.gz, cases.json.gz
    assert sorted(h.removesuffix(".gz").rsplit(".", 1)[1] for h in hrefs) == ["csv", "json", "xlsx"]
    for href in hrefs:
        assert (web_site.root / "cases" / href).resolve().is_file()


def test_a4_sheet_of_ten_wallet_cards(web_site, open_page, tmp_path):
    page = open_page(1366, 768, media="print")
    page.goto(web_site.url + "contacts/national-service-numbers/cards/")
    assert page.locator(".portal-card-sheet-front .portal-sheet-cell").count() == 10
    assert page.locator(".portal-card-sheet-back .portal-sheet-cell").count() == 10
    assert page.locator(".portal-crop-marks line").count() >= 2 * (3 * 2 + 6 * 2)
    pdf = page.pdf(prefer_css_page_size=True)
    boxes = [tuple(map(float, b.split()[2:4])) for b in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf)]
    assert len(boxes) == 2 and all(abs(w - 595.3) < 1.5 and abs(h - 841.9) < 1.5 for w, h in boxes), boxes


def test_resources_print_list_is_one_landscape_a4_page(web_site, open_page):
    page = open_page(1366, 768, media="print")
    page.goto(web_site.url + "resources/print/")
    rows = page.locator(".portal-resource-table tbody tr")
    assert rows.count() == len(list((web_site.root / "resources").glob("sample-*")))
    assert "0891-5821234" in page.inner_text(".portal-resource-table")
    pdf = page.pdf(prefer_css_page_size=True)
    boxes = [tuple(map(float, b.split()[2:4])) for b in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf)]
    assert len(boxes) == 1 and boxes[0][0] > boxes[0][1], boxes
