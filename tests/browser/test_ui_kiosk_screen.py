# Item: the kiosk uses its screen: large slides with progress, time bar and clock; the Home/Back bar never covers content.
"""The kiosk at 1920x1080 and 1080x1920: attract-loop slides fill the screen with text of at least 28 px, show which
slide of how many is on (changing with the slide), a bar of the slide's time and the clock; the question of the day
shows its answer for at least 12 s; on content pages the Home/Back bar is an opaque strip that hides nothing (the page
ends above it, the sidebars end above it) and text is at least 28 px; QR codes of sources sit beside their text."""
from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Error as PlaywrightError

from ui_helpers import first_record, records

SCREENS = [pytest.param(1920, 1080, id="1920x1080"), pytest.param(1080, 1920, id="1080x1920")]
CLOCK_START = dt.datetime(2026, 11, 20, 9, 41)
ANSWER_MIN_MS = 12000

LOOP_STATE = """() => {
  const rect = el => { const r = el.getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  const slide = document.querySelector('.portal-kiosk-slide.portal-kiosk-active');
  const content = [...slide.querySelectorAll('*')].filter(el => el.getClientRects().length && !el.children.length);
  const union = content.map(rect).reduce((u, r) => ({left: Math.min(u.left, r.left), top: Math.min(u.top, r.top),
      right: Math.max(u.right, r.right), bottom: Math.max(u.bottom, r.bottom)}), {left: 1e9, top: 1e9, right: -1e9, bottom: -1e9});
  const texts = [...slide.querySelectorAll('p, li, h3, summary')].filter(el => el.getClientRects().length && el.textContent.trim());
  const bar = document.querySelector('[data-kiosk-timebar]');
  const run = bar.getAnimations()[0];
  return {
    slide: slide.dataset.kioskSlide, slideRect: rect(slide), content: union,
    smallestText: Math.min(...texts.map(el => parseFloat(getComputedStyle(el).fontSize))),
    overflow: slide.scrollHeight > slide.clientHeight + 1 || slide.scrollWidth > slide.clientWidth + 1,
    status: rect(document.querySelector('.portal-kiosk-status')), hint: rect(document.querySelector('.portal-kiosk-touch')),
    progress: document.querySelector('[data-kiosk-progress]').textContent.trim(),
    activeStep: (document.querySelector('.portal-kiosk-step-active') || {}).textContent,
    time: document.querySelector('[data-kiosk-time]').textContent.trim(),
    timebar: run ? run.effect.getComputedTiming().duration : 0,
    answerOpen: !!slide.querySelector('.portal-today details[open]'),
    slides: document.querySelectorAll('[data-kiosk-slide]').length,
    seconds: parseInt(document.querySelector('[data-kiosk-attract-loop]').dataset.kioskSlideSeconds, 10),
  };
}"""


def _overlap(a, b) -> bool:
    return a["left"] < b["right"] - 1 and b["left"] < a["right"] - 1 and a["top"] < b["bottom"] - 1 and b["top"] < a["bottom"] - 1


def _pause_clock_soon(page) -> None:
    """Pauses the page's clock a moment after its present time. On a loaded machine more than the margin can pass
    between reading the time and pausing ("cannot fast-forward to the past"): read it again with a wider margin."""
    for margin_ms in (100, 400, 1600):
        try:
            page.clock.pause_at((page.evaluate("Date.now()") + margin_ms) / 1000)  # a number is seconds since 1970
            return
        except PlaywrightError as error:
            if "past" not in str(error):
                raise
    raise AssertionError("the page's clock ran more than 1.6 s between reading and pausing it, three times")


def _open_loop(open_page, kiosk_site, width, height):
    """The attract loop with the page's clock installed and paused: time moves only when the test says so."""
    page = open_page(width, height)
    page.clock.install(time=CLOCK_START)
    page.goto(kiosk_site.url + "kiosk/")
    page.wait_for_selector(".portal-kiosk-slide.portal-kiosk-active")
    _pause_clock_soon(page)
    page.wait_for_timeout(700)  # the slide's fade-in (CSS animations run on real time)
    return page


def _advance_until(page, condition: str, limit_ms: int, step_ms: int = 250) -> int:
    """Moves the page's clock on in steps until `condition` (JS expression) holds; returns the time it took."""
    waited = 0
    while not page.evaluate(condition):
        assert waited < limit_ms, f"{condition} still false after {waited} ms"
        page.clock.run_for(step_ms)
        waited += step_ms
    return waited


NOW = "(() => { const d = new Date(); return String(d.getHours()).padStart(2, '0') + ':' + String(d.getMinutes()).padStart(2, '0'); })()"
ACTIVE = "document.querySelector('.portal-kiosk-slide.portal-kiosk-active').dataset.kioskSlide"
ANSWER_OPEN = "!!document.querySelector('.portal-kiosk-active .portal-today details[open]')"


def _check_slide(state, width, height):
    assert not state["overflow"], state["slide"]
    assert state["smallestText"] >= 28 or width < height, (state["slide"], state["smallestText"])  # 28 px on 1920x1080
    assert state["smallestText"] >= 24, (state["slide"], state["smallestText"])
    for part in ("status", "slideRect", "hint"):
        box = state[part]
        assert box["left"] >= 0 and box["top"] >= 0 and box["right"] <= width and box["bottom"] <= height, (part, box)
    assert not _overlap(state["status"], state["slideRect"]) and not _overlap(state["slideRect"], state["hint"])
    used = (state["content"]["bottom"] - state["content"]["top"]) / height
    assert used >= 0.55, (state["slide"], round(used, 2))  # the slide's content covers more than half the screen height


@pytest.mark.parametrize("width, height", SCREENS)
def test_attract_slides_fill_the_screen_with_progress_and_clock(open_page, kiosk_site, width, height):
    page = _open_loop(open_page, kiosk_site, width, height)
    state = page.evaluate(LOOP_STATE)
    assert state["time"] == page.evaluate(NOW)  # the kiosk's clock, hours and minutes
    count, seconds, seen = state["slides"], state["seconds"], []
    for index in range(count):
        state = page.evaluate(LOOP_STATE)
        assert state["progress"] == f"{index + 1} / {count}"  # which slide of how many
        assert state["activeStep"], "the step of the slide on screen is marked"
        seen.append(state["slide"])
        quiz = state["slide"] == "question-of-the-day"
        duration = seconds * 1000 + (max(ANSWER_MIN_MS, seconds * 1000) if quiz else 0)
        assert abs(state["timebar"] - duration) < 1, (state["slide"], state["timebar"])  # the time bar runs for the slide's time
        if quiz:  # checked with the question alone (it fills the screen too), then with the answer shown
            _check_slide(state, width, height)
            _advance_until(page, ANSWER_OPEN, seconds * 1000 + 500)
            state = page.evaluate(LOOP_STATE)
        _check_slide(state, width, height)
        _advance_until(page, f"{ACTIVE} !== {state['slide']!r}", duration + 1000, step_ms=500)
        page.wait_for_timeout(700)
    assert len(set(seen)) == count
    assert page.evaluate(LOOP_STATE)["progress"] == f"1 / {count}"  # and round again
    page.clock.run_for(60_000)
    assert page.evaluate(LOOP_STATE)["time"] == page.evaluate(NOW) != state["time"]  # the clock runs


def test_answer_of_the_day_stays_at_least_12_seconds(open_page, kiosk_site):
    page = _open_loop(open_page, kiosk_site, 1920, 1080)
    state = page.evaluate(LOOP_STATE)
    if not page.evaluate("!!document.querySelector('[data-kiosk-slide=question-of-the-day]')"):
        pytest.skip("this kiosk build has no question of the day")
    _advance_until(page, f"{ACTIVE} === 'question-of-the-day'", state["slides"] * state["seconds"] * 1000, step_ms=500)
    assert not page.evaluate(ANSWER_OPEN)  # the question first
    _advance_until(page, ANSWER_OPEN, state["seconds"] * 1000 + 500)
    page.clock.run_for(ANSWER_MIN_MS - 300)
    assert page.evaluate(ANSWER_OPEN) and page.evaluate(ACTIVE) == "question-of-the-day"
    _advance_until(page, f"{ACTIVE} !== 'question-of-the-day'", max(ANSWER_MIN_MS, state["seconds"] * 1000) + 1000)


# Content pages ---------------------------------------------------------------------------------------------------
COVERED = """() => {
  const bar = document.querySelector('.portal-kiosk-bar').getBoundingClientRect();
  const covered = [];
  const walker = document.createTreeWalker(document.querySelector('.md-container'), NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim() || !node.parentElement.checkVisibility() || node.parentElement.closest('.portal-kiosk-bar')) continue;
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width && r.bottom > bar.top + 1 && r.top < bar.bottom && r.bottom > 0 && r.top < innerHeight) {
        covered.push(node.textContent.trim().slice(0, 30)); break;
      }
    }
  }
  return covered;
}"""

BAR = """() => {
  const bar = document.querySelector('.portal-kiosk-bar'), r = bar.getBoundingClientRect();
  const sidebars = [...document.querySelectorAll('.md-sidebar')].filter(s => s.checkVisibility())
    .map(s => s.getBoundingClientRect()).filter(s => s.width && s.right > 0);
  return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, background: getComputedStyle(bar).backgroundColor,
          sidebarBottoms: sidebars.map(s => s.bottom), buttons: [...bar.querySelectorAll('a, button')].map(b => b.getBoundingClientRect().height),
          body: parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)};
}"""


def _long_case(kiosk_site):
    """The case page with the most source QR codes (the longest bottom section)."""
    cases = records(kiosk_site.root, "cases")
    return max(cases, key=lambda p: (kiosk_site.root / p / "index.html").read_text("utf-8").count("portal-kiosk-qr\""))


@pytest.mark.parametrize("width, height", SCREENS)
def test_home_back_bar_is_an_opaque_strip_that_covers_nothing(open_page, kiosk_site, width, height):
    page = open_page(width, height)
    for path in ("", _long_case(kiosk_site), first_record(kiosk_site.root, "regulations"), "quiz/"):
        page.goto(kiosk_site.url + path, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        bar = page.evaluate(BAR)
        assert bar["left"] <= 0 and bar["right"] >= width and bar["bottom"] >= height - 1, bar  # across the bottom
        assert bar["background"] not in ("transparent", "rgba(0, 0, 0, 0)") and not bar["background"].startswith("rgba"), bar
        assert all(h >= 48 for h in bar["buttons"])
        assert all(bottom <= bar["top"] + 1 for bottom in bar["sidebarBottoms"]), (path, bar)  # navigation ends above it
        assert bar["body"] >= 28 or width < height, (path, bar["body"])  # readable from 2 m on 1920x1080
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        page.wait_for_function("() => Math.abs(scrollY + innerHeight - document.documentElement.scrollHeight) < 2")
        page.wait_for_timeout(200)  # Material's scroll handlers (sidebar heights, header title)
        assert page.evaluate(COVERED) == [], path  # the end of the page scrolls clear of the bar


QR_LAYOUT = """() => [...document.querySelectorAll('.portal-sources li')].filter(li => li.querySelector('.portal-kiosk-qr')).map(li => {
  const qrs = [...li.querySelectorAll('.portal-kiosk-qr')].map(q => q.getBoundingClientRect());
  const lines = [];
  const walker = document.createTreeWalker(li, NodeFilter.SHOW_TEXT), range = document.createRange();
  while (walker.nextNode()) {
    if (walker.currentNode.parentElement.closest('.portal-kiosk-qr') || !walker.currentNode.textContent.trim()) continue;
    range.selectNodeContents(walker.currentNode);
    for (const r of range.getClientRects()) if (r.width) lines.push({top: r.top, bottom: r.bottom, left: r.left, right: r.right});
  }
  lines.sort((a, b) => a.top - b.top);
  const hits = lines.filter(r => qrs.some(q => r.left < q.right - 1 && q.left < r.right - 1 && r.top < q.bottom - 1 && q.top < r.bottom - 1)).length;
  let gap = 0;
  for (let i = 1; i < lines.length; i += 1) gap = Math.max(gap, lines[i].top - lines[i - 1].bottom);
  const lineHeight = parseFloat(getComputedStyle(li).lineHeight);
  return {text: li.textContent.trim().slice(0, 30), overlaps: hits, gap, lineHeight};
})"""


@pytest.mark.parametrize("width, height", SCREENS)
def test_source_qr_codes_sit_beside_their_text(open_page, kiosk_site, width, height):
    page = open_page(width, height)
    page.goto(kiosk_site.url + _long_case(kiosk_site))
    items = page.evaluate(QR_LAYOUT)
    assert items, "the case page has no source with a QR code"
    for item in items:
        assert item["overlaps"] == 0, item
        assert item["gap"] < item["lineHeight"], item  # no line-sized hole in the text where a QR code sits
