# Built-site checks of the words readers see: no editors' term, no raw vocabulary id, the right facet headings.
"""Readers see labels, never the editors' working vocabulary: terms like 种子材料 / "seed material" (what the editors
called their source collection) and vocabulary ids like "gb6441-1986" stay out of every page of both languages."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from portal.words import ui
from portal_testing import SHIPPED_DATA

# The editors' names of their working material; a page names the source itself (its title, publisher, date).
EDITORS_TERMS = re.compile(r"种子材料|种子论文|种子文本|种子材料库|\bseed (?:material|text|paper|collection)s?\b|"
                           r"\bthe seed\b|\bseed \d+", re.IGNORECASE)
_HIDDEN = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.DOTALL | re.IGNORECASE)


def visible_text(page: Path) -> str:
    """What a reader can read on a page: its text without tags, scripts and styles (attributes and URLs left out)."""
    return html.unescape(_HIDDEN.sub(" ", page.read_text(encoding="utf-8")))


def vocabulary_ids(data: Path) -> set[str]:
    """Ids of the vocabularies (schemes and terms) that look like codes, not words: they contain a digit."""
    found: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "id" and isinstance(value, str):
                    found.add(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in (data / "vocab").glob("*.yml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return {term for term in found if re.search(r"\d", term)}


def words_problems(site_dir: Path, data: Path) -> dict[str, list[str]]:
    """Per page: editors' terms and raw vocabulary ids it shows."""
    ids = vocabulary_ids(data)
    raw_id = re.compile(r"(?<![\w/.-])(" + "|".join(sorted(map(re.escape, ids), key=len, reverse=True)) + r")(?![\w/-])")
    problems: dict[str, list[str]] = {}
    for page in site_dir.rglob("*.html"):
        text = visible_text(page)
        found = [m.group(0) for m in EDITORS_TERMS.finditer(text)] + [m.group(1) for m in raw_id.finditer(text)]
        if found:
            problems[page.relative_to(site_dir).as_posix()] = sorted(set(found))
    return problems


@pytest.mark.shipped_data
def test_no_page_shows_an_editors_term_or_a_raw_vocabulary_id(shipped_site):
    site_dir, _ = shipped_site
    pages = list(site_dir.rglob("*.html"))
    assert len(pages) > 500 and {"gb6441-1986"} <= vocabulary_ids(SHIPPED_DATA)
    assert words_problems(site_dir, SHIPPED_DATA) == {}


def test_the_words_check_sees_a_term_and_an_id(tmp_path):
    """A page with an editors' term and a scheme id in its text (not in a URL) is reported; the check can fail."""
    page = tmp_path / "cases" / "x" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<p>种子材料中的车间</p><a href="../by-type/gb6441-1986/">ok</a> <small>(gb6441-1986)</small>'
                    "<p>A seed paper says</p><p>as the seed shows</p><script>var a = '种子论文';</script>", encoding="utf-8")
    assert words_problems(tmp_path, SHIPPED_DATA) == {"cases/x/index.html": ["gb6441-1986", "seed paper", "the seed",
                                                                             "种子材料"]}


@pytest.mark.shipped_data
def test_facet_headings_name_their_own_kind(shipped_site):
    """Resources are grouped by resource type, not under the cases' heading 按事故类别 / By accident type."""
    site_dir, _ = shipped_site
    for lang, prefix in (("zh", ""), ("en", "en/")):
        resources = visible_text(site_dir / prefix / "resources" / "index.html")
        assert ui("by-resource-type", lang) in resources and ui("by-type", lang) not in resources
        assert ui("by-type", lang) in visible_text(site_dir / prefix / "cases" / "index.html")
        home = visible_text(site_dir / prefix / "index.html")
        assert "四大板块" not in home


@pytest.mark.shipped_data
def test_case_pages_name_the_classification_standard_not_its_id(shipped_site):
    """The accident type's scheme is shown as the standard's number linking to its page (GB 6441-86)."""
    site_dir, report = shipped_site
    case_id = next(i for i, c in report.derived.dataset.cases.items()
                   if (c.get("accident_type") or {}).get("scheme") == "gb6441-1986")
    number = report.derived.dataset.regulations["gb-6441-1986"]["doc_number"]
    for prefix in ("", "en/"):
        page = (site_dir / prefix / "cases" / case_id / "index.html").read_text(encoding="utf-8")
        assert f'<a href="../../regulations/gb-6441-1986/">{number}</a>' in page


CJK = re.compile(r"[\u3400-\u9fff]")


def test_english_case_timelines_give_their_times_in_english(shipped_site):
    """A time label like 约06:10 or 事故发生后 reads 'about 06:10' / 'after the accident' on the English page."""
    site, _report = shipped_site
    checked = chinese_labels = 0
    for path in sorted((SHIPPED_DATA / "cases").glob("*.yml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        steps = case.get("timeline") or []
        if not steps:
            continue
        page = (site / "en" / "cases" / case["id"] / "index.html").read_text(encoding="utf-8")
        timeline = page.split('class="portal-timeline"', 1)[1].split("</ol>", 1)[0]
        labels = [html.unescape(label) for label in re.findall(r"<li><strong>(.*?)</strong>", timeline)]
        assert len(labels) == len(steps), path.name
        for step, label in zip(steps, labels):
            chinese_labels += bool(CJK.search(str(step["time"])))
            assert not CJK.search(label), f"{path.name}: time {step['time']!r} has no time_en"
        checked += 1
    assert checked > 20 and chinese_labels >= 40
