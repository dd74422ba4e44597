# Tests of import-statute on a small mirror in the LawRefBook/flk layout: dating rules, levels, bodies without articles, layers.
"""Every file of tests/importers/fixtures/mirror is imported with its text: each dating case gives its documented
date (marked inferred when a rule gave it) or none (施行日期不详), each folder its level, a body without 第X条 its
paragraphs; importing again changes nothing; an earlier layer's statute is overridden, never duplicated; unreadable
input is one problem line and exit status 1, never a traceback; the layer validates."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml

from portal.check.validate import load_checked
from portal.importers.statute import (date_version, import_statutes, level_for_path, main, mirror_root,
                                      parse_statute)
from portal.settings import Settings

MIRROR = Path(__file__).parent / "fixtures" / "mirror"
TODAY = dt.date(2026, 12, 1)


def parsed(relative: str):
    return parse_statute((MIRROR / relative).read_text(encoding="utf-8"), relative)


@pytest.mark.parametrize("relative, effective, rule, change", [
    # A 修正 by a decision, no in-force date in the text: the decision's publication (the header's line).
    ("社会法/示例生产法(2014-08-31).md", "2014-08-31", "decision-publication", "2014-08-31"),
    # The original text's own clause.
    ("社会法/示例生产法(2002-06-29).md", "2002-11-01", None, None),
    # The file name's date is 19 years after the header's only line: a change the header lacks.
    ("行政法规/示例煤矿条例(2013-07-18).md", "2013-07-18", "file-name-publication", "2013-07-18"),
    # 自2013年10月１日起施行: full-width digit read.
    ("行政法规/示例标识条例(2013-08-15).md", "2013-10-01", None, None),
    # 自公布之日起施行 with no 公布 line: the database's 公布 date in the file name.
    ("宪法相关法/示例海域法(1998-06-26).md", "1998-06-26", "publication-day-file-name", None),
    # 自公布之日起施行 with a 公布 line.
    ("司法解释/最高人民法院关于审理示例纠纷案件适用法律若干问题的解释(2001-04-16).md", "2001-04-16",
     "publication-day", None),
    # A 施行 line.
    ("司法解释/最高人民法院关于审理示例纠纷案件适用法律若干问题的解释(2020-12-29).md", "2021-01-01", None, None),
    # A local 修正 by a decision; the original's clause (2014) does not date the amended text.
    ("DLC/广东地方法规/地方性法规/广东/广东省示例道路条例(2021-09-29).md", "2021-09-29", "decision-publication",
     "2021-09-29"),
    # A full 修订 (no decision) that states no in-force date: no rule dates it.
    ("经济法/示例修订法(2009-12-26).md", None, None, "2009-12-26"),
    # No dates at all (a case).
    ("案例/劳动人事/示例加班费案.md", None, None, None),
])
def test_each_dating_case(relative, effective, rule, change):
    dating = date_version(parsed(relative))
    assert (dating.effective, dating.rule, dating.adopted) == (effective, rule, change), dating.why


def test_levels_from_each_folder_of_the_mirror():
    assert mirror_root(MIRROR / "案例" / "劳动人事" / "示例加班费案.md") == MIRROR.resolve()
    assert mirror_root(MIRROR / "DLC" / "广东地方法规" / "地方性法规" / "广东" / "x.md") == MIRROR.resolve()
    assert mirror_root(Path("/tmp/elsewhere/x.md")) is None
    expected = {"社会法/x.md": "law", "宪法相关法/x.md": "law", "民法典/总则.md": "law", "经济法/x.md": "law",
                "行政法规/x.md": "administrative-regulation", "部门规章/应急管理部/x.md": "departmental-rule",
                "司法解释/x.md": "judicial-interpretation", "案例/民法典/x.md": "published-case",
                "案例/劳动人事/x.md": "published-case",
                "DLC/广东地方法规/地方性法规/广东/x.md": "local-regulation", "DLC/上海地方法规/地方性法规/x.md": "local-regulation"}
    assert {path: level_for_path(path) for path in expected} == expected


def test_a_body_without_articles_keeps_its_paragraphs():
    case = parsed("案例/劳动人事/示例加班费案.md")
    assert [(s.heading, s.text) for s in case.sections] == [
        ("基本案情", "张某于2016年7月入职某公司,2019年2月离职。"), ("裁判结果", "一审法院判决:某公司支付张某加班费。")]
    decision = parsed("司法解释/最高人民法院、最高人民检察院关于修改《示例解释》的决定.md")
    assert decision.articles == [] and decision.sections[0].text.splitlines()[1].startswith("一、将《示例解释》")
    assert not [p for p in decision.problems if p.is_error]


def import_into(layers, capsys=None):
    report = import_statutes([MIRROR], layers, dry_run=False, today=TODAY)
    output = capsys.readouterr().out if capsys else ""
    return report, output


def records_of(layer: Path) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((layer / "regulations").glob("*.yml"))}


def test_every_file_is_imported_with_its_text_and_the_layer_validates(tmp_path, capsys):
    layer = tmp_path / "layer"
    report, output = import_into((layer,), capsys)
    files = [p for p in MIRROR.rglob("*.md") if p.name != "README.md"]
    assert report.refused == {} and len(report.outcomes) == len(files) == report.files
    assert all(line.startswith("imported with text") for line in report.outcomes.values())
    for relative in (p.relative_to(MIRROR).as_posix() for p in files):  # one summary line per file
        assert sum(1 for line in output.splitlines() if line.startswith(f"{relative}: ")) == 1
    records = records_of(layer)
    texts = [t for r in records.values() for t in r["texts"]]
    assert len(texts) == len(files)
    # Sources name the file inside the mirror, never a local path, and call it a mirror.
    for record in records.values():
        for source in record["sources"]:
            assert source["kind"] == "other" and "镜像" in source["publisher"]
            assert str(tmp_path) not in source.get("url", "") and "fixtures" not in source.get("url", "")
    assert any(s["url"].endswith("%E7%A4%BA%E4%BE%8B%E7%94%9F%E4%BA%A7%E6%B3%95%282014-08-31%29.md")
               and "blob/master/%E7%A4%BE%E4%BC%9A%E6%B3%95/" in s["url"]
               for r in records.values() for s in r["sources"])
    result = load_checked(Settings(data_dirs=(layer,), today=TODAY))
    assert [str(p) for p in result.problems] == []


def test_metadata_of_the_drafts(tmp_path):
    layer = tmp_path / "layer"
    import_into((layer,))
    records = {r["title"]["zh"] + ("" if r.get("effective") is None else "") + str(r.get("adopted", "")): r
               for r in records_of(layer).values()}
    law = records["中华人民共和国示例生产法2002-06-29"]
    assert law["issuer"] == {"zh": "全国人民代表大会常务委员会"} and "promulgated" not in law  # 通过, not 公布
    assert str(law["effective"]) == "2002-11-01" and "effective_inferred" not in law
    # All versions of one statute are linked versions of one record, each with its text.
    assert [str(t["version"]) for t in law["texts"]] == ["2002-11-01", "2014-08-31"]
    assert [(str(a["date"]), str(a["effective"]), a["effective_inferred"]) for a in law["amendments"]] == [
        ("2009-08-27", "2009-08-27", "decision-publication"), ("2014-08-31", "2014-08-31", "decision-publication")]
    # Full-width punctuation restored in the texts marked verbatim.
    article_2 = law["texts"][1]["articles"][1]["text"]
    assert article_2 == "生产经营单位应当遵守下列规定：\n（一）建立责任制；\n（二）保证投入。"
    rule = records["示例培训规定"]
    assert (rule["issuer"], rule["doc_number"], str(rule["promulgated"])) == (
        {"zh": "国家安全生产监督管理总局"}, "国家安全生产监督管理总局令第50号", "2012-01-19")
    local = records["广东省示例道路条例2013-11-21"]
    assert local["issuer"] == {"zh": "广东省人民代表大会常务委员会"} and local["level"] == "local-regulation"
    decision = records["最高人民法院、最高人民检察院关于修改《示例解释》的决定2018-07-30"]
    assert decision["issuer"] == {"zh": "最高人民法院、最高人民检察院"}
    assert decision["texts"][0]["sections"][0]["text"].startswith("根据司法实践情况，现决定")
    # The version no rule dates keeps its text, named by its adoption; the page says 施行日期不详.
    revised = records["中华人民共和国示例修订法1990-09-07"]
    assert revised["texts"][0] == {**revised["texts"][0], "adopted": dt.date(2009, 12, 26)}
    assert "version" not in revised["texts"][0] and "effective" not in revised["amendments"][0]


def test_two_documents_with_one_title_stay_apart(tmp_path):
    layer = tmp_path / "layer"
    import_into((layer,))
    records = list(records_of(layer).values())
    interpretations = [r for r in records if r["title"]["zh"] == "最高人民法院关于审理示例纠纷案件适用法律若干问题的解释"]
    assert sorted(str(r["effective"]) for r in interpretations) == ["2001-04-16", "2021-01-01"]
    assert all(len(r["texts"]) == 1 for r in interpretations)
    parts = sorted(r["title"]["zh"] for r in records if r["title"]["zh"].startswith("中华人民共和国示例法典"))
    assert parts == ["中华人民共和国示例法典（总则）", "中华人民共和国示例法典（物权编）"]


def test_importing_again_changes_nothing(tmp_path, capsys):
    layer = tmp_path / "layer"
    import_into((layer,), capsys)
    before = {p.name: p.read_bytes() for p in (layer / "regulations").iterdir()}
    report, output = import_into((layer,), capsys)
    assert {p.name: p.read_bytes() for p in (layer / "regulations").iterdir()} == before  # no -2 copies, no change
    assert "MISMATCH" not in output and report.drafts == {} and report.refused == {}
    assert all(line.startswith("already in") for line in report.outcomes.values())


def test_a_statute_of_an_earlier_layer_gets_the_new_version_as_an_override(tmp_path, capsys):
    base, org = tmp_path / "base", tmp_path / "org"
    old = tmp_path / "old-mirror"
    shutil.copytree(MIRROR / "社会法", old / "社会法")
    (old / "社会法" / "示例生产法(2014-08-31).md").unlink()
    import_statutes([old], (base,), dry_run=False, today=TODAY)
    (base_file,) = (base / "regulations").iterdir()
    base_text = base_file.read_text(encoding="utf-8")

    report, output = import_into((base, org), capsys)
    assert base_file.read_text(encoding="utf-8") == base_text
    override = org / "regulations" / base_file.name
    record = yaml.safe_load(override.read_text(encoding="utf-8"))
    assert record["overrides"] is True and [str(t["version"]) for t in record["texts"]] == ["2002-11-01", "2014-08-31"]
    assert f"overrides {base_file}" in output
    assert not any(r["title"]["zh"] == "中华人民共和国示例生产法" for name, r in records_of(org).items()
                   if name != base_file.stem), "no second record of the statute"
    result = load_checked(Settings(data_dirs=(base, org), today=TODAY))
    assert [str(p) for p in result.problems] == []

    again = {p.name: p.read_bytes() for p in (org / "regulations").iterdir()}
    report, output = import_into((base, org), capsys)
    assert {p.name: p.read_bytes() for p in (org / "regulations").iterdir()} == again
    assert "MISMATCH" not in output and report.refused == {}


@pytest.mark.parametrize("content, words", [
    ("# 示例条例\n\n第一条 本条例自公布之日起施行。\n".encode("gb18030"), "not UTF-8"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
])
def test_gbk_or_binary_input_is_one_problem_line_and_exit_1(tmp_path, capsys, content, words):
    mirror = tmp_path / "mirror" / "行政法规"
    mirror.mkdir(parents=True)
    (mirror / "示例条例(2020-01-01).md").write_bytes(content)
    status = main(["--data", str(tmp_path / "layer"), str(tmp_path / "mirror")])
    captured = capsys.readouterr()
    assert status == 1 and "Traceback" not in captured.err
    lines = [line for line in captured.err.splitlines() if words in line]
    assert len(lines) == 1 and lines[0].startswith("行政法规/示例条例(2020-01-01).md: (file): ")
    assert "行政法规/示例条例(2020-01-01).md: refused: " in captured.out
    assert not (tmp_path / "layer" / "regulations").exists() or not list((tmp_path / "layer" / "regulations").iterdir())


def test_pages_show_inferred_and_unknown_in_force_dates(tmp_path):
    """The page says how a date was inferred, and 施行日期不详 for a version no rule dates (never its adoption date as
    its in-force date); the undated version's text has its own page."""
    from portal.derive.facts import Derived
    from portal.kinds import KINDS, regulations
    from portal.load.dataset import read_dataset
    from portal.pages.context import PageContext

    layer = tmp_path / "layer"
    import_into((layer,))
    ids = {r["title"]["zh"]: i for i, r in records_of(layer).items()}
    derived = Derived(read_dataset((layer,), KINDS), TODAY)
    view = regulations.KIND.view_part()

    def page(record_id, lang="zh"):
        return view.render(record_id, PageContext(lang, derived, Settings(data_dirs=(layer,), today=TODAY),
                                                  f"regulations/{record_id}/")).html

    law = page(ids["中华人民共和国示例生产法"])
    assert "推定：以决定修改的，自决定公布之日起施行" in law
    assert "inferred: a change made by a decision" in page(ids["中华人民共和国示例生产法"], "en")
    revised_id = ids["中华人民共和国示例修订法"]
    revised = page(revised_id)
    assert "施行日期不详" in revised and "施行日期 2009-12-26" not in revised
    assert "in-force date not stated" in page(revised_id, "en")
    assert view.version_pages(revised_id, records_of(layer)[revised_id]) == ["undated-2009-12-26"]
    text_page = view.render_version(revised_id, "undated-2009-12-26", PageContext(
        "zh", derived, Settings(data_dirs=(layer,), today=TODAY), f"regulations/{revised_id}/undated-2009-12-26/")).html
    assert "2009-12-26 修改后的文本（施行日期不详）" in text_page and "为了示例修订" in text_page
    case = page(ids["示例加班费案"])
    assert "基本案情" in case and "一审法院判决：某公司支付张某加班费。" in case


def test_an_imported_layer_builds_with_every_version_page(tmp_path):
    """Built on top of the minimal data set: the undated version has its own page saying 施行日期不详, the inferred
    dates are explained on the record's page, a case's paragraphs are on its page and in the search index."""
    from portal_testing import MINIMAL, build

    layer = tmp_path / "layer"
    import_statutes([MIRROR], (MINIMAL, layer), dry_run=False, today=TODAY)
    ids = {r["title"]["zh"]: i for i, r in records_of(layer).items()}
    site = tmp_path / "site"
    build(site, MINIMAL, layer)
    revised = site / "regulations" / ids["中华人民共和国示例修订法"]
    assert "施行日期不详" in (revised / "undated-2009-12-26" / "index.html").read_text(encoding="utf-8")
    assert "in-force date not stated" in (site / "en" / "regulations" / ids["中华人民共和国示例修订法"] / "index.html"
                                          ).read_text(encoding="utf-8")
    law = (site / "regulations" / ids["中华人民共和国示例生产法"] / "index.html").read_text(encoding="utf-8")
    assert "推定：以决定修改的，自决定公布之日起施行" in law and "2014-08-31" in law
    case = (site / "regulations" / ids["示例加班费案"] / "index.html").read_text(encoding="utf-8")
    assert "基本案情" in case and "一审法院判决：某公司支付张某加班费。" in case
    from portal.search.builder import read_doc_shard
    # the doc shards' texts are packed (zlib, base 64): read as the browser does
    index = "".join(record[5] for p in (site / "search-index").rglob("d*.js")
                    for record in read_doc_shard(json.loads(p.read_text(encoding="utf-8").split(",", 1)[1][:-3])))
    assert "一审法院判决：某公司支付张某加班费。" in index  # the section text itself, not only the title
