# Opens a workbook (.xlsx/.xlsm/.xls/.ods via python-calamine) or CSV files (UTF-8 with or without BOM, GB18030) as grids.
"""Raw cell grids, before any column is understood.

A workbook gives one `Grid` per worksheet, merged cells filled with their top-left value. A CSV file `x.csv`
gives the main grid plus one grid per sibling file `x.<sheet>.csv` (export writes child sheets that way:
`cases.csv`, `cases.sources.csv`, ...).
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineWorkbook

from portal.records.problems import Problem

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
# A leading apostrophe that export put before = + - @ (so that no spreadsheet runs the cell as a formula).
GUARDED_FIRST = "=+-@\t\r'"
MAX_FILE_BYTES = 256 * 2**20        # a 10,000-case export with every long text is 15 MB (.xlsx), 38 MB (.csv)
MAX_UNPACKED_BYTES = 1024 * 2**20   # .xlsx/.ods are zip files: refuse one that unpacks to more (a zip bomb)


@dataclass
class Grid:
    name: str            # worksheet name; for CSV the part between the stem and .csv ("" for the main file)
    file: str            # file name shown in problems
    rows: list[list]
    is_csv: bool = False

    @property
    def sheet(self) -> str | None:
        """Sheet name for locations (None for CSV: locations are `file.csv:row 12`)."""
        return None if self.is_csv else self.name


def open_grids(path: Path) -> tuple[list[Grid], list[Problem]]:
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        return [], [_file_problem(path, "找不到文件，请检查路径", "file not found: check the path")]
    if path.stat().st_size > MAX_FILE_BYTES:
        return [], [_file_problem(path, f"文件超过 {MAX_FILE_BYTES // 2**20} MB：请分成几个文件导入",
                                  f"file is larger than {MAX_FILE_BYTES // 2**20} MB: split it into several files")]
    if suffix in WORKBOOK_SUFFIXES:
        return _workbook(path)
    if suffix in CSV_SUFFIXES:
        grids, problems = [], []
        main, problem = read_csv(path)
        if problem:
            return [], [problem]
        grids.append(main)
        prefix = path.stem + "."
        for sibling in sorted(path.parent.glob(f"{path.stem}.*{path.suffix}")):
            part = sibling.name[len(prefix): -len(path.suffix)]
            if sibling == path or not part or "." in part:
                continue
            grid, problem = read_csv(sibling)
            if problem:
                problems.append(problem)
            else:
                grid.name = part
                grids.append(grid)
        return grids, problems
    return [], [_file_problem(path, "不支持的文件类型：请另存为 .xlsx 或 .csv",
                              "file type not supported: save it as .xlsx or .csv")]


def _file_problem(path: Path, zh: str, en: str) -> Problem:
    return Problem.at_cell(path.name, None, None, None, "(文件 / file)", "file", f"{zh} / {en}")


def _unpacked_size(path: Path) -> int:
    try:
        with zipfile.ZipFile(path) as package:
            return sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, OSError):
        return 0   # not a zip container (.xls) or damaged: calamine reports it


def _workbook(path: Path) -> tuple[list[Grid], list[Problem]]:
    if _unpacked_size(path) > MAX_UNPACKED_BYTES:
        return [], [_file_problem(path, f"工作簿解压后超过 {MAX_UNPACKED_BYTES // 2**20} MB：请分成几个文件导入",
                                  f"the workbook unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB: split it")]
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as error:   # calamine raises its own error types for damaged or encrypted files
        return [], [_file_problem(path, f"无法打开工作簿（{error}）：请用 Excel/WPS 打开后另存为 .xlsx 再试",
                                  f"workbook cannot be opened ({error}): open it in Excel/WPS, save as .xlsx, try again")]
    grids = []
    for name in book.sheet_names:
        sheet = book.get_sheet_by_name(name)
        rows = sheet.to_python(skip_empty_area=False)
        for (top, left), (bottom, right) in sheet.merged_cell_ranges or ():
            if top >= len(rows) or left >= len(rows[top]):
                continue
            value = rows[top][left]
            for r in range(top, min(bottom, len(rows) - 1) + 1):
                for c in range(left, min(right, len(rows[r]) - 1) + 1):
                    rows[r][c] = value
        grids.append(Grid(name, path.name, rows))
    return grids, []


def decode_csv_bytes(raw: bytes) -> str:
    """UTF-16 (with BOM), UTF-8 (with or without BOM), else GB18030 (WPS and older Excel on Chinese Windows)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def read_csv(path: Path) -> tuple[Grid | None, Problem | None]:
    try:
        text = decode_csv_bytes(path.read_bytes())
    except UnicodeDecodeError:
        return None, _file_problem(path, "无法识别文件编码：请在 Excel/WPS 中另存为“CSV UTF-8”",
                                   "encoding not recognised: save it again as “CSV UTF-8” in Excel/WPS")
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count) if first_line else ","
    if first_line.count(delimiter) == 0:
        delimiter = ","
    rows = [[unguard(cell) for cell in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    return Grid("", path.name, rows, is_csv=True), None


def unguard(cell: str) -> str:
    if len(cell) > 1 and cell[0] == "'" and cell[1] in GUARDED_FIRST:
        return cell[1:]
    return cell


def guard(text: str) -> str:
    """CSV cell text that no spreadsheet runs as a formula: an apostrophe before = + - @ (and before ')."""
    return "'" + text if text and text[0] in GUARDED_FIRST else text
