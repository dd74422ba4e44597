# Tests of the statute importer (portal.importers.statute) on small fixture texts in the LawRefBook layout.
from pathlib import Path

import pytest
import yaml

from portal.importers.statute import (import_statutes, key_article_mismatches,
                                      level_for_path, mirror_url, parse_statute, statute_to_record, version_date)

FIXTURES = Path(__file__).parent / "fixtures" / "法律"
LAW_2021 = FIXTURES / "社会法" / "示例安全法(2021-06-10).md"
LAW_2002 = FIXTURES / "社会法" / "示例安全法(2002-06-29).md"
REGULATION = FIXTURES / "行政法规" / "示例管理条例(2014-07-29).md"
IMPLEMENTING = FIXTURES / "行政法规" / "示例实施条例(1996-10-30).md"


def parse(path: Path):
    return parse_statute(path.read_text(encoding="utf-8"), path.relative_to(FIXTURES.parent).as_posix())


def test_header_events_and_title():
    parsed = parse(LAW_2021)
    assert parsed.title == "中华人民共和国示例安全法"
    assert [e.as_tuple()[:2] for e in parsed.events] == [("2002-06-29", "通过"), ("2009-08-27", "修正"),
                                                          ("2021-06-10", "修正")]
    assert parsed.events[1].note.startswith("第十一届全国人民代表大会常务委员会第十次会议")
    assert parsed.file_date == "2021-06-10"
    assert parsed.effective == "2002-11-01"
    assert parsed.problems == []


def test_articles_chapters_sections():
    parsed = parse(LAW_2021)
    numbers = [a.number for a in parsed.articles]
    assert numbers == ["1", "2", "3", "3-1", "4", "5"]
    by_number = {a.number: a for a in parsed.articles}
    assert by_number["2"].text.startswith("在中华人民共和国领域内")  # full-width space after 第二条
    assert by_number["3-1"].text.split("\n") == ["生产经营单位应当建立全员安全生产责任制：", "（一）明确各岗位的责任人员；",
                                                 "(二)明确责任范围和考核标准。"]
    assert by_number["3"].chapter == "第二章 生产经营单位的安全生产保障"
    assert by_number["3"].section == "第一节 一般规定"
    assert by_number["4"].section == "第二节 从业人员"
    # "第五条规定的……" continues article 4; it does not start article 5.
    assert by_number["4"].text.endswith("第五条规定的事项，依照有关规定执行。")
    assert by_number["5"].chapter == "第三章 附则" and by_number["5"].section is None
    assert parsed.chapters == ["第一章 总则", "第二章 生产经营单位的安全生产保障", "第三章 附则"]


def test_parenthesised_header_over_two_lines_and_problems():
    parsed = parse(REGULATION)
    assert [e.as_tuple()[:2] for e in parsed.events] == [("2004-01-07", "通过"), ("2004-01-13", "公布"),
                                                          ("2013-07-18", "修订"), ("2014-07-29", "修订")]
    assert parsed.events[3].note == "《国务院关于修改部分行政法规的决定》第二次修订"
    assert parsed.effective == "2004-01-13"  # 自公布之日起施行 -> the 公布 line
    messages = [p.message for p in parsed.problems]
    assert any("article 2 appears twice" in m for m in messages)
    assert any("article 7 follows 2: numbers skipped" in m for m in messages)
    duplicate_line = next(p.line for p in parsed.problems if "appears twice" in p.message)
    assert REGULATION.read_text(encoding="utf-8").splitlines()[duplicate_line - 1].startswith("第二条 重复")


def test_front_matter_no_info_end_and_publication_day_in_force():
    parsed = parse(IMPLEMENTING)
    assert parsed.title == "中华人民共和国示例法实施条例"
    assert [e.kind for e in parsed.events] == ["通过", "公布"]  # 批准 is an adoption fact, 发布 the publication
    assert parsed.clause_publication and parsed.effective == "1996-10-30"  # 自发布之日施行
    assert [a.number for a in parsed.articles] == ["1", "2"]
    assert "(以下简称《示例法》)" in parsed.articles[0].text  # ASCII parentheses kept as published
    assert any("INFO END" in p.message for p in parsed.problems)


def test_levels_and_urls():
    assert level_for_path("社会法/安全生产法(2021-06-10).md") == "law"
    assert level_for_path("行政法规/工伤保险条例(2010-12-20).md") == "administrative-regulation"
    assert level_for_path("部门规章/公安部/机动车登记规定(2021-12-17).md") == "departmental-rule"
    assert level_for_path("DLC/山东地方法规/x.md") == "local-regulation"
    assert mirror_url("社会法/安全生产法(2021-06-10).md") == (
        "https://github.com/LawRefBook/Laws/blob/master/%E7%A4%BE%E4%BC%9A%E6%B3%95/"
        "%E5%AE%89%E5%85%A8%E7%94%9F%E4%BA%A7%E6%B3%95%282021-06-10%29.md")


def test_draft_record_from_text():
    draft = statute_to_record(parse(REGULATION), "administrative-regulation", None)
    assert draft["issuer"] == {"zh": "国务院"}
    assert draft["doc_number"] == "中华人民共和国国务院令第397号"
    # 公布 is the 令 line, never the 通过 line (kept as `adopted`).
    assert (draft["adopted"], draft["promulgated"]) == ("2004-01-07", "2004-01-13")
    # 自公布之日起施行: in force on the 公布 date, marked as inferred by that rule.
    assert (draft["effective"], draft["effective_inferred"]) == ("2004-01-13", "publication-day")
    # The decisions' in-force dates are not in the text: each takes effect on its publication, marked inferred.
    assert [(a["date"], a["type"], a["effective"], a["effective_inferred"]) for a in draft["amendments"]] == [
        ("2013-07-18", "revision", "2013-07-18", "decision-publication"),
        ("2014-07-29", "revision", "2014-07-29", "decision-publication")]
    assert [t["version"] for t in draft["texts"]] == ["2014-07-29"]
    assert draft["sources"][0]["kind"] != "official-text" and "镜像" in draft["sources"][0]["publisher"]


def test_version_from_existing_record():
    parsed = parse(LAW_2021)
    record = {"effective": "2002-11-01", "amendments": [{"date": "2009-08-27"},
                                                        {"date": "2021-06-10", "effective": "2021-09-01"}]}
    assert version_date(parsed, record) == "2021-09-01"
    merged = statute_to_record(parsed, "law", {"id": "x", **record})
    assert [t["version"] for t in merged["texts"]] == ["2021-09-01"]
    assert merged["texts"][0]["articles"][3] == {"number": "3-1", "chapter": "第二章 生产经营单位的安全生产保障",
                                                 "section": "第一节 一般规定",
                                                 "text": merged["texts"][0]["articles"][3]["text"]}
    assert version_date(parse(LAW_2002)) == "2002-11-01"


def test_key_article_mismatches():
    parsed = parse(LAW_2021)
    record = {"articles": [
        {"number": "1", "verbatim": True, "text": {"zh": "为了加强安全生产工作，防止和减少生产安全事故，制定本法。"}},
        {"number": "2", "verbatim": True, "text": {"zh": "在中华人民共和国领域内从事经营活动的单位的安全生产，适用本法。"}},
        {"number": "4", "verbatim": False, "text": {"zh": "摘要"}},
        {"number": "9", "verbatim": True, "text": {"zh": "不存在"}}]}
    messages = key_article_mismatches(record, parsed)
    assert len(messages) == 2
    assert messages[0].startswith("art. 2: verbatim text differs")
    assert messages[1] == "art. 9: not in the full text"


RECORD = """# yaml-language-server: $schema=../schema/regulation.schema.json
id: sample-safety-law
title: {zh: 中华人民共和国示例安全法, en: Sample Safety Law}
level: law
effective: 2002-11-01
amendments:
- date: 2009-08-27
  effective: 2009-08-27
- date: 2021-06-10
  effective: 2021-09-01
articles:
  - number: "1"
    verbatim: true
    text: {zh: 为了加强安全生产工作，防止和减少生产安全事故，制定本法。, en: Purpose.}
sources:
- title: 示例安全法（2021年修正）
  publisher: LawRefBook/Laws
  url: https://github.com/LawRefBook/Laws/blob/0123abc/%E6%B3%95%E5%BE%8B/%E7%A4%BE%E4%BC%9A%E6%B3%95/%E7%A4%BA%E4%BE%8B%E5%AE%89%E5%85%A8%E6%B3%95%282021-06-10%29.md
"""


def test_import_appends_versions_without_rewriting(tmp_path, capsys):
    regulations = tmp_path / "data" / "regulations"
    regulations.mkdir(parents=True)
    target = regulations / "sample-safety-law.yml"
    target.write_text(RECORD, encoding="utf-8")

    report = import_statutes([FIXTURES / "社会法"], tmp_path / "data", dry_run=True, root=FIXTURES.parent)
    assert target.read_text(encoding="utf-8") == RECORD
    assert report.appended == ["sample-safety-law"] and report.files == 2

    report = import_statutes([FIXTURES / "社会法"], tmp_path / "data", dry_run=False, root=FIXTURES.parent)
    after = target.read_text(encoding="utf-8")
    assert after.startswith(RECORD)  # appended only
    record = yaml.safe_load(after)
    assert [str(t["version"]) for t in record["texts"]] == ["2002-11-01", "2021-09-01"]
    assert [a["number"] for a in record["texts"][1]["articles"]] == ["1", "2", "3", "3-1", "4", "5"]
    # The 2021 text cites the record's own (pinned) source; the 2002 file is not listed there and is reported.
    assert record["texts"][1]["source"] == yaml.safe_load(RECORD)["sources"][0]["url"]
    assert record["texts"][0]["source"].startswith("https://github.com/LawRefBook/Laws/blob/master/")
    assert report.mismatches == {"sample-safety-law": [
        f"法律/社会法/示例安全法(2002-06-29).md: not listed in the record's sources (add {record['texts'][0]['source']})"]}
    assert "appended 2 text(s)" in capsys.readouterr().out

    again = import_statutes([FIXTURES / "社会法"], tmp_path / "data", dry_run=False, root=FIXTURES.parent)
    assert target.read_text(encoding="utf-8") == after
    assert again.unchanged == ["sample-safety-law"]


def test_import_writes_a_chinese_only_record_for_a_new_statute(tmp_path):
    (tmp_path / "regulations").mkdir()
    report = import_statutes([IMPLEMENTING], tmp_path, dry_run=False, root=FIXTURES.parent)
    draft = report.drafts["中华人民共和国示例法实施条例"]
    assert draft["level"] == "administrative-regulation"
    assert draft["texts"][0]["version"] == "1996-10-30"
    written = list((tmp_path / "regulations").iterdir())
    assert [p.name for p in written] == ["zhong-hua-ren-min-gong-he-guo-shi-li-fa-shi-shi-tiao-li.yml"]
    record = yaml.safe_load(written[0].read_text(encoding="utf-8"))
    assert record["id"] == written[0].stem and record["title"] == {"zh": "中华人民共和国示例法实施条例"}


def test_imported_statute_layer_validates_and_builds(tmp_path):
    """A layer made only by import-statute is valid as an organisation's (one-language) data and builds."""
    import datetime as dt

    from portal.check.validate import load_checked
    from portal.settings import Settings

    layer = tmp_path / "layer"
    (layer / "regulations").mkdir(parents=True)
    import_statutes([FIXTURES], layer, dry_run=False, root=FIXTURES.parent)
    result = load_checked(Settings(data_dirs=(layer,), today=dt.date(2026, 12, 1)))
    assert result.problems == []
    assert len(result.dataset.regulations) >= 3
    assert sum(1 for r in result.dataset.regulations.values() if r.get("texts")) >= 2


def test_dry_run_writes_nothing(tmp_path):
    (tmp_path / "regulations").mkdir()
    import_statutes([IMPLEMENTING], tmp_path, dry_run=True, root=FIXTURES.parent)
    assert list((tmp_path / "regulations").iterdir()) == []


SECRETS_2010 = """# 中华人民共和国示例保密法
1988年9月5日 第七届全国人民代表大会常务委员会第三次会议通过
2010年4月29日 第十一届全国人民代表大会常务委员会第十四次会议修订
<!-- INFO END -->
## 第一章 总则
第一条 为了保守秘密，制定本法。
第二条 本法自2010年10月1日起施行。
"""
SECRETS_2024 = """# 中华人民共和国示例保密法
1988年9月5日 第七届全国人民代表大会常务委员会第三次会议通过
2010年4月29日 第十一届全国人民代表大会常务委员会第十四次会议第一次修订
2024年2月27日 第十四届全国人民代表大会常务委员会第八次会议第二次修订
<!-- INFO END -->
## 第一章 总则
第一条 为了保守秘密，根据宪法，制定本法。
第二条 本法自2024年5月1日起施行。
"""
PAYMENT_2020 = """# 示例款项支付条例
2020年7月5日 中华人民共和国国务院令第728号公布
自2020年9月1日起施行
<!-- INFO END -->
第一条 为了及时支付款项，制定本条例。
第二条 本条例自2020年9月1日起施行。
"""
PAYMENT_2025 = """# 示例款项支付条例
2020年7月5日 中华人民共和国国务院令第728号公布
2025年3月17日 中华人民共和国国务院令第802号修订
2025年6月1日 施行
<!-- INFO END -->
第一条 为了及时足额支付款项，制定本条例。
第二条 本条例自2025年6月1日起施行。
"""


def test_versions_of_a_new_statute_are_dated_from_each_file(tmp_path):
    """As in the mirror: the newest file's header leaves out the original in-force date, and its body clause
    (自…起施行) dates only the latest revision; the older file supplies the rest. The layer validates."""
    import datetime as dt

    from portal.check.validate import load_checked
    from portal.settings import Settings

    mirror = tmp_path / "mirror"
    for folder, name, text in [("法律", "示例保密法(2010-04-29).md", SECRETS_2010),
                               ("法律", "示例保密法(2024-02-27).md", SECRETS_2024),
                               ("行政法规", "示例款项支付条例(2020-07-05).md", PAYMENT_2020),
                               ("行政法规", "示例款项支付条例(2025-03-17).md", PAYMENT_2025)]:
        (mirror / folder).mkdir(parents=True, exist_ok=True)
        (mirror / folder / name).write_text(text, encoding="utf-8")
    layer = tmp_path / "layer"
    (layer / "regulations").mkdir(parents=True)
    report = import_statutes([mirror], layer, dry_run=False, root=mirror)
    secrets = report.drafts["中华人民共和国示例保密法"]
    assert [(a["date"], a.get("effective")) for a in secrets["amendments"]] == [
        ("2010-04-29", "2010-10-01"), ("2024-02-27", "2024-05-01")]
    payment = report.drafts["示例款项支付条例"]
    assert payment["effective"] == "2020-09-01"
    assert list(payment).index("effective") == list(payment).index("promulgated") + 1
    assert [t["version"] for t in payment["texts"]] == ["2020-09-01", "2025-06-01"]
    result = load_checked(Settings(data_dirs=(layer,), today=dt.date(2026, 12, 1)))
    assert [str(p) for p in result.problems] == []


def test_the_same_statute_filed_in_two_folders_is_imported_once(tmp_path, capsys):
    mirror = tmp_path / "mirror"
    for folder in ("行政法", "社会法"):
        (mirror / folder).mkdir(parents=True)
        (mirror / folder / "示例款项支付条例(2020-07-05).md").write_text(PAYMENT_2020, encoding="utf-8")
    layer = tmp_path / "layer"
    (layer / "regulations").mkdir(parents=True)
    report = import_statutes([mirror], layer, dry_run=False, root=mirror)
    assert [t["version"] for t in report.drafts["示例款项支付条例"]["texts"]] == ["2020-09-01"]
    assert "same version and text as" in capsys.readouterr().out


def test_a_statute_of_an_earlier_layer_is_overridden_in_the_last_layer_never_duplicated(tmp_path):
    """The importer reads every layer: a statute the base layer has gets the new version in the organisation's
    layer as an explicit override (the base file untouched), under the same id; importing again changes nothing."""
    from portal.check.validate import load_checked
    from portal.settings import Settings
    import datetime as dt

    base, org = tmp_path / "base", tmp_path / "org"
    import_statutes([LAW_2021], (base,), dry_run=False, root=FIXTURES.parent)
    (base_file,) = (base / "regulations").iterdir()
    before = base_file.read_text(encoding="utf-8")

    report = import_statutes([LAW_2002], (base, org), dry_run=False, root=FIXTURES.parent)
    assert not report.drafts, "no second record for a statute the base layer has"
    assert base_file.read_text(encoding="utf-8") == before
    override = org / "regulations" / base_file.name
    written = yaml.safe_load(override.read_text(encoding="utf-8"))
    assert written["overrides"] is True and written["id"] == base_file.stem
    assert "2002-11-01" in [str(t["version"]) for t in written["texts"]], "the new version's text is in the override"
    assert override.read_text(encoding="utf-8").splitlines()[1:3] == [f"id: {base_file.stem}", "overrides: true"]

    again = override.read_text(encoding="utf-8")
    report = import_statutes([LAW_2002], (base, org), dry_run=False, root=FIXTURES.parent)
    assert override.read_text(encoding="utf-8") == again and report.unchanged == [base_file.stem]
    result = load_checked(Settings(data_dirs=(base, org), today=dt.date(2026, 12, 1)))
    assert not [str(p) for p in result.problems if p.code.startswith(("dup.", "load."))]


def test_broken_records_already_in_the_folder_are_no_traceback(tmp_path):
    """A record with a plain-text title (the most common editor mistake) or a YAML syntax error in the target folder:
    the import still runs, matches the plain title and lists the broken file's problem."""
    folder = tmp_path / "data" / "regulations"
    folder.mkdir(parents=True)
    (folder / "plain-title.yml").write_text("id: plain-title\ntitle: 中华人民共和国示例安全法\n", encoding="utf-8")
    (folder / "syntax.yml").write_text("id: [syntax\n", encoding="utf-8")
    report = import_statutes([FIXTURES / "社会法"], tmp_path / "data", dry_run=True, root=FIXTURES.parent)
    lines = [str(problem) for problems in report.problems.values() for problem in problems]
    assert any("syntax.yml:2: (file): " in line and "YAML" in line for line in lines), lines
