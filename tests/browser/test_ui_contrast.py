# Item: WCAG 2.1 AA contrast: axe-core finds no serious/critical violation on any kind of page; theme and hover colours.
"""axe-core (vendored from npm, see ui_helpers) on one page of every kind, Chinese and English, web and kiosk; plus
what axe does not see: link colours on hover and focus, and the kiosk's pulsing "touch" hint at every moment."""
from __future__ import annotations

import pytest

from ui_helpers import WHITE, contrast, over, page_of_every_kind, parse_colour, serious_violations

KINDS = ["home", "regulation list", "regulation", "case list", "case", "directory", "article", "quiz", "statistics",
         "glossary", "facet"]


@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
def test_web_pages_have_no_serious_axe_violations(open_page, web_site, lang):
    page = open_page(1366, 768)
    pages = page_of_every_kind(web_site.root)
    found = {}
    for kind in KINDS:
        page.goto(web_site.url + lang + pages[kind])
        violations = serious_violations(page)
        if violations:
            found[kind] = violations[:8]
    assert found == {}


@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
def test_kiosk_pages_have_no_serious_axe_violations(open_page, kiosk_site, lang):
    page = open_page(1920, 1080)
    pages = page_of_every_kind(kiosk_site.root)
    found = {}
    for kind in KINDS + ["attract loop"]:
        page.goto(kiosk_site.url + lang + pages.get(kind, "kiosk/"))
        violations = serious_violations(page)
        if violations:
            found[kind] = violations[:8]
    assert found == {}


def test_theme_colours_reach_aa_on_white(open_page, web_site):
    """Material's header, links, active navigation entry and hover/focus (accent) colours, as the page computes them."""
    page = open_page(1366, 768)
    page.goto(web_site.url)
    colours = page.evaluate("""() => { const s = getComputedStyle(document.body);
        return ['--md-primary-fg-color', '--md-typeset-a-color', '--md-accent-fg-color'].map(v => s.getPropertyValue(v).trim()); }""")
    primary, link, accent = (over(parse_colour(c), WHITE) for c in colours)
    assert contrast(primary, WHITE) >= 4.5  # white header text on the header colour, and red text on white
    assert contrast(link, WHITE) >= 4.5
    assert contrast(accent, WHITE) >= 4.5  # links and navigation on hover and focus


@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
def test_links_keep_contrast_on_hover(open_page, web_site, lang):
    page = open_page(1366, 768)
    page.goto(web_site.url + lang + "cases/")
    for selector in ("table.portal-records td[data-column=title] a", ".md-nav__link[href]"):
        link = page.locator(selector).first
        link.hover()
        page.wait_for_timeout(300)  # Material's colour transition
        colour = over(parse_colour(link.evaluate("el => getComputedStyle(el).color")), WHITE)
        assert contrast(colour, WHITE) >= 4.5, selector


# The hint's colours, background and opacity (its own and its ancestors') at 40 moments of each animation cycle.
HINT_SAMPLES = """() => {
  const hint = document.querySelector('.portal-kiosk-touch');
  const animations = hint.getAnimations();
  const samples = [];
  const read = () => {
    let opacity = 1;
    for (let el = hint; el; el = el.parentElement) opacity *= parseFloat(getComputedStyle(el).opacity);
    const style = getComputedStyle(hint);
    samples.push({color: style.color, background: style.backgroundColor, opacity});
  };
  if (!animations.length) { read(); return samples; }
  for (const animation of animations) {
    const cycle = animation.effect.getComputedTiming().duration;
    animation.pause();
    for (let i = 0; i < 40; i += 1) { animation.currentTime = cycle * i / 40; read(); }
  }
  return samples;
}"""


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["1920x1080", "1080x1920"])
def test_kiosk_touch_hint_never_pulses_below_aa(open_page, kiosk_site, size):
    page = open_page(*size)
    page.goto(kiosk_site.url + "kiosk/")
    samples = page.evaluate(HINT_SAMPLES)
    assert samples
    worst = 99.0
    for sample in samples:
        box = over(parse_colour(sample["background"]), WHITE)
        text = over(parse_colour(sample["color"]), box)
        # the whole hint is blended with the white page by its opacity
        fade = sample["opacity"]
        worst = min(worst, contrast(over((*text, fade), WHITE), over((*box, fade), WHITE)))
    assert worst >= 4.5, worst
