# Item: a case page prints as its A4 accident-wall poster: exactly one page, filled, place names whole, a print button.
"""Every case page, Chinese and English, in print emulation (the poster is made by assets/portal-poster.js): nothing
runs past the page, the space left empty above the footer is under 15 % of the page (unless the text is already at its
largest, 16 pt), the body text is at least 11.5 pt, and the place breaks only between words. Chromium's PDF of the
fullest, median and emptiest case pages of each language is exactly one A4 page. On screen the case page has a working
print button; printed, only the poster is shown; axe finds nothing serious on the poster."""
from __future__ import annotations

import re

import pytest

from ui_helpers import records, serious_violations

A4_PT = (595.3, 841.9)
LARGEST_PT = 16

MEASURE = """() => {
  const poster = document.querySelector('.portal-poster'), foot = poster.querySelector('.portal-poster-foot');
  const box = poster.getBoundingClientRect();
  const last = Math.max(...[...poster.children].filter(el => el !== foot).map(el => el.getBoundingClientRect().bottom));
  const place = poster.querySelector('.portal-poster-place dd');
  if (!place) return {missingPlace: true};
  // where the place's lines break: the character before each new line must be a space
  const text = place.firstChild, breaks = [];
  const range = document.createRange();
  let top = null;
  for (let i = 0; i < text.length; i += 1) {
    range.setStart(text, i); range.setEnd(text, i + 1);
    const r = range.getClientRects()[0];
    if (!r || !text.data[i].trim()) continue;
    if (top !== null && r.top > top + 2) breaks.push(text.data.slice(Math.max(0, i - 3), i) + '|' + text.data.slice(i, i + 3));
    top = r.top;
  }
  return {
    overflows: poster.scrollHeight > poster.clientHeight + 1 || foot.getBoundingClientRect().bottom > box.bottom + 0.5,
    empty: (foot.getBoundingClientRect().top - last) / box.height,
    bodyPt: parseFloat(getComputedStyle(poster).fontSize) * 0.75,
    placeBreaks: breaks.filter(b => !/\\s\\|/.test(b) && !/\\|\\s/.test(b)),
  };
}"""


def _posters(site):
    """The case pages (each prints as its poster)."""
    return [p for p in records(site.root, "cases") if (site.root / p / "index.html").is_file()]


def _print(page, url):
    page.emulate_media(media="screen")
    page.goto(url)
    page.emulate_media(media="print")
    page.wait_for_selector(".portal-poster", state="attached", timeout=5000)


def _pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    pages = re.findall(rb"/Type\s*/Page(?!s)", pdf)
    boxes = [tuple(map(float, box.split()[2:4])) for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf)]
    assert len(boxes) == len(pages) > 0
    return boxes


@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
def test_every_poster_fits_one_page_and_fills_it(open_page, web_site, lang):
    posters = _posters(web_site)
    assert posters, "the site has no case poster"
    page = open_page(900, 1200)
    problems = []
    for path in posters:
        _print(page, web_site.url + lang + path)
        m = page.evaluate(MEASURE)
        assert not m.get("missingPlace"), f"{path}: no .portal-poster-place (the place's own row)"
        if m["overflows"]:
            problems.append((path, "runs past the page"))
        if m["bodyPt"] < 11.5 - 0.01:
            problems.append((path, "text smaller than 11.5 pt", m["bodyPt"]))
        if m["empty"] > 0.15 and m["bodyPt"] < LARGEST_PT - 0.01:
            problems.append((path, f"{m['empty']:.0%} of the page empty at {m['bodyPt']} pt"))
        if m["placeBreaks"]:
            problems.append((path, "place broken inside a word", m["placeBreaks"]))
    assert problems == []
    assert page.evaluate("getComputedStyle(document.querySelector('.portal-poster-place dd')).wordBreak") == "keep-all"


@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
def test_posters_print_as_exactly_one_a4_page(open_page, web_site, lang):
    posters = sorted(_posters(web_site), key=lambda p: (web_site.root / lang / p / "index.html").stat().st_size)
    chosen = sorted({posters[0], posters[len(posters) // 2], posters[-1]})  # the emptiest, a middle one, the fullest
    page = open_page(900, 1200)
    for path in chosen:
        page.goto(web_site.url + lang + path)  # printing fires beforeprint: the poster is built for the PDF
        printed = _pdf_pages(page.pdf(prefer_css_page_size=True, print_background=True))
        assert len(printed) == 1, (path, len(printed))
        width, height = printed[0]
        assert abs(width - A4_PT[0]) < 1.5 and abs(height - A4_PT[1]) < 1.5, (path, printed[0])


def test_print_button_on_screen_only(open_page, web_site):
    path = _posters(web_site)[0]
    page = open_page(1366, 900)
    page.add_init_script("window.print = () => { window.__portalPrinted = (window.__portalPrinted || 0) + 1; };")
    page.goto(web_site.url + path)
    button = page.locator(".portal-print-link button")
    assert button.is_visible()
    box = button.bounding_box()
    assert box["height"] >= 24 and box["width"] >= 24
    button.click()
    assert page.evaluate("window.__portalPrinted") == 1
    assert page.locator(".portal-poster").count() == 0  # nothing of the poster on screen
    page.emulate_media(media="print")
    page.wait_for_selector(".portal-poster", state="attached", timeout=5000)
    assert not button.is_visible() and not page.locator(".md-header").is_visible()  # printed: only the poster
    assert page.locator(".portal-poster").is_visible()


@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
def test_printed_poster_has_no_serious_accessibility_problem(open_page, web_site, lang):
    page = open_page(900, 1200)
    _print(page, web_site.url + lang + _posters(web_site)[0])
    assert serious_violations(page) == []
