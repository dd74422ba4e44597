# Built-site checks of "where am I" (issue 22): breadcrumbs and the marked menu section on every page, lists in reading order.
"""On the shipped data's build (built once per session): every generated page has breadcrumbs from its language's
home page whose links lead to pages of the site, the menu marks the section of every page, a full text links back to
its law by name, the Chinese lists are in pinyin order and the English ones in English order, the facet box starts
folded."""
from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.shipped_data

HANDWRITTEN = {"", "stats", "quiz", "contest", "glossary", "about", "coverage"}  # docs/<lang>/*.md: the engine's own pages
CRUMBS = re.compile(r'<nav class="portal-breadcrumbs"[^>]*><ol>(.*?)</ol></nav>', re.S)
CRUMB_LINK = re.compile(r'<a href="([^"]*)">')
ACTIVE = re.compile(r'<a href="([^"]*)" class="md-nav__link md-nav__link--active">')


MENU_SCRIPT = re.compile(r'<script src="([^"]*assets/portal-menu\.[0-9a-f]+\.js)"></script>')


def with_menu(page_dir: Path, text: str) -> str:
    """The page's HTML with its menu in place: a generated page loads the menu's list from a shared script
    (portal/build/fill.py), which writes it where the script stands."""
    found = MENU_SCRIPT.search(text)
    if not found:
        return text
    script = (page_dir / found.group(1)).read_text(encoding="utf-8")
    menu = json.loads(script[script.index("document.write(") + len("document.write("):script.rindex(");")])
    return text[:found.start()] + menu + text[found.end():]


def themed_pages(site: Path) -> list[tuple[str, str, str]]:
    """(language prefix, page key from the language root, HTML with its menu in place) of every page in the theme's
    frame."""
    pages = []
    for path in sorted(site.rglob("index.html")):
        rel = path.parent.relative_to(site).as_posix()
        rel = "" if rel == "." else rel
        prefix, key = ("en/", rel[3:]) if rel == "en" or rel.startswith("en/") else ("", rel)
        key = "" if rel == "en" else key
        text = with_menu(path.parent, path.read_text(encoding="utf-8"))
        if "md-nav--primary" in text:
            pages.append((prefix, key, text))
    return pages


@pytest.fixture(scope="module")
def site(shipped_site) -> Path:
    return shipped_site[0]


def _resolves(site: Path, page_dir: str, href: str) -> Path:
    target = posixpath.normpath(posixpath.join(page_dir, href))
    return site / ("" if target == "." else target) / "index.html"


def test_every_generated_page_has_breadcrumbs_from_home(site):
    pages = themed_pages(site)
    generated = [(prefix, key, text) for prefix, key, text in pages if key not in HANDWRITTEN]
    assert len(generated) > 800
    problems = []
    for prefix, key, text in generated:
        found = CRUMBS.search(text)
        if not found:
            problems.append(f"{prefix}{key}: no breadcrumbs")
            continue
        links = CRUMB_LINK.findall(found.group(1))
        page_dir = prefix + key
        homes = _resolves(site, page_dir, links[0]) if links else None
        if homes != site / prefix / "index.html":
            problems.append(f"{prefix}{key}: the trail does not start at the home page ({links[:1]})")
        problems += [f"{prefix}{key}: {href} leads nowhere" for href in links if not _resolves(site, page_dir, href).is_file()]
        if 'aria-current="page"' not in found.group(1).rsplit("<li>", 1)[-1]:
            problems.append(f"{prefix}{key}: the last step is not the page itself")
    assert problems == []


def test_the_menu_marks_the_section_of_every_page(site):
    problems = []
    pages = themed_pages(site)
    for prefix, key, text in pages:
        nav = text.split('md-nav--primary', 1)[1].split("</nav>", 1)[0]
        sections = set()
        for href in re.findall(r'<a href="([^"]*)" class="md-nav__link', nav):
            target = posixpath.normpath(posixpath.join(prefix + key, href))
            sections.add("" if target in (".", prefix.strip("/")) else target.removeprefix(prefix))
        owner = [s for s in sections if s and (key == s or key.startswith(s + "/"))] or ([""] if key == "" else [])
        active = ACTIVE.findall(text)
        if not owner:  # a page outside the menu (coverage, search results) marks nothing
            if active:
                problems.append(f"{prefix}{key}: outside the menu, yet {len(active)} entries marked")
            continue
        if len(active) != 1:
            problems.append(f"{prefix}{key}: {len(active)} menu entries marked")
            continue
        target = posixpath.normpath(posixpath.join(prefix + key, active[0]))
        marked = "" if target in (".", prefix.strip("/")) else target.removeprefix(prefix)
        if marked != max(owner, key=len):
            problems.append(f"{prefix}{key}: the menu marks {marked!r}, not {max(owner, key=len)!r}")
    assert len(pages) > 800
    assert problems == []


def test_a_full_text_links_back_to_its_law_by_name(site):
    texts = [path for path in (site / "regulations").glob("*/*/index.html") if re.fullmatch(r"\d{4}-\d\d-\d\d", path.parent.name)]
    assert texts, "no full-text version page"
    for path in texts:
        text = path.read_text(encoding="utf-8")
        title = re.search(r"<h1[^>]*>(.*?)</h1>", text).group(1)
        assert f"返回《{title}》" in text, path


def _list_titles(site: Path, prefix: str) -> list[tuple[str, str]]:
    """(level, title) of the rows of the regulation list's first page."""
    text = (site / prefix / "regulations" / "index.html").read_text(encoding="utf-8")
    # rows are written bare (no column names, no end tags): the title is the first cell, the level the next
    rows = re.findall(r'<tr data-id="[^"]*"[^>]*><td><a href="[^"]*">(.*?)</a><td>([^<\n]*)', text)
    return [(level, title) for title, level in rows]


def test_the_regulation_lists_are_in_reading_order(site):
    from pypinyin import lazy_pinyin

    zh = _list_titles(site, "")
    assert len(zh) > 50
    for level in {level for level, _ in zh}:
        titles = [title for each, title in zh if each == level]
        assert titles == sorted(titles, key=lambda t: [syllable.lower() for syllable in lazy_pinyin(t)]), level  # syllable by syllable: 气象 before 清洁
    en = _list_titles(site, "en")
    for level in {level for level, _ in en}:
        titles = [title for each, title in en if each == level]
        assert titles == sorted(titles, key=str.casefold), level


def test_the_facet_box_starts_folded(site):
    for prefix in ("", "en"):
        for kind in ("regulations", "cases", "resources"):
            text = (site / prefix / kind / "index.html").read_text(encoding="utf-8")
            assert '<details class="portal-facets">' in text, (prefix, kind)


def test_every_folder_of_a_page_address_has_a_page(site):
    """Trimming any page's address (stats/by-year/2025/ -> stats/by-year/) reaches a page, not the server's 403."""
    folders = set()
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).parent
        folders.update(rel.parents)
        folders.add(rel)
    missing = sorted(str(folder) for folder in folders if not (site / folder / "index.html").is_file())
    assert len(folders) > 800
    assert missing == []


def test_a_folder_page_links_every_page_in_it(site):
    text = (site / "stats" / "by-year" / "index.html").read_text(encoding="utf-8")
    years = sorted(path.parent.name for path in (site / "stats" / "by-year").glob("*/index.html"))
    assert years
    assert all(f'<a href="{year}/">{year}</a>' in text for year in years)
    assert 'class="portal-breadcrumbs"' in text


def test_an_amended_law_heads_with_the_version_in_force_and_the_original_below(site):
    """安全生产法 (amended 2009, 2014, 2021): its header shows 主席令第八十八号 and 2021-09-01, the 2002 text below."""
    import yaml

    from portal_testing import SHIPPED_DATA, TODAY

    checked = 0
    for path in sorted((SHIPPED_DATA / "regulations").glob("*.yml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        amendments = [a for a in record.get("amendments") or [] if a.get("effective") and a["effective"] <= TODAY]
        if not amendments or record.get("repealed"):
            continue
        latest = max(amendments, key=lambda a: a["effective"])
        for prefix in ("", "en"):
            page = site / prefix / "regulations" / record["id"] / "index.html"
            facts = page.read_text(encoding="utf-8").split('<table class="portal-facts">', 1)[1].split("</table>", 1)[0]
            rows = re.findall(r"<tr[^>]*><th>(.*?)</th><td>(.*?)</td></tr>", facts, re.S)
            first_number = next(td for th, td in rows if th in ("文号/标准号", "Document number"))
            if latest.get("doc_number"):
                assert first_number.startswith(latest["doc_number"]), (record["id"], first_number)
            effective = next(td for th, td in rows if th in ("施行日期", "In force from"))
            assert effective.startswith(str(latest["effective"])), (record["id"], effective)
            original = facts.split('class="portal-original-version"', 1)[1]
            assert str(record.get("effective", "")) in original and record.get("doc_number", "") in original
        checked += 1
    assert checked >= 10


def test_every_bar_and_chart_row_has_a_label(site):
    """未注明 / Not stated is a labelled bar like any other: no chart bar or data-table row without its label."""
    pages = [site / "stats" / "index.html", site / "en" / "stats" / "index.html",
             *(site / "stats").glob("by-*/*/index.html"), *(site / "en" / "stats").glob("by-*/*/index.html")]
    problems = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for chart in re.findall(r'<section class="portal-chart".*?</section>', text, re.S):
            bars = re.findall(r"<g transform[^>]*>(.*?)</g>", chart, re.S)
            problems += [f"{page}: a bar without a label" for bar in bars
                         if not "".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", bar)).strip()]
            problems += [f"{page}: a row without a label" for label in re.findall(r"<tr><td>([^<]*)</td><td>\d+</td></tr>", chart)
                         if not label.strip()]
    assert len(pages) > 20
    assert problems == []
    assert "未注明" in pages[0].read_text(encoding="utf-8") and "Not stated" in pages[1].read_text(encoding="utf-8")


def test_every_directory_page_starts_with_the_cards_key_numbers(site):
    pages = [p for prefix in ("", "en") for p in (site / prefix / "contacts").glob("*/index.html") if p.parent.name != "_rows"]
    assert len(pages) >= 6
    for page in pages:
        text = page.read_text(encoding="utf-8")
        strip = re.search(r'<ul class="portal-key-numbers".*?</ul>', text, re.S)
        assert strip, page
        card = (page.parent / "card" / "index.html").read_text(encoding="utf-8")
        front = re.search(r'<ul class="portal-card-numbers">(.*?)</ul>', card, re.S).group(1)
        assert re.findall(r'portal-key-digits">([^<]+)<', strip.group(0)) == \
            re.findall(r'portal-card-digits[^"]*">([^<]+)<', front), page
        assert text.index("portal-key-numbers") < text.index('<table class="portal-directory"')
        if "portal-sample-banner" in text:  # a sample's own numbers are fictitious: shown, never dialled
            dialled = re.findall(r'href="tel:([^"]+)"', strip.group(0))
            assert all(len(number) <= 5 for number in dialled), (page, dialled)


def test_every_print_page_has_a_print_button_and_a_language_switch(site):
    pages = [p for p in site.rglob("index.html") if 'class="portal-print-body"' in p.read_text(encoding="utf-8")]
    kinds = {p.parent.name for p in pages}
    assert {"card", "cards"} <= kinds and "poster" not in kinds  # a case page prints its poster
    problems = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if "data-portal-print" not in text:
            problems.append(f"{page}: no Print button")
        switch = re.search(r'<a class="portal-print-lang" href="([^"]+)"', text)
        if not switch:
            problems.append(f"{page}: no language switch")
        elif not (page.parent / switch.group(1) / "index.html").resolve().is_file():
            problems.append(f"{page}: the language switch leads nowhere ({switch.group(1)})")
    assert problems == []


def _git_date(path: Path) -> str:
    import subprocess
    return subprocess.run(["git", "log", "-1", "--format=%cs", "--", path.name], cwd=path.parent, capture_output=True,
                          text=True, check=True).stdout.strip()


def test_every_record_page_says_when_its_data_was_last_reviewed(site):
    """From the data (a directory's or resource's last_verified.date), else the last commit of the record's file."""
    import yaml

    from portal_testing import SHIPPED_DATA

    checked = 0
    for kind in ("regulations", "cases", "contacts", "resources", "articles"):
        for path in sorted((SHIPPED_DATA / kind).glob("*.yml")):
            record = yaml.safe_load(path.read_text(encoding="utf-8"))
            verified = (record.get("last_verified") or {}).get("date")
            expected = str(verified) if verified else _git_date(path)
            if not expected:
                continue  # a file not committed yet has no date to show
            for prefix, words in (("", "资料最后核实" if verified else "资料最后修改"),
                                  ("en", "Data last checked" if verified else "Data last changed")):
                text = (site / prefix / kind / path.stem / "index.html").read_text(encoding="utf-8")
                note = re.search(r'<p class="portal-review-date">([^<]*)</p>', text)
                assert note and words in note.group(1) and expected in note.group(1), (kind, path.stem, prefix)
                assert "portal-feedback-link" not in text  # off by default
            checked += 1
    assert checked > 100


def test_a_feedback_link_when_configured(tmp_path):
    from portal_testing import MINIMAL, build

    build(tmp_path / "site", MINIMAL, feedback_url="mailto:safety@corp.example?subject=portal%20{kind}/{id}")
    pages = [p for p in (tmp_path / "site" / "cases").glob("*/index.html") if not p.parent.name.startswith(("by-", "_"))]
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert f'href="mailto:safety@corp.example?subject=portal%20cases/{page.parent.name}"' in text
        assert "反馈本页问题" in text
