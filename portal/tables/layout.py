# The columns of each sheet of a kind's workbook, how a field value is written into a cell, and the example row.
"""Sheet layouts shared by the template writer, the exporter and the reader.

Main sheet: one row per record, columns `KindSpec.physical()` (the id first).
Child sheet: one row per list item (per nested item for nested sheets): the record's id, the letter
column if the sheet has one, then `ChildSheet.physical()`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from portal.tables.paths import get_path, set_path
from portal.tables.spec import ChildSheet, KindSpec, PhysicalColumn
from portal.tables.values import CHOICE_LETTERS
from portal.tables.vocab import VocabSet


@dataclass(frozen=True)
class RoleColumn:
    """A child-sheet column that is not a field: the record's id ("key") or the item's letter ("order")."""

    role: str
    zh: str
    en: str
    help_zh: str = ""
    help_en: str = ""
    required: bool = False
    key: str = ""


def key_column(spec: KindSpec) -> RoleColumn:
    return RoleColumn("key", spec.key_zh, spec.key_en, f"这一行所属的“{spec.zh}”表记录的编号（或名称）",
                      f"ID (or title) of the record in the sheet {spec.zh} this row belongs to", True, "id")


_LAYOUTS: dict[tuple[int, int], tuple] = {}


def sheet_columns(spec: KindSpec, child: ChildSheet | None = None) -> list:
    """The columns of the main sheet (child None) or of a child sheet, in order (computed once per sheet)."""
    cache_key = (id(spec), id(child))
    cached = _LAYOUTS.get(cache_key)
    if cached is not None and cached[0] is spec and cached[1] is child:
        return cached[2]
    if child is None:
        cols: list = spec.physical()
    else:
        cols = [key_column(spec)]
        if child.order_zh:
            cols.append(RoleColumn("order", child.order_zh, child.order_en, "A、B、C……", "A, B, C ...",
                                   key=f"{child.path}[].#"))
        cols += child.physical()
    _LAYOUTS[cache_key] = (spec, child, cols)
    return cols


def header_text(col, with_mark: bool = True) -> str:
    return ("*" if with_mark and col.required else "") + col.zh


TEXT_LIKE = {"text", "phone", "text_zh", "text_both", "markdown", "list", "list:text_zh", "list:text_both", "id", "id-list",
             "url", "article", "time"}


def is_text_column(col) -> bool:
    """Columns formatted as text in the workbook, so that 4-1 or 0349-5210000 stay as typed."""
    if isinstance(col, RoleColumn):
        return True
    return col.column.type in TEXT_LIKE or col.column.type.startswith("vocab")


_PARTS: dict[str, tuple[str, ...]] = {}


def field_value(pc: PhysicalColumn, item):
    """The value a physical column shows for one item (a record or a list item); None when absent (get_path with
    each column's path split once: an export reads every column of every record)."""
    path = pc.column.path
    value = item
    if path:
        parts = _PARTS.get(path)
        if parts is None:
            parts = _PARTS[path] = tuple(path.split("."))
        for part in parts:
            if not isinstance(value, dict) or part not in value:
                value = None
                break
            value = value[part]
    if pc.lang:
        if pc.column.is_list:
            if not isinstance(value, list):
                return None
            lines = [entry.get(pc.lang, "") if isinstance(entry, dict) else "" for entry in value]
            while lines and not lines[-1]:
                lines.pop()
            return lines or None
        return value.get(pc.lang) if isinstance(value, dict) else None
    return value


def cell_value(pc: PhysicalColumn, item, vocab: VocabSet | None, for_csv: bool = False):
    """What the cell of `pc` holds for `item`: text, a number, a date (xlsx) or None."""
    value = field_value(pc, item)
    if value is None or value == [] or value == "":
        return None
    col = pc.column
    kind = col.type
    if kind.startswith("vocab"):
        group = get_path(item, col.scope) if col.scope else None
        if col.scope and group is None:
            group = col.default
        name = col.vocabulary
        if vocab is None or name not in vocab:
            return "\n".join(value) if isinstance(value, list) else value
        vocabulary = vocab.get(name)
        if isinstance(value, list):
            return "\n".join(vocabulary.label(v, group) for v in value)
        return vocabulary.label(value, group)
    if kind == "choice" and isinstance(value, list):
        return "".join(CHOICE_LETTERS[v] if isinstance(v, int) and 0 <= v < len(CHOICE_LETTERS) else str(v) for v in value)
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    if kind == "bool":
        return "是" if value else "否"
    if kind == "choice":
        return CHOICE_LETTERS[value] if isinstance(value, int) and 0 <= value < len(CHOICE_LETTERS) else str(value)
    if kind == "date":
        if for_csv or not isinstance(value, str):
            return str(value)
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if kind == "markdown" and isinstance(value, str):
        return value.rstrip("\n")
    if kind in ("integer", "number", "money") and not for_csv:
        return value
    return str(value)


def example_item(columns) -> dict:
    """A list item or record made of the columns' example values."""
    item: dict = {}
    for col in columns:
        if col.example is None:
            continue
        value = col.example
        if col.bilingual:
            zh, en = value
            value = [{"zh": zh, "en": en}] if col.is_list else {"zh": zh, "en": en}
        elif col.is_list and not isinstance(value, list):
            value = [value]
        if col.path:
            set_path(item, col.path, value)
        else:
            item = value
    return item


def example_record(spec: KindSpec) -> dict:
    record = example_item(spec.columns)
    for child in spec.children:
        item = example_item(child.columns)
        if child.nested_path:
            item[child.nested_path] = [example_item(child.nested_columns)]
        if item:
            set_path(record, child.path, [item])
    return record


def child_rows(spec: KindSpec, child: ChildSheet, record: dict, vocab: VocabSet | None, for_csv: bool = False,
               key: str | None = None) -> list[list]:
    """The rows of one record in a child sheet."""
    cols = sheet_columns(spec, child)
    rows = []
    items = get_path(record, child.path) or []
    for index, item in enumerate(items):
        nested_items = (item.get(child.nested_path) or [None]) if child.nested_path and isinstance(item, dict) else [None]
        for nested in nested_items:
            row = []
            for col in cols:
                if isinstance(col, RoleColumn):
                    if col.role == "key":
                        row.append(key if key is not None else record.get("id"))
                    else:
                        row.append(CHOICE_LETTERS[index] if index < len(CHOICE_LETTERS) else str(index + 1))
                elif col.level == 1:
                    row.append(cell_value(col, nested, vocab, for_csv) if nested is not None else None)
                else:
                    row.append(cell_value(col, item, vocab, for_csv))
            rows.append(row)
    return rows


def main_row(spec: KindSpec, record: dict, vocab: VocabSet | None, for_csv: bool = False) -> list:
    return [cell_value(pc, record, vocab, for_csv) for pc in sheet_columns(spec)]


# Column types whose cell is the value as text (a list: one item per line); with for_csv, numbers and dates too.
_AS_TEXT = frozenset({"text", "phone", "text_zh", "text_both", "id", "id-list", "url", "article", "time", "list",
                      "list:text_zh", "list:text_both"})
_AS_TEXT_CSV = _AS_TEXT | {"integer", "number", "money", "date"}


def main_row_reader(spec: KindSpec, vocab: VocabSet | None, for_csv: bool = False, empty=None):
    """main_row(spec, record, vocab, for_csv) as a function of the record, each column's path, language and type
    looked at once (the readers' table reads every column of every record: 400,000 cells at N=10,000); a cell
    main_row leaves None is `empty`. Columns of the common kinds (text, bilingual text and lists of it; numbers and
    dates for CSV) are read by a function made for them, the others by cell_value."""
    readers = [_cell_reader(pc, vocab, for_csv, empty) for pc in sheet_columns(spec)]

    def read(record) -> list:
        return [read_cell(record) for read_cell in readers]
    return read


def _cell_reader(pc: PhysicalColumn, vocab: VocabSet | None, for_csv: bool, empty):
    col = pc.column
    is_term = col.type.startswith("vocab") and not pc.lang and vocab is not None and col.vocabulary in vocab
    if not col.path or not (is_term or col.type in (_AS_TEXT_CSV if for_csv else _AS_TEXT)):
        def general(item):
            value = cell_value(pc, item, vocab, for_csv)
            return empty if value is None else value
        return general
    parts = tuple(col.path.split("."))
    first, rest, lang = parts[0], parts[1:], pc.lang

    def field(item):   # field_value(pc, item) before the language
        value = item.get(first) if isinstance(item, dict) else None
        for part in rest:
            value = value.get(part) if isinstance(value, dict) else None
        return value

    if is_term:   # the term's label (cell_value's vocabulary branch)
        label, scope, default = vocab.get(col.vocabulary).label, col.scope, col.default

        def term(item):
            value = field(item)
            if value is None or value == [] or value == "":
                return empty
            group = None
            if scope:
                group = get_path(item, scope)
                if group is None:
                    group = default
            if isinstance(value, list):
                return "\n".join([label(v, group) for v in value])
            return label(value, group)
        return term

    if lang and col.is_list:
        def lines(item):
            value = field(item)
            if not isinstance(value, list):
                return empty
            found = [entry.get(lang, "") if isinstance(entry, dict) else "" for entry in value]
            while found and not found[-1]:
                found.pop()
            if not found:
                return empty
            try:
                return "\n".join(found)
            except TypeError:   # an entry that is not text
                return "\n".join([str(line) for line in found])
        return lines
    if lang:
        def half(item):
            value = field(item)
            value = value.get(lang) if isinstance(value, dict) else None
            if value is None or value == [] or value == "":
                return empty
            return "\n".join(str(v) for v in value) if isinstance(value, list) else str(value)
        return half

    def whole(item):
        value = field(item)
        if value is None or value == [] or value == "":
            return empty
        return "\n".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return whole
