# The readers' workbook writer on awkward cells: formulas neutralised, links, header, filter, line ends, empty cells.
"""write_readers_xlsx (xlsx_stream) read back with openpyxl: what issue 19 item 6 asks of the readers' download."""
from __future__ import annotations

import openpyxl

from portal.outputs.readers_table import write_readers_xlsx

HEADER = ["编号 / ID", "标题 / Title", "备注 / Note", "页面 / Page"]


def test_readers_workbook_cells(tmp_path):
    rows = [["a", "=HYPERLINK(\"http://x.example/\",\"点\")", "", "http://intranet.example/safety/cases/a/"],
            ["b", "+1 坠落", "#N/A", "../cases/b/"],
            ["c", "\r回车\r\n开头", " 前后空格 ", "https://intranet.example/cases/c/"],
            ["d", "-2", "@SUM(A1:A9)", "../cases/d/"],
            ["e", "\t制表符", "多行\n文字 & <b>", "../cases/e/"]]
    path = write_readers_xlsx(tmp_path / "cases.xlsx", "案例", HEADER, rows)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["案例"]
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == HEADER and all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:D6"
    values = [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert values[0] == ["a", rows[0][1], None, rows[0][3]]          # an empty text is an empty cell
    assert values[1][1:3] == ["+1 坠落", "#N/A"] and sheet["C3"].data_type == "s"   # text, not an error value
    assert values[2][1:3] == ["\n回车\n开头", " 前后空格 "]             # line ends as openpyxl used to store them
    assert values[4][2] == "多行\n文字 & <b>"
    guarded = [sheet[ref] for ref in ("B2", "B3", "B4", "B5", "C5", "B6")]
    assert all(cell.quotePrefix and cell.data_type == "s" for cell in guarded), [c.coordinate for c in guarded]
    assert not any(sheet[ref].quotePrefix for ref in ("A2", "C4", "D2", "C6"))
    links = {cell.coordinate: cell.hyperlink.target for cell in sheet["D"][1:] if cell.hyperlink}
    assert links == {"D2": rows[0][3], "D4": rows[2][3]}              # relative addresses stay text


def test_disk_full_is_the_os_error():
    """A full disk is reported by the OSError itself (the build says "disk full"); /dev/full answers every write so."""
    import errno
    from pathlib import Path

    import pytest

    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with pytest.raises(OSError) as raised:
        write_readers_xlsx(Path("/dev/full"), "案例", HEADER, [["a", "b", "c", "../cases/a/"]] * 2000)
    assert raised.value.errno == errno.ENOSPC
