# Writes a kind's workbook: the empty template (with an example row) or an export of records, as .xlsx or .csv files.
"""Template and export.

Workbook layout (.xlsx): the main sheet, one sheet per child list, 说明 (instructions, Chinese then English)
and the hidden sheet 词表 holding the drop-down lists. In every data sheet row 1 has the Chinese headers
(required ones marked * on an orange fill, help text in a cell comment), row 2 the English headers, and
data starts on row 3. Text cells that begin with = + - @ are stored as text, never as formulas.

CSV: `out.csv` holds the main sheet and `out.<child>.csv` each child sheet (UTF-8 with BOM, same two header
rows); cells beginning with = + - @ or ' get a leading apostrophe, which import removes again.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from portal.tables.columns import KINDS
from portal.tables.layout import (RoleColumn, child_rows, example_record, header_text, is_text_column, main_row,
                                  sheet_columns)
from portal.records.problems import Problem
from portal.tables.sheets import guard
from portal.tables.spec import KindSpec
from portal.tables.values import needs_text_guard
from portal.tables.vocab import VocabSet
from portal.words import ui

# Sheet names (Chinese, English) from the catalogue of interface words (portal/words/ui.yml: sheet.*).
INSTRUCTIONS_SHEET = (ui("sheet.instructions", "zh"), ui("sheet.instructions", "en"))
LISTS_SHEET = (ui("sheet.lists", "zh"), ui("sheet.lists", "en"))
FIRST_DATA_ROW = 3
MAX_CELL = 32767
ILLEGAL_CHARACTERS = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
REQUIRED_FILL = PatternFill("solid", fgColor="F8CBAD")
OPTIONAL_FILL = PatternFill("solid", fgColor="DDEBF7")
ENGLISH_FILL = PatternFill("solid", fgColor="F2F2F2")
BOLD = Font(bold=True)
ENGLISH_FONT = Font(italic=True, color="595959")
EXAMPLE_FONT = Font(italic=True, color="808080")
WRAP = Alignment(wrap_text=True, vertical="top")

TYPE_HELP = {
    "text": ("文字", "text"),
    "phone": ("电话号码（文本格式，保留开头的 0）", "phone number (text, keep the leading 0)"),
    "list": ("每行一条", "one item per line"),
    "id": ("记录编号", "record ID"),
    "id-list": ("记录编号，每行一个", "record IDs, one per line"),
    "date": ("日期，如 2025-05-12", "date, e.g. 2025-05-12"),
    "time": ("时间，如 2015-08-12 22:51", "time, e.g. 2015-08-12 22:51"),
    "integer": ("整数", "whole number"),
    "number": ("数字", "number"),
    "money": ("金额（元）", "amount in yuan"),
    "bool": ("是 / 否", "是 (yes) / 否 (no)"),
    "url": ("网址，http:// 或 https:// 开头", "web address starting with http:// or https://"),
    "article": ("条号，如 21、4.2.1", "article number, e.g. 21, 4.2.1"),
    "choice": ("正确选项的字母 A、B、C……", "letter of the right choice, A, B, C ..."),
    "vocab": ("从下拉列表选择", "pick from the drop-down"),
    "vocab-list": ("从下拉列表选择，可填多个（每行一个）", "pick from the drop-down; several allowed, one per line"),
    "key": ("所属记录的编号", "ID of the record the row belongs to"),
    "order": ("字母 A、B、C……", "letter A, B, C ..."),
}


BILINGUAL_HELP = {
    "zh": ("中文", "Chinese"),
    "en": ("英文，对应左侧的中文列", "English, for the Chinese column on its left"),
}


def type_help(col) -> tuple[str, str]:
    if isinstance(col, RoleColumn):
        return TYPE_HELP[col.role]
    kind = col.column.type
    if col.lang:
        zh, en = BILINGUAL_HELP[col.lang]
        if col.column.is_list:
            return zh + "，每行一条", en + ", one item per line"
        if kind == "markdown":
            return zh + "，Markdown 格式", en + ", Markdown"
        return zh, en
    return TYPE_HELP.get(kind) or TYPE_HELP[kind.split(":", 1)[0]]


@dataclass
class ExportResult:
    paths: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def write_template(kind: str, vocabularies: dict[str, list[dict]], out_path: Path | str) -> Path:
    """An empty workbook for `kind` with drop-downs, instructions and one example row (.xlsx, or .csv files)."""
    spec = KINDS[kind]
    out_path = Path(out_path)
    _write(spec, VocabSet(vocabularies), [], out_path, example=True, result=ExportResult())
    return out_path


def export_table(kind: str, records: list[dict], out_path: Path | str, *,
                 vocabularies: dict[str, list[dict]] | None = None) -> ExportResult:
    """Records as a workbook (.xlsx) or CSV files with the template's columns; importing it gives them back.

    Without `vocabularies` the vocabulary columns hold term ids and the workbook has no drop-downs."""
    spec = KINDS[kind]
    out_path = Path(out_path)
    result = ExportResult()
    ordered = sorted(records, key=lambda r: str(r.get("id", "")))
    _write(spec, VocabSet(vocabularies) if vocabularies is not None else None, ordered, out_path, example=False,
           result=result)
    return result


def csv_paths(kind: str, out_path: Path | str) -> list[Path]:
    """The files a CSV export writes: the main sheet, then one per child sheet."""
    out_path = Path(out_path)
    spec = KINDS[kind]
    return [out_path] + [out_path.with_name(f"{out_path.stem}.{child.name}{out_path.suffix}") for child in spec.children]


def _sheet_rows(spec: KindSpec, vocab, records, example: bool, for_csv: bool):
    """(sheet columns, rows, number of leading example rows) for the main sheet and each child sheet."""
    sample = example_record(spec) if example else None
    sample_key = (sample.get(spec.title) or {}).get("zh") if sample else None
    out = []
    main = [main_row(spec, sample, vocab, for_csv)] if sample else []
    main += [main_row(spec, record, vocab, for_csv) for record in records]
    out.append((None, sheet_columns(spec), main, 1 if sample else 0))
    for child in spec.children:
        rows = child_rows(spec, child, sample, vocab, for_csv, key=sample_key) if sample else []
        first = len(rows)
        for record in records:
            rows += child_rows(spec, child, record, vocab, for_csv)
        out.append((child, sheet_columns(spec, child), rows, first))
    return out


def _clean(text: str, where: str, result: ExportResult, file: str) -> str:
    if ILLEGAL_CHARACTERS.search(text):
        result.problems.append(Problem.at_cell(file, None, None, None, where, "text",
                                            "含有无法写入表格的控制字符，已删除 / control characters removed: "
                                            "they cannot be stored in a spreadsheet", severity="warning"))
        text = ILLEGAL_CHARACTERS.sub("", text)
    if len(text) > MAX_CELL:
        result.problems.append(Problem.at_cell(file, None, None, None, where, "text",
                                            f"超过 {MAX_CELL} 字，表格软件会截断 / longer than {MAX_CELL} characters: "
                                            "spreadsheets cut it off"))
    return text


def _write(spec: KindSpec, vocab, records, out_path: Path, example: bool, result: ExportResult) -> None:
    out_path.parent.mkdir(parents=True, exist_ok=True)
    if out_path.suffix.lower() == ".csv":
        _write_csv(spec, vocab, records, out_path, example, result)
    elif out_path.suffix.lower() == ".xlsx":
        _write_xlsx(spec, vocab, records, out_path, example, result)
    else:
        raise ValueError(f"{out_path.name}: write .xlsx or .csv")


def _write_csv(spec, vocab, records, out_path, example, result):
    paths = csv_paths(spec.kind, out_path)
    for path, (child, cols, rows, _) in zip(paths, _sheet_rows(spec, vocab, records, example, for_csv=True)):
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([header_text(c) for c in cols])
            writer.writerow([c.en for c in cols])
            for row in rows:
                writer.writerow(["" if v is None else guard(_clean(str(v), spec.zh, result, path.name)) for v in row])
        result.paths.append(path)


class _Lists:
    """The hidden sheet of drop-down lists: one column per vocabulary (written last, row by row)."""

    def __init__(self, vocab: VocabSet):
        self.vocab = vocab
        self.columns: dict[str, list[str]] = {}
        self.ranges: dict[str, str] = {}

    def range_for(self, name: str) -> str:
        if name not in self.ranges:
            labels = self.vocab.get(name).labels()
            letter = get_column_letter(len(self.columns) + 1)
            self.columns[name] = labels
            self.ranges[name] = f"'{LISTS_SHEET[0]}'!${letter}$2:${letter}${len(labels) + 1}"
        return self.ranges[name]

    def write(self, workbook: Workbook) -> None:
        sheet = workbook.create_sheet(LISTS_SHEET[0])
        sheet.sheet_state = "hidden"
        sheet.append(list(self.columns))
        for index in range(max((len(labels) for labels in self.columns.values()), default=0)):
            row = []
            for labels in self.columns.values():
                if index < len(labels):
                    cell = WriteOnlyCell(sheet, labels[index])
                    cell.data_type = "s"
                    row.append(cell)
                else:
                    row.append(None)
            sheet.append(row)


def _write_xlsx(spec, vocab, records, out_path, example, result):
    """The workbook, written row by row (openpyxl's write-only mode: a 10,000-record export never sits in memory
    as cell objects)."""
    workbook = Workbook(write_only=True)
    lists = _Lists(vocab) if vocab is not None else None
    for child, cols, rows, examples in _sheet_rows(spec, vocab, records, example, for_csv=False):
        sheet_name = spec.zh if child is None else child.zh
        sheet = workbook.create_sheet(sheet_name)
        _write_headers(sheet, cols)
        _add_validations(sheet, cols, lists)
        guarded = {i for i, c in enumerate(cols) if is_text_column(c)}
        for offset, row in enumerate(rows):
            is_example = offset < examples
            values = []
            for index, value in enumerate(row):
                if isinstance(value, str):
                    value = _clean(value, sheet_name, result, out_path.name)
                # every text cell, whatever its column: a record that was never validated may hold text where a
                # number or date belongs, and openpyxl writes a text beginning with = as a live formula
                guard_text = isinstance(value, str) and needs_text_guard(value)
                wrap = index in guarded and isinstance(value, str) and "\n" in value
                if guard_text or wrap or is_example:
                    cell = WriteOnlyCell(sheet, value)
                    if guard_text:
                        cell.data_type = "s"
                        cell.quotePrefix = True
                    if wrap:
                        cell.alignment = WRAP
                    if is_example:
                        cell.font = EXAMPLE_FONT
                    value = cell
                values.append(value)
            sheet.append(values)
    _write_instructions(workbook.create_sheet(INSTRUCTIONS_SHEET[0]), spec, example)
    if lists is not None:
        lists.write(workbook)
    workbook.save(out_path)
    result.paths.append(out_path)


def _write_headers(sheet, cols) -> None:
    """Column widths, text formats and frozen panes (before any row: write-only), then the two header rows."""
    for index, col in enumerate(cols, start=1):
        letter = get_column_letter(index)
        wide = not isinstance(col, RoleColumn) and col.column.type in (
            "text_both", "text_zh", "markdown", "list", "list:text_zh", "list:text_both")
        sheet.column_dimensions[letter].width = 40 if wide else 16
        if is_text_column(col):
            sheet.column_dimensions[letter].number_format = "@"
    sheet.freeze_panes = "B3"
    top, below = [], []
    for col in cols:
        cell = WriteOnlyCell(sheet, header_text(col))
        cell.font = BOLD
        cell.fill = REQUIRED_FILL if col.required else OPTIONAL_FILL
        cell.alignment = WRAP
        help_zh, help_en = _help(col)
        cell.comment = Comment(f"{help_zh}\n{help_en}", "portal")
        cell.comment.width, cell.comment.height = 320, 140
        top.append(cell)
        english = WriteOnlyCell(sheet, col.en)
        english.font = ENGLISH_FONT
        english.fill = ENGLISH_FILL
        below.append(english)
    sheet.append(top)
    sheet.append(below)


def _help(col) -> tuple[str, str]:
    kind_zh, kind_en = type_help(col)
    own_zh = col.help_zh if isinstance(col, RoleColumn) else col.column.help_zh
    own_en = col.help_en if isinstance(col, RoleColumn) else col.column.help_en
    mark_zh = "必填。" if col.required else "选填。"
    mark_en = "Required. " if col.required else "Optional. "
    zh = mark_zh + kind_zh + ("。" + own_zh if own_zh else "")
    en = mark_en + kind_en[0].upper() + kind_en[1:] + (". " + own_en if own_en else "")
    return zh, en


def _add_validations(sheet, cols, lists) -> None:
    for index, col in enumerate(cols, start=1):
        if isinstance(col, RoleColumn):
            continue
        letter = get_column_letter(index)
        area = f"{letter}{FIRST_DATA_ROW}:{letter}1048576"
        kind = col.column.type
        if kind == "bool":
            rule = DataValidation(type="list", formula1='"是,否"', allow_blank=True, showErrorMessage=True,
                                  errorStyle="warning", errorTitle="是 / 否", error="请选择“是”或“否” / choose 是 or 否")
        elif kind == "choice":
            rule = DataValidation(type="list", formula1='"A,B,C,D,E,F"', allow_blank=True, showErrorMessage=True,
                                  errorStyle="warning", errorTitle="答案 / Answer",
                                  error="请写正确选项的字母 / write the letter of the right choice")
        elif kind.startswith("vocab") and lists is not None:
            single = kind.startswith("vocab:")
            rule = DataValidation(type="list", formula1=lists.range_for(col.column.vocabulary), allow_blank=True,
                                  showErrorMessage=single, errorStyle="warning", errorTitle=col.zh,
                                  error="不在下拉列表中：请从列表选择 / not in the list: pick from the drop-down")
        else:
            continue
        rule.add(area)
        sheet.data_validations.append(rule)


def _write_instructions(sheet, spec: KindSpec, example: bool) -> None:
    children = "、".join(f"“{c.zh}”" for c in spec.children)
    children_en = ", ".join(f"{c.zh} ({c.en})" for c in spec.children)
    zh_rules = [
        f"本工作簿用于填写{spec.zh}。{spec.help_zh}",
        "每个表第1行是中文列名，第2行是英文列名，请从第3行起填写，不要改动列名。"
        + ("第3行灰色斜体是示例，可以删除；原样保留时导入会跳过它。" if example else ""),
        "列名前带 * 且底色为橙色的是必填列；鼠标停在列名上可看填写说明。文字类内容分中文列和“(英文)”列："
        "单位自己的数据可以只填中文，门户自带的参考数据两种语言都要填。",
        "下拉列表中的选项来自门户词表；也可以填写词表中的编号或英文名称。",
        "日期写成 2025-05-12；2025/5/12、2025.5.12、2025年5月12日 也可以识别。不知道的日期请留空，不要填 1900-01-00 之类的占位日期。",
        "一格多条（原因、教训、要点、多个主题）时每行一条（单元格内换行：Excel 按 Alt+Enter，WPS 同样）；英文列的各行与中文列一一对应。",
        (f"子表{children}每行一条，第1列“{spec.key_zh}”填写所属记录的编号（编号留空的记录可填其名称）。" if spec.children else ""),
        *(f"“{c.zh}”表：{c.help_zh}" for c in spec.children if c.help_zh),
        f"“{spec.key_zh}”留空时按名称自动生成；再次导入同一编号或同名的记录会更新原记录，不会重复。",
        "只有“/”“-”的单元格视为空白。以 = + - @ 开头的内容按文字保存，不会当作公式执行。",
        "导入时会一次列出全部问题及所在的表和单元格（如 事故案例!C12），改正后重新导入即可。",
    ]
    en_rules = [
        f"This workbook is for {spec.en.lower()}. {spec.help_en}",
        "Row 1 of every sheet holds the Chinese headers, row 2 the English ones; fill in from row 3 and do not "
        "change the headers." + (" Row 3 (grey italics) is an example: delete it, or leave it as it is and "
                                 "import skips it." if example else ""),
        "Columns marked * on an orange fill are required; hover over a header for help. Texts have a Chinese "
        "column and an “(英文)” English column: an organisation's own data may be in Chinese only, the portal's "
        "shipped reference data needs both.",
        "Drop-down lists hold the portal's vocabulary labels; a term ID or English label is accepted too.",
        "Write dates as 2025-05-12 (2025/5/12, 2025.5.12 and 2025年5月12日 are understood). Leave unknown dates "
        "blank instead of a placeholder such as 1900-01-00.",
        "Several items in one cell (causes, lessons, key points, topics): one per line (Alt+Enter inside a "
        "cell); the English column has the same lines as the Chinese one.",
        (f"Child sheets ({children_en}) take one item per row; their first column ({spec.key_en}) is the ID of "
         "the record the row belongs to (or its title when the ID was left blank)." if spec.children else ""),
        *(f"Sheet {c.zh} ({c.en}): {c.help_en}" for c in spec.children if c.help_en),
        f"A blank {spec.key_en} is generated from the title; importing the same ID or title again updates the "
        "record instead of adding a copy.",
        "A cell holding only / or - counts as blank. Text beginning with = + - @ is kept as text, never run "
        "as a formula.",
        "Import lists every problem at once with its sheet and cell (e.g. 事故案例!C12); fix them and import again.",
    ]
    rows: list[list] = [["填写说明"], *[[f"{i}. {t}"] for i, t in enumerate(filter(None, zh_rules), 1)], []]
    rows.append(["工作表", "列名", "必填", "格式", "说明"])
    for child in (None, *spec.children):
        for col in sheet_columns(spec, child):
            kind_zh, _ = type_help(col)
            own = col.help_zh if isinstance(col, RoleColumn) else col.column.help_zh
            rows.append([spec.zh if child is None else child.zh, col.zh, "是" if col.required else "", kind_zh, own])
    rows += [[], ["Instructions"], *[[f"{i}. {t}"] for i, t in enumerate(filter(None, en_rules), 1)], []]
    rows.append(["Sheet", "Column", "Required", "Format", "Help"])
    for child in (None, *spec.children):
        for col in sheet_columns(spec, child):
            _, kind_en = type_help(col)
            own = col.help_en if isinstance(col, RoleColumn) else col.column.help_en
            sheet_name = f"{spec.zh} ({spec.en})" if child is None else f"{child.zh} ({child.en})"
            rows.append([sheet_name, f"{col.zh} / {col.en}", "yes" if col.required else "", kind_en, own])
    for letter, width in zip("ABCDE", (24, 30, 8, 36, 60)):
        sheet.column_dimensions[letter].width = width
    for row in rows:
        if row and row[0] in ("填写说明", "Instructions", "工作表", "Sheet"):
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value)
                cell.font = BOLD
                cells.append(cell)
            row = cells
        sheet.append(row)
