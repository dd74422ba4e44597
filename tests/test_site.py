# Built-site checks: links and anchors resolve in both languages, every record has both pages, lists are exact, no external loads, hostile text literal.
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from portal.build import build_site
from portal.dataset import DEFAULT_DATA_DIR, PAGE_KINDS, read_dataset
from portal.model import Derived
from portal.render import FACETS, PageContext, facet_groups
from portal.sitecheck import check_site, parse_html

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
HOSTILE = "<script>alert('x')</script> {{ 7*7 }} {% include 'base.html' %} a|b \\back \"dq\" 'sq'"
EPOCH = str(int(dt.datetime(2026, 11, 23, tzinfo=dt.timezone.utc).timestamp()))


def _hostile_data(tmp: Path) -> Path:
    data = tmp / "data"
    shutil.copytree(FIXTURE, data)
    path = data / "cases" / "test-case-2020.yml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record["summary"] = {"zh": HOSTILE, "en": HOSTILE}
    record["title"] = {"zh": "坠落 " + HOSTILE, "en": "fall " + HOSTILE}
    record["lessons"] = [{"zh": HOSTILE}]
    record["place"]["city"] = {"zh": HOSTILE, "en": HOSTILE}
    path.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    article = data / "articles" / "test-article.yml"
    record = yaml.safe_load(article.read_text(encoding="utf-8"))
    record["body"] = {"zh": "## 标题\n\n" + HOSTILE + "\n\n[bad](javascript:alert(1)) [ok](https://example.org/x)"}
    article.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    return data


class _Builds(dict):
    """Builds each data set ("fixture" with hostile strings, "shipped") once per test session, on first use."""

    def __init__(self, factory):
        super().__init__()
        self.factory = factory

    def __missing__(self, name):
        tmp = self.factory.mktemp(name)
        data = _hostile_data(tmp) if name == "fixture" else DEFAULT_DATA_DIR
        site = tmp / "site"
        build_site(site, data, extra_env={"SOURCE_DATE_EPOCH": EPOCH})
        self[name] = (data, site)
        return self[name]


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    return _Builds(tmp_path_factory)


@pytest.fixture(params=["fixture", "shipped"])
def site(request, built):
    return built[request.param]


def test_links_anchors_and_hosts(site):
    _, site_dir = site
    assert check_site(site_dir) == []


def test_every_record_has_a_page_in_both_languages(site):
    data, site_dir = site
    dataset = read_dataset(data)
    for kind in PAGE_KINDS:
        for record_id in dataset.records[kind]:
            for prefix in ("", "en/"):
                page = site_dir / prefix / kind / record_id / "index.html"
                assert page.is_file(), page


def test_hand_written_pages_exist_in_both_languages():
    zh = {p.relative_to(DEFAULT_DATA_DIR.parent / "docs" / "zh") for p in (DEFAULT_DATA_DIR.parent / "docs" / "zh").rglob("*.md")}
    en = {p.relative_to(DEFAULT_DATA_DIR.parent / "docs" / "en") for p in (DEFAULT_DATA_DIR.parent / "docs" / "en").rglob("*.md")}
    assert zh == en


def _listed_ids(page: Path, kind: str) -> list[str]:
    html = page.read_text(encoding="utf-8")
    table = html[html.index(f'<table class="portal-records" data-kind="{kind}"'):]
    table = table[: table.index("</table>")]
    return re.findall(r'<tr data-id="([^"]+)"', table)


def test_indexes_and_facets_list_exactly_their_records(site):
    data, site_dir = site
    dataset = read_dataset(data)
    derived = Derived(dataset, dt.date(2026, 11, 23))
    for kind in PAGE_KINDS:
        for prefix in ("", "en/"):
            assert sorted(_listed_ids(site_dir / prefix / kind / "index.html", kind)) == sorted(dataset.records[kind])
    ctx = PageContext("zh", derived, link=lambda s: s)
    for facet in FACETS:
        for value, (_name, _ids) in facet_groups(facet, ctx).items():
            expected = sorted(i for i, r in dataset.records[facet.kind].items()
                              if value in [v for v, _ in facet.values(i, r, ctx)])
            page = site_dir / facet.kind / f"by-{facet.name}" / value / "index.html"
            assert sorted(_listed_ids(page, facet.kind)) == expected, page


def test_hostile_strings_render_literally(built):
    _, site_dir = built["fixture"]
    for prefix in ("", "en/"):
        html = (site_dir / prefix / "cases" / "test-case-2020" / "index.html").read_text(encoding="utf-8")
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; {{ 7*7 }} {% include &#39;base.html&#39; %} a|b \\back &#34;dq&#34;" in html
        article = (site_dir / prefix / "articles" / "test-article" / "index.html").read_text(encoding="utf-8")
        assert "<script>alert" not in article and "{{ 7*7 }}" in article
        assert "javascript:" not in article
        assert 'class="portal-external" href="https://example.org/x"' in article or 'href="https://example.org/x"' in article


def test_language_switch_points_to_same_page(site):
    _, site_dir = site
    page = site_dir / "cases" / "index.html"
    html = page.read_text(encoding="utf-8")
    switch = re.search(r'<a href="([^"]+)" class="md-select__link portal-lang-switch"', html).group(1)
    assert (page.parent / switch).resolve() == (site_dir / "en" / "cases" / "index.html").resolve().parent or \
        (page.parent / switch / "index.html").resolve() == (site_dir / "en" / "cases" / "index.html").resolve()
    en_page = site_dir / "en" / "cases" / "index.html"
    back = re.search(r'<a href="([^"]+)" class="md-select__link portal-lang-switch"', en_page.read_text(encoding="utf-8")).group(1)
    assert (en_page.parent / back / "index.html").resolve() == page.resolve()


def test_missing_english_body_is_announced(built):
    _, site_dir = built["fixture"]
    html = (site_dir / "en" / "articles" / "test-article" / "index.html").read_text(encoding="utf-8")
    assert "English translation of this text is not available yet" in html
    assert 'lang="zh-CN"' in html


def test_regulation_status_and_cited_by(built):
    _, site_dir = built["fixture"]
    html = (site_dir / "regulations" / "future-law" / "index.html").read_text(encoding="utf-8")
    assert "尚未施行" in html
    old = (site_dir / "regulations" / "accident-reporting-investigation-regulation" / "index.html").read_text(encoding="utf-8")
    assert "现行有效" in old and "test-case-2020" in old and 'id="art-3"' in old
    assert 'href="../future-law/"' in old  # superseded-by link in the version chain


def test_open_data_export(built):
    data, site_dir = built["fixture"]
    cases = json.loads((site_dir / "data" / "cases.json").read_text(encoding="utf-8"))
    assert cases["count"] == len(read_dataset(data).cases)
    assert cases["records"][0]["computed_tier"] == "relatively-major"


def test_sample_banner_and_record_search_fields(built):
    _, site_dir = built["fixture"]
    html = (site_dir / "contacts" / "test-directory" / "index.html").read_text(encoding="utf-8")
    assert "示例数据 / sample data" in html and 'href="tel:08318221234"' in html
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = " ".join(doc["text"] + doc["title"] for doc in index["docs"])
    assert "测试令第1号" in texts.replace("\u200b", "")


def test_no_page_uses_remote_resources(site):
    _, site_dir = site
    for path in list(site_dir.rglob("*.html"))[:400]:
        for tag, url, _attrs in parse_html(path).links:
            if tag != "a":
                assert not re.match(r"^(https?:)?//", url), (path, url)


def test_hostile_title_is_escaped_in_header_and_search_index(built):
    _, site_dir = built["fixture"]
    for prefix in ("", "en/"):
        html = (site_dir / prefix / "cases" / "test-case-2020" / "index.html").read_text(encoding="utf-8")
        assert "<script>alert" not in html
        index = (site_dir / prefix / "search" / "search_index.json").read_text(encoding="utf-8")
        assert "<script>" not in index and "&lt;script&gt;" in index
