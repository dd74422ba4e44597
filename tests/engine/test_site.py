# Built-site checks: links and anchors resolve in both languages, every record has both pages, lists are exact, facet folders, plurals, no external loads, hostile text literal.
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from portal.kinds import FACETS, PAGE_KINDS
from portal.pages.context import PageContext
from portal.pages.lists import facet_groups
from portal.settings import REPO_ROOT
from portal.verify.sitecheck import check_site, parse_html
from portal_testing import MINIMAL, build, settings_for

JAVASCRIPT_LINK = "[bad](javascript:alert(1))"
HOSTILE = "<script>alert('x')</script> {{ 7*7 }} {% include 'base.html' %} a|b \\back \"dq\" 'sq'"
LANG_SWITCH = re.compile(r'<a href="([^"]+)" class="md-select__link portal-lang-switch"')
# An English count of one followed by a plural noun ("1 records", "1 cases" ...): wrong English.
ONE_PLURAL = re.compile(r"(?<![\d.,])\b1 (records|cases|regulations|articles|questions|directories|entries|results|"
                        r"items|pages|deaths|texts)\b")


def _rewrite(path: Path, change) -> None:
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(record)
    path.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")


def _hostile_data(tmp: Path, body_extra: str = "") -> Path:
    data = tmp / "data"
    shutil.copytree(MINIMAL, data)

    def poison_case(record):
        record["summary"] = {"zh": HOSTILE, "en": HOSTILE}
        record["title"] = {"zh": "坠落 " + HOSTILE, "en": "fall " + HOSTILE}
        record["lessons"] = [{"zh": HOSTILE}]
        record["place"]["city"] = {"zh": HOSTILE, "en": HOSTILE}

    def poison_article(record):
        record["body"] = {"zh": "## 标题\n\n" + HOSTILE + "\n\n[ok](https://example.org/x) " + body_extra}

    _rewrite(data / "cases" / "test-case-2020.yml", poison_case)
    _rewrite(data / "articles" / "test-article.yml", poison_article)
    return data


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    """The minimal fixture with hostile strings, built once: (site folder, BuildReport)."""
    tmp = tmp_path_factory.mktemp("fixture")
    site = tmp / "site"
    return site, build(site, _hostile_data(tmp))


@pytest.fixture(params=["fixture", pytest.param("shipped", marks=pytest.mark.shipped_data)])
def site(request):
    """Each test below runs on the hostile fixture and on the shipped data/ (marked shipped_data)."""
    return request.getfixturevalue("fixture_site" if request.param == "fixture" else "shipped_site")


def test_links_anchors_and_hosts(site):
    site_dir, _ = site
    assert check_site(site_dir) == []


def test_every_record_has_a_page_in_both_languages(site):
    site_dir, report = site
    dataset = report.derived.dataset
    assert sum(len(dataset.records[kind.name]) for kind in PAGE_KINDS) >= 5
    for kind in PAGE_KINDS:
        for record_id in dataset.records[kind.name]:
            for prefix in ("", "en/"):
                page = site_dir / prefix / kind.name / record_id / "index.html"
                assert page.is_file(), page


def test_hand_written_pages_exist_in_both_languages():
    zh = {p.relative_to(REPO_ROOT / "docs" / "zh") for p in (REPO_ROOT / "docs" / "zh").rglob("*.md")}
    en = {p.relative_to(REPO_ROOT / "docs" / "en") for p in (REPO_ROOT / "docs" / "en").rglob("*.md")}
    assert zh and zh == en


def _listed_ids(page: Path, kind: str) -> list[str]:
    html = page.read_text(encoding="utf-8")
    table = html[html.index(f'<table class="portal-records" data-kind="{kind}"'):]
    table = table[: table.index("</table>")]
    return re.findall(r'<tr data-id="([^"]+)"', table)


def test_indexes_and_facets_list_exactly_their_records(site):
    site_dir, report = site
    derived = report.derived
    dataset = derived.dataset
    for kind in PAGE_KINDS:
        for prefix in ("", "en/"):
            listed = _listed_ids(site_dir / prefix / kind.name / "index.html", kind.name)
            assert sorted(listed) == sorted(dataset.records[kind.name])
    ctx = PageContext("zh", derived, settings_for())
    checked = 0
    for facet in FACETS:
        for value, (_name, _ids) in facet_groups(facet, ctx).items():
            expected = sorted(i for i, r in dataset.records[facet.kind].items()
                              if value in [v for v, _ in facet.values(i, r, ctx)])
            for prefix in ("", "en/"):
                page = site_dir / prefix / facet.kind / f"by-{facet.name}" / value / "index.html"
                assert sorted(_listed_ids(page, facet.kind)) == expected, page
                checked += 1
    assert checked > 10


def test_every_facet_folder_has_an_index_page_linking_each_value(site):
    """/cases/by-tier/ is a page listing the tiers, not a bare folder (a server would list it or answer 403)."""
    site_dir, report = site
    for lang in ("zh", "en"):
        ctx = PageContext(lang, report.derived, settings_for())
        for facet in FACETS:
            folder = site_dir / ("en" if lang == "en" else "") / facet.kind / f"by-{facet.name}"
            index = folder / "index.html"
            assert index.is_file(), index
            html = index.read_text(encoding="utf-8")
            for value, (name, ids) in facet_groups(facet, ctx).items():
                assert f'href="{value}/"' in html, (index, value)
                assert (folder / value / "index.html").is_file()
            assert {p.name for p in folder.iterdir() if p.is_dir()} == set(facet_groups(facet, ctx)), folder


def test_no_english_page_says_one_with_a_plural(site):
    site_dir, _ = site
    offenders = {}
    for page in (site_dir / "en").rglob("*.html"):
        found = ONE_PLURAL.findall(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))
        if found:
            offenders[page.relative_to(site_dir).as_posix()] = sorted(set(found))
    assert offenders == {}


def test_a_count_of_one_is_singular_in_english(fixture_site):
    """The fixture has one case: its English list says "1 record" (the check above would pass on an empty site)."""
    site_dir, _ = fixture_site
    html = (site_dir / "en" / "cases" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"\b1 record\b", html) and not re.search(r"\b1 records\b", html)
    zh = (site_dir / "cases" / "index.html").read_text(encoding="utf-8")
    assert "共 1 条" in zh


def test_issuer_facet_urls_do_not_follow_the_english_name(tmp_path):
    """Renaming an issuer in English keeps every regulations/by-issuer/<slug>/ address (bookmarks, QR codes)."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    before = build(tmp_path / "before", data)
    for path in (data / "regulations").glob("*.yml"):
        _rewrite(path, lambda r: r["issuer"].update(en="Renamed " + r["issuer"]["en"]))
    after = build(tmp_path / "after", data)
    slugs = {}
    for name, report in (("before", before), ("after", after)):
        ctx = PageContext("en", report.derived, settings_for(data))
        groups = facet_groups(next(f for f in FACETS if f.kind == "regulations" and f.name == "issuer"), ctx)
        slugs[name] = set(groups)
        for lang_dir in (tmp_path / name, tmp_path / name / "en"):
            assert {p.name for p in (lang_dir / "regulations" / "by-issuer").iterdir() if p.is_dir()} == set(groups)
    assert slugs["before"] == slugs["after"] and len(slugs["before"]) == 2
    renamed = (tmp_path / "after" / "en" / "regulations" / "by-issuer" / "index.html").read_text(encoding="utf-8")
    assert "Renamed Test Authority" in renamed  # the name shown changed, the address did not


def test_hostile_strings_render_literally(fixture_site):
    site_dir, _ = fixture_site
    for prefix in ("", "en/"):
        html = (site_dir / prefix / "cases" / "test-case-2020" / "index.html").read_text(encoding="utf-8")
        assert "<script>alert" not in html
        assert ("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; {{ 7*7 }} {% include &#39;base.html&#39; %} a|b "
                "\\back &#34;dq&#34;") in html
        article = (site_dir / prefix / "articles" / "test-article" / "index.html").read_text(encoding="utf-8")
        assert "<script>alert" not in article and "{{ 7*7 }}" in article
        assert "javascript:" not in article
        assert 'href="https://example.org/x"' in article


def test_a_javascript_link_in_a_body_stops_the_build_and_writes_nothing(tmp_path):
    from portal.check.problems import InvalidData

    out = tmp_path / "site"
    with pytest.raises(InvalidData) as refused:
        build(out, _hostile_data(tmp_path, body_extra=JAVASCRIPT_LINK))
    assert [p.code for p in refused.value.problems] == ["markdown.unsafe-link"]
    assert "javascript:alert(1)" in str(refused.value.problems[0]) and not out.exists()


def test_language_switch_points_to_same_page(site):
    """On every page the header's language link leads to the same page in the other language, and back."""
    site_dir, _ = site
    pages = [p for p in site_dir.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 50
    for page in pages:
        match = LANG_SWITCH.search(page.read_text(encoding="utf-8"))
        if match is None:
            continue  # print pages (cards) have no header
        target = (page.parent / match.group(1))
        target = (target / "index.html" if match.group(1).endswith("/") else target).resolve()
        rel = page.relative_to(site_dir).as_posix()
        counterpart = rel[3:] if rel.startswith("en/") else "en/" + rel
        assert target == (site_dir / counterpart).resolve(), (rel, match.group(1))
    index = (site_dir / "cases" / "index.html").read_text(encoding="utf-8")
    assert LANG_SWITCH.search(index).group(1) == "../en/cases/"


def test_missing_english_body_is_announced(fixture_site):
    site_dir, _ = fixture_site
    html = (site_dir / "en" / "articles" / "test-article" / "index.html").read_text(encoding="utf-8")
    assert "English translation of this text is not available yet" in html
    assert 'lang="zh-CN"' in html


def test_regulation_status_and_cited_by(fixture_site):
    site_dir, _ = fixture_site
    html = (site_dir / "regulations" / "future-law" / "index.html").read_text(encoding="utf-8")
    assert "尚未施行" in html
    old = (site_dir / "regulations" / "accident-reporting-investigation-regulation" / "index.html").read_text(
        encoding="utf-8")
    assert "现行有效" in old and "test-case-2020" in old and 'id="art-3"' in old
    assert 'href="../future-law/"' in old  # superseded-by link in the version chain


def test_open_data_export(fixture_site):
    import json

    site_dir, report = fixture_site
    import gzip

    cases = json.loads(gzip.decompress((site_dir / "data" / "cases.json.gz").read_bytes()).decode("utf-8"))
    assert cases["count"] == len(report.derived.dataset.cases)
    assert cases["records"][0]["computed_tier"] == "relatively-major"



def test_readers_download_is_a_readers_workbook(fixture_site):
    import csv

    import openpyxl

    site_dir, report = fixture_site
    book = openpyxl.load_workbook(site_dir / "data" / "cases.xlsx")
    assert len(book.worksheets) == 1, "no instructions or lists sheet: not the editors' template"
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert not any("*" in h for h in header) and sheet["A2"].value != "Case ID", "one header row, no marks"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}{sheet.max_row}"
    assert sheet.max_row == 1 + len(report.derived.dataset.cases)
    rows = {row[0]: dict(zip(header, row)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["test-case-2020"]["事故等级（计算）/ Tier (computed)"] == "较大事故"
    assert rows["test-case-2020"]["页面 / Page"] == "../cases/test-case-2020/"
    assert (site_dir / "cases" / "test-case-2020" / "index.html").is_file()
    import gzip
    import io

    text = gzip.decompress((site_dir / "data" / "cases.csv.gz").read_bytes()).decode("utf-8")
    assert text.startswith("\ufeff"), "a BOM for Excel"
    lines = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert lines[0] == header and len(lines) == sheet.max_row
    laws = openpyxl.load_workbook(site_dir / "data" / "regulations.xlsx").worksheets[0]
    header = [cell.value for cell in laws[1]]
    rows = {row[0]: dict(zip(header, row)) for row in laws.iter_rows(min_row=2, values_only=True)}
    status = "效力状态（计算）/ Status (computed)"   # the computed status as the page says it, not a term id
    assert header.count(status) == 1 and "效力状态 / Status" not in header
    assert rows["future-law"][status] == "尚未施行" and rows["gb-6441-1986"][status] == "现行有效"
    assert rows["accident-reporting-investigation-regulation"]["被替代为 / Superseded by"] == "future-law"


def test_open_data_folder_has_a_page_listing_its_files_in_both_languages(fixture_site):
    """data/ is no bare folder (a 403 when a reader trims a download's address): its page links every kind's files,
    and the English page links the same files at the site root (one copy for both languages)."""
    import re

    site_dir, report = fixture_site
    for page, up in ((site_dir / "data" / "index.html", "../data/"), (site_dir / "en" / "data" / "index.html", "../../data/")):
        html = page.read_text(encoding="utf-8")
        links = set(re.findall(r'href="([^"]+\.(?:json\.gz|xlsx|csv\.gz))"', html))
        assert len(links) == 3 * len(report.derived.dataset.records), page
        for link in links:
            assert (page.parent / link).resolve().is_file(), (page, link)
        assert f'href="{up}cases.json.gz"' in html
    assert not (site_dir / "en" / "data" / "cases.json.gz").exists()


def test_sample_banner_and_no_phone_link_for_a_fictitious_number(fixture_site):
    site_dir, _ = fixture_site
    html = (site_dir / "contacts" / "test-directory" / "index.html").read_text(encoding="utf-8")
    assert '<p class="admonition-title">示例数据</p>' in html
    english = (site_dir / "en" / "contacts" / "test-directory" / "index.html").read_text(encoding="utf-8")
    assert '<p class="admonition-title">Sample data</p>' in english, "the English page's banner heading is English"
    # A sample directory's own numbers are fictitious: shown, marked, never a link a phone would dial.
    assert "0831-8221234" in html and 'href="tel:08318221234"' not in html and "虚构号码，请勿拨打" in html


def test_no_page_uses_remote_resources(site):
    site_dir, _ = site
    pages = list(site_dir.rglob("*.html"))
    assert pages
    for path in pages:
        for tag, url, _attrs in parse_html(path).links:
            if tag != "a":
                assert not re.match(r"^(https?:)?//", url), (path, url)


def test_hostile_title_is_escaped_in_the_header(fixture_site):
    site_dir, _ = fixture_site
    for prefix in ("", "en/"):
        html = (site_dir / prefix / "cases" / "test-case-2020" / "index.html").read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", html, re.DOTALL).group(1)
        assert "<script>" not in title and "&lt;script&gt;" in title
        assert "<script>alert" not in html


def test_every_frame_is_filled_and_no_placeholder_page_is_left(site):
    from portal.engine.frames import CONTENT, SHELL_DIR, TITLE

    site_dir, _ = site
    for lang_dir in (site_dir, site_dir / "en"):
        assert not list(lang_dir.glob(f"{SHELL_DIR}*")), lang_dir
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert TITLE not in text and CONTENT not in text and f"{SHELL_DIR}/" not in text, page


def test_site_check_refuses_links_with_an_empty_path_segment(tmp_path):
    """Browsers keep the empty segment ("en//../" is "en/"), the file system drops it: such a link must be refused."""
    (tmp_path / "en").mkdir()
    (tmp_path / "index.html").write_text('<a href="en/index.html">ok</a><a href="en//../">two slashes</a>',
                                         encoding="utf-8")
    (tmp_path / "en" / "index.html").write_text("<p>en</p>", encoding="utf-8")
    assert check_site(tmp_path) == ["index.html: link with an empty path segment (//): en//../"]


def test_site_check_resolves_dot_segments_of_the_404_page_as_browsers_do(tmp_path):
    """The English 404 page links its Chinese counterpart as <base>en/../: a browser resolves it to <base>."""
    (tmp_path / "en").mkdir()
    (tmp_path / "index.html").write_text("<p>zh</p>", encoding="utf-8")
    (tmp_path / "en" / "404.html").write_text('<a href="/safety/en/../">中文</a><a href="/safety/en/../../x/">out</a>',
                                              encoding="utf-8")
    assert check_site(tmp_path, base_path="/safety/") == ["en/404.html: absolute link breaks under a sub-path: "
                                                          "/safety/en/../../x/"]
    (tmp_path / "en" / "404.html").write_text('<a href="/../">中文</a><a href="/en/../nowhere/">x</a>', encoding="utf-8")
    assert check_site(tmp_path) == ["en/404.html: broken link /en/../nowhere/ (no file nowhere/index.html)"]


def test_build_with_a_relative_work_folder(tmp_path, monkeypatch):
    """A work folder given relative to the current directory (scripts, `--work build/bench`) still builds: the
    engine's staged config must not resolve it a second time."""
    from portal.build.pipeline import build_site
    from portal_testing import MINIMAL, settings_for

    monkeypatch.chdir(tmp_path)
    report = build_site(settings_for(MINIMAL, work_dir=Path("work")), Path("site"))
    assert (tmp_path / "site" / "index.html").is_file() and sum(report.pages.values()) > 0


def test_swap_replaces_the_site_and_removes_the_old_one_in_the_background(tmp_path):
    import time as clock

    from portal.build.pipeline import swap_into_place

    out = tmp_path / "site"
    (out / "deep" / "er").mkdir(parents=True)
    (out / "deep" / "er" / "old.html").write_text("old", encoding="utf-8")
    (tmp_path / "site.old-1-2").mkdir()  # left by a build whose deletion was cut short
    new = tmp_path / "new"
    new.mkdir()
    (new / "index.html").write_text("new", encoding="utf-8")
    swap_into_place(new, out)
    assert (out / "index.html").read_text(encoding="utf-8") == "new" and not (out / "deep").exists()
    deadline = clock.monotonic() + 20
    while list(tmp_path.glob("site.*")) and clock.monotonic() < deadline:
        clock.sleep(0.05)
    assert list(tmp_path.glob("site.*")) == [], "the old site (and the earlier leftover) were not removed"
