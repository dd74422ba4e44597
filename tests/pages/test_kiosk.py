# Kiosk variant: link rewriting and settings (pure), then the built kiosk in Chromium (idle -> attract loop, touch, sizes, XSS).
from __future__ import annotations

import datetime as dt
import re
import shutil
import socket
import subprocess
from pathlib import Path
from argparse import Namespace
from types import SimpleNamespace

import pytest
import yaml

from portal.cli import settings_from
from portal.derive.facts import Derived
from portal.engine import configs
from portal.engine.contract import SiteOptions
from portal.build.pipeline import derive
from portal.pages.context import PageContext
from portal.pages.kiosk import ATTRACT_SRC, kiosk_links, latest_regulation, qr_svg, render_kiosk_attract
from portal.pages.widgets import question_of_the_day
from portal.settings import REPO_ROOT, SettingsError
from portal.verify.served import served_folder
from portal_testing import MINIMAL as FIXTURE
from portal_testing import build, settings_for

LAUNCHER = REPO_ROOT / "deploy" / "kiosk" / "kiosk-launch.sh"
# Stands in for chromium: records its arguments and fetches the page it was asked to show.
FAKE_CHROMIUM = """#!/bin/sh
printf '%s\\n' "$@" > "$FAKE_OUT/args"
for last in "$@"; do :; done
python3 -c 'import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1]).read().decode())' "$last" > "$FAKE_OUT/page"
"""
XSS = "<script>alert(1)</script> <img src=x onerror=alert(1)> {{ 7*7 }}"
EXTERNAL_URL = "https://example.org/report?id=1&lang=zh"
BUILD_DATE = dt.date(2026, 11, 20)
IDLE_SECONDS = 2
LANDSCAPE = {"width": 1920, "height": 1080}
PORTRAIT = {"width": 1080, "height": 1920}
LEAVING_ANCHOR = re.compile(r"""<a\b[^>]*\bhref\s*=\s*["']?\s*(https?:|//|mailto:|tel:|javascript:)""", re.IGNORECASE)


# -- pure functions ---------------------------------------------------------------------------------------------
def test_external_link_becomes_text_and_qr_code_of_its_address():
    html = f'<p>See <a class="portal-external" rel="external" href="{EXTERNAL_URL.replace("&", "&amp;")}" target="_blank">the report</a>.</p>'
    out = kiosk_links(html)
    assert "<a" not in out
    assert "the report" in out
    assert qr_svg(EXTERNAL_URL) in out  # the QR code encodes the unescaped address
    assert qr_svg(EXTERNAL_URL.replace("&", "&amp;")) not in out


def test_internal_links_are_kept_without_new_windows():
    out = kiosk_links('<a href="../cases/x/#lessons" target="_blank">x</a> <a href="#top">t</a>')
    assert out == '<a href="../cases/x/#lessons">x</a> <a href="#top">t</a>'


@pytest.mark.parametrize("href", ["tel:110", "javascript:alert(1)", "../data/cases.json", "data/export.zip#x",
                                  "file:///etc/passwd"])
def test_links_to_other_programs_or_downloads_become_plain_text(href):
    out = kiosk_links(f'<a class="portal-number big" href="{href}"><span>110</span></a>')
    assert out == '<span class="portal-kiosk-nolink portal-number big"><span>110</span></span>'


def test_mail_and_protocol_relative_links_get_qr_codes():
    assert qr_svg("mailto:safety@example.org") in kiosk_links('<a href="mailto:safety@example.org">mail</a>')
    assert qr_svg("https://example.org/x") in kiosk_links("<a href='//example.org/x'>x</a>")


def test_kiosk_settings_defaults_and_environment(tmp_path):
    def kiosk_timings(environ):
        settings = settings_from(Namespace(data=str(FIXTURE), variant="kiosk"), environ=environ)
        return {"idle_seconds": settings.kiosk_idle_seconds, "slide_seconds": settings.kiosk_slide_seconds}

    assert kiosk_timings({}) == {"idle_seconds": 120, "slide_seconds": 12}
    assert kiosk_timings({"PORTAL_KIOSK_IDLE_SECONDS": "300"}) == {"idle_seconds": 300, "slide_seconds": 12}
    env = {"PORTAL_KIOSK_IDLE_SECONDS": "2", "PORTAL_KIOSK_SLIDE_SECONDS": "1"}
    assert kiosk_timings(env) == {"idle_seconds": 2, "slide_seconds": 1}
    for bad in ("0", "soon"):
        with pytest.raises(SettingsError):
            kiosk_timings({"PORTAL_KIOSK_IDLE_SECONDS": bad})
    # The timings reach the pages through the kiosk build's generated config (extra.kiosk, read by main.html).
    kiosk = SiteOptions.of(settings_for(variant="kiosk", kiosk_idle_seconds=2, kiosk_slide_seconds=1))
    overlay = configs.overlay(kiosk, "zh", tmp_path / "docs", tmp_path / "site", [])
    assert overlay["extra"]["kiosk"] == {"idle_seconds": 2, "slide_seconds": 1}
    assert "kiosk" not in configs.overlay(SiteOptions.of(settings_for()), "zh", tmp_path / "docs", tmp_path / "site",
                                          [])["extra"]


def test_attract_loop_has_four_slides_all_questions_and_the_latest_regulation():
    # The newest regulation dated up to the build day: in force since 2007 in 2026 (future-law only starts in 2030),
    # the 1987 standard in 2000.
    # Dates from the records only (no commit history), as the old renderer saw them.
    dataset = derive(settings_for())[0].dataset
    settings = settings_for(variant="kiosk", kiosk_slide_seconds=7)
    ctx = PageContext("en", Derived(dataset, dt.date(2026, 11, 23)), settings, "kiosk/")
    assert latest_regulation(ctx) == (dt.date(2007, 6, 1), "accident-reporting-investigation-regulation")
    html = render_kiosk_attract(ctx).html
    assert re.findall(r'data-kiosk-slide="([^"]+)"', html) == ["emergency", "case-of-the-week", "question-of-the-day",
                                                                "regulation"]
    assert 'data-kiosk-slide-seconds="7"' in html and 'data-kiosk-home="../"' in html
    assert 'href="../regulations/accident-reporting-investigation-regulation/"' in html and "Test regulation A" in html
    assert html.count('class="portal-question') == len(ctx.dataset.quiz)
    earlier = PageContext("zh", Derived(dataset, dt.date(2000, 1, 1)), settings, "kiosk/")
    assert latest_regulation(earlier) == (dt.date(1987, 2, 1), "gb-6441-1986")
    assert ATTRACT_SRC == "kiosk/index.md"


# -- the built kiosk ---------------------------------------------------------------------------------------------
def _rewrite(path: Path, change) -> None:
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(record)
    path.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")


def _hostile_kiosk_data(tmp: Path) -> Path:
    """The minimal fixture with XSS payloads in every title and summary, an external source and three questions."""
    data = tmp / "data"
    shutil.copytree(FIXTURE, data)
    for path in sorted(data.glob("*/*.yml")):
        def poison(record):
            for key in ("title", "summary", "question"):
                if key in record:
                    record[key] = {"zh": XSS + " 中", "en": XSS + " en"}
        _rewrite(path, poison)
    _rewrite(data / "cases" / "test-case-2020.yml", lambda r: r["sources"].append(
        {"title": "外部报告", "publisher": "测试", "kind": "other", "url": EXTERNAL_URL}))
    question = data / "quiz" / "q-test-tier.yml"
    for extra_id in ("q-test-extra-a", "q-test-extra-b"):
        target = data / "quiz" / f"{extra_id}.yml"
        shutil.copy(question, target)
        _rewrite(target, lambda r, i=extra_id: r.update(id=i))
    return data


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("kiosk")
    data = _hostile_kiosk_data(tmp)
    site = tmp / "site-kiosk"
    build(site, data, variant="kiosk", kiosk_idle_seconds=IDLE_SECONDS, kiosk_slide_seconds=1, today=BUILD_DATE)
    quiz_ids = sorted(p.stem for p in (data / "quiz").glob("*.yml"))
    with served_folder(site) as url:
        yield SimpleNamespace(url=url, site=site, quiz_ids=quiz_ids)


@pytest.fixture
def open_tab(browser, kiosk):
    """Opens tabs at a given screen size; each records console errors, requests to other hosts and dialogs."""
    contexts, tabs = [], []

    def open_(viewport, touch=False):
        context = browser.new_context(viewport=viewport, locale="zh-CN", has_touch=touch)
        tab = context.new_page()
        tab.console_errors, tab.foreign, tab.dialogs = [], [], []
        tab.on("console", lambda m: m.type == "error" and tab.console_errors.append(m.text))
        tab.on("pageerror", lambda e: tab.console_errors.append(str(e)))
        tab.on("request", lambda r: r.url.startswith(kiosk.url) or tab.foreign.append(r.url))
        tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
        contexts.append(context)
        tabs.append(tab)
        return tab

    yield open_
    for tab in tabs:
        assert tab.console_errors == []
        assert tab.foreign == []
        assert tab.dialogs == []
    for context in contexts:
        context.close()


def _active_slide(tab) -> str:
    return tab.get_attribute(".portal-kiosk-slide.portal-kiosk-active", "data-kiosk-slide")


def test_idle_page_returns_to_attract_loop_which_rotates_and_a_touch_leaves(open_tab, kiosk):
    tab = open_tab(LANDSCAPE, touch=True)
    case_url = kiosk.url + "cases/test-case-2020/"
    tab.goto(case_url)
    # Activity keeps the page: longer than the idle time with mouse moves and key presses, still on the case page.
    for step in range(3 * IDLE_SECONDS):  # 1.5 idle periods
        tab.mouse.move(100 + step * 10, 300) if step % 2 else tab.keyboard.press("Shift")
        tab.wait_for_timeout(500)
    assert tab.url == case_url
    tab.wait_for_url(kiosk.url + "kiosk/", timeout=IDLE_SECONDS * 1000 + 5000)
    first = _active_slide(tab)
    tab.wait_for_function("s => document.querySelector('.portal-kiosk-active').dataset.kioskSlide !== s", arg=first,
                          timeout=5000)
    seen = {first, _active_slide(tab)}
    assert seen <= {"emergency", "case-of-the-week", "question-of-the-day", "regulation"}
    assert tab.locator(".md-header").is_hidden()
    tab.touchscreen.tap(960, 1060)  # the "touch to start" line at the bottom, not a link
    tab.wait_for_url(kiosk.url, timeout=5000)
    assert tab.locator(".portal-kiosk-bar").is_visible()


def test_english_pages_idle_to_the_english_loop(open_tab, kiosk):
    tab = open_tab(LANDSCAPE)
    tab.goto(kiosk.url + "en/quiz/")
    tab.wait_for_url(kiosk.url + "en/kiosk/", timeout=IDLE_SECONDS * 1000 + 5000)
    tab.keyboard.press("Enter")
    tab.wait_for_url(kiosk.url + "en/", timeout=5000)


@pytest.mark.parametrize("offset", [1, 2])
def test_question_of_the_day_follows_the_kiosk_clock_offline(open_tab, kiosk, offset):
    day = BUILD_DATE + dt.timedelta(days=offset)
    expected = question_of_the_day(SimpleNamespace(dataset=SimpleNamespace(quiz=dict.fromkeys(kiosk.quiz_ids)),
                                                   today=day))
    assert expected in kiosk.quiz_ids
    tab = open_tab(LANDSCAPE)
    tab.clock.set_fixed_time(dt.datetime(day.year, day.month, day.day, 9, 30))
    tab.goto(kiosk.url + "kiosk/")
    tab.wait_for_load_state("networkidle")
    failed_offline: list[str] = []
    tab.on("requestfailed", lambda request: failed_offline.append(request.url))
    tab.context.set_offline(True)
    shown = tab.eval_on_selector_all(".portal-question.portal-today", "qs => qs.map(q => q.id)")
    assert shown == [expected]
    tab.wait_for_selector(".portal-kiosk-active[data-kiosk-slide=question-of-the-day] .portal-today details[open]",
                          timeout=8000)  # the answer is revealed while the slide shows
    # Chromium may ask for the tab's icon late, after the switch to offline (under load): that one request may fail;
    # any other request the page makes once offline is a defect (the slide show must need nothing more).
    assert [url for url in failed_offline if not url.split("?")[0].endswith(("favicon.png", "favicon.ico"))] == []
    if failed_offline:
        tab.console_errors[:] = [e for e in tab.console_errors if "ERR_INTERNET_DISCONNECTED" not in e]


MEASURE = """() => {
  const small = [];
  for (const el of document.querySelectorAll('a[href], button, summary, input:not([type=hidden]), select, label.md-header__button')) {
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= 0 || r.left >= innerWidth) continue;
    if (r.width < 47.5 || r.height < 47.5) small.push(`${el.tagName} ${el.className} "${el.textContent.trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
  }
  return {small, overflow: document.documentElement.scrollWidth - innerWidth};
}"""


@pytest.mark.parametrize("viewport", [LANDSCAPE, PORTRAIT], ids=["1920x1080", "1080x1920"])
def test_touch_targets_and_no_horizontal_overflow(open_tab, kiosk, viewport):
    tab = open_tab(viewport)
    for path in ("", "cases/test-case-2020/", "regulations/", "regulations/accident-reporting-investigation-regulation/",
                 "quiz/", "contacts/test-directory/", "kiosk/", "en/articles/test-article/"):
        tab.goto(kiosk.url + path)
        measured = tab.evaluate(MEASURE)
        assert measured["overflow"] <= 0, (path, measured["overflow"])
        assert measured["small"] == [], path
    assert tab.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)") >= 22
    tab.goto(kiosk.url + "cases/test-case-2020/")
    # Portrait: one column (no table of contents beside the text); landscape keeps navigation and contents.
    assert tab.locator(".md-sidebar--secondary").is_visible() == (viewport == LANDSCAPE)
    on_screen = tab.evaluate("document.querySelector('.md-sidebar--primary').getBoundingClientRect().right > 0")
    assert on_screen == (viewport == LANDSCAPE)  # portrait: the menu is a row of buttons under the header instead
    assert all(not link.is_visible() for link in tab.locator(".portal-print-link").all())  # dead end without scripts
    assert not tab.locator("label.md-header__button[for=__drawer]").is_visible()  # no small menu button to find
    if viewport == PORTRAIT:  # the menu's buttons are shown, touch-sized (MEASURE above found no small target)
        buttons = tab.locator(".portal-kiosk-sections a")
        assert buttons.count() >= 6 and all(button.is_visible() for button in buttons.all())


def test_no_link_leaves_the_portal(kiosk):
    pages = sorted(kiosk.site.rglob("*.html"))
    assert len(pages) > 20
    offenders = [str(p.relative_to(kiosk.site)) for p in pages if LEAVING_ANCHOR.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
    case = (kiosk.site / "cases" / "test-case-2020" / "index.html").read_text(encoding="utf-8")
    assert qr_svg(EXTERNAL_URL) in case and "外部报告" in case


def test_hostile_text_opens_no_dialog_and_is_shown_literally(open_tab, kiosk):
    tab = open_tab(LANDSCAPE)
    for path in ("cases/test-case-2020/", "regulations/gb-6441-1986/", "articles/test-article/", "quiz/", "",
                 "en/kiosk/", "kiosk/"):
        tab.goto(kiosk.url + path)
    tab.wait_for_timeout(1500)  # the loop runs: slides change, the answer of the day is revealed
    text = tab.evaluate("document.querySelector('.portal-kiosk-attract').textContent")
    assert "<script>alert(1)</script>" in text and "{{ 7*7 }}" in text
    assert tab.evaluate("document.querySelectorAll('.portal-kiosk-attract script, .portal-kiosk-attract img').length") == 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("orientation, size", [("landscape", "1920,1080"), ("portrait", "1080,1920")])
def test_launcher_serves_the_local_copy_to_chromium_in_kiosk_mode(kiosk, tmp_path, orientation, size):
    fake = tmp_path / "chromium"
    fake.write_text(FAKE_CHROMIUM)
    fake.chmod(0o755)
    port = _free_port()
    env = {"PATH": "/usr/bin:/bin:" + str(Path(shutil.which("python3")).parent), "HOME": str(tmp_path),
           "TMPDIR": str(tmp_path), "CHROMIUM": str(fake), "FAKE_OUT": str(tmp_path), "KIOSK_SITE_DIR": str(kiosk.site),
           "KIOSK_PORT": str(port), "KIOSK_ORIENTATION": orientation}
    subprocess.run(["sh", str(LAUNCHER)], env=env, check=True, timeout=30)
    args = (tmp_path / "args").read_text().split("\n")
    for flag in ("--kiosk", "--incognito", "--noerrdialogs", "--disable-pinch", "--overscroll-history-navigation=0",
                 f"--window-size={size}"):
        assert flag in args
    assert f"http://127.0.0.1:{port}/kiosk/" in args
    assert "data-kiosk-attract-loop" in (tmp_path / "page").read_text()
    with socket.socket() as probe:  # the launcher stopped its local server and removed its browser profile
        assert probe.connect_ex(("127.0.0.1", port)) != 0
    assert not list(tmp_path.glob("portal-kiosk-profile.*"))


def test_launcher_refuses_a_missing_build(tmp_path):
    result = subprocess.run(["sh", str(LAUNCHER)], env={"PATH": "/usr/bin:/bin", "KIOSK_SITE_DIR": str(tmp_path),
                                                         "TMPDIR": str(tmp_path)},
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 1 and "make kiosk" in result.stderr
