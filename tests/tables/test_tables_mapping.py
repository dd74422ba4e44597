# Tests of mappings that describe real ledgers: an English CSV with M/D/YYYY dates and placeholders, a 台账 with 万元.
"""The two worked examples of data/README.md, read exactly as documented there."""
from tables_helpers import FIXTURES, TODAY, taizhang, vocabularies  # noqa: F401 (vocabularies is a fixture)
from portal.tables import errors, read_table
from portal.tables.values import CellError, parse_date, parse_money

import pytest


def test_english_csv_with_month_first_dates_placeholders_and_a_country(vocabularies):
    records, problems = read_table(FIXTURES / "us-fatalities.csv", "cases", vocabularies,
                                   mapping=FIXTURES / "us-fatalities.mapping.yml", today=TODAY, check_schema=True)
    assert errors(problems) == []
    assert [(r["date"], r["place"], r["deaths"]) for r in records] == [
        ("2024-07-18", {"country": "US", "region": {"en": "TX"}, "city": {"en": "Austin"}}, 1),
        ("2024-03-05", {"country": "US", "region": {"en": "PA"}, "city": {"en": "Pittsburgh"}}, 1),
        ("2023-11-02", {"country": "US", "region": {"en": "CA"}, "city": {"en": "Fresno"}}, 1)]
    assert records[0]["title"] == {"en": "Example Roofing LLC (fictitious): fatality in Austin, TX (inspection 9000001)"}
    assert records[0]["accident_type"] == {"scheme": "gb6441-1986", "term": "other-injury"}
    assert [r["source_key"] for r in records] == ["9000001", "9000003", "9000004"], "the list's own key is kept"
    skipped = [str(p) for p in problems if p.code == "skipped"]
    assert skipped == ["us-fatalities.csv: (行 / rows): 提示 / warning: 1 行的日期是占位日期，按映射文件 placeholder_dates: skip "
                       "未导入：第 3 行 / 1 row(s) with a placeholder date left out (placeholder_dates: skip): rows 3"]
    assert [p.field for p in problems if p.code == "column"] == ["Fatality or Catastrophe"], \
        "columns used by compose are not called unrecognised"


def test_without_the_date_order_month_first_dates_are_refused_with_the_way_out(vocabularies, tmp_path):
    mapping = (FIXTURES / "us-fatalities.mapping.yml").read_text(encoding="utf-8").replace("date_order: MDY", "")
    (tmp_path / "m.yml").write_text(mapping, encoding="utf-8")
    _, problems = read_table(FIXTURES / "us-fatalities.csv", "cases", vocabularies, mapping=tmp_path / "m.yml",
                             today=TODAY)
    dates = [p for p in errors(problems) if p.code == "date"]
    assert len(dates) == 4 and "date_order: MDY" in dates[0].message


def test_placeholder_dates_blank_keeps_the_row_and_says_the_date_is_required(vocabularies, tmp_path):
    mapping = (FIXTURES / "us-fatalities.mapping.yml").read_text(encoding="utf-8").replace(
        "placeholder_dates: skip", "placeholder_dates: blank")
    (tmp_path / "m.yml").write_text(mapping, encoding="utf-8")
    _, problems = read_table(FIXTURES / "us-fatalities.csv", "cases", vocabularies, mapping=tmp_path / "m.yml",
                             today=TODAY)
    assert [(p.location, p.code) for p in errors(problems)] == [("us-fatalities.csv:row 3", "required")]


def test_taizhang_with_title_row_merged_headers_and_wan_yuan(vocabularies, tmp_path):
    records, problems = read_table(taizhang(tmp_path / "台账.xlsx"), "cases", vocabularies,
                                   mapping=FIXTURES / "taizhang.mapping.yml", today=TODAY, check_schema=True)
    assert errors(problems) == [], [str(p) for p in problems]
    assert [(r["title"]["zh"], r["date"], r["deaths"], r["injuries"], r["direct_loss_cny"]) for r in records] == [
        ("一车间配电室触电事故（虚构）", "2024-03-05", 1, 0, 125000),
        ("二号仓库仓库火灾（虚构）", "2024-07-18", 0, 2, 5678.9),
        ("三号工地脚手架坍塌（虚构）", "2024-09-01", 2, 1, 3000000)]
    assert [r["place"] for r in records] == [{"province": "jiangsu", "detail": {"zh": detail}}
                                             for detail in ("一车间", "二号仓库", "三号工地")]


@pytest.mark.parametrize("text, order, expected", [
    ("7/18/2024", "MDY", "2024-07-18"), ("18/7/2024", "DMY", "2024-07-18"), ("18.07.2024", "DMY", "2024-07-18"),
    ("7/18/2024 2:30 PM", "MDY", "2024-07-18"), ("2024-07-18", "MDY", "2024-07-18")])
def test_date_orders(text, order, expected):
    assert parse_date(text, order=order) == expected


def test_money_keeps_fen_and_refuses_less():
    assert parse_money(0.56789, unit=10000) == 5678.9
    assert parse_money("12.5万元") == 125000
    with pytest.raises(CellError):
        parse_money(0.1234567, unit=10000)


def test_mapping_mistakes_are_located(vocabularies, tmp_path):
    path = tmp_path / "m.yml"
    path.write_text("units: {deaths: 万元, direct_loss_cny: 千元}\ndate_order: YDM\nskip_rows: [x, 2-99999999999]\n"
                    "compose: {title.zh: no placeholder, summary.zh: '{没有这列}'}\nheader_row: 99999999999\n",
                    encoding="utf-8")
    _, problems = read_table(FIXTURES / "us-fatalities.csv", "cases", vocabularies, mapping=path, today=TODAY)
    mapping_problems = sorted(str(p) for p in problems if p.code == "mapping")
    assert any("m.yml:1: units.direct_loss_cny" in p for p in mapping_problems)
    assert any("m.yml:1: units.deaths" in p and "not an amount" in p for p in mapping_problems)
    assert any("m.yml:2: date_order" in p for p in mapping_problems)
    assert any("m.yml:3: skip_rows" in p for p in mapping_problems)
    assert any("m.yml:3: skip_rows" in p and "beyond the last row" in p for p in mapping_problems), "never a traceback"
    assert any("m.yml:5: header_row" in p for p in mapping_problems)
    assert any("m.yml:4: compose.title.zh" in p for p in mapping_problems)
    assert any("没有这列" in p for p in mapping_problems)


def test_a_column_mapped_to_a_dash_is_not_read(vocabularies, tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("id,Title,Date,Province,Accident type,Deaths\n404,Crane collapse (fictitious),2024-03-05,jiangsu,"
                    "collapse,1\n", encoding="utf-8")
    mapping = {"columns": {"id": "-"}, "defaults": {"sources": [{"title": "t", "publisher": "p"}]}}
    records, problems = read_table(path, "cases", vocabularies, mapping=mapping, today=TODAY)
    assert problems == [] and records[0]["id"] == "crane-collapse-fictitious-2024"
    _, problems = read_table(path, "cases", vocabularies, mapping={**mapping, "columns": {}}, today=TODAY)
    assert [p.code for p in errors(problems)] == ["id"], "without it, the row number is taken as the ID"


def test_placeholder_and_blank_dates_kept_as_date_unknown_never_invented(vocabularies, tmp_path):
    """placeholder_dates: unknown: the 12/31/1969 row and a row with a blank date are imported with date_unknown: true
    and no date, one warning lists both rows; without it the blank date is a problem at its cell."""
    ledger = tmp_path / "us-fatalities.csv"
    ledger.write_text((FIXTURES / "us-fatalities.csv").read_text(encoding="utf-8")
                      + ",9000009,Example Mill (fictitious),Reno,NV,Worker fell into a hopper.,Fatality\n",
                      encoding="utf-8")
    mapping = tmp_path / "m.yml"
    mapping.write_text((FIXTURES / "us-fatalities.mapping.yml").read_text(encoding="utf-8").replace(
        "placeholder_dates: skip", "placeholder_dates: unknown"), encoding="utf-8")
    records, problems = read_table(ledger, "cases", vocabularies, mapping=mapping, today=TODAY, check_schema=True)
    assert errors(problems) == []
    undated = [r for r in records if r.get("date_unknown")]
    assert [r["source_key"] for r in undated] == ["9000002", "9000009"]
    assert all("date" not in r and r["date_unknown"] is True for r in undated), "no date is ever written for them"
    assert len(records) == 5 and all(r.get("date") for r in records if not r.get("date_unknown"))
    (note,) = [str(p) for p in problems if p.code == "date-unknown"]
    assert "rows 3, 6" in note and "日期不详" in note
    mapping.write_text((FIXTURES / "us-fatalities.mapping.yml").read_text(encoding="utf-8"), encoding="utf-8")
    _, problems = read_table(ledger, "cases", vocabularies, mapping=mapping, today=TODAY)
    assert [(p.location, p.code) for p in errors(problems)] == [("us-fatalities.csv:row 6", "required")]


def test_date_unknown_survives_export_and_import(vocabularies, tmp_path):
    from portal.tables import export_table

    record = {"id": "undated-fall", "title": {"zh": "日期不详的坠落事故（虚构）"}, "date_unknown": True,
              "place": {"province": "sichuan"}, "accident_type": {"scheme": "gb6441-1986", "term": "fall-from-height"},
              "deaths": 1, "sources": [{"title": "事故台账（虚构测试数据）", "publisher": "示例公司安全科"}]}
    for suffix in (".xlsx", ".csv"):
        path = tmp_path / f"cases{suffix}"
        export_table("cases", [record], path, vocabularies=vocabularies)
        again, problems = read_table(path, "cases", vocabularies, today=TODAY, check_schema=True)
        assert errors(problems) == [] and list(again) == [record], suffix


US_HEADER = "Date of Incident,Inspection #,Company,City,State,Hazard Description,Fatality or Catastrophe\n"


@pytest.mark.parametrize("columns, line", [
    ("columns:\n  Date of Incident: date\n  Inspection #: source_key\n  City: place.city.en\n", 3),   # block
    ("columns: {Date of Incident: date, Inspection #: source_key}\n", 1),                           # flow
    ("columns:\n  编号 #: source_key\n  Date of Incident: date\n", 2)], ids=["block", "flow", "chinese"])
def test_an_unquoted_header_with_a_hash_is_never_cut_silently(vocabularies, tmp_path, columns, line):
    """YAML reads ` #` on as a comment: `Inspection #: source_key` unquoted must be named, with the advice to quote."""
    mapping = tmp_path / "m.yml"
    mapping.write_text(columns + "date_order: MDY\n", encoding="utf-8")
    records, problems = read_table(FIXTURES / "us-fatalities.csv", "cases", vocabularies, mapping=mapping, today=TODAY)
    (problem,) = [p for p in errors(problems) if p.path == "m.yml"]
    assert problem.line == line and "#" in problem.message and '": ...' in problem.message, str(problem)
    assert "加英文引号" in problem.message and "quotes" in problem.message


def test_a_lone_unquoted_hash_header_and_an_explicit_key_are_reported(vocabularies, tmp_path):
    mapping = tmp_path / "m.yml"
    mapping.write_text("columns:\n  Inspection #: source_key\n", encoding="utf-8")   # YAML: columns = "Inspection"
    _, problems = read_table(FIXTURES / "us-fatalities.csv", "cases", vocabularies, mapping=mapping, today=TODAY)
    assert any(p.path == "m.yml" and '"Inspection #": ...' in p.message for p in errors(problems))
    mapping.write_text("date_order: MDY\ncolumns:\n  Date of Incident: date\n  ? Inspection #\n  : source_key\n",
                       encoding="utf-8")                                                # YAML: {"Inspection": ...}
    records, problems = read_table(FIXTURES / "us-fatalities.csv", "cases", vocabularies, mapping=mapping, today=TODAY)
    (problem,) = [p for p in errors(problems) if p.path == "m.yml"]
    assert "'Inspection' of the mapping matches no header" in problem.message, str(problem)
    assert "nearest headers: 'Inspection #'" in problem.message and '"Inspection #": ...' in problem.message


def test_a_mapping_column_that_matches_no_header_is_an_error_with_the_nearest_headers(vocabularies, tmp_path):
    mapping = tmp_path / "m.yml"
    mapping.write_text((FIXTURES / "us-fatalities.mapping.yml").read_text(encoding="utf-8").replace(
        "Hazard Description: summary.en", "Hazard Descriptions: summary.en"), encoding="utf-8")
    _, problems = read_table(FIXTURES / "us-fatalities.csv", "cases", vocabularies, mapping=mapping, today=TODAY)
    (problem,) = [p for p in errors(problems) if p.path == "m.yml"]
    assert problem.line == 4 and "'Hazard Descriptions' of the mapping matches no header" in problem.message
    assert "最接近的表头：“Hazard Description”" in problem.message and "quote" not in problem.message


def test_an_unquoted_hash_in_a_composed_text_is_reported(vocabularies, tmp_path):
    mapping = tmp_path / "m.yml"
    mapping.write_text((FIXTURES / "us-fatalities.mapping.yml").read_text(encoding="utf-8").replace(
        'title.en: "{Company}: fatality in {City}, {State} (inspection {Inspection #})"',
        "title.en: Fatality in {City} (inspection {Inspection #})"), encoding="utf-8")
    _, problems = read_table(FIXTURES / "us-fatalities.csv", "cases", vocabularies, mapping=mapping, today=TODAY)
    assert any(p.path == "m.yml" and "compose.title.en" in str(p) and "unpaired" in p.message
               for p in errors(problems)), [str(p) for p in problems]


def test_defaults_give_required_fields_and_whole_objects_the_ledger_lacks(vocabularies, tmp_path):
    """A ledger without province, deaths or type columns: the mapping's defaults fill them (a required one of
    province/country included), and accident_type.scheme + .term make the whole object — never dropped silently."""
    ledger = tmp_path / "l.csv"
    ledger.write_text("事故名称,事故日期,死亡人数\n甲事故（虚构）,2024-01-01,\n乙事故（虚构）,2024-02-01,2\n", encoding="utf-8")
    mapping = {"defaults": {"deaths": 0, "place.province": "sichuan", "accident_type.scheme": "gb6441-1986",
                            "accident_type.term": "other-injury", "sources": [{"title": "t", "publisher": "p"}]}}
    records, problems = read_table(ledger, "cases", vocabularies, mapping=mapping, today=TODAY, check_schema=True)
    assert problems == [], [str(p) for p in problems]
    assert [(r["deaths"], r["place"], r["accident_type"]) for r in records] == [
        (0, {"province": "sichuan"}, {"scheme": "gb6441-1986", "term": "other-injury"}),
        (2, {"province": "sichuan"}, {"scheme": "gb6441-1986", "term": "other-injury"})]
