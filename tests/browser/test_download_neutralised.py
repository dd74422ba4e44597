# Browser check that the readers' downloads never carry a live formula: cases whose text begins with = + - @ tab CR.
"""'下载这 N 条（CSV）' (overrides/assets/portal.js) and the open-data files of a site built from records whose title,
city and summary begin like spreadsheet formulas (tests/fixtures/formula-cells): over http and over file://, every
cell of the download is neutralised with a leading ' and keeps the text after it (issue 19 item 6)."""
from __future__ import annotations

import csv
import gzip
import io
import re

import openpyxl
import pytest

from portal_testing import FIXTURES, MINIMAL, build
from portal.verify.served import served_folder

LAYER = FIXTURES / "formula-cells"
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
TITLES = {  # the fixture's Chinese titles, as the records give them
    "formula-hyperlink": '=HYPERLINK("http://attacker.example/","点击查看")',
    "formula-plus": "+1 坠落事故（虚构）",
    "formula-minus": "-2 起重伤害（虚构）",
    "formula-at": "@SUM(A1:A9) 触电事故（虚构）",
    "formula-tab": "\t制表符开头的事故（虚构）",
    "formula-cr": "\r回车开头的事故（虚构）",
}


@pytest.fixture(scope="module")
def formula_sites(tmp_path_factory):
    """The minimal data plus the formula-like cases, built as the web and the offline variant."""
    root = tmp_path_factory.mktemp("formula-cells")
    build(root / "web", MINIMAL, LAYER)
    build(root / "offline", MINIMAL, LAYER, variant="offline")
    return root


@pytest.fixture(scope="module", params=["http", "file"])
def formula_list(request, formula_sites):
    if request.param == "http":
        with served_folder(formula_sites / "web") as url:
            yield url + "cases/"
    else:
        yield (formula_sites / "offline" / "cases" / "index.html").as_uri()


@pytest.fixture
def reader(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    page.script_errors = []
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    yield page
    context.close()
    assert page.script_errors == []


def test_the_download_of_the_shown_rows_neutralises_formula_like_cells(reader, formula_list):
    reader.goto(formula_list)
    reader.click('details[data-filter-column="industry"] summary')
    reader.check('details[data-filter-column="industry"] input[value="construction"]')
    reader.wait_for_selector("tbody[data-dynamic]")
    button = reader.locator("[data-download-shown]")
    assert button.is_visible() and "6" in button.inner_text()
    with reader.expect_download() as info:
        button.click()
    raw = open(info.value.path(), "rb").read().decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(raw, newline="")))
    header, rows = table[0], table[1:]
    assert len(rows) == len(TITLES)
    for row in table:
        assert not [cell for cell in row if cell.startswith(DANGEROUS)], row
    by_id = {re.search(r"/cases/([^/]+?)(?:/|/index\.html|\.html)$", row[-1]).group(1): row for row in rows}
    for record_id, title in TITLES.items():
        row = by_id[record_id]
        assert "'" + title in row, (record_id, row)   # the text kept whole after the neutralising '


def test_the_open_data_files_neutralise_formula_like_cells(formula_sites):
    """data/cases.csv(.gz) and data/cases.xlsx of the built site: no formula, every dangerous text a quoted string."""
    data = formula_sites / "web" / "data"
    packed = data / "cases.csv.gz"   # served gzip-compressed (nginx gunzips it for clients that ask for plain)
    text = gzip.decompress(packed.read_bytes()).decode("utf-8-sig") if packed.is_file() else \
        (data / "cases.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) > len(TITLES)
    assert not [cell for row in rows for cell in row if cell.startswith(DANGEROUS)]
    assert any("'" + TITLES["formula-hyperlink"] in row for row in rows)
    book = openpyxl.load_workbook(data / "cases.xlsx")
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
             if isinstance(cell.value, str) and cell.value.startswith(DANGEROUS)]
    assert len(cells) >= 4 * len(TITLES)   # title zh/en, city, summary of each
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in cells), [c.coordinate for c in cells]
