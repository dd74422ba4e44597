# Tests that exports never carry a live formula: every cell beginning with = + - @ tab or CR is neutralised.
"""Records that were never validated (text where numbers and dates belong) exported as .xlsx and .csv."""
import csv
import zipfile

import openpyxl

from tables_helpers import vocabularies  # noqa: F401 (a fixture)
from portal.tables import export_table

HOSTILE = ["=NOW()", '=HYPERLINK("http://example.invalid","x")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1)",
           "\t=1", "\r=1"]


def _records():
    return [{"id": f"hostile-{n}", "title": {"zh": value}, "date": value, "place": {"province": value},
             "deaths": value, "direct_loss_cny": value, "summary": {"zh": value},
             "sources": [{"title": value, "publisher": value, "url": value}]} for n, value in enumerate(HOSTILE)]


def test_xlsx_export_has_no_formula_whatever_validation_said(tmp_path, vocabularies):
    path = tmp_path / "cases.xlsx"
    export_table("cases", _records(), path, vocabularies=vocabularies)
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in package.read(name) and b"<f " not in package.read(name), name
    book = openpyxl.load_workbook(path)
    values = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
              if isinstance(cell.value, str) and cell.value and cell.value[0] in "=+-@\t\r"]
    assert values, "the hostile texts are kept as text"
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in values)


def test_csv_export_prefixes_every_dangerous_cell(tmp_path, vocabularies):
    path = tmp_path / "cases.csv"
    result = export_table("cases", _records(), path, vocabularies=vocabularies)
    for written in result.paths:
        with written.open(encoding="utf-8-sig", newline="") as handle:
            for row in list(csv.reader(handle))[2:]:
                assert not any(cell and cell[0] in "=+-@\t\r" for cell in row), row
