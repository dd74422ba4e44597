# The streaming workbook writer against XlsxWriter, which wrote the readers' workbook before: the same cells, awkward ones too.
"""xlsx_stream.write_sheet_workbook writes what XlsxWriter's constant_memory mode wrote (the sheet XML byte for byte,
but for the link cells' style); here both write awkward cells and openpyxl must read every cell, its type, format,
bold, quote prefix and link, the frozen header, the filter and the sheet name the same."""
from __future__ import annotations

import datetime as dt
import re
import zipfile

import openpyxl
import pytest

from portal.outputs.xlsx_stream import MAX_TEXT, column_name, write_sheet_workbook
from portal.tables.values import FORMULA_FIRST, needs_text_guard

LONG = "长" * 20000 + "😀" * 10000   # 40,000 UTF-16 units: cut at 32,767 without splitting the emoji
AWKWARD = ["plain", "", None, " lead", "trail ", "\u3000全角空格", "尾\u00a0", "\x1f", "a\x01b\x0bc", "_x0041_ literal",
           "_x004g_", "\ufffe\uffff", "a & b < c > d \"q\" 'a'", "line\nbreak", "cr\rin\r\nside",
           "=1+1", "+1", "-2", "@SUM(A1)", "\tTab", "\rCR", "'quoted", "#N/A", LONG, "x" * 16384, "中文", "\U0001F600",
           0, 1, -7, 3.25, 1e20, 12345678901234567, 0.1 + 0.2, True, False, dt.date(2020, 2, 29), dt.date(1900, 1, 1),
           dt.date(1900, 3, 1), dt.datetime(2021, 5, 6, 7, 8, 9)]
LINKS = ["https://intranet.example/safety/cases/a/", "http://x.example/a b/[c]{d}^`\"<>%", "http://x.example/%20ok",
         "https://x.example/p#anchor&more", "https://x.example/" + "l" * 2100, "https://x.example/#" + "a" * 2100,
         "../cases/b/", "=HYPERLINK(\"http://x/\")", "https://x.example/cr\r", "ftp://x.example/", ""]


def xlsxwriter_reference(path, sheet_name, header, rows):
    """The readers' workbook as write_readers_xlsx wrote it with XlsxWriter (the code before xlsx_stream)."""
    import xlsxwriter

    with xlsxwriter.Workbook(str(path), {"constant_memory": True}) as book:
        sheet = book.add_worksheet(sheet_name)
        bold, quoted = book.add_format({"bold": True}), book.add_format({"quote_prefix": True})
        plain, dates = book.add_format(), book.add_format({"num_format": "yyyy-mm-dd"})
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, len(rows), len(header) - 1)
        for column, text in enumerate(header):
            sheet.write_string(0, column, text, bold)
        last, links = len(header) - 1, 0
        for number, row in enumerate(rows, 1):
            for column, value in enumerate(row):
                if isinstance(value, str):
                    if not value:
                        continue
                    if "\r" in value:
                        guarded, value = needs_text_guard(value), value.replace("\r\n", "\n").replace("\r", "\n")
                        sheet.write_string(number, column, value, quoted if guarded else None)
                    elif needs_text_guard(value):
                        sheet.write_string(number, column, value, quoted)
                    elif column == last and links < 65530 and value.startswith(("http://", "https://")):
                        links += 1
                        if sheet.write_url(number, column, value, plain, value):
                            sheet.write_string(number, column, value)
                    else:
                        sheet.write_string(number, column, value)
                elif value is None:
                    continue
                elif isinstance(value, bool):
                    sheet.write_boolean(number, column, value)
                elif isinstance(value, (int, float)):
                    sheet.write_number(number, column, value)
                elif isinstance(value, (dt.date, dt.datetime)):
                    sheet.write_datetime(number, column, value, dates)


def cells(path):
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    out = [book.sheetnames, sheet.freeze_panes, sheet.auto_filter.ref, sheet.dimensions]
    for row in sheet.iter_rows():
        for cell in row:
            out.append((cell.coordinate, cell.value, cell.data_type, cell.number_format, bool(cell.font.b),
                        bool(cell.quotePrefix), cell.hyperlink.target if cell.hyperlink else None,
                        cell.hyperlink.location if cell.hyperlink else None))
    return out


def awkward_rows():
    rows = [[value, f"{index}", value] for index, value in enumerate(AWKWARD)]
    rows += [[f"link {index}", None, link] for index, link in enumerate(LINKS)]
    return [row + [row[2] if isinstance(row[2], str) else ""] for row in rows]   # the last column: links


@pytest.mark.filterwarnings("ignore::UserWarning")   # XlsxWriter warns of the links it refuses
@pytest.mark.parametrize("sheet_name", ["事故案例", "a&b <c>", "1 sheet"])
def test_same_cells_as_xlsxwriter(tmp_path, sheet_name):
    header = ["编号 / ID", " 空格 ", "值 & <v>", "页面 / Page"]
    rows = awkward_rows()
    xlsxwriter_reference(tmp_path / "old.xlsx", sheet_name, header, rows)
    write_sheet_workbook(tmp_path / "new.xlsx", sheet_name, header, rows, link_column=len(header) - 1)
    assert zipfile.ZipFile(tmp_path / "new.xlsx").testzip() is None
    old, new = cells(tmp_path / "old.xlsx"), cells(tmp_path / "new.xlsx")
    assert old[:4] == new[:4]
    assert [c for c in old[4:] if c not in new] == [] and len(old) == len(new)
    linked = [c for c in new[4:] if c[6]]
    assert len(linked) == 4 and ("D" + str(len(AWKWARD) + 5), "https://x.example/p#anchor&more", "s", "General", False,
                                 False, "https://x.example/p", "anchor&more") in linked


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_the_sheet_xml_is_what_xlsxwriter_wrote(tmp_path):
    """Byte for byte, but for the style XlsxWriter gave link cells (one of its own, looking like the default)."""
    header = ["a", "b", "c", "d"]
    rows = awkward_rows()
    xlsxwriter_reference(tmp_path / "old.xlsx", "表", header, rows)
    write_sheet_workbook(tmp_path / "new.xlsx", "表", header, rows, link_column=3)

    def part(name, path):
        with zipfile.ZipFile(path) as package:
            return package.read(name).decode("utf-8")

    def sheet_xml(path):
        """The sheet with each s="<index>" named by what the style is (XlsxWriter numbers them in order of use)."""
        styles = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", part("xl/styles.xml", path)).group(1)
        meaning = ["bold" if 'fontId="1"' in xf else "quoted" if "quotePrefix" in xf else "date"
                   if 'numFmtId="164"' in xf else "" for xf in re.findall(r"<xf [^>]*>", styles)]
        return re.sub(r' s="(\d+)"', lambda m: f' s="{meaning[int(m.group(1))]}"' if meaning[int(m.group(1))] else "",
                      part("xl/worksheets/sheet1.xml", path))

    old = sheet_xml(tmp_path / "old.xlsx")
    assert 's="quoted"' in old and 's="date"' in old and 's="bold"' in old
    assert old == sheet_xml(tmp_path / "new.xlsx")
    for name in ("xl/workbook.xml", "xl/worksheets/_rels/sheet1.xml.rels", "docProps/app.xml", "[Content_Types].xml"):
        assert part(name, tmp_path / "old.xlsx") == part(name, tmp_path / "new.xlsx"), name


def test_every_formula_like_text_is_quoted(tmp_path):
    """The security rule: text beginning with = + - @ tab or CR is a quoted string, never a formula, in any column,
    also a value of another type whose text begins so."""
    class Odd:
        def __str__(self):
            return "=CMD()"

    rows = [[first + "x", "y" + first, Odd(), "https://x.example/" if first == "=" else first + "http://x/"]
            for first in FORMULA_FIRST]
    write_sheet_workbook(tmp_path / "g.xlsx", "g", ["a", "b", "c", "d"], rows, link_column=3)
    sheet = openpyxl.load_workbook(tmp_path / "g.xlsx").worksheets[0]
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            text = str(cell.value)
            assert cell.data_type == "s", cell.coordinate
            assert cell.quotePrefix == (text[:1] in FORMULA_FIRST or text[:1] == "\n"), cell.coordinate   # CR -> LF


def test_markup_is_text(tmp_path):
    """XlsxWriter copied a text looking like its rich-string markup into the XML raw (the cell read "rich"):
    here it is text like any other."""
    write_sheet_workbook(tmp_path / "r.xlsx", "r", ["a"], [["<r><t>rich</t></r>"], ["</t></is></c><c r=\"B9\">"]])
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx").worksheets[0]
    assert [sheet["A2"].value, sheet["A3"].value, sheet.max_column] == ["<r><t>rich</t></r>", "</t></is></c><c r=\"B9\">", 1]


def test_empty_and_wide(tmp_path):
    write_sheet_workbook(tmp_path / "e.xlsx", "e", ["only"], [])
    sheet = openpyxl.load_workbook(tmp_path / "e.xlsx").worksheets[0]
    assert sheet.auto_filter.ref == "A1" and sheet["A1"].value == "only" and sheet.max_row == 1
    assert [column_name(i) for i in (0, 25, 26, 701, 702, 16383)] == ["A", "Z", "AA", "ZZ", "AAA", "XFD"]
    write_sheet_workbook(tmp_path / "l.xlsx", "l", ["a"], [[LONG], [None]])
    sheet = openpyxl.load_workbook(tmp_path / "l.xlsx").worksheets[0]
    assert len(sheet["A2"].value.encode("utf-16-le")) // 2 == MAX_TEXT - 1 and sheet.dimensions == "A1:A2"
    with pytest.raises(ValueError):
        write_sheet_workbook(tmp_path / "bad.xlsx", "a/b", ["a"], [])
    with pytest.raises(TypeError):
        write_sheet_workbook(tmp_path / "nan.xlsx", "n", ["a"], [[float("nan")]])


@pytest.fixture(params=["zlib-ng", "zlib"])
def compressor(request, monkeypatch):
    """deflate.py with zlib-ng (pinned) and with the standard zlib (a .venv from before the pin)."""
    import gzip
    import zlib

    from portal.outputs import deflate

    if request.param == "zlib":
        monkeypatch.setattr(deflate, "_zlib", zlib)
        monkeypatch.setattr(deflate, "_gzip", gzip)
        monkeypatch.setattr(deflate, "crc32", zlib.crc32)
    else:
        pytest.importorskip("zlib_ng")
        assert deflate.LIBRARY == "zlib-ng"
    return request.param


def test_the_zip_opens_in_other_readers(tmp_path, compressor):
    """zipfile (every CRC checked), openpyxl and calamine (another reader, in Rust) read the same workbook."""
    from python_calamine import CalamineWorkbook

    rows = [[f"case-{n:05d}", "事故 & <名称>" * (n % 7), n % 3 == 0, n * 1.5, f"https://x.example/cases/{n}/"]
            for n in range(3000)]
    header = ["编号", "名称", "布尔", "数", "页面"]
    path = write_sheet_workbook(tmp_path / "z.xlsx", "案例", header, rows, link_column=4)
    with zipfile.ZipFile(path) as package:
        assert package.testzip() is None
        assert package.namelist()[:4] == ["[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels",
                                          "xl/worksheets/sheet1.xml"]
    sheet = openpyxl.load_workbook(path).worksheets[0]
    expected = [header] + [[value if value != "" else None for value in row] for row in rows]
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == expected
    assert sheet["E3001"].hyperlink.target == rows[-1][4]
    calamine = CalamineWorkbook.from_path(str(path))
    assert calamine.sheet_names == ["案例"]
    read = calamine.get_sheet_by_name("案例").to_python()
    assert read[0] == header and read[1][:2] == ["case-00000", ""] and read[-1][0] == "case-02999"
    assert read[4][2] is True and read[4][3] == 4.5


def test_gzip_opens_with_either_compressor(tmp_path, compressor):
    import gzip

    from portal.outputs.open_data import write_json_document

    document = {"kind": "cases", "records": [{"id": str(n), "t": "文字" * n} for n in range(500)]}
    write_json_document(tmp_path / "c.json.gz", document)
    write_json_document(tmp_path / "c.json", document)
    assert gzip.decompress((tmp_path / "c.json.gz").read_bytes()) == (tmp_path / "c.json").read_bytes()
    assert (tmp_path / "c.json.gz").read_bytes()[4:8] == b"\0\0\0\0"   # no time in the header
