# Tests that nothing is lost or altered on import: error values, formulas without values, numbers for phones, encodings, limits.
"""Each input that once lost or altered data (or ended in a traceback) is a problem at its cell or one line."""
import zipfile

import pytest

from tables_helpers import ErrorValue, Formula, TODAY, excel_workbook, vocabularies  # noqa: F401 (fixture)
from portal.check.checker import landline_without_trunk_zero, phone_is_valid
from portal.records.ids import IdAllocator
from portal.tables import errors, read_table
from portal.tables import sheets as sheets_module

HEADER = ["事故名称", "事故日期", "省份", "事故类别", "死亡人数", "直接经济损失(元)"]


SOURCES = {"defaults": {"sources": [{"title": "2024年度事故台账（虚构测试数据）", "publisher": "示例公司安全科"}]}}


def _messages(problems):
    return [str(p) for p in problems]


def test_error_values_and_uncalculated_formulas_are_problems_at_their_cells(tmp_path, vocabularies):
    path = excel_workbook(tmp_path / "台账.xlsx", {"事故": [
        HEADER,
        [Formula('"示例"&"配电室触电事故"', "示例配电室触电事故"), "2024-03-05", "江苏省", "触电", Formula("1+0", 1),
         Formula("A1*2", "#VALUE!")],
        [Formula('CONCATENATE("示例","仓库火灾")'), "2024-07-18", "浙江省", "火灾", 0, 1000],
        [ErrorValue("#REF!"), "2024-09-01", "四川省", "坍塌", ErrorValue("#N/A"), ErrorValue("#DIV/0!")],
        ["#VALUE!", "2024-09-02", "四川省", "坍塌", 1, 0],
    ]})
    records, problems = read_table(path, "cases", vocabularies, mapping=SOURCES, today=TODAY)
    by_cell = {p.location: p for p in errors(problems)}
    assert set(by_cell) == {"台账.xlsx:事故!F2", "台账.xlsx:事故!A3", "台账.xlsx:事故!A4", "台账.xlsx:事故!E4",
                            "台账.xlsx:事故!F4", "台账.xlsx:事故!A5"}
    assert all(p.code == "cell-error" for p in by_cell.values())
    assert str(by_cell["台账.xlsx:事故!A3"]).startswith(
        '台账.xlsx:事故!A3: 事故名称: 公式 =CONCATENATE("示例","仓库火灾") 没有计算结果')
    assert "#VALUE!" in by_cell["台账.xlsx:事故!F2"].message and "#REF!" in by_cell["台账.xlsx:事故!A4"].message
    assert "#VALUE!" in by_cell["台账.xlsx:事故!A5"].message, "an error value typed as text (a CSV export) too"
    assert records[0]["title"] == {"zh": "示例配电室触电事故"}, "a formula's calculated value is the data"
    assert not any(r.get("title", {}).get("zh", "").startswith("#") for r in records)


def test_a_landline_stored_as_a_number_is_refused_with_its_zero_restored(tmp_path, vocabularies):
    path = excel_workbook(tmp_path / "号码.xlsx", {"号码": [
        ["名称", "类别", "号码", "号码类型"],
        ["调度室", "值班室", 8945821234, "24小时值班"],
        ["调度室", "值班室", 13900002001, "手机"],
        ["火警", "消防救援", 119, "紧急号码"],
        ["厂部", "值班室", 12345, "24小时值班"],
        ["厂部", "值班室", 8.9e15, "24小时值班"],
    ]})
    mapping = {"defaults": {"id": "demo", "title.zh": "虚构号码簿", "organisation.zh": "示例单位", "region.zh": "示例县",
                            "summary.zh": "测试", "last_verified.date": "2026-11-01", "last_verified.by.zh": "安全科"},
               "sheets": {"号码": "号码"}}
    records, problems = read_table(path, "contacts", vocabularies, mapping=mapping, today=TODAY)
    located = {p.location: p.message for p in errors(problems)}
    assert set(located) == {"号码.xlsx:号码!C2", "号码.xlsx:号码!C6"}
    assert "应为 08945821234" in located["号码.xlsx:号码!C2"] and "is it 08945821234?" in located["号码.xlsx:号码!C2"]
    assert "08945821234" not in located["号码.xlsx:号码!C6"], "no 0 offered when that is not a valid number either"


def test_validate_refuses_a_landline_without_its_trunk_zero():
    assert landline_without_trunk_zero("8945821234") == "08945821234"
    assert landline_without_trunk_zero("891-5821234") == "0891-5821234"
    assert landline_without_trunk_zero("0891-5821234") == ""
    assert landline_without_trunk_zero("13812345678") == "" and landline_without_trunk_zero("4008001234") == ""
    assert not phone_is_valid("8945821234", {})
    assert phone_is_valid("0891-5821234", {}) and phone_is_valid("13812345678", {})


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_csv_in_each_encoding(tmp_path, vocabularies, encoding):
    path = tmp_path / "ledger.csv"
    path.write_bytes(("\n".join([",".join(HEADER), "示例公司配电室触电事故（虚构）,2024-03-05,江苏省,触电,1,12500"]) + "\n")
                     .encode(encoding))
    records, problems = read_table(path, "cases", vocabularies, mapping=SOURCES, today=TODAY)
    assert errors(problems) == [], _messages(problems)
    assert records[0]["title"] == {"zh": "示例公司配电室触电事故（虚构）"} and records[0]["place"] == {"province": "jiangsu"}


def test_windows_1252_is_not_read_as_gb18030(tmp_path, vocabularies):
    path = tmp_path / "foreign.csv"
    path.write_bytes("Title,Date,Province,Accident type,Deaths\nMüller-Zürich crane collapse,2024-03-05,jiangsu,"
                     "collapse,1\n".encode("cp1252"))
    records, problems = read_table(path, "cases", vocabularies, today=TODAY)
    assert records == [] and [p.code for p in problems] == ["encoding"]
    assert "--encoding cp1252" in problems[0].message and "Müller-Zürich" in problems[0].message
    records, problems = read_table(path, "cases", vocabularies, mapping=SOURCES, today=TODAY, encoding="cp1252")
    assert list(records[0]["title"].values()) == ["Müller-Zürich crane collapse"]
    _, problems = read_table(path, "cases", vocabularies, today=TODAY, encoding="no-such-codec")
    assert [p.code for p in problems] == ["encoding"]


def test_a_cell_at_the_last_row_and_column_is_one_line(tmp_path, vocabularies):
    path = excel_workbook(tmp_path / "far.xlsx", {"事故": [HEADER]})
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        "</sheetData>", '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>').encode()
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    records, problems = read_table(path, "cases", vocabularies, today=TODAY)
    assert records == [] and len(problems) == 1 and problems[0].code == "limit"
    assert "XFD1048576" in str(problems[0]) and "\n" not in str(problems[0])


def test_a_zip_bomb_is_refused_in_one_line(tmp_path, vocabularies):
    path = excel_workbook(tmp_path / "bomb.xlsx", {"事故": [HEADER]})
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/media/padding.bin", b"\0" * (40 * 2**20))
    _, problems = read_table(path, "cases", vocabularies, today=TODAY)
    assert [p.code for p in problems] == ["limit"] and "unpacks to" in problems[0].message


def test_a_zip_member_with_a_false_size_is_refused(tmp_path, vocabularies):
    path = excel_workbook(tmp_path / "liar.xlsx", {"事故": [HEADER, ["甲（虚构）", "2024-03-05", "江苏省", "触电", 1, 0]]})
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    # the central directory's uncompressed size of the sheet (4 bytes at offset 24 of its record) says 10 bytes
    central = data.rindex(b"PK\x01\x02" + data[data.index(b"PK\x01\x02") + 4:data.index(b"PK\x01\x02") + 4][:0],
                          0, data.rindex(name))
    data[central + 24:central + 28] = (10).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    _, problems = read_table(path, "cases", vocabularies, today=TODAY)
    assert problems and all(p.code in ("file", "limit") for p in problems), _messages(problems)
    assert all("\n" not in str(p) for p in problems)


def test_csv_limits_are_one_line(tmp_path, vocabularies, monkeypatch):
    big = tmp_path / "big-cell.csv"
    big.write_text(",".join(HEADER) + "\n" + "甲" * 1_100_000 + ",2024-03-05,江苏,触电,1,0\n", encoding="utf-8")
    _, problems = read_table(big, "cases", vocabularies, today=TODAY)
    assert [p.code for p in problems] == ["limit"] and problems[0].location == "big-cell.csv:row 2"
    long_cell = tmp_path / "long-cell.csv"
    long_cell.write_text(",".join(HEADER) + "\n" + "甲" * 200_000 + ",2024-03-05,江苏省,触电,1,0\n", encoding="utf-8")
    _, problems = read_table(long_cell, "cases", vocabularies, mapping=SOURCES, today=TODAY)
    assert [(p.location, p.code) for p in errors(problems) if p.code == "cell-size"] == [("long-cell.csv:row 2", "cell-size")]
    assert not any(p.code == "required" for p in problems), "the too-large cell is not also called blank"
    monkeypatch.setattr(sheets_module, "MAX_ROWS", 3)
    many = tmp_path / "many.csv"
    many.write_text(",".join(HEADER) + "\n" + "甲,2024-03-05,江苏,触电,1,0\n" * 5, encoding="utf-8")
    _, problems = read_table(many, "cases", vocabularies, today=TODAY)
    assert [p.code for p in problems] == ["limit"] and "more than 3 rows" in problems[0].message


def test_mapping_that_is_missing_or_endless_is_one_line(tmp_path, vocabularies):
    path = tmp_path / "ledger.csv"
    path.write_text(",".join(HEADER) + "\n", encoding="utf-8")
    for mapping, words in ((tmp_path / "missing.yml", "not found"), ("/dev/zero", "not a regular file")):
        _, problems = read_table(path, "cases", vocabularies, mapping=mapping, today=TODAY)
        assert any(p.code == "mapping" and words in p.message for p in problems), _messages(problems)


def test_the_importer_never_generates_a_reserved_id(tmp_path, vocabularies):
    path = tmp_path / "ledger.csv"
    path.write_text(",".join(HEADER) + "\n404,2024-03-05,江苏省,触电,1,0\nindex,2024-03-06,江苏省,触电,1,0\n",
                    encoding="utf-8")
    records, problems = read_table(path, "cases", vocabularies, mapping=SOURCES, today=TODAY)
    assert errors(problems) == [], _messages(problems)
    assert [r["id"] for r in records] == ["404-2024", "index-2024"]
    assert IdAllocator().new("404") == "record-404" and IdAllocator().new("cases") == "record-cases"
