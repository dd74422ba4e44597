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
