# Issue 22 item 11 (知识竞赛): the contest paper generator, its print (A4, nothing clipped), the timed round and its score, over http and file://, web and kiosk; axe on the contest page.
"""Browser tests of the contest page (portal/pages/contest.py, assets/portal-contest.js) on the shipped site.

The expected answers come from the page's own bank (the JSON the build wrote from data/quiz), and each paper is
checked against it: numbered questions, one answer-sheet row and one key entry per question, the key's letters
and cited article those of the question. The timed round's clock is Playwright's fake clock, never real time."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from ui_helpers import serious_violations

A4_PT = (595.3, 841.9)
LETTERS = "ABCDEF"


def bank_of(page) -> dict[str, dict]:
    return {q["id"]: q for q in page.evaluate(
        "() => JSON.parse(document.querySelector('[data-contest-bank]').textContent)")}


def address_of(request, web_site, page_path: str, address: str) -> str:
    """The page over http (the web build) or over file:// (the offline copy, where pages are files: quiz.html)."""
    if address == "http":
        return web_site.url + page_path
    return (request.getfixturevalue("offline_site") / (page_path.rstrip("/") + ".html")).as_uri()


def not_local(page) -> list[str]:
    """Requests that went to another host (a file:// page's own files are local, and are not kept as foreign)."""
    page.foreign[:] = [url for url in page.foreign if not url.startswith("file://")]
    return page.foreign


def paper_ids(page) -> list[str]:
    return page.eval_on_selector_all(".portal-paper-question", "els => els.map(e => e.dataset.id)")


def make_paper(page, seed: int, count: int, hub: str | None = None, types: tuple[str, ...] | None = None):
    if hub:
        page.check(f"input[name='hub'][value='{hub}']")
    if types is not None:
        for box in page.locator("input[name='type']").all():
            box.set_checked(box.get_attribute("value") in types)
    page.fill("input[name='count_other']", str(count))
    page.fill("input[name='seed']", str(seed))
    page.click("[data-contest-make]")
    page.wait_for_selector("[data-contest-paper]")


@pytest.mark.parametrize("address", ["http", "file"])
def test_a_paper_has_n_numbered_questions_a_sheet_and_a_key_that_match(request, web_site, open_page, address):
    page = open_page(1366, 900)
    page.goto(address_of(request, web_site, "contest/", address))
    bank = bank_of(page)
    hub = page.eval_on_selector("input[name='hub']", "el => el.value")
    wanted = [q for q in bank.values() if hub in q["hubs"]]
    count = min(7, len(wanted))
    make_paper(page, 4242, count, hub=hub)
    ids = paper_ids(page)
    assert len(ids) == count == len(set(ids)) and all(hub in bank[i]["hubs"] for i in ids)
    assert page.locator("ol.portal-paper-questions > li").count() == count  # numbered by the list
    assert page.locator(".portal-sheet-row").count() == count
    assert "试卷编号 4242" in page.inner_text("[data-contest-paper] .portal-paper-code")
    assert all(label in page.inner_text("[data-contest-paper] .portal-paper-fields") for label in ("姓名", "单位", "得分"))
    keys = page.eval_on_selector_all(".portal-key-item", "els => els.map(e => [e.dataset.answer, "
                                                         "e.querySelector('.portal-key-cite a').textContent])")
    assert len(keys) == count
    for question_id, (letters, cite) in zip(ids, keys):
        question = bank[question_id]
        assert letters == "".join(LETTERS[a] for a in question["answer"])
        assert cite == question["cite"] and re.search(r"第.+条|\d", cite)
    links = page.eval_on_selector_all(".portal-key-cite a", "els => els.map(e => e.href)")
    if address == "file":  # the key's links lead to the cited article's file in the offline copy
        assert all(Path(unquote(urlparse(link).path)).is_file() and "#art-" in link for link in links)
    assert page.script_errors == [] and not_local(page) == []


def test_the_same_seed_gives_the_same_paper_and_the_address_keeps_it(web_site, open_page):
    page = open_page(1366, 900)
    page.goto(web_site.url + "contest/")
    make_paper(page, 777, 12, types=("single", "true-false"))
    first = paper_ids(page)
    bank = bank_of(page)
    assert {bank[i]["type"] for i in first} <= {"single", "true-false"}
    assert "seed=777" in page.url and "n=12" in page.url
    page.goto(page.url)  # the address alone gives the paper again
    page.wait_for_selector("[data-contest-paper]")
    assert paper_ids(page) == first
    page.fill("input[name='seed']", "778")
    page.click("[data-contest-make]")
    page.wait_for_function("() => !document.querySelector('.portal-paper-code').textContent.includes('777')")
    assert paper_ids(page) != first and len(paper_ids(page)) == 12


def _pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    pages = re.findall(rb"/Type\s*/Page(?!s)", pdf)
    boxes = [tuple(map(float, box.split()[2:4])) for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf)]
    assert len(boxes) == len(pages) > 0
    return boxes


# In print emulation: every box and every line of text of the paper, sheet and key lies within the printed width,
# nothing that clips has hidden content, and only the paper is shown.
CLIPPED = """() => {
  const area = document.querySelector('[data-contest-print]'), box = area.getBoundingClientRect(), problems = [];
  if (box.width < 500) problems.push('print area only ' + box.width + ' px wide');
  for (const el of area.querySelectorAll('*')) {
    const r = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (style.display !== 'inline' && r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5)) problems.push('box outside: ' + el.outerHTML.slice(0, 80));
    if (style.overflow !== 'visible' && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) problems.push('clipped: ' + el.outerHTML.slice(0, 80));
  }
  const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT), range = document.createRange();
  while (walker.nextNode()) {
    range.selectNodeContents(walker.currentNode);
    for (const r of range.getClientRects()) if (r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5)) problems.push('text outside: ' + walker.currentNode.textContent.slice(0, 30));
  }
  for (const el of document.querySelectorAll('.md-header, .md-sidebar, .portal-contest-form, h1')) if (el.getBoundingClientRect().height > 0) problems.push('printed: ' + el.className);
  return problems;
}"""


@pytest.mark.parametrize("address, lang", [("http", ""), ("file", ""), ("http", "en/")])
def test_the_paper_prints_on_a4_pages_with_nothing_clipped(request, web_site, open_page, address, lang):
    page = open_page(1366, 900)
    page.goto(address_of(request, web_site, lang + "contest/", address))
    make_paper(page, 261207, 30)
    page.emulate_media(media="print")
    assert page.evaluate(CLIPPED) == []
    breaks = page.eval_on_selector_all("[data-contest-sheet], [data-contest-key]", "els => els.map(e => getComputedStyle(e).breakBefore)")
    assert breaks == ["page", "page"]  # the answer sheet and the key each start a new sheet of paper
    printed = _pdf_pages(page.pdf(prefer_css_page_size=True))
    assert len(printed) >= 3
    for width, height in printed:
        assert abs(width - A4_PT[0]) < 1.5 and abs(height - A4_PT[1]) < 1.5, (width, height)
    assert page.script_errors == [] and not_local(page) == []


def answer_round(page, bank: dict, right: int) -> int:
    """Answer the round's questions one by one: the first `right` correctly, the others wrongly; returns how many."""
    answered = 0
    while page.locator(".portal-round-question").count():
        card = page.locator(".portal-round-question")
        question = bank[card.get_attribute("data-id")]
        answers = question["answer"] if answered < right else \
            [next(i for i in range(len(question["choices"])) if i not in question["answer"])]
        for index in answers:
            card.locator(f".portal-choice[data-choice='{index}']").click()
        if question["type"] == "multiple":
            card.locator("[data-round-submit]").click()
        answered += 1
        if answered > 60:
            raise AssertionError("the round does not end")
    return answered


@pytest.mark.parametrize("address", ["http", "file"])
def test_a_timed_round_on_the_quiz_page_scores_the_answers(request, web_site, open_page, address):
    page = open_page(390, 844)
    page.goto(address_of(request, web_site, "quiz/", address))
    page.click(".portal-contest-fold summary")
    page.check("input[name='count'][value='10']")
    page.click("[data-contest-start]")
    bank = bank_of(page)
    assert page.inner_text(".portal-round-progress") == "第 1 / 10 题"
    assert answer_round(page, bank, right=7) == 10
    assert page.inner_text("[data-round-score]") == "得分：7 / 10"
    assert page.locator(".portal-round-review > li.portal-right").count() == 7
    assert page.script_errors == [] and not_local(page) == []


def test_a_round_ends_when_its_time_is_up(web_site, open_page):
    page = open_page(1366, 900)
    page.clock.install()
    page.goto(web_site.url + "en/contest/")
    bank = bank_of(page)
    page.check("input[name='count'][value='10']")
    page.check("input[name='seconds'][value='20']")
    page.click("[data-contest-start]")
    card = page.locator(".portal-round-question")
    question = bank[card.get_attribute("data-id")]
    for index in question["answer"]:
        card.locator(f".portal-choice[data-choice='{index}']").click()
    if question["type"] == "multiple":
        card.locator("[data-round-submit]").click()
    assert re.search(r"3:[0-2]\d", page.inner_text("[data-round-timer]"))  # 10 x 20 s, the first second or so gone
    page.clock.run_for(150_000)
    assert page.locator("[data-round-score]").count() == 0
    page.clock.run_for(60_000)  # 10 questions x 20 s: the time is up, the unanswered 9 count as wrong
    assert page.inner_text("[data-round-score]") == "Score: 1 / 10"
    assert page.inner_text(".portal-round-timeup") == "Time is up!"


def test_the_kiosk_round_is_touch_only_and_scores(kiosk_site, open_page):
    page = open_page(1080, 1920)
    page.goto(kiosk_site.url + "contest/")
    assert page.locator("[data-contest-form] input:not([type=checkbox]):not([type=radio])").count() == 0
    assert page.locator("[data-contest-make], [data-contest-print]").count() == 0
    # the kiosk's introduction speaks of the timed round only, never of a paper to print
    intro = page.inner_text("article")
    assert "限时答题" in intro and "打印" not in intro and "试卷编号" not in intro, intro[:300]
    for label in page.locator(".portal-contest-option").all():
        assert label.bounding_box()["height"] >= 48
    bank = bank_of(page)
    page.click("[data-contest-start]")
    assert answer_round(page, bank, right=4) == 10
    assert page.inner_text("[data-round-score]") == "得分：4 / 10"
    assert page.script_errors == [] and page.foreign == []


@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
def test_the_contest_page_has_no_serious_axe_violations(web_site, open_page, lang):
    page = open_page(1366, 900)
    page.goto(web_site.url + lang + "contest/")
    assert page.locator(".portal-kiosk-only").is_hidden() and page.locator(".portal-not-kiosk").is_visible()
    assert serious_violations(page) == []
    make_paper(page, 99, 10)
    page.click("[data-contest-start]")
    assert serious_violations(page) == []
