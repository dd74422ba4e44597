# Printable contact cards and case posters: layout rules (pure), the built card pages (portal/templates/print_page.html) and the case pages printed as their poster (assets/portal-poster.js) to PDF by Chromium (page count, nothing clipped, the QR code).
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from portal.derive.facts import Derived
from portal.build.pipeline import derive
from portal.outputs.search import search_docs
from portal.pages.catalog import generated_pages
from portal.pages.context import PageContext
from portal.pages.printables import CARD_BACK_ROWS, CARD_FRONT_SLOTS, card_layout, display_width, qr_svg, qr_target, shorten
from portal.words import ui
from portal.verify.served import served_folder
from portal.verify.sitecheck import check_site
from portal_testing import MINIMAL as FIXTURE
from portal_testing import build, settings_for
from ui_helpers import pdf_codes

SITE_URL = "http://intranet.example/safety/"
HOSTILE = "<script>alert(1)</script> {{ 7*7 }}"
LONG_ZH = "高处作业人员在未采取任何防护措施的情况下进入临边区域，现场监护缺失，安全技术交底流于形式，" * 12
LONG_EN = "Work at height went ahead without edge protection, supervision or a permit, and nobody stopped it. " * 14
CARD_PAGE_PT = (242.6, 153.1)  # 85.6 mm x 54 mm
A4_PT = (595.3, 841.9)


# -- the long-text data set: the minimal fixture plus a directory and a case far too long to print in full ----------
def _long_directory() -> dict:
    categories = ["regulator", "fire", "medical", "police", "hospital", "grid-dispatch", "rescue-team", "duty-room",
                  "management", "safety-department", "traffic", "maritime", "environment", "utility-service"]
    entries = []
    front_numbers = {"fire": "119", "medical": "120", "police": "110", "duty-room": "+86 138 0013 8000"}
    for number, category in enumerate(categories * 2, start=1):
        entries.append({
            "name": {"zh": f"示例县某某单位安全生产应急救援指挥中心第{number}值班室（二十四小时有人值守）",
                     "en": f"Sample County emergency rescue command centre, duty room number {number} (staffed 24 hours)"},
            "category": category,
            "phones": [{"number": front_numbers.get(category, f"+86 833 {2100000 + number:07d}"), "type": "duty"},
                       {"number": f"1390000{number:04d}", "type": "mobile"},
                       {"number": f"0833-{2200000 + number}", "type": "fax"}],
        })
    return {
        "id": "long-directory", "sample": True,
        "title": {"zh": "超长测试通讯录" + HOSTILE, "en": "Very long test directory " + HOSTILE},
        "organisation": {"zh": HOSTILE + "示例省示例市示例县示例供电有限责任公司安全生产委员会办公室（虚构单位）",
                         "en": "Sample Province Sample City Sample County Power Supply Company Limited, work safety committee office " + HOSTILE},
        "region": {"zh": "测试县", "en": "Test county"},
        "summary": {"zh": "测试用。", "en": "For tests."},
        "last_verified": {"date": "2026-01-10", "by": {"zh": "安全部", "en": "Safety department"}},
        "entries": entries,
    }


def _real_directory() -> dict:
    """A directory of real (not sample) numbers whose duty room has a fax besides the number on the card's front."""
    return {
        "id": "real-directory", "sample": False,
        "title": {"zh": "真实通讯录", "en": "Real directory"}, "organisation": {"zh": "某公司", "en": "A company"},
        "region": {"zh": "测试县", "en": "Test county"}, "summary": {"zh": "测试用。", "en": "For tests."},
        "last_verified": {"date": "2026-01-10", "by": {"zh": "安全部", "en": "Safety department"}},
        "entries": [
            {"name": {"zh": "火警", "en": "Fire"}, "category": "fire", "phones": [{"number": "119", "type": "emergency"}]},
            {"name": {"zh": "值班室", "en": "Duty room"}, "category": "duty-room",
             "phones": [{"number": "0831-8221234", "type": "duty"}, {"number": "0831-8221235", "type": "fax"}]},
            {"name": {"zh": "安全部", "en": "Safety department"}, "category": "safety-department",
             "phones": [{"number": "13900001236", "type": "mobile"}, {"number": "0831-8221236", "type": "landline"}]},
        ],
    }


def _long_case(base: dict) -> dict:
    case = dict(base)
    case.update({
        "id": "long-case",
        "title": {"zh": HOSTILE + "某某市某某区某某建设工程有限公司“5·6”较大高处坠落事故调查报告所述事故" * 3,
                  "en": "The fall from height at the Sample Construction Company site on 6 May, as told by the report " * 3},
        "place": {"province": "sichuan", "city": {"zh": "宜宾市", "en": "Yibin"},
                  "detail": {"zh": "某某区某某街道某某工业园区某某项目三号楼施工现场东侧外脚手架" * 3, "en": "east scaffold " * 20}},
        "missing": 1, "serious_injuries": 2, "injuries": 6,
        "summary": {"zh": HOSTILE + LONG_ZH, "en": LONG_EN},
        "direct_causes": [{"zh": f"第{i}条直接原因：" + LONG_ZH[:150], "en": f"Cause {i}: " + LONG_EN[:300]} for i in range(1, 9)],
        "lessons": [{"zh": f"第{i}条教训：" + LONG_ZH[:200]} for i in range(1, 13)],
    })
    return case


def _long_summary_case(base: dict) -> dict:
    """Short lists leave the summary their room: the longest summary the poster then takes must still fit."""
    case = dict(base)
    case.update({"id": "long-summary-case", "summary": {"zh": LONG_ZH * 4, "en": LONG_EN * 4},
                 "direct_causes": [{"zh": "未系安全带。", "en": "No harness."}], "lessons": [{"zh": "系好安全带。", "en": "Wear a harness."}]})
    return case


BARE_TITLE_EN = "Collapse of a transmission tower during line work of 21 March 2017 (Sample County, Sample Province)"


def _bare_case(base: dict) -> dict:
    """A case known from a news report only: no causes, no lessons, no accident type, no industry; a long English
    title (wider than the title's first size)."""
    case = {key: value for key, value in base.items()
            if key not in ("direct_causes", "lessons", "accident_type", "industry", "violations", "tier")}
    case.update({"id": "bare-case", "title": {"zh": "某输电塔倒塌事故", "en": BARE_TITLE_EN},
                 "sources": [{"title": "测试新闻报道", "publisher": "测试报社", "kind": "news-report", "date": "2020-05-07"}]})
    return case


@pytest.fixture(scope="module")
def long_data(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("print-data") / "data"
    shutil.copytree(FIXTURE, data)
    (data / "contacts" / "real-directory.yml").write_text(yaml.safe_dump(_real_directory(), allow_unicode=True), encoding="utf-8")
    (data / "contacts" / "long-directory.yml").write_text(yaml.safe_dump(_long_directory(), allow_unicode=True), encoding="utf-8")
    base = yaml.safe_load((FIXTURE / "cases" / "test-case-2020.yml").read_text(encoding="utf-8"))
    (data / "cases" / "long-case.yml").write_text(yaml.safe_dump(_long_case(base), allow_unicode=True), encoding="utf-8")
    (data / "cases" / "bare-case.yml").write_text(yaml.safe_dump(_bare_case(base), allow_unicode=True), encoding="utf-8")
    (data / "cases" / "long-summary-case.yml").write_text(yaml.safe_dump(_long_summary_case(base), allow_unicode=True), encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def derived(long_data) -> Derived:
    return derive(settings_for(long_data))[0]


def page_context(lang: str, page_url: str, derived: Derived, **settings) -> PageContext:
    return PageContext(lang, derived, settings_for(*derived.dataset.roots, **settings), page_url)


@pytest.fixture(scope="module")
def served(tmp_path_factory, long_data):
    site = tmp_path_factory.mktemp("print") / "site"
    build(site, long_data, site_url=SITE_URL)
    with served_folder(site) as url:
        yield site, url


# -- pure rules -------------------------------------------------------------------------------------------------
def test_shorten_cuts_by_display_width_and_marks_the_cut():
    assert shorten("短文本", 10) == ("短文本", False)
    text, cut = shorten("一二三四五六七八九十", 10, "（详见网页）")
    assert cut and text.endswith("…（详见网页）") and display_width(text) <= 10 + display_width("（详见网页）")
    text, cut = shorten("abcdefghijklmnopqrstuvwxyz", 10)
    assert cut and text == "abcdefghi…" and display_width(text) == 10


def test_qr_target_is_absolute_with_a_site_url_else_a_path():
    assert qr_target(SITE_URL, "zh", "cases/x/").text == "http://intranet.example/safety/cases/x/"
    assert qr_target("http://h/p", "en", "cases/x/").text == "http://h/p/en/cases/x/"
    relative = qr_target("", "en", "cases/x/")
    assert (relative.text, relative.absolute) == ("en/cases/x/", False)


def test_qr_svg_carries_no_data_text():
    svg = qr_svg("http://h/<script>alert(1)</script>")
    assert svg.startswith("<svg") and "script" not in svg and "alert" not in svg
    assert qr_svg("http://h/a") != qr_svg("http://h/b")


def test_card_front_takes_the_most_important_categories_once_each(derived):
    ctx = page_context("zh", "", derived)
    small = card_layout(derived.dataset.contacts["test-directory"], ctx)
    assert [item["number"] for item in small["front"]] == ["119", "0831-8221234"]  # fire before the duty room
    assert small["back"] == [{"name": "值班室", "numbers": ["13900001234"]}]  # the duty room's other number
    big = card_layout(derived.dataset.contacts["long-directory"], ctx)
    labels = [item["label"] for item in big["front"]]
    assert labels == ["消防救援", "医疗急救", "公安报警", "值班室", "电网调度", "专业救援队"][:CARD_FRONT_SLOTS]
    assert all("传真" not in item["number"] for item in big["front"])
    assert len(big["back"]) == CARD_BACK_ROWS - 1 and big["more"] == 28 - CARD_BACK_ROWS + 1


def test_card_front_labels_are_cut_between_words_and_the_page_strip_shows_them_whole(derived):
    """English category labels longer than the card's front allows were cut mid-word ("Emergency managemen…"), on the
    card and on the directory page's key-number strip, which has the room for the whole label."""
    ctx = page_context("en", "", derived)
    front = card_layout(derived.dataset.contacts["long-directory"], ctx)["front"]
    shortened = [item for item in front if item["label"] != item["full_label"]]
    assert shortened, "the long directory has a category label longer than the card's front allows"
    for item in shortened:
        kept = item["label"].removesuffix("…")
        assert item["label"].endswith("…") and item["full_label"].startswith(kept), item
        assert item["full_label"][len(kept)] == " ", f"cut inside a word: {item['label']!r} of {item['full_label']!r}"
    from portal.kinds import KINDS

    contacts = next(kind for kind in KINDS if kind.name == "contacts")
    page = contacts.view_part().render("long-directory", page_context("en", "contacts/long-directory/", derived)).html
    strip = re.findall(r'<span class="portal-key-label">([^<]*)</span>', page)
    assert strip == [item["full_label"] for item in front], strip


@pytest.mark.parametrize("variant", ["web", "offline"])
def test_every_directory_gets_a_printable_page_and_no_case_a_poster_page(derived, variant):
    """A case's poster is its page printed: no page of its own (they were a page per case and language)."""
    ctx = page_context("en", "", derived, variant=variant)
    sources = {page.src_uri for page in generated_pages(ctx) if page.frame == "print"}
    expected = ({f"contacts/{i}/card.md" for i in derived.dataset.contacts}
                | {f"contacts/{i}/cards.md" for i in derived.dataset.contacts})  # an A4 sheet of cards to cut out
    assert sources == expected


# -- the built site ---------------------------------------------------------------------------------------------
def test_print_pages_are_linked_bare_and_encode_the_absolute_address(served, derived):
    site, _ = served
    assert check_site(site, base_path="/safety/") == []
    for prefix in ("", "en/"):
        record = (site / prefix / "cases" / "test-case-2020" / "index.html").read_text(encoding="utf-8")
        address = SITE_URL + prefix + "cases/test-case-2020/"
        mark = re.search(r'<p class="portal-print-link"([^>]*)>(.*?)</p>', record).groups()
        assert f'data-portal-poster="{address}"' in mark[0] and "data-portal-poster-absolute" in mark[0]
        assert '<script src="../../assets/portal-poster.js" defer></script>' in mark[1] and "<button" in mark[1]
        assert not (site / prefix / "cases" / "test-case-2020" / "poster").exists() and 'href="poster/"' not in record
        card_page = (site / prefix / "contacts" / "test-directory" / "index.html").read_text(encoding="utf-8")
        assert 'href="card/"' in card_page
        card = (site / prefix / "contacts" / "test-directory" / "card" / "index.html").read_text(encoding="utf-8")
        # Only the print button's own script (no theme scripts): header, navigation and sidebars are absent too.
        assert re.findall(r"<script[^>]*>", card) == ['<script src="../../../assets/print.js" defer>']
        assert "md-header" not in card and "md-sidebar" not in card
        card_address = SITE_URL + prefix + "contacts/test-directory/"
        assert card_address in card and str(qr_svg(card_address)) in card
    for lang in ("zh", "en"):  # print pages are not search results
        urls = [doc["url"] for doc in search_docs(settings_for(site_url=SITE_URL), derived, lang)]
        assert urls and not [u for u in urls if "poster" in u or "card" in u]


def _phone_cells(page: str) -> tuple[set[str], set[str]]:
    """(tel: links, numbers shown without a link) in the directory table of a built directory page."""
    table = re.search(r'<table class="portal-directory">(.*?)</table>', page, re.S).group(1)
    return (set(re.findall(r'href="(tel:[^"]*)"', table)),
            set(re.findall(r'<span class="portal-tel portal-tel-off"[^>]*>([^<]*)</span>', table)))


def test_no_tel_link_for_a_fax_or_a_fictitious_sample_number(served):
    site, _ = served
    for prefix in ("", "en/"):
        def page(dir_id):
            return (site / prefix / "contacts" / dir_id / "index.html").read_text(encoding="utf-8")
        links, plain = _phone_cells(page("long-directory"))  # a sample: only the national service numbers are real
        assert links == {"tel:119", "tel:120", "tel:110"}
        assert "+86 138 0013 8000" in plain and "0833-2200001" in plain and "13900000001" in plain
        assert ("虚构号码，请勿拨打" if not prefix else "Fictitious number, do not dial") in page("long-directory")
        links, plain = _phone_cells(page("real-directory"))  # real numbers are links, a fax never
        assert links == {"tel:119", "tel:08318221234", "tel:13900001236", "tel:08318221236"} and plain == {"0831-8221235"}


def test_card_back_puts_fax_only_rows_last(derived):
    layout = card_layout(derived.dataset.contacts["real-directory"], page_context("zh", "", derived))
    assert [row["name"] for row in layout["back"]] == ["安全部", "值班室"]
    assert layout["back"][-1]["numbers"] == ["0831-8221235 (传真)"]


def _pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) in points of every page of a PDF written by Chromium (its page objects are not compressed)."""
    pages = re.findall(rb"/Type\s*/Page(?!s)", pdf)
    boxes = [tuple(map(float, box.split()[2:4])) for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf)]
    assert len(boxes) == len(pages) > 0, "every page object should carry its own MediaBox"
    return boxes


# No clipped content, checked in print emulation on each printed area (a card side or the poster = one sheet):
# - every element's box lies inside the area's content box (inside its padding);
# - every line of text lies inside the printable area: the sheet less `safe` mm on each side (printers' margins);
# - no element that clips (overflow other than visible), nor the area itself, has content beyond its box.
# Glyph boxes of CJK fonts are taller than a tight line-height, so text is measured against the safe area, not
# against each line box.
CLIPPED = """([selector, safeMm]) => {
  const problems = [], mm = 96 / 25.4;
  const describe = (el) => el.outerHTML.slice(0, 90);
  for (const area of document.querySelectorAll(selector)) {
    const box = area.getBoundingClientRect(), style = getComputedStyle(area);
    const content = {left: box.left + parseFloat(style.paddingLeft) - 0.5, right: box.right - parseFloat(style.paddingRight) + 0.5,
                     top: box.top + parseFloat(style.paddingTop) - 0.5, bottom: box.bottom - parseFloat(style.paddingBottom) + 0.5};
    const safe = {left: box.left + safeMm * mm, right: box.right - safeMm * mm, top: box.top + safeMm * mm, bottom: box.bottom - safeMm * mm};
    const outside = (r, limit) => r.width > 0 && r.height > 0 &&
      (r.left < limit.left || r.right > limit.right || r.top < limit.top || r.bottom > limit.bottom);
    if (area.scrollHeight > area.clientHeight + 1 || area.scrollWidth > area.clientWidth + 1) problems.push("area overflows: " + describe(area));
    for (const el of area.querySelectorAll("*")) {
      const inline = getComputedStyle(el).display === "inline";  // inline boxes are glyph boxes: checked as text below
      if (!inline && outside(el.getBoundingClientRect(), content)) problems.push("box outside: " + describe(el));
      const clips = getComputedStyle(el).overflow !== "visible";
      if (clips && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)) problems.push("clipped: " + describe(el));
    }
    const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT), range = document.createRange();
    let texts = 0;
    while (walker.nextNode()) {
      if (!walker.currentNode.textContent.trim()) continue;
      texts += 1;
      range.selectNodeContents(walker.currentNode);
      for (const r of range.getClientRects()) {
        if (outside(r, safe)) problems.push("text outside the printable area: " + walker.currentNode.textContent.slice(0, 40));
      }
    }
    if (texts === 0) problems.push("no text in " + describe(area));
  }
  return problems;
}"""


CARD = (".portal-card-side", 2, CARD_PAGE_PT, 2)  # area selector, pages, page size, safe margin in mm
POSTER = (".portal-poster", 1, A4_PT, 5)


@pytest.mark.parametrize("path, kind", [
    ("contacts/test-directory/card/", CARD), ("contacts/long-directory/card/", CARD),
    ("en/contacts/long-directory/card/", CARD), ("cases/test-case-2020/", POSTER),
    ("cases/long-case/", POSTER), ("en/cases/long-case/", POSTER),
    ("cases/long-summary-case/", POSTER), ("en/cases/long-summary-case/", POSTER),
    ("cases/bare-case/", POSTER), ("en/cases/bare-case/", POSTER),
])
def test_prints_on_the_right_pages_with_nothing_clipped(page, served, tmp_path, path, kind):
    """A card page prints its card; a case page prints its poster (only the poster: one A4 page, its QR code the
    case page's address), also for over-long data."""
    selector, pages, size, safe_mm = kind
    _, url = served
    page.goto(url + path)
    page.emulate_media(media="print")
    if kind is POSTER:  # built when the page turns to print (beforeprint, or the print media query's change event)
        page.wait_for_selector(selector, state="attached", timeout=5000)
    assert page.eval_on_selector_all(selector, "areas => areas.length") == pages  # one area per printed page
    assert page.evaluate(CLIPPED, [selector, safe_mm]) == []
    if kind is POSTER:  # nothing of the case page is printed but its poster
        shown = page.evaluate("() => [...document.body.children].filter(el => getComputedStyle(el).display !== 'none')"
                              ".map(el => el.className)")
        assert shown == ["portal-poster portal-poster-size-" + shown[0].rsplit("-", 1)[-1]], shown
    else:
        assert page.eval_on_selector(".portal-print-toolbar", "el => getComputedStyle(el).display") == "none"
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    printed = _pdf_pages(pdf)
    assert len(printed) == pages
    for width, height in printed:
        assert abs(width - size[0]) < 1.5 and abs(height - size[1]) < 1.5, (width, height)
    if kind is POSTER:
        assert pdf_codes(pdf, tmp_path) == [SITE_URL + path]
    assert page.console_errors == []
    assert [u for u in page.requested if not u.startswith(url)] == []


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_printing_a_case_page_prints_its_poster(page, served, tmp_path, prefix):
    """What the print dialog prints (page.pdf without print emulation first: the poster is built on beforeprint and
    taken away on afterprint): one A4 page whose QR code is the case page's address; the page is as before after."""
    _, url = served
    page.goto(url + prefix + "cases/long-case/")
    assert page.eval_on_selector_all(".portal-poster", "posters => posters.length") == 0
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert len(_pdf_pages(pdf)) == 1
    assert pdf_codes(pdf, tmp_path) == [SITE_URL + prefix + "cases/long-case/"]
    assert page.eval_on_selector_all(".portal-poster", "posters => posters.length") == 0
    assert page.console_errors == []


def _poster(page, url: str) -> dict:
    page.emulate_media(media="screen")
    page.goto(url)
    page.emulate_media(media="print")
    page.wait_for_selector(".portal-poster", state="attached", timeout=5000)
    return page.evaluate("""() => { const p = document.querySelector('.portal-poster');
      return {html: p.innerHTML, text: p.innerText, items: p.querySelectorAll('li').length,
              summary: p.querySelector('.portal-poster-summary').textContent,
              title: p.querySelector('h1').textContent, titleClass: p.querySelector('h1').className,
              h2: [...p.querySelectorAll('h2')].map(h => h.textContent), dt: [...p.querySelectorAll('dt')].map(d => d.textContent),
              dd: [...p.querySelectorAll('dd')].map(d => d.textContent), scripts: p.querySelectorAll('script').length}; }""")


def test_poster_caps_lists_and_escapes_data(page, served):
    """At most 3 causes and 4 lessons, "N more" lines, long texts cut with …（详见网页）, data shown as text; short
    lists leave the summary more room."""
    _, url = served
    poster = _poster(page, url + "cases/long-case/")
    assert poster["items"] == 3 + 4
    assert "另有 5 条，详见网页" in poster["text"] and "另有 8 条，详见网页" in poster["text"]
    assert "…（详见网页）" in poster["summary"]
    assert poster["scripts"] == 0 and "<script>alert" not in poster["html"] and "&lt;script&gt;" in poster["html"]
    roomy = _poster(page, url + "cases/long-summary-case/")
    assert display_width(roomy["summary"]) > 2 * display_width(poster["summary"])
    assert page.console_errors == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_poster_leaves_out_empty_sections_and_facts(page, served, lang):
    _, url = served
    prefix = "" if lang == "zh" else "en/"
    bare = _poster(page, url + prefix + "cases/bare-case/")
    assert ui("direct_causes", lang) not in bare["h2"] and ui("lessons", lang) not in bare["h2"]
    assert ui("accident_type", lang) not in bare["dt"] and ui("industry", lang) not in bare["dt"] and "" not in bare["dd"]
    assert ("调查报告未公开" if lang == "zh" else "report not published") in bare["text"]
    if lang == "en":  # a title wider than the first size is set smaller, not cut
        assert bare["title"] == BARE_TITLE_EN and "portal-poster-title-190" not in bare["titleClass"]
    full = _poster(page, url + prefix + "cases/test-case-2020/")
    assert ui("direct_causes", lang) in full["h2"] and ui("accident_type", lang) in full["dt"]
    assert ("调查报告未公开" if lang == "zh" else "report not published") not in full["text"]
    assert page.console_errors == []


def test_poster_titles_are_cut_between_words(page, served):
    _, url = served
    title = _poster(page, url + "en/cases/long-case/")["title"]
    words = " ".join(("The fall from height at the Sample Construction Company site on 6 May, as told by the report " * 3).split())
    assert title.endswith("…") and words.startswith(title[:-1]) and words[len(title) - 1] == " "
