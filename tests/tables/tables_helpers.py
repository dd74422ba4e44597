# Helpers of the spreadsheet tests: the shipped vocabularies (a fixture), a fixed today, a user-like template filler.
"""Shared by the test_tables_* modules (imported directly: tests/ already has its own conftest.py)."""
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from portal.tables import load_vocabularies

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="session")
def vocabularies():
    return load_vocabularies(ROOT / "data" / "vocab")


def fill_workbook(path: Path, rows_by_sheet: dict[str, list[dict]], out: Path | None = None) -> Path:
    """Type rows into an existing workbook the way a user does: below the last used row, under the headers
    (a header written with or without its * mark); None leaves a blank row."""
    book = openpyxl.load_workbook(path)
    for sheet_name, rows in rows_by_sheet.items():
        sheet = book[sheet_name]
        columns = {str(cell.value).lstrip("*"): cell.column for cell in sheet[1] if cell.value}
        target = sheet.max_row
        for values in rows:
            target += 1
            for header, value in (values or {}).items():
                sheet.cell(target, columns[header], value)
    book.save(out or path)
    return out or path


class Formula:
    """A formula cell as Excel saves it: the formula and its calculated value (cached=None: never calculated, as
    files written by scripts and some converters have it; an error string such as "#VALUE!" for a failed one)."""

    def __init__(self, formula: str, cached=None):
        self.formula, self.cached = formula, cached


class ErrorValue:
    """An error value typed or pasted into a cell (Excel stores it as t="e")."""

    def __init__(self, text: str):
        self.text = text


def _col_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def excel_workbook(path: Path, sheets: dict[str, list[list]], merged: dict[str, list[str]] | None = None) -> Path:
    """An .xlsx laid out the way Excel writes one: shared strings, number cells, formulas with cached values
    (<f> and <v>), error cells (t="e"), merged ranges, a <dimension>. openpyxl cannot write cached values."""
    import zipfile
    from xml.sax.saxutils import escape

    strings: list[str] = []
    index: dict[str, int] = {}

    def shared(text: str) -> int:
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    def cell_xml(ref: str, value) -> str:
        if value is None:
            return ""
        if isinstance(value, ErrorValue):
            return f'<c r="{ref}" t="e"><v>{escape(value.text)}</v></c>'
        if isinstance(value, Formula):
            f = f"<f>{escape(value.formula)}</f>"
            if value.cached is None:
                return f'<c r="{ref}">{f}</c>'
            if isinstance(value.cached, str) and value.cached.startswith("#"):
                return f'<c r="{ref}" t="e">{f}<v>{escape(value.cached)}</v></c>'
            if isinstance(value.cached, str):
                return f'<c r="{ref}" t="str">{f}<v>{escape(value.cached)}</v></c>'
            return f'<c r="{ref}">{f}<v>{value.cached}</v></c>'
        if isinstance(value, bool):
            return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
        if isinstance(value, (int, float)):
            return f'<c r="{ref}"><v>{value}</v></c>'
        return f'<c r="{ref}" t="s"><v>{shared(str(value))}</v></c>'

    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel_ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    sheet_parts = []
    for number, (name, rows) in enumerate(sheets.items(), 1):
        width = max((len(r) for r in rows), default=1)
        body = "".join(f'<row r="{r + 1}">' + "".join(cell_xml(f"{_col_letters(c)}{r + 1}", v)
                                                      for c, v in enumerate(row)) + "</row>"
                       for r, row in enumerate(rows))
        merges = (merged or {}).get(name) or []
        merge_xml = (f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges)
                     + "</mergeCells>") if merges else ""
        sheet_parts.append(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {ns} {rel_ns}>'
                           f'<dimension ref="A1:{_col_letters(width - 1)}{max(len(rows), 1)}"/>'
                           f'<sheetData>{body}</sheetData>{merge_xml}</worksheet>')
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-'
                        'officedocument.spreadsheetml.worksheet+xml"/>' for n in range(1, len(sheets) + 1))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types '
                         'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels"'
                         ' ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension='
                         '"xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
                         '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
                         'PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                         f'spreadsheetml.sharedStrings+xml"/>{overrides}</Types>')
        package.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
                         'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                         'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                         'Target="xl/workbook.xml"/></Relationships>')
        package.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {ns} '
                         f'{rel_ns}><sheets>' + "".join(f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"/>'
                                                        for n, name in enumerate(sheets, 1)) + "</sheets></workbook>")
        rels = "".join(f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                       f'relationships/worksheet" Target="worksheets/sheet{n}.xml"/>' for n in range(1, len(sheets) + 1))
        rels += (f'<Relationship Id="rId{len(sheets) + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                 'relationships/sharedStrings" Target="sharedStrings.xml"/>')
        package.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         f'{rels}</Relationships>')
        for n, part in enumerate(sheet_parts, 1):
            package.writestr(f"xl/worksheets/sheet{n}.xml", part)
        package.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst {ns} '
                         f'count="{len(strings)}" uniqueCount="{len(strings)}">'
                         + "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings) + "</sst>")
    return path


def taizhang(path):
    """A 台账 as offices keep them: a title row, headers merged over two rows (伤亡情况 over 死亡/受伤), losses in 万元
    under a header that does not say so, a 合计 row."""
    return excel_workbook(path, {"台账": [
        ["2024年度生产安全事故台账", None, None, None, None, None, None, None],
        ["序号", "事故名称", "发生日期", "单位", "事故类别", "伤亡情况", None, "经济损失"],
        [None, None, None, None, None, "死亡", "受伤", None],
        [1, "配电室触电事故（虚构）", "2024年3月5日", "一车间", "触电", 1, 0, 12.5],
        [2, "仓库火灾（虚构）", 45491, "二号仓库", "火灾", 0, 2, 0.56789],
        [3, "脚手架坍塌（虚构）", "2024.9.1", "三号工地", "坍塌", 2, 1, 300],
        ["合计", None, None, None, None, 3, 3, 313.06789],
    ]}, merged={"台账": ["A1:H1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "F2:G2", "H2:H3"]})
