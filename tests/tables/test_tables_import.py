# Tests of read_table: foreign ledgers with a mapping, encodings, dates, labels, exact problem locations, ids, updates.
"""Problem messages are asserted exactly, with their file, sheet and cell (CSV: row)."""
import csv
import datetime as dt

import openpyxl
import pytest

from tables_helpers import FIXTURES, ROOT, TODAY, fill_workbook, vocabularies  # noqa: F401 (vocabularies is a fixture)
from portal.tables import errors, load_existing, read_table, summary_lines, write_records, write_template
from portal.tables.values import CellError, parse_date

FOREIGN_RECORDS = [
    {"id": "shi-li-gong-si-pei-dian-shi-chu-dian-shi-gu-xu-gou-2024", "title": {"zh": "示例公司配电室触电事故（虚构）"},
     "date": "2024-03-05", "place": {"province": "jiangsu"}, "industry": "power",
     "accident_type": {"scheme": "gb6441-1986", "term": "electric-shock"}, "deaths": 1, "injuries": 0,
     "direct_loss_cny": 125000, "direct_causes": [{"zh": "未停电验电"}, {"zh": "未戴绝缘手套"}],
     "sources": [{"title": "2024年度事故台账（虚构测试数据）", "publisher": "示例公司安全科"}]},
    {"id": "shi-li-cang-ku-huo-zai-xu-gou-2024", "title": {"zh": "示例仓库火灾（虚构）"}, "date": "2024-07-18",
     "place": {"province": "zhejiang"}, "industry": "warehousing-logistics",
     "accident_type": {"scheme": "gb6441-1986", "term": "fire"}, "deaths": 0, "injuries": 2,
     "direct_loss_cny": 3000000, "direct_causes": [{"zh": "电气线路老化"}],
     "sources": [{"title": "2024年度事故台账（虚构测试数据）", "publisher": "示例公司安全科"}]},
    {"id": "shi-li-gong-di-tan-ta-xu-gou-2024", "title": {"zh": "示例工地坍塌（虚构）"}, "date": "2024-09-01",
     "place": {"province": "sichuan"}, "industry": "construction",
     "accident_type": {"scheme": "gb6441-1986", "term": "collapse"}, "deaths": 2,
     "sources": [{"title": "2024年度事故台账（虚构测试数据）", "publisher": "示例公司安全科"}]},
]


def test_csv_with_bom_foreign_headers_and_mapping(vocabularies):
    path = FIXTURES / "foreign-ledger.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    records, problems = read_table(path, "cases", vocabularies, mapping=FIXTURES / "foreign-ledger.mapping.yml",
                                   today=TODAY, check_schema=True)
    assert records == FOREIGN_RECORDS
    assert [str(p) for p in problems] == [
        "foreign-ledger.csv:row 2: 备注: 提示 / warning: 未识别的列“备注”，已忽略：如需导入，请在映射文件 columns 中指定对应字段"
        " / column '备注' not recognised and ignored: map it to a field in the mapping file's `columns` to import it"]
    assert errors(problems) == []


def test_gb18030_csv_from_wps(tmp_path, vocabularies):
    text = (FIXTURES / "foreign-ledger.csv").read_text(encoding="utf-8-sig")
    path = tmp_path / "wps.csv"
    path.write_bytes(text.encode("gb18030"))
    records, problems = read_table(path, "cases", vocabularies, mapping=FIXTURES / "foreign-ledger.mapping.yml",
                                   today=TODAY)
    assert records == FOREIGN_RECORDS


@pytest.mark.parametrize("value", [
    "2025-05-12", "2025-5-12", "2025/5/12", "2025.5.12", "2025.05.12", "2025年5月12日", "2025年05月12日", "20250512",
    "2025-05-12 00:00:00", "2025/5/12 14:30", "二〇二五年五月十二日", "４５７８９", "45789", 45789, 45789.0, 20250512,
    dt.date(2025, 5, 12), dt.datetime(2025, 5, 12, 14, 30),
])
def test_dates_in_every_form(value):
    assert parse_date(value) == "2025-05-12"


@pytest.mark.parametrize("value, code", [
    ("1900-01-00", "placeholder-date"), ("0000-00-00", "placeholder-date"), ("1969-12-31", "placeholder-date"),
    ("1970-01-01", "placeholder-date"), ("1900-01-01", "placeholder-date"), (0, "placeholder-date"),
    (1, "placeholder-date"), ("9999-12-31", "placeholder-date"), ("1850-06-01", "placeholder-date"),
    ("2025-02-30", "date"), ("5/12/2025", "date"), ("去年", "date"), (dt.time(8, 0), "date"),
])
def test_dates_refused(value, code):
    with pytest.raises(CellError) as caught:
        parse_date(value)
    assert caught.value.code == code


def test_future_dates_refused_for_accidents_only():
    assert parse_date("2027-01-01", past_only=False, today=TODAY) == "2027-01-01"
    with pytest.raises(CellError) as caught:
        parse_date("2027-01-01", past_only=True, today=TODAY)
    assert caught.value.message == "日期 2027-01-01 晚于今天，请检查年份 / date 2027-01-01 is after today: check the year"


def _case_csv(tmp_path, rows, name="ledger.csv"):
    """A CSV in the template's layout: Chinese headers, English headers, then rows of {header: value}."""
    headers = ["案例编号", "*事故名称", "事故日期", "省份", "行业", "事故类别", "死亡人数", "主题"]
    path = tmp_path / name
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerow(["Case ID", "Title", "Date", "Province", "Industry", "Accident type", "Deaths", "Topics"])
        for row in rows:
            writer.writerow([row.get(h.lstrip("*"), "") for h in headers])
    with (tmp_path / name.replace(".csv", ".sources.csv")).open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["案例编号", "文献标题", "发布单位"])
        for row in rows:
            writer.writerow([row.get("案例编号") or row.get("事故名称"), "虚构来源", "示例单位"])
    return path


def test_vocabulary_cells_take_chinese_or_english_labels_ids_and_codes(tmp_path, vocabularies):
    rows = [
        {"事故名称": "甲（虚构）", "事故日期": "2024-01-01", "省份": "四川省", "行业": "电力", "事故类别": "触电",
         "死亡人数": "1", "主题": "电气安全、Fire safety\nsafety-training"},
        {"事故名称": "乙（虚构）", "事故日期": "2024-01-02", "省份": "Sichuan", "行业": "Electric power",
         "事故类别": "05", "死亡人数": "1", "主题": "电气安全"},
        {"事故名称": "丙（虚构）", "事故日期": "2024-01-03", "省份": "sichuan", "行业": "power", "事故类别": "electric-shock",
         "死亡人数": "1", "主题": "electrical-safety"},
    ]
    records, problems = read_table(_case_csv(tmp_path, rows), "cases", vocabularies, today=TODAY)
    assert problems == []
    assert [(r["place"]["province"], r["industry"], r["accident_type"]["term"]) for r in records] == \
        [("sichuan", "power", "electric-shock")] * 3
    assert records[0]["topics"] == ["electrical-safety", "fire-safety", "safety-training"]


def test_unknown_vocabulary_value_suggests_a_term(tmp_path, vocabularies):
    rows = [{"事故名称": "甲（虚构）", "事故日期": "2024-01-01", "省份": "四川", "行业": "电力行业", "死亡人数": "1"}]
    _, problems = read_table(_case_csv(tmp_path, rows), "cases", vocabularies, today=TODAY)
    assert [str(p) for p in problems] == [
        "ledger.csv:row 3: 行业: “电力行业”不在“行业”的可选项中：请从下拉列表选择，是否指“电力”？ / “电力行业” is not one "
        "of the Industry terms: pick one from the drop-down; did you mean 电力?",
    ]


def test_a_province_written_without_its_suffix_is_that_province(tmp_path, vocabularies):
    """Ledgers write 江苏, 广西, 新疆 for 江苏省, 广西壮族自治区, 新疆维吾尔自治区: the same province, nothing to map."""
    rows = [{"事故名称": f"{name}（虚构）", "事故日期": "2024-01-01", "省份": name, "事故类别": "触电", "死亡人数": "1"}
            for name in ("江苏", "广西", "新疆", "香港", "北京")]
    records, problems = read_table(_case_csv(tmp_path, rows), "cases", vocabularies, today=TODAY)
    assert problems == []
    assert [r["place"]["province"] for r in records] == ["jiangsu", "guangxi", "xinjiang", "hong-kong", "beijing"]


def test_problem_locations_in_a_workbook(tmp_path, vocabularies):
    template = write_template("cases", vocabularies, tmp_path / "ledger.xlsx")
    fill_workbook(template, {"事故案例": [
        {"事故名称": "甲（虚构）", "事故日期": "2025-13-45", "省份": "四川省", "死亡人数": "三人"},
        None,
        {"事故名称": "乙（虚构）", "事故日期": "2030-01-01", "省份": "四川省", "死亡人数": 1, "事故类别": "触电"},
        {"事故日期": "2024-01-01"},
    ], "来源": [
        {"案例编号": "甲（虚构）", "文献标题": "虚构", "发布单位": "示例", "网址": "javascript:alert(1)"},
        {"案例编号": "丁", "文献标题": "虚构", "发布单位": "示例"},
    ]})
    records, problems = read_table(template, "cases", vocabularies, today=TODAY)
    assert [str(p) for p in problems] == [
        "ledger.xlsx:事故案例!D4: 事故日期: 日期不存在（“2025-13-45”），请检查月和日 / no such date (“2025-13-45”): check "
        "the month and the day",
        "ledger.xlsx:事故案例!P4: 死亡人数: “三人”不是整数，请只写数字，如 3 / “三人” is not a whole number: write digits "
        "only, e.g. 3",
        "ledger.xlsx:事故案例!A6: 来源: 缺少“来源”：请在“来源”表中为这条记录（编号 yi-xu-gou）至少填写一行 / no sources: "
        "add at least one row for this record (ID yi-xu-gou) in the sheet 来源",
        "ledger.xlsx:事故案例!D6: 事故日期: 日期 2030-01-01 晚于今天，请检查年份 / date 2030-01-01 is after today: check "
        "the year",
        "ledger.xlsx:事故案例!A7: 来源: 缺少“来源”：请在“来源”表中为这条记录（编号 cases-2024）至少填写一行 / no sources: "
        "add at least one row for this record (ID cases-2024) in the sheet 来源",
        "ledger.xlsx:事故案例!B7: 事故名称: 必填：请填写“事故名称” / required: fill in Title",
        "ledger.xlsx:事故案例!E7: 省份、国家: 必填：请至少填写 省份、国家 中的一项 / required: fill in at least one of "
        "Province, Country",
        "ledger.xlsx:事故案例!P7: 死亡人数: 必填：请填写“死亡人数” / required: fill in Deaths",
        "ledger.xlsx:来源!F4: 网址: 网址“javascript:alert(1)”不可用：须以 http:// 或 https:// 开头，不含空格，不超过2000字 / "
        "the web address must start with http:// or https://, contain no spaces and be at most 2000 characters",
        "ledger.xlsx:来源!A5: 案例编号: 找不到编号（或名称）为“丁”的事故案例记录：请与“事故案例”表中的编号一致 / no accident "
        "cases record with the ID (or title) '丁': use the ID written in the sheet 事故案例",
    ]
    assert len(records) == 3, "the blank row 5 is skipped; the partial row 7 is read and reported"
    assert summary_lines(problems)[0] == "必填项未填写 / required value missing: 5"


def test_problem_locations_in_a_csv(tmp_path, vocabularies):
    rows = [{"事故名称": "甲（虚构）", "事故日期": "2024-01-01", "省份": "四川省", "死亡人数": "1"},
            {"事故名称": "乙（虚构）", "事故日期": "1900-01-00", "省份": "四川省", "死亡人数": "-2"}]
    _, problems = read_table(_case_csv(tmp_path, rows), "cases", vocabularies, today=TODAY)
    assert [str(p) for p in problems] == [
        "ledger.csv:row 4: 事故日期: “1900-01-00”像是占位日期而不是真实日期：请填写实际日期，不知道就留空 / “1900-01-00” "
        "looks like a placeholder, not a real date: write the actual date or leave it blank",
        "ledger.csv:row 4: 死亡人数: 不能小于 0 / must not be less than 0",
    ]


def test_duplicate_ids(tmp_path, vocabularies):
    rows = [{"案例编号": "case-1", "事故名称": "甲（虚构）", "事故日期": "2024-01-01", "省份": "四川省", "死亡人数": "1"},
            {"案例编号": "CASE-1", "事故名称": "乙（虚构）", "事故日期": "2024-01-02", "省份": "四川省", "死亡人数": "1"},
            {"事故名称": "丙（虚构）", "事故日期": "2024-01-03", "省份": "四川省", "死亡人数": "1"},
            {"事故名称": "丙（虚构）", "事故日期": "2024-05-03", "省份": "四川省", "死亡人数": "2"}]
    records, problems = read_table(_case_csv(tmp_path, rows), "cases", vocabularies, today=TODAY)
    assert [str(p) for p in problems if p.code == "duplicate-id"] == [
        "ledger.csv:row 4: 案例编号: 编号“case-1”与第 3 行重复：每条记录的编号必须不同 / ID 'case-1' is already used on "
        "row 3: every record needs its own ID"]
    assert [r["id"] for r in records] == ["case-1", "bing-xu-gou-2024", "bing-xu-gou-2024-2"]
    assert [str(p) for p in problems if p.code == "unknown-record"] == [
        f"ledger.sources.csv:row {row}: 案例编号: 名称“丙（虚构）”对应多条事故案例记录：请在两个表中都改用编号 / the title "
        "'丙（虚构）' names several records: use their IDs in both sheets" for row in (4, 5)]


def test_second_import_updates_instead_of_duplicating(tmp_path, vocabularies):
    data = tmp_path / "data" / "cases"
    rows = [{"事故名称": "甲（虚构）", "事故日期": "2024-01-01", "省份": "四川省", "死亡人数": "1"}]
    first, problems = read_table(_case_csv(tmp_path, rows), "cases", vocabularies, today=TODAY)
    assert problems == []
    assert [r.action for r in write_records(first, data, "cases")] == ["created"]
    # the editor adds an English title and a field the ledger has no column for, by hand in the YAML file
    text = (data / "jia-xu-gou-2024.yml").read_text(encoding="utf-8").replace("  zh: 甲（虚构）", "  zh: 甲（虚构）\n  en: A")
    (data / "jia-xu-gou-2024.yml").write_text(text + "summary:\n  zh: 手工补充的概况\n", encoding="utf-8")
    existing, _ = load_existing(tmp_path / "data", "cases")
    rows[0]["死亡人数"] = "2"
    rows.append({"事故名称": "乙（虚构）", "事故日期": "2024-02-01", "省份": "四川省", "死亡人数": "0"})
    second, problems = read_table(_case_csv(tmp_path, rows, "ledger2.csv"), "cases", vocabularies,
                                  existing=existing, today=TODAY)
    assert problems == []
    assert [r["id"] for r in second] == ["jia-xu-gou-2024", "yi-xu-gou-2024"]
    assert second[0]["deaths"] == 2
    assert second[0]["title"] == {"zh": "甲（虚构）", "en": "A"}, "no English column: the English title is kept"
    assert second[0]["summary"] == {"zh": "手工补充的概况"}, "fields without a column are kept"
    results = write_records(second, data, "cases")
    assert [r.action for r in results] == ["updated", "created"]
    assert sorted(p.name for p in data.iterdir()) == ["jia-xu-gou-2024.yml", "yi-xu-gou-2024.yml"]
    assert [r.action for r in write_records(second, data, "cases")] == ["unchanged", "unchanged"]


def test_contact_numbers_sheet_groups_rows_into_entries(tmp_path, vocabularies):
    template = write_template("contacts", vocabularies, tmp_path / "contacts.xlsx")
    fill_workbook(template, {
        "通讯录": [{"通讯录编号": "demo-directory", "通讯录名称": "虚构号码簿", "单位": "示例单位", "适用范围": "示例县",
                    "简介": "测试", "核对日期": "2026-11-01", "核对人": "安全科"}],
        "号码": [
            {"通讯录编号": "demo-directory", "名称": "调度室", "类别": "值班室", "号码": "0349-5210000", "号码类型": "24小时值班"},
            {"通讯录编号": "demo-directory", "号码": "0349-5210001", "号码类型": "24小时值班"},
            {"通讯录编号": "demo-directory", "名称": "调度室", "类别": "值班室", "号码": 13900002001, "号码类型": "手机"},
            {"通讯录编号": "demo-directory", "名称": "火警", "类别": "消防救援", "号码": "119", "号码类型": "紧急号码"},
            {"通讯录编号": "demo-directory", "名称": "火警", "类别": "医疗急救", "号码": "96119", "号码类型": "紧急号码"},
        ],
    })
    records, problems = read_table(template, "contacts", vocabularies, today=TODAY)
    assert [str(p) for p in problems] == [
        "contacts.xlsx:号码!D8: 类别: 与第 7 行同一条目的“类别”不一致：同一条目的各行请填写相同内容，或留空 / differs from "
        "Category of the same entry on row 7: repeat the same value or leave it blank"]
    assert records[0]["sample"] is False, "blank 示例数据 means no"
    assert records[0]["entries"] == [
        {"name": {"zh": "调度室"}, "category": "duty-room",
         "phones": [{"number": "0349-5210000", "type": "duty"}, {"number": "0349-5210001", "type": "duty"},
                    {"number": "13900002001", "type": "mobile"}]},
        {"name": {"zh": "火警"}, "category": "fire",
         "phones": [{"number": "119", "type": "emergency"}, {"number": "96119", "type": "emergency"}]},
    ]


def test_merged_name_cells_count_for_every_row(tmp_path, vocabularies):
    template = write_template("contacts", vocabularies, tmp_path / "merged.xlsx")
    fill_workbook(template, {
        "通讯录": [{"通讯录编号": "demo", "通讯录名称": "虚构", "单位": "示例", "适用范围": "示例县", "简介": "测试",
                    "核对日期": "2026-11-01", "核对人": "安全科"}],
        "号码": [{"通讯录编号": "demo", "名称": "调度室", "类别": "值班室", "号码": "0349-5210000", "号码类型": "手机"},
                 {"号码": "0349-5210001", "号码类型": "手机"}],
    })
    book = openpyxl.load_workbook(template)
    book["号码"].merge_cells("A4:A5")
    book["号码"].merge_cells("B4:B5")
    book.save(template)
    records, problems = read_table(template, "contacts", vocabularies, today=TODAY)
    assert problems == []
    assert [len(e["phones"]) for e in records[0]["entries"]] == [2]


def test_quiz_choices_follow_their_letters(tmp_path, vocabularies):
    template = write_template("quiz", vocabularies, tmp_path / "quiz.xlsx")
    fill_workbook(template, {
        "题库": [{"题目编号": "q-demo", "题目": "虚构题目？", "答案": "b", "解析": "虚构解析", "依据案例": "some-case"},
                 {"题目编号": "q-demo-2", "题目": "第二题？", "答案": "D", "解析": "虚构", "依据案例": "some-case"}],
        "选项": [{"题目编号": "q-demo", "选项字母": "B", "选项内容": "对的"},
                 {"题目编号": "q-demo", "选项字母": "A", "选项内容": "错的"},
                 {"题目编号": "q-demo-2", "选项字母": "A", "选项内容": "一"},
                 {"题目编号": "q-demo-2", "选项字母": "B", "选项内容": "二"}],
    })
    records, problems = read_table(template, "quiz", vocabularies, today=TODAY)
    assert records[0]["choices"] == [{"zh": "错的"}, {"zh": "对的"}] and records[0]["answer"] == 1
    assert [str(p) for p in problems] == [
        "quiz.xlsx:题库!D5: 答案: 答案“D”超出选项范围（共 2 个选项） / answer D is beyond the 2 choices"]


def test_strict_bilingual_requires_english(tmp_path, vocabularies):
    rows = [{"事故名称": "甲（虚构）", "事故日期": "2024-01-01", "省份": "四川省", "死亡人数": "1"}]
    path = _case_csv(tmp_path, rows)
    assert read_table(path, "cases", vocabularies, today=TODAY)[1] == []
    _, problems = read_table(path, "cases", vocabularies, today=TODAY, strict_bilingual=True)
    assert [str(p) for p in problems] == [
        "ledger.csv:row 1: 事故名称(英文): 缺少“事故名称(英文)”列：本数据要求中英文都填写 / column Title (English) missing: "
        "this data needs both languages"]


def test_a_ledger_of_numbers_only_becomes_one_directory(tmp_path, vocabularies):
    path = tmp_path / "phones.csv"
    path.write_text("单位/部门,类别,电话,类型\n调度室,值班室,0349-5210000,24小时值班\n火警,消防救援,119,紧急号码\n",
                    encoding="utf-8")
    mapping = {"sheets": {"": "号码"}, "columns": {"类型": "entries.phones.type"},
               "defaults": {"id": "demo-directory", "title.zh": "虚构号码簿", "organisation.zh": "示例单位",
                            "region.zh": "示例县", "summary.zh": "测试", "last_verified.date": "2026-11-01",
                            "last_verified.by.zh": "安全科"}}
    records, problems = read_table(path, "contacts", vocabularies, mapping=mapping, today=TODAY)
    assert problems == []
    assert records == [{
        "id": "demo-directory", "title": {"zh": "虚构号码簿"}, "organisation": {"zh": "示例单位"},
        "region": {"zh": "示例县"}, "sample": False, "summary": {"zh": "测试"},
        "last_verified": {"date": "2026-11-01", "by": {"zh": "安全科"}},
        "entries": [{"name": {"zh": "调度室"}, "category": "duty-room", "phones": [{"number": "0349-5210000", "type": "duty"}]},
                    {"name": {"zh": "火警"}, "category": "fire", "phones": [{"number": "119", "type": "emergency"}]}]}]


def test_schema_check_points_at_the_cell(tmp_path, vocabularies):
    template = write_template("resources", vocabularies, tmp_path / "resources.xlsx")
    fill_workbook(template, {
        "应急资源": [{"资源编号": "demo-team", "名称": "虚构救援队", "资源类别": "应急救援队伍", "省份": "四川省",
                      "联系电话": "12", "核对日期": "2026-11-01"}],
        "来源": [{"资源编号": "demo-team", "文献标题": "虚构", "发布单位": "示例"}]})
    records, problems = read_table(template, "resources", vocabularies, today=TODAY,
                                   check_schema=True)
    assert [str(p) for p in problems] == [
        "resources.xlsx:应急资源!M4: 联系电话: 过短（至少 3 个字符） / too short (at least 3 characters)"], \
        "the validator's own schema check, its message at the cell"


def test_invisible_control_characters_are_refused_at_their_cell(tmp_path, vocabularies):
    rows = [{"事故名称": "甲\u202e（虚构）", "事故日期": "2024-01-01", "省份": "四川省", "死亡人数": "1"}]
    _, problems = read_table(_case_csv(tmp_path, rows), "cases", vocabularies, today=TODAY)
    assert any(str(p).startswith("ledger.csv:row 3: 事故名称: 含有不可见的控制字符 U+202E，请删除") for p in problems)


def test_url_limit_agrees_with_the_schema():
    import json

    from portal.settings import SHIPPED_DATA
    from portal.tables.values import URL_MAX

    schema = json.loads((SHIPPED_DATA / "schema" / "common.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["http_url"]["maxLength"] == URL_MAX


def test_an_unclosed_quote_in_a_csv_is_named_on_its_line(tmp_path, vocabularies):
    """Not “missing date” for the rows the quote swallowed: the quote itself, where it opened."""
    text = (FIXTURES / "foreign-ledger.csv").read_text(encoding="utf-8-sig").splitlines()
    text[4] = text[4].replace(",", ',"', 1)  # a quote opened in the second data row (line 5), never closed
    path = tmp_path / "unclosed.csv"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    records, problems = read_table(path, "cases", vocabularies, mapping=FIXTURES / "foreign-ledger.mapping.yml",
                                   today=TODAY)
    lines = [str(p) for p in problems]
    assert records == [] and len(lines) == 1, lines
    assert lines[0].startswith("unclosed.csv:row 5: ") and "quote opened on line 5 is never closed" in lines[0]
