# Hazard hubs in the browser (no serious axe violations at 1366x768 and 390x844) and the kiosk browsed by touch: no <input>/<textarea>, tiles and A–Z letters that lead to pages, the menu shown in portrait, text of at least 24 px.
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from ui_helpers import serious_violations

SCREENS = [pytest.param(1920, 1080, id="1920x1080"), pytest.param(1080, 1920, id="1080x1920")]
HUB = "hazards/confined-space/"
TILES = ".portal-kiosk-tile, .portal-hub-tile, .portal-kiosk-az a, .portal-kiosk-sections a, .portal-kiosk-az-list a"
# Visible text smaller than 24 px: (characters, "tag.class size") of each text node's element, theme chrome included.
SMALL_TEXT = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let total = 0, smallest = Infinity; const small = [];
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent.trim(), el = walker.currentNode.parentElement;
    const box = el.getBoundingClientRect();  // a visually hidden label (1 px, clipped) is not read from the screen
    if (!text || !el.checkVisibility() || box.width <= 1 || box.height <= 1) continue;
    const size = parseFloat(getComputedStyle(el).fontSize); total += text.length; smallest = Math.min(smallest, size);
    if (size < 24) small.push(el.tagName.toLowerCase() + '.' + [...el.classList].join('.') + ' ' + size + 'px: ' + text.slice(0, 20));
  }
  return {total, small, smallest};
}"""


def _kiosk_pages(root: Path) -> list[str]:
    """Pages to measure: home, every kind's list, a directory, a case, a regulation, a hub, an A–Z page (both languages)."""
    def first(folder: str) -> str:
        found = sorted(p for p in (root / folder).glob("*/index.html")
                       if not p.parent.name.startswith(("by-", "page", "_")))
        return found[0].parent.relative_to(root).as_posix() + "/"

    pages = ["", "regulations/", "cases/", "contacts/", "articles/", first("contacts"), first("cases"),
             first("regulations"), HUB, first("kiosk/az")]
    return pages + ["en/" + p for p in pages]


TEXT_BOX = re.compile(r"<textarea\b|<input\b(?![^>]*\btype=\"?(?:checkbox|radio)\b)", re.IGNORECASE)
TOUCH_INPUT = re.compile(r"<input\b[^>]*>", re.IGNORECASE)


def test_no_kiosk_page_has_a_text_box(kiosk_site):
    """No <textarea> and no <input> to type into on any page; the only inputs left are the contest round's
    checkboxes and radios (chosen by touch) of the contest's timed round (contest and quiz pages)."""
    pages = {p.relative_to(kiosk_site.root).as_posix(): p.read_text(encoding="utf-8") for p in kiosk_site.root.rglob("*.html")}
    assert [path for path, text in pages.items() if TEXT_BOX.search(text)] == []
    with_inputs = sorted(path for path, text in pages.items() if TOUCH_INPUT.search(text))
    assert with_inputs and all('class="portal-contest' in pages[path] for path in with_inputs), with_inputs


@pytest.mark.parametrize("width, height", SCREENS)
def test_kiosk_is_browsed_by_touch_with_text_of_at_least_24px(open_page, kiosk_site, width, height):
    page = open_page(width, height)
    smallest = {}
    for path in _kiosk_pages(kiosk_site.root):
        page.goto(kiosk_site.url + path)
        assert page.locator("input, textarea").count() == 0, path  # none added by a script either
        measured = page.evaluate(SMALL_TEXT)
        assert measured["total"] > 0 and measured["small"] == [], (path, measured["small"][:8])
        smallest[path] = measured["smallest"]
    print(f"smallest kiosk text at {width}x{height}: {min(smallest.values())} px")
    assert min(smallest.values()) >= 24
    page.goto(kiosk_site.url)
    menu = page.locator(".portal-kiosk-sections a")
    if height > width:  # portrait: the readers' menu is a row of buttons, not hidden behind a small ≡
        assert menu.count() >= 6 and all(menu.nth(i).is_visible() for i in range(menu.count()))
        assert all(menu.nth(i).bounding_box()["height"] >= 48 for i in range(menu.count()))
    else:
        assert page.locator(".md-sidebar--primary a.md-nav__link:visible").count() >= 6  # the sidebar shows the menu
    assert not page.locator('label[for="__drawer"].md-header__button').is_visible()


def _target(site: Path, base_url: str, href: str) -> Path:
    path = unquote(urlsplit(href).path)[len(urlsplit(base_url).path):]
    target = site / path
    return target / "index.html" if href.endswith("/") or target.is_dir() else target


@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
def test_every_kiosk_tile_and_letter_leads_to_a_page(open_page, kiosk_site, lang):
    page = open_page(1080, 1920)
    page.goto(kiosk_site.url + lang)
    groups = page.locator(".portal-kiosk-browse h3").all_inner_texts()
    assert len(groups) >= 4, groups  # featured, by industry, by tier, A–Z
    assert page.locator(".portal-hub-tile").count() >= 8 and page.locator(".portal-kiosk-featured a").count() >= 3
    hrefs = page.eval_on_selector_all(TILES, "els => els.map(e => e.href)")
    letters = page.eval_on_selector_all(".portal-kiosk-az a", "els => els.map(e => e.href)")
    assert len(letters) >= 10
    for letter in letters[:3] + letters[-1:]:
        page.goto(letter)
        hrefs += page.eval_on_selector_all(TILES, "els => els.map(e => e.href)")
        assert page.locator(".portal-kiosk-az-list a").count() > 0
    missing = sorted({h for h in hrefs if not _target(kiosk_site.root, kiosk_site.url, h).is_file()})
    assert missing == [] and len(set(hrefs)) > 40
    page.goto(kiosk_site.url + lang + "regulations/")
    assert page.locator("text=Excel").count() == 0 and page.locator(".portal-filters").count() == 0  # no dead words


def test_kiosk_tiles_have_no_serious_axe_violations(open_page, kiosk_site):
    page = open_page(1080, 1920)
    found = {}
    for path in ("", "en/", HUB, _kiosk_pages(kiosk_site.root)[9]):
        page.goto(kiosk_site.url + path)
        violations = serious_violations(page)
        if violations:
            found[path] = violations[:8]
    assert found == {}


@pytest.mark.parametrize("width, height", [(1366, 768), (390, 844)])
def test_hubs_have_no_serious_axe_violations(open_page, web_site, width, height):
    page = open_page(width, height)
    found = {}
    hubs = sorted(p.parent.name for p in (web_site.root / "hazards").glob("*/index.html"))
    assert len(hubs) >= 8
    for path in ["hazards/", "en/hazards/"] + [f"hazards/{h}/" for h in hubs[:4]] + [f"en/hazards/{h}/" for h in hubs[4:]]:
        page.goto(web_site.url + path)
        assert page.locator("h1").count() == 1
        violations = serious_violations(page)
        if violations:
            found[path] = violations[:8]
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path  # nothing wider than the screen
    assert found == {}
