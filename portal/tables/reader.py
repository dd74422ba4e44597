# Imports a filled workbook or CSV ledger into records: headers found, cells read, ids given, every problem located.
"""read_table: spreadsheet -> records.

Steps: open the grids; find which grid is the main sheet and which are child sheets (by name, or the mapping's
`sheets`); find each header row (the row among the first ten with most known headers, or the mapping's
`header_row`) and skip an English header row below it; read every cell by its column type; give each record
its id (own key column, else the id of the existing record with the same title, else a pinyin slug of the
title); attach child rows by key; merge over the existing record (fields whose column is absent are kept);
report every problem with its sheet and cell.
"""
from __future__ import annotations

import copy
import difflib
import datetime as dt
import pickle
import re
import tempfile
from collections.abc import Mapping as MappingABC, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from portal.tables.columns import KINDS
from portal.tables import layer_index
from portal.tables.layout import RoleColumn, child_rows, example_record, main_row, sheet_columns
from portal.tables.mapping import Mapping, load_mapping, quote_advice
from portal.tables.paths import delete_path, get_path, merge_into, set_parts, set_path
from portal.records.ids import MAX_ID, IdAllocator, is_reserved, shorten, slug_words, unreserved
from portal.records.problems import Problem
from portal.tables.sheets import Grid, open_grids
from portal.tables.spec import ChildSheet, KindSpec, PhysicalColumn
from portal.tables.values import (SLUG, CellError, cell_text, check_cell, check_visible, parse_phone, parse_article, parse_bool,
                                  parse_choice, parse_date, parse_id, parse_integer, parse_money, parse_number, parse_time, parse_url,
                                  split_lines, split_multi, strip_numbering)
from portal.tables.vocab import VocabSet, normalise
from portal.words import LANGS, ui

# Sheets that hold no records: the template's instructions and drop-down lists (names: portal/words/ui.yml sheet.*),
# and the instructions' older name.
SPECIAL_SHEETS = {normalise(ui(key, lang)) for key in ("sheet.instructions", "sheet.lists") for lang in LANGS} | {
    normalise("填写说明")}
ROW_NUMBER_HEADERS = {normalise(name) for name in ("序号", "No", "No.", "#", "行号")}
KEY_ALIASES = ("编号", "ID", "记录编号")
HEADER_SCAN_ROWS = 10
VIRTUAL_COLUMN = 1_000_000   # columns made by the mapping's compose/constants (no cell of their own)
PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
_BAD = object()   # a cell that could not be read (its problem is already reported)
_UNKNOWN = object()   # a date no source gives, kept as "date unknown" (placeholder_dates: unknown)


@dataclass
class _Sheet:
    grid: Grid
    child: ChildSheet | None
    columns: dict[int, object] = field(default_factory=dict)    # grid column -> PhysicalColumn / RoleColumn
    headers: dict[int, str] = field(default_factory=dict)
    header_row: int = 0
    data_start: int = 0
    example: dict[int, str] | None = None
    units: dict[int, int] = field(default_factory=dict)          # money columns headed 万元 / 亿元
    # grid column at VIRTUAL_COLUMN + n -> ("compose", template, {placeholder: grid column}) or ("constant", value)
    virtual: dict[int, tuple] = field(default_factory=dict)
    _index: dict[str, int] = field(default_factory=dict)

    def col_of(self, key: str) -> int | None:
        if len(self._index) != len(self.columns):
            self._index = {col.key: index for index, col in self.columns.items()}
        return self._index.get(key)

    @property
    def present(self) -> set[str]:
        return {col.key for col in self.columns.values()}


@dataclass(slots=True)   # one per row of 100,000: no __dict__ each
class _Row:
    sheet: _Sheet
    index: int                                   # 0-based row of the grid
    values: dict[str, object] = field(default_factory=dict)   # physical key -> parsed value
    key_text: str = ""
    order: int | None = None
    skip: bool = False                           # a placeholder date with placeholder_dates: skip


@dataclass(slots=True)
class _Entry:
    """One record being built from a main-sheet row (or from defaults alone)."""

    row: _Row | None
    record: dict
    key_text: str = ""
    record_id: str = ""
    matched: str = ""                  # id of the existing record it updates
    touched: set[str] = field(default_factory=set)
    lines: dict[str, list] = field(default_factory=dict)      # bilingual list path -> languages given
    locations: dict[tuple, tuple] = field(default_factory=dict)   # field path -> (sheet, row, col, header)
    children: dict[str, list] = field(default_factory=dict)
    row_refs: tuple = ()    # (file, sheet, row) of every row it came from, each once (a tuple: 100,000 sets ~20 MB)
    # While the rows are read, a main-sheet row's record and cell locations wait on disk (`slot` in the reader's
    # _Spill); what the id, duplicate and child-sheet steps need of it is kept here.
    slot: int | None = None
    ident: tuple = ()
    title: object = None
    suffix: str = ""
    dup_key: tuple | None = None    # its duplicate text is made from the record when a key matches (entry_text)
    source_key: str = ""          # normalised, for comparing
    source_key_text: str = ""     # as written, for messages


class _ItemPlan:
    """A sheet's columns at one level as build_item reads them (see _Reader.item_plan)."""

    __slots__ = ("cols", "dotted", "defaulted", "kinds", "placed", "required")

    def __init__(self, cols: list):
        self.cols = cols
        self.dotted: list[tuple[str, str]] = []          # (key, parent object) of the columns inside an object
        self.defaulted: list[tuple] = []                  # (column, default, parent object) of columns with a default
        self.kinds: dict[str, str] = {}                   # path -> type of the bilingual list columns
        self.placed: list[tuple] = []                     # per column: what puts its value into the item
        self.required: tuple | None = None                # check_required's part (see _Reader.required_plan)


class _Spill:
    """Records waiting on disk (a temporary file, pickled), so that 100,000 rows need little memory."""

    def __init__(self):
        self._file = tempfile.TemporaryFile()
        self._places: list[tuple[int, int]] = []

    def put(self, value) -> int:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self._file.seek(0, 2)
        self._places.append((self._file.tell(), len(data)))
        self._file.write(data)
        return len(self._places) - 1

    def get(self, slot: int):
        offset, length = self._places[slot]
        self._file.seek(offset)
        return pickle.loads(self._file.read(length))


class RecordList(Sequence):
    """The records read_table found, in row order, read back from disk one at a time (a list's interface: len,
    index, iteration). `provenance` maps each record's id to where it was read."""

    def __init__(self, spill: _Spill, slots: list[int], ids: list[str | None]):
        """`ids`: per record, its id when its provenance is known, else None."""
        self._spill, self._slots = spill, slots
        self._position = {record_id: n for n, record_id in enumerate(ids) if record_id}
        self.provenance = _Provenance(self)

    def __len__(self) -> int:
        return len(self._slots)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self._spill.get(self._slots[index])[0]

    def __iter__(self):
        for slot in self._slots:
            yield self._spill.get(slot)[0]

    def with_provenance(self, unknown=None):
        """(record, its id's provenance, or `unknown`) of each record in order, each read from disk once."""
        for position, slot in enumerate(self._slots):
            record, where = self._spill.get(slot)
            record_id = record.get("id")
            found = self._position.get(record_id) if isinstance(record_id, str) else None
            if found == position:
                yield record, where
            else:
                yield record, (self.provenance[record_id] if found is not None else unknown)

    def __eq__(self, other) -> bool:
        return list(self) == list(other) if isinstance(other, (list, RecordList)) else NotImplemented

    def __repr__(self) -> str:
        return f"RecordList({len(self)} records)"


class _Provenance(MappingABC):
    """id -> {"row": "台账.xlsx:事故!12:12", "cells": {field: cell}} of the records of a RecordList, read on demand."""

    def __init__(self, records: RecordList):
        self._records = records

    def __getitem__(self, record_id: str) -> dict:
        position = self._records._position[record_id]
        return self._records._spill.get(self._records._slots[position])[1]

    def __iter__(self):
        return iter(self._records._position)

    def __len__(self) -> int:
        return len(self._records._position)

    def __contains__(self, record_id) -> bool:
        return record_id in self._records._position


def read_table(path: Path | str, kind: str, vocabularies: dict[str, list[dict]], mapping=None,
               existing: dict[str, dict] | None = None, *, today: dt.date | None = None,
               strict_bilingual: bool = False, check_schema: bool = False,
               taken_ids: set[str] | frozenset[str] = frozenset(),
               encoding: str | None = None,
               other_layers: dict[str, tuple[str, dict]] | None = None,
               provenance: dict[str, dict] | None = None,
               existing_origin=None) -> tuple[list[dict], list[Problem]]:
    """Records read from `path` (.xlsx/.xlsm/.xls/.ods/.csv) and every problem found.

    `mapping`: a mapping file path, dict or Mapping, for ledgers not made from the template.
    `existing`: id -> record already in the data folder; a row with the same key or title updates it.
    `strict_bilingual`: require both languages as the shipped reference data does.
    `check_schema`: each record without other problems is also checked by the validator's schema check.
    `taken_ids`: ids used elsewhere (earlier data layers): never generated, refused in the key column.
    The records are a RecordList (read back from a temporary file one at a time); its `provenance` says where each
    was read, as `provenance` does when a dict is given.
    `provenance`: filled with id -> {"row": "台账.xlsx:事故!12:12", "cells": {field: cell}} of every record.
    `other_layers`: id -> (file, record) of the kind's records in the other data layers, for duplicates.
    `encoding`: of a CSV file (default: by BOM, UTF-8, else GB18030 when that reads as plausible Chinese).
    `existing_origin`: id -> the row an existing record was imported from ("one.csv:row 4", "" when not known): a
    row matching a record imported from another ledger is a duplicate across ledgers, not the same ledger again."""
    spec = KINDS[kind]
    mapping, problems = load_mapping(mapping)
    if mapping.kind and mapping.kind != kind:
        problems.append(mapping.problem(("kind",), f"映射文件写的是 kind: {mapping.kind}，导入的却是 {kind}",
                                        f"the mapping says kind: {mapping.kind} but {kind} are being imported"))
    encoding = encoding or mapping.encoding
    reader = _Reader(spec, VocabSet(vocabularies), mapping, existing or {}, today or dt.date.today(),
                     strict_bilingual, Path(path).name)
    reader.taken_ids = set(taken_ids) - set(existing or {})
    reader.other_layers = other_layers or {}
    reader.existing_origin = existing_origin
    reader.problems += problems
    reader.schema_check = check_schema
    grids, problems = open_grids(Path(path), encoding)
    reader.problems += problems
    records = reader.run(grids) if grids else RecordList(reader.spill, [], [])
    if provenance is not None and isinstance(records, RecordList):
        provenance.update(records.provenance)
    return records, sorted(reader.problems, key=Problem.sort_key)


class _Reader:
    def __init__(self, spec: KindSpec, vocab: VocabSet, mapping: Mapping, existing: dict, today: dt.date,
                 strict: bool, file: str):
        self.spec, self.vocab, self.mapping, self.existing = spec, vocab, mapping, existing
        # a LayerRecords knows what the id and duplicate steps need of each record without reading it
        self._layer_records = isinstance(existing, layer_index.LayerRecords)
        self.today, self.strict, self.file = today, strict, file
        self.problems: list[Problem] = []
        self.entries: list[_Entry] = []
        self.value_maps: dict[str, dict] = {}
        self.defaults: dict[str, object] = {}
        self.made: dict[str, tuple] = {}           # physical key -> ("compose", template) / ("constant", value)
        self.units: dict[str, int] = {}            # physical key -> yuan per bare number (mapping `units`)
        self.skipped: list[tuple[_Sheet, int]] = []
        self.undated: list[tuple[_Sheet, int]] = []   # rows kept as "date unknown"
        self.other_layers: dict[str, tuple[str, dict]] = {}
        self.existing_origin = None                # id -> row an existing record was imported from (a callable)
        self.claimed_by_dup: set[str] = set()
        self.dropped: set[int] = set()            # id() of entries left out as duplicates
        self._defaults_make: dict[str, bool] = {}
        self.dropped_keys: set[str] = set()       # their ids and titles (normalised), for their child-sheet rows
        self.ambiguous_titles: set[str] = set()
        self.taken_ids: set[str] = set()
        self.reported_once: set[tuple] = set()
        self._lookups: dict[str, dict] = {}
        self.example = example_record(spec)
        self.schema_check = False
        self.spill = _Spill()
        self._choice_columns: list | None = None
        self._plans: dict[tuple, tuple] = {}
        self._dotted: dict[tuple, str] = {}          # field path -> its dotted name (provenance)
        self._key_index: dict[str, _Entry] | None = None
        self._terms: dict[tuple, str] = {}           # (vocabulary, text, group) -> term found
        self.header_texts: dict[str, str] = {}      # normalised -> text of every header of the sheets read

    # ---- problems ------------------------------------------------------------------------------------------
    def problem(self, sheet: _Sheet | None, row: int | None, col: int | None, field_name: str, code: str,
                zh: str, en: str, severity: str = "error") -> None:
        grid = sheet.grid if sheet else None
        if col is not None and col >= VIRTUAL_COLUMN:
            col = None    # a composed or constant value: the row is the place
        self.problems.append(Problem.at_cell(
            grid.file if grid else self.file, grid.sheet if grid else None,
            row + 1 if row is not None else None, col + 1 if col is not None else None,
            field_name, code, f"{zh} / {en}", severity))

    def header_of(self, sheet: _Sheet, col_index: int | None, col) -> str:
        if col_index is not None and col_index in sheet.headers:
            return sheet.headers[col_index]
        return col.zh

    # ---- run -----------------------------------------------------------------------------------------------
    def run(self, grids: list[Grid]) -> list[dict]:
        self.resolve_mapping_targets()
        main, children = self.assign_sheets(grids)
        if main is not None:
            self.read_main(main)
        elif self.mapping.defaults:
            self.entries.append(_Entry(None, {}))
        else:
            self.problem(None, None, None, "(文件 / file)", "sheet",
                         f"找不到“{self.spec.zh}”工作表：请使用模板，或在映射文件 sheets 中指定",
                         f"no sheet {self.spec.zh} ({self.spec.en}) found: use the template or name the sheet in "
                         "the mapping file's `sheets`")
            return RecordList(self.spill, [], [])
        self.apply_record_defaults()
        self.assign_ids()
        for sheet in children:
            self.read_child(sheet)
        self._key_index = None   # not needed any more: its memory goes before the records are finished
        for child in self.spec.children:
            if child.path in self.defaults:
                for entry in self.entries:
                    if not entry.children.get(child.path):
                        entry.children[child.path] = copy.deepcopy(self.defaults[child.path])
        present_children = {sheet.child.path for sheet in children}
        self.check_unused_mapping()
        self.report_skipped()
        return self.finish_all(present_children)

    def finish_all(self, present_children: set[str]) -> RecordList:
        """Each record completed, checked (and checked by the schema) and put back on disk, one at a time."""
        blocked = {(p.path, p.sheet, p.line) for p in self.problems if p.is_error}
        defaults_blocked = any(p.is_error and p.path == self.mapping.file for p in self.problems)
        slots, ids = [], []
        for entry in self.entries:
            if entry.slot is not None:
                entry.record, saved_locations = self.spill.get(entry.slot)
                entry.locations = {**saved_locations, **entry.locations}
            before = len(self.problems)
            record = self.finish(entry, present_children)
            blocked |= {(p.path, p.sheet, p.line) for p in self.problems[before:] if p.is_error}
            if self.schema_check:
                self.check_schema_of(entry, blocked, defaults_blocked)
            where = self.provenance_of(entry)
            slots.append(self.spill.put((record, where)))
            ids.append(entry.record_id if where is not None else None)
            entry.record, entry.locations, entry.children = None, {}, {}
        return RecordList(self.spill, slots, ids)

    def report_skipped(self) -> None:
        """One warning per sheet for the rows left out by `placeholder_dates: skip`, one for the rows kept as
        "date unknown" by `placeholder_dates: unknown`."""
        for found, code, zh, en in (
                (self.skipped, "skipped", "行的日期是占位日期，按映射文件 placeholder_dates: skip 未导入",
                 "row(s) with a placeholder date left out (placeholder_dates: skip)"),
                (self.undated, "date-unknown", "行没有日期（空白或占位日期），按映射文件 placeholder_dates: unknown "
                 "记为“日期不详”（date_unknown: true），未填任何日期",
                 "row(s) without a date (blank or a placeholder) kept as date unknown (placeholder_dates: unknown; "
                 "date_unknown: true, no date written)")):
            by_sheet: dict[int, list] = {}
            for sheet, r in found:
                by_sheet.setdefault(id(sheet), [sheet]).append(r + 1)
            for sheet, *rows in by_sheet.values():
                shown = ", ".join(map(str, rows[:20])) + (" …" if len(rows) > 20 else "")
                self.problem(sheet, None, None, "(行 / rows)", code, f"{len(rows)} {zh}：第 {shown} 行",
                             f"{len(rows)} {en}: rows {shown}", severity="warning")

    # ---- sheets and headers --------------------------------------------------------------------------------
    def assign_sheets(self, grids: list[Grid]) -> tuple[_Sheet | None, list[_Sheet]]:
        spec = self.spec
        names = {normalise(n): None for n in (spec.zh, spec.en, spec.kind)}
        for child in spec.children:
            names.update({normalise(n): child for n in (child.zh, child.en, child.name)})
        main, children, loose = None, {}, []
        for grid in grids:
            wanted = normalise(grid.name)
            if grid.is_csv and not grid.name and wanted not in self.mapping.sheets:
                wanted = normalise(spec.zh)
            if wanted in self.mapping.sheets:
                wanted = normalise(self.mapping.sheets[wanted])
                if wanted not in names:
                    self.problem(None, None, None, "sheets", "mapping",
                                 f"映射文件 sheets 中的“{self.mapping.sheets[normalise(grid.name)]}”不是本模板的工作表",
                                 f"`sheets` names {self.mapping.sheets[normalise(grid.name)]!r}, which is not a "
                                 "sheet of this template")
                    continue
            if wanted in SPECIAL_SHEETS:
                continue
            if wanted in names:
                child = names[wanted]
                if child is None and main is None:
                    main = _Sheet(grid, None)
                elif child is not None and child.name not in children:
                    children[child.name] = _Sheet(grid, child)
            else:
                loose.append(grid)
        if main is None:
            for grid in loose:
                if grid.has_content():
                    main = _Sheet(grid, None)
                    loose.remove(grid)
                    break
        for grid in loose:
            if grid.has_content():
                self.problem(_Sheet(grid, None), None, None, "(工作表 / sheet)", "sheet",
                             f"工作表“{grid.name}”不属于本模板，未导入", f"sheet {grid.name!r} is not part of the "
                             "template and was not imported", severity="warning")
        out = []
        for sheet in ([main] if main else []) + list(children.values()):
            if self.find_headers(sheet):
                out.append(sheet)
        main_sheet = out[0] if out and out[0].child is None else None
        return main_sheet, [s for s in out if s.child is not None]

    def lookup(self, child: ChildSheet | None) -> dict[str, object]:
        """Normalised header (Chinese, English, field path, alias) -> column, for the main or a child sheet."""
        name = child.name if child else ""
        if name not in self._lookups:
            self._lookups[name] = self._build_lookup(child)
        return self._lookups[name]

    def _build_lookup(self, child: ChildSheet | None) -> dict[str, object]:
        table: dict[str, object] = {}
        prefix = f"{child.path}[]." if child else ""
        for col in sheet_columns(self.spec, child):
            names = [col.zh, col.en]
            if isinstance(col, RoleColumn):
                if col.role == "key":
                    names += [*KEY_ALIASES, "id"]
            else:
                relative = col.key[len(prefix):] if prefix and col.key.startswith(prefix) else col.key
                names += [col.key, col.key.replace("[]", ""), relative, relative.replace("[]", "")]
                if col.column.bilingual and col.lang == "zh":
                    names += [col.key.rsplit(".", 1)[0].replace("[]", "")] if col.column.path else []
                    names += list(col.column.aliases)
                elif col.column.bilingual:
                    names += [alias + "(英文)" for alias in col.column.aliases]
                else:
                    names += list(col.column.aliases)
            for name in names:
                table.setdefault(normalise(name), col)
        return table

    def resolve_target(self, target: str) -> object | None:
        """The column a mapping target names (field path or template header), in any sheet."""
        key = normalise(target)
        for child in (None, *self.spec.children):
            col = self.lookup(child).get(key)
            if col is not None:
                return col
        return None

    def resolve_mapping_targets(self) -> None:
        for target, table in self.mapping.values.items():
            col = self.resolve_target(target)
            if col is None or isinstance(col, RoleColumn):
                self.problems.append(self.mapping.problem(("values", target), f"“{target}”不是本表的字段",
                                                          f"{target!r} is not a field of this table"))
                continue
            self.value_maps[col.key] = table
        for section, table in (("constants", self.mapping.constants), ("compose", self.mapping.compose),
                               ("units", self.mapping.units)):
            for target, value in table.items():
                col = self.resolve_target(target)
                if col is None or isinstance(col, RoleColumn):
                    self.problems.append(self.mapping.problem((section, target), f"“{target}”不是本表的字段",
                                                              f"{target!r} is not a field of this table"))
                elif section == "units":
                    if col.column.type != "money":
                        self.problems.append(self.mapping.problem((section, target), f"“{target}”不是金额字段",
                                                                  f"{target!r} is not an amount of money"))
                    self.units[col.key] = value
                else:
                    self.made[col.key] = ("constant", value) if section == "constants" else ("compose", value)
        for target, value in self.mapping.defaults.items():
            child = next((c for c in self.spec.children if normalise(c.path) == normalise(target)
                          or normalise(c.name) == normalise(target)), None)
            if child is not None:
                if isinstance(value, list) and all(isinstance(v, (dict, str)) for v in value):
                    self.defaults[child.path] = value
                else:
                    self.problems.append(self.mapping.problem(("defaults", target), "应为列表", "must be a list"))
                continue
            col = self.resolve_target(target)
            if col is None:
                self.problems.append(self.mapping.problem(("defaults", target), f"“{target}”不是本表的字段",
                                                          f"{target!r} is not a field of this table"))
                continue
            self.defaults[col.key] = value

    def find_headers(self, sheet: _Sheet) -> bool:
        table = self.lookup(sheet.child)
        rows = sheet.grid.head(max(HEADER_SCAN_ROWS, self.mapping.header_row or 0) + 1)

        def match(value):
            name = _header_key(value)
            if not name or name in self.mapping.ignored:
                return None
            if name in self.mapping.columns:
                return table.get(normalise(self.mapping.columns[name]))
            return table.get(name)

        if self.mapping.header_row:
            header = self.mapping.header_row - 1
        else:
            scores = [sum(1 for v in row if match(v) is not None) for row in rows[:HEADER_SCAN_ROWS]]
            header = max(range(len(scores)), key=lambda r: (scores[r], -r)) if scores and max(scores) else None
        if header is None or header >= len(rows):
            self.problem(sheet, None, None, "(表头 / header)", "header",
                         "找不到表头：第1行应为模板的中文列名（或在映射文件 columns 中对应列名）",
                         "no header row found: row 1 should hold the template's Chinese headers (or map the "
                         "ledger's headers in the mapping file's `columns`)")
            return False
        sheet.header_row = header
        for value in rows[header]:
            if _header_key(value):
                self.header_texts.setdefault(_header_key(value), cell_text(value).strip())
        child_cols = sheet_columns(self.spec, sheet.child)
        by_header = {_header_key(value): index for index, value in enumerate(rows[header]) if _header_key(value)}
        referenced = {normalise(name) for kind, template in self.made.values() if kind == "compose"
                      for name in PLACEHOLDER.findall(str(template))}
        for index, value in enumerate(rows[header]):
            col = match(value)
            text = cell_text(value).lstrip("*＊").strip()
            if col is not None and col.key in self.made:
                col = None if _header_key(value) in referenced else col
                if col is not None:
                    self.problem(sheet, header, index, text, "column",
                                 f"列“{text}”未读取：映射文件的 constants/compose 给出了“{col.zh}”",
                                 f"column {text!r} not read: the mapping's constants/compose give {col.en}",
                                 severity="warning")
                    continue
            if col is None or (isinstance(col, RoleColumn) and sheet.child is None):
                if text and _header_key(value) not in ROW_NUMBER_HEADERS | referenced | self.mapping.ignored:
                    self.problem(sheet, header, index, text, "column",
                                 f"未识别的列“{text}”，已忽略：如需导入，请在映射文件 columns 中指定对应字段",
                                 f"column {text!r} not recognised and ignored: map it to a field in the mapping "
                                 "file's `columns` to import it", severity="warning")
                continue
            if col not in child_cols:
                continue
            if col in sheet.columns.values():
                first = next(i for i, c in sheet.columns.items() if c is col)
                self.problem(sheet, header, index, text, "header",
                             f"与第 {first + 1} 列重复（都对应“{col.zh}”）：请删除或改名其中一列",
                             f"same field as column {first + 1} ({col.en}): delete or rename one of them")
                continue
            sheet.columns[index] = col
            sheet.headers[index] = text
            if isinstance(col, PhysicalColumn) and col.column.type == "money":
                unit = 100000000 if "亿元" in text else 10000 if "万元" in text else 1
                if unit != 1:
                    sheet.units[index] = unit
        for number, col in enumerate(c for c in child_cols if isinstance(c, PhysicalColumn) and c.key in self.made):
            kind, value = self.made[col.key]
            if kind == "compose":
                places = {}
                for name in PLACEHOLDER.findall(str(value)):
                    if normalise(name) not in by_header:
                        self.problems.append(self.mapping.problem(
                            ("compose", col.key), f"表头中没有“{name}”列：请写表头里的列名",
                            f"no column {name!r} in the header row: use the ledger's own header"))
                        break
                    places[name] = by_header[normalise(name)]
                else:
                    sheet.virtual[VIRTUAL_COLUMN + number] = ("compose", value, places)
            else:
                sheet.virtual[VIRTUAL_COLUMN + number] = ("constant", value)
            if VIRTUAL_COLUMN + number in sheet.virtual:
                sheet.columns[VIRTUAL_COLUMN + number] = col
                sheet.headers[VIRTUAL_COLUMN + number] = f"{col.zh}（{kind}）"
        for index, col in sheet.columns.items():
            if isinstance(col, PhysicalColumn) and col.key in self.units:
                sheet.units[index] = self.units[col.key]
        sheet.data_start = header + 1
        if header + 1 < len(rows):
            below = rows[header + 1]
            filled = [(i, v) for i, v in enumerate(below) if not _blank(v)]
            if filled and all(i in sheet.columns and normalise(cell_text(v)) in
                              {normalise(sheet.columns[i].en), normalise(sheet.columns[i].zh)} for i, v in filled):
                sheet.data_start = header + 2
        self.check_required_columns(sheet)
        sheet.example = self.example_cells(sheet)
        return True

    def check_required_columns(self, sheet: _Sheet) -> None:
        present = sheet.present
        for col in sheet_columns(self.spec, sheet.child):
            if isinstance(col, RoleColumn):
                continue
            if not col.column.required or col.lang == "en" or not self.parent_required(col, sheet.child):
                continue
            keys = {col.key}
            if col.column.bilingual:
                keys.add(col.key[:-2] + "en")
            if keys & present or col.key in self.defaults or col.column.default is not None:
                continue
            self.problem(sheet, sheet.header_row, None, col.zh, "header",
                         f"缺少必填列“{col.zh}”：请加上这一列（或在映射文件 columns 中对应）",
                         f"required column {col.en} missing: add it (or map a column to it in the mapping file)")

    def parent_required(self, col: PhysicalColumn, child: ChildSheet | None) -> bool:
        path = col.column.path
        if "." not in path or child is not None:
            return True
        return path.rsplit(".", 1)[0] in self.spec.required_objects

    def strict_needs(self, kind: str) -> str:
        """Which languages a required bilingual field needs: 'any', 'zh' or 'both'."""
        if not self.strict:
            return "any"
        return "both" if kind in ("text_both", "list:text_both") else "zh"

    def example_cells(self, sheet: _Sheet) -> dict[int, str] | None:
        """Texts of the template's example row, by grid column (only for sheets laid out as the template)."""
        if not self.example:
            return None
        if sheet.child is None:
            rows = [main_row(self.spec, self.example, self.vocab)]
        else:
            key = (self.example.get(self.spec.title) or {}).get("zh")
            rows = child_rows(self.spec, sheet.child, self.example, self.vocab, key=key)
        if not rows:
            return None
        cols = sheet_columns(self.spec, sheet.child)
        expected = {}
        for index, col in sheet.columns.items():
            expected[index] = cell_text(rows[0][cols.index(col)])
        return expected

    # ---- cells ---------------------------------------------------------------------------------------------
    def read_rows(self, sheet: _Sheet):
        """The rows of data of a sheet, one at a time (blank rows and the template's example row left out)."""
        order = sorted(sheet.columns.items(), key=lambda item: not _is_scope(self.spec, sheet.child, item[1]))
        order = [(index, col, isinstance(col, RoleColumn)) for index, col in order]
        skip_rows = self.mapping.skip_rows
        flags = sheet.grid.flags
        flagged_rows = {r for r, _ in flags}
        columns = [i for i in sheet.columns if i not in sheet.virtual]
        for r, raw_row in sheet.grid.iter_rows(sheet.data_start):
            if r + 1 in skip_rows:
                continue
            width = len(raw_row)
            cells = {i: raw_row[i] if i < width else None for i in columns}
            flagged = {i: flags[(r, i)] for i in sheet.columns if (r, i) in flags} if r in flagged_rows else {}
            for index, made in sheet.virtual.items():
                cells[index], bad = self.made_value(made, raw_row, r, flags)
                if bad:
                    flagged[index] = bad[1]
            if not flagged and all(cell_text(v) == "" for v in cells.values()):
                continue
            if sheet.example is not None and all(cell_text(cells[i]) == text for i, text in sheet.example.items()):
                continue
            row = _Row(sheet, r)
            for index, col, role in order:
                value = cells[index]
                if index in flagged:
                    self.flagged_cell(sheet, r, index, col, flagged[index])
                    if not role:
                        row.values[col.key] = _BAD
                    continue
                if role:
                    if col.role == "key":
                        row.key_text = cell_text(value)
                    elif not _blank(value):
                        try:
                            row.order = parse_choice(value)
                        except CellError as error:
                            self.problem(sheet, r, index, sheet.headers[index], error.code, error.zh, error.en)
                    continue
                if value is None or value == "" or cell_text(value) == "":   # _blank, inline (most cells)
                    continue
                parsed = self.parse(sheet, row, index, col, value)
                if parsed is not None:
                    row.values[col.key] = parsed
            if row.skip:
                self.skipped.append((sheet, r))
                continue
            yield row

    @staticmethod
    def made_value(made: tuple, raw_row: list, r: int, flags: dict) -> tuple[object, tuple | None]:
        """The value of a compose/constant column in this row, and (grid column, flag) of a referenced error cell."""
        if made[0] == "constant":
            return made[1], None
        template, places = made[1], made[2]
        parts = {}
        for name, index in places.items():
            if (r, index) in flags:
                return None, (index, flags[(r, index)])
            parts[name] = cell_text(raw_row[index]) if index < len(raw_row) else ""
        if not any(parts.values()):
            return None, None
        text = PLACEHOLDER.sub(lambda m: parts[m.group(1)], template)
        return re.sub(r"[ \t]{2,}", " ", text).strip(" ,;-–—，、"), None

    def flagged_cell(self, sheet: _Sheet, r: int, index: int, col, what: str) -> None:
        """A cell the workbook holds as an error value or as a formula that was never calculated."""
        header = sheet.headers.get(index, col.zh)
        if what.startswith("#"):
            self.problem(sheet, r, index, header, "cell-error",
                         f"单元格是错误值 {what}（公式出错），不是数据：请改正公式或填写数值",
                         f"the cell holds the error value {what} (a failed formula), not data: fix the formula or "
                         "type the value")
        else:
            self.problem(sheet, r, index, header, "cell-error",
                         f"公式 ={what[:60]} 没有计算结果（文件不是由 Excel/WPS 保存的）：请在 Excel/WPS 中打开并保存，"
                         "或把公式换成数值",
                         f"the formula ={what[:60]} has no calculated value (the file was not saved by Excel/WPS): "
                         "open and save it in Excel/WPS, or replace the formula by its value")

    def parse(self, sheet: _Sheet, row: _Row, index: int, col: PhysicalColumn, raw):
        column = col.column
        kind = column.type
        table = self.value_maps.get(col.key)
        try:
            check_cell(raw)
            if isinstance(raw, str):
                check_visible(raw)
            if sheet.child is None and column.path == "id":
                return cell_text(raw)
            if table and not column.is_list and normalise(cell_text(raw)) in table:
                raw = table[normalise(cell_text(raw))]
            if kind.startswith("vocab"):
                return self.parse_vocab(row, col, cell_text(raw), table)
            if column.bilingual:
                text = cell_text(raw)
                if column.is_list:
                    return strip_numbering(split_lines(text)) or None
                return text + "\n" if kind == "markdown" else text
            if kind == "money":
                return parse_money(raw, column.minimum, unit=sheet.units.get(index, 1))
            return self.parse_simple(kind, column, raw, table)
        except CellError as error:
            if error.code == "placeholder-date" and self.mapping.placeholder_dates != "refuse":
                row.skip = row.skip or self.mapping.placeholder_dates == "skip"
                return None      # skip: the row is left out (and counted); blank: the date is not known
            self.problem(sheet, row.index, index, sheet.headers[index], error.code, error.zh, error.en)
            return _BAD

    def parse_simple(self, kind: str, column, raw, table):
        if kind == "text":
            return cell_text(raw)
        if kind == "phone":
            return parse_phone(raw)
        if kind == "list":
            return [line for line in strip_numbering(split_lines(cell_text(raw))) if line] or None
        if kind == "id":
            return parse_id(raw)
        if kind == "id-list":
            items = [table.get(normalise(i), i) if table else i for i in split_multi(cell_text(raw))]
            return _unique([parse_id(i) for i in items]) or None
        if kind == "date":
            return parse_date(raw, past_only=column.past_only, today=self.today, order=self.mapping.date_order)
        if kind == "time":
            return parse_time(raw)
        if kind == "integer":
            return parse_integer(raw, column.minimum)
        if kind == "number":
            return parse_number(raw)
        if kind == "money":
            return parse_money(raw, column.minimum)
        if kind == "bool":
            return parse_bool(raw)
        if kind == "url":
            return parse_url(raw)
        if kind == "article":
            return parse_article(raw)
        if kind == "choice":
            return parse_choice(raw)
        raise AssertionError(kind)

    def parse_vocab(self, row: _Row, col: PhysicalColumn, text: str, table):
        column = col.column
        vocabulary = self.vocab.get(column.vocabulary)
        group = None
        if column.scope:
            scope_key = _sibling_key(col, column.scope)
            group = row.values.get(scope_key)
            if group is None:
                group = self.defaults.get(scope_key, _column_default(self.spec, row.sheet.child, scope_key))
            if group is _BAD:
                return _BAD
        if column.type.startswith("vocab:"):
            return self.term(vocabulary, column, text, group)
        found, _ = vocabulary.lookup(text, group)
        parts = [text] if found else split_multi(text)
        terms = []
        for part in parts:
            if table and normalise(part) in table:
                part = str(table[normalise(part)])
            terms.append(self.term(vocabulary, column, part, group))
        return _unique(terms) or None

    def term(self, vocabulary, column, text: str, group) -> str:
        known = (id(vocabulary), text, group) if group is None or isinstance(group, str) else None
        if known is not None and known in self._terms:
            return self._terms[known]
        found, candidates = vocabulary.lookup(text, group)
        if found:
            if known is not None and len(self._terms) < 100_000:
                self._terms[known] = found    # the same cell text again (a ledger's industries, provinces ...)
            return found
        if candidates:
            raise CellError("vocab", f"“{text}”对应多个词条（{'、'.join(candidates)}），请填写其中一个的编号",
                            f"“{text}” matches several terms ({', '.join(candidates)}): write the ID of one")
        hints = vocabulary.suggestions(text)
        hint_zh = f"，是否指“{'”或“'.join(hints)}”？" if hints else ""
        hint_en = f"; did you mean {' or '.join(hints)}?" if hints else ""
        raise CellError("vocab", f"“{text}”不在“{column.zh}”的可选项中：请从下拉列表选择{hint_zh}",
                        f"“{text}” is not one of the {column.en} terms: pick one from the drop-down{hint_en}")

    # ---- building items ------------------------------------------------------------------------------------
    def build_item(self, row: _Row, level: int, entry: _Entry, base: tuple) -> dict:
        """The item (record, list item or nested item) a row gives at `level`; checks required fields."""
        sheet = row.sheet
        plan = self.item_plan(sheet, level)
        values = dict(row.values)
        item: dict = {}
        present_objects = set()
        for key, parent in plan.dotted:
            value = values.get(key)
            if value is not None and value is not _BAD:
                present_objects.add(parent)
        required_objects = self.spec.required_objects
        for col, default, parent in plan.defaulted:
            if values.get(col.key) is not None:
                continue
            if parent and parent not in present_objects and parent not in required_objects \
                    and not self.defaults_make(parent, plan.cols):
                continue
            parsed = self.parse_default(col, default, row)
            if parsed is not None:
                values[col.key] = parsed
                if parent:
                    present_objects.add(parent)   # a default gives the object (place.province: the place)
        lists: dict[str, dict[str, list]] = {}
        locations = entry.locations
        sheet_name, file, row_number = sheet.grid.sheet, sheet.grid.file, row.index + 1
        for key, column_number, header, bilist, path, lang, parts, location_key in plan.placed:
            value = values.get(key)
            if value is None or value is _BAD:
                continue
            location = (sheet_name, row_number, column_number, header, file)
            if bilist:
                lists.setdefault(path, {})[lang] = value
                locations[base + location_key] = location
                continue
            if parts:
                set_parts(item, parts, value)
            locations[base + location_key] = location
        for path, langs in lists.items():
            combined = self.combine_lines(row, path, langs, plan.kinds[path])
            if combined:
                set_path(item, path, combined)
        if sheet.child is None and level == 0 and self.spec.unknown_date:
            self.mark_unknown_date(row, values, item)
        self.check_required(row, plan, values, item, present_objects)
        return item

    def item_plan(self, sheet: _Sheet, level: int) -> "_ItemPlan":
        """What build_item needs of a sheet's columns at `level`, worked out once (the headers and the mapping's
        defaults are known before the first row is read)."""
        found = self._plans.get((id(sheet), level))
        if found is not None and found[0] is sheet:
            return found[1]
        cols = [c for c in sheet_columns(self.spec, sheet.child) if isinstance(c, PhysicalColumn) and c.level == level]
        plan = _ItemPlan(cols)
        plan.dotted = [(c.key, c.column.path.rsplit(".", 1)[0]) for c in cols if "." in c.column.path]
        for col in cols:
            if sheet.child is None and col.column.path == "id":
                continue
            default = self.defaults.get(col.key, col.column.default)
            if default is not None:
                parent = col.column.path.rsplit(".", 1)[0] if "." in col.column.path else ""
                plan.defaulted.append((col, default, parent))
        plan.kinds = {c.column.path: c.column.type for c in cols if c.column.bilingual and c.column.is_list}
        for col in cols:
            index = sheet.col_of(col.key)
            bilist = col.column.bilingual and col.column.is_list
            field_path = col.field_path
            location_key = tuple((col.column.path if bilist else field_path).split("."))
            plan.placed.append((col.key, index + 1 if index is not None else None, self.header_of(sheet, index, col),
                                bilist, col.column.path, col.lang, tuple(field_path.split(".")) if field_path else (),
                                location_key))
        self._plans[(id(sheet), level)] = (sheet, plan)
        return plan

    def mark_unknown_date(self, row: _Row, values: dict, item: dict) -> None:
        """A row without a date (blank, or a placeholder with placeholder_dates: unknown), or whose 日期不详 column
        says so, gets the flag (date_unknown: true) instead of a date; never an invented one."""
        date_key, flag_key = self.spec.unknown_date
        if values.get(flag_key) is False:
            delete_path(item, flag_key)      # 日期不详: 否 is the same as leaving it blank
        if values.get(date_key) is not None:
            return
        by_mapping = self.mapping.placeholder_dates == "unknown" and row.sheet.col_of(date_key) is not None
        if values.get(flag_key) is True or by_mapping:
            set_path(item, flag_key, True)
            values[date_key] = _UNKNOWN
            if by_mapping and values.get(flag_key) is not True:
                self.undated.append((row.sheet, row.index))

    def defaults_make(self, parent: str, cols) -> bool:
        """True when the mapping's defaults give every required field of the object `parent` (accident_type.scheme
        and .term): a row without it gets the whole object from them, never a part nor nothing."""
        made = self._defaults_make.get(parent)
        if made is None:
            members = [c for c in cols if c.column.path.startswith(parent + ".") and c.column.required
                       and c.lang != "en"]
            made = self._defaults_make[parent] = bool(members) and all(c.key in self.defaults for c in members)
        return made

    def parse_default(self, col: PhysicalColumn, default, row: _Row):
        if isinstance(default, list) and col.column.is_list:
            default = "\n".join(str(v) for v in default)
        if isinstance(default, bool) and col.column.type == "bool":
            return default
        try:
            if col.column.type.startswith("vocab"):
                return self.parse_vocab(row, col, cell_text(default), self.value_maps.get(col.key))
            if col.column.bilingual:
                text = cell_text(default)
                return (strip_numbering(split_lines(text)) if col.column.is_list else
                        text + "\n" if col.column.type == "markdown" else text) or None
            return self.parse_simple(col.column.type, col.column, default, self.value_maps.get(col.key))
        except CellError as error:
            self.problems.append(self.mapping.problem(("defaults",), f"{col.zh}：{error.zh}", f"{col.en}: {error.en}"))
            return None

    def combine_lines(self, row: _Row, path: str, langs: dict[str, list], kind: str) -> list[dict]:
        zh, en = langs.get("zh") or [], langs.get("en") or []
        sheet = row.sheet
        key = f"{sheet.child.path}[].{path}" if sheet.child else path
        en_col = sheet.col_of(f"{key}.en")
        zh_filled = [line for line in zh if line]
        if zh_filled and len(en) > len(zh):
            self.problem(sheet, row.index, en_col, self.header_of(sheet, en_col, _Named(path)), "language",
                         f"英文有 {len(en)} 行，中文只有 {len(zh)} 行：英文的每一行应对应同一行的中文",
                         f"{len(en)} English lines but {len(zh)} Chinese ones: each English line must match the "
                         "Chinese line at the same position")
        items = []
        for number in range(max(len(zh), len(en))):
            z = zh[number] if number < len(zh) else ""
            e = en[number] if number < len(en) else ""
            if not z and not e:
                continue
            need = self.strict_needs(kind)
            if need != "any" and not z:
                self.problem(sheet, row.index, en_col, self.header_of(sheet, en_col, _Named(path)), "language",
                             f"第 {number + 1} 行有英文但没有对应的中文", f"line {number + 1} has English but no Chinese")
            if need == "both" and not e and en_col is not None:
                self.problem(sheet, row.index, en_col, self.header_of(sheet, en_col, _Named(path)), "language",
                             f"第 {number + 1} 条缺英文", f"item {number + 1} has no English")
            items.append({**({"zh": z} if z else {}), **({"en": e} if e else {})})
        return items

    def check_required(self, row: _Row, plan: _ItemPlan, values, item, present_objects) -> None:
        sheet = row.sheet
        if plan.required is None:
            plan.required = self.required_plan(sheet, plan.cols)
        checks, objects = plan.required
        for col, parent, key, en_key, path, index in checks:
            if parent and parent not in present_objects:
                continue
            if values.get(key) is _BAD or (en_key and values.get(en_key) is _BAD):
                continue   # the cell's own problem is reported already
            if en_key:
                value = get_path(item, path) if path else item
                self.check_bilingual(row, col, value)
                continue
            if values.get(key) is not None:
                continue
            self.problem(sheet, row.index, index, self.header_of(sheet, index, col), "required",
                         f"必填：请填写“{col.zh}”", f"required: fill in {col.en}")
        for obj, keys, index, names, names_en in objects:
            if obj not in present_objects and not any(values.get(key) is _BAD for key in keys):
                self.problem(sheet, row.index, index, names, "required", f"必填：请至少填写 {names} 中的一项",
                             f"required: fill in at least one of {names_en}")

    def required_plan(self, sheet: _Sheet, cols: list) -> tuple[list, list]:
        """check_required's columns (those that can give a problem, in order) and required objects, once per sheet:
        (column, parent object to be present or "", key, English key of a bilingual column or "", path, grid
        column) and (object, member keys, grid column, names, English names)."""
        required_objects = self.spec.required_objects
        checks = []
        for col in cols:
            column = col.column
            parent = column.path.rsplit(".", 1)[0] if "." in column.path else ""
            parent = parent if parent and sheet.child is None and parent not in required_objects else ""
            if column.bilingual:
                if col.lang == "en":
                    continue
                checks.append((col, parent, col.key, col.key[:-2] + "en", column.path, None))
                continue
            index = sheet.col_of(col.key)
            if not column.required or index is None:
                continue   # not required, or the whole column is missing: reported once for the sheet
            checks.append((col, parent, col.key, "", column.path, index))
        objects = []
        for obj in required_objects if sheet.child is None else ():
            members = [c for c in cols if c.column.path.startswith(obj + ".")]
            needed = dict(self.spec.required_one_of).get(obj)
            if needed:
                members = [c for c in members if c.column.path in needed]
            if members and not any(c.column.required for c in members):
                index = next((sheet.col_of(c.key) for c in members if sheet.col_of(c.key) is not None), None)
                names = "、".join(dict.fromkeys(c.zh for c in members if c.lang != "en"))
                names_en = ", ".join(dict.fromkeys(c.en for c in members if c.lang != "en"))
                objects.append((obj, [c.key for c in members], index, names, names_en))
        return checks, objects

    def check_bilingual(self, row: _Row, col: PhysicalColumn, value) -> None:
        sheet = row.sheet
        column = col.column
        zh_index = sheet.col_of(col.key)
        en_key = col.key[:-2] + "en"
        en_index = sheet.col_of(en_key)
        if column.is_list:
            if column.required and not value and zh_index is not None:
                self.problem(sheet, row.index, zh_index, self.header_of(sheet, zh_index, col), "required",
                             f"必填：请填写“{col.zh}”（每行一条）", f"required: fill in {col.en} (one per line)")
            return
        has_zh = isinstance(value, dict) and "zh" in value
        has_en = isinstance(value, dict) and "en" in value
        if not has_zh and not has_en:
            if column.required and (zh_index is not None or en_index is not None):
                where = zh_index if zh_index is not None else en_index
                self.problem(sheet, row.index, where, self.header_of(sheet, where, col), "required",
                             f"必填：请填写“{col.zh}”", f"required: fill in {col.en}")
            return
        need = self.strict_needs(column.type)
        if need in ("zh", "both") and not has_zh:
            where = zh_index if zh_index is not None else en_index
            self.problem(sheet, row.index, where, self.header_of(sheet, where, col), "language",
                         f"“{col.zh}”缺中文：请填写中文", f"{col.en}: the Chinese text is missing")
        if need == "both" and not has_en:
            if en_index is None:
                self.sheet_problem_once(sheet, en_key, col.zh + "(英文)", "language",
                                        f"缺少“{col.zh}(英文)”列：本数据要求中英文都填写",
                                        f"column {col.en} (English) missing: this data needs both languages")
            else:
                self.problem(sheet, row.index, en_index, self.header_of(sheet, en_index, col), "language",
                             f"“{col.zh}”缺英文：请填写英文", f"{col.en}: the English text is missing")

    def sheet_problem_once(self, sheet: _Sheet, key: str, field_name: str, code: str, zh: str, en: str) -> None:
        marker = (sheet.grid.file, sheet.grid.sheet, key)
        if marker not in self.reported_once:
            self.reported_once.add(marker)
            self.problem(sheet, sheet.header_row, None, field_name, code, zh, en)

    # ---- main sheet and ids --------------------------------------------------------------------------------
    def read_main(self, sheet: _Sheet) -> None:
        touched = {c.field_path if not c.column.is_list else c.column.path
                   for c in sheet.columns.values() if isinstance(c, PhysicalColumn) and c.column.path != "id"}
        touched |= {c.field_path if not c.column.is_list else c.column.path
                    for c in sheet_columns(self.spec) if c.key in self.defaults}
        present = sheet.present
        lines = {c.column.path: {k.rsplit(".", 1)[1] for k in present if k.startswith(c.column.path + ".")}
                 for c in sheet.columns.values()
                 if isinstance(c, PhysicalColumn) and c.column.bilingual and c.column.is_list}
        for row in self.read_rows(sheet):
            entry = _Entry(row, {}, row_refs=((sheet.grid.file, sheet.grid.sheet, row.index + 1),))
            entry.key_text = row.values.pop("id", "") or ""
            entry.record = self.build_item(row, 0, entry, ())
            entry.touched = touched
            entry.lines = lines
            self.summarise(entry)
            entry.slot = self.spill.put((entry.record, entry.locations))
            entry.record, entry.locations, row.values = None, {}, {}
            self.entries.append(entry)

    def summarise(self, entry: _Entry) -> None:
        """What the id, duplicate and child-sheet steps need of an entry's record (the record itself waits on disk)."""
        record = entry.record
        entry.ident = self.identity(record)
        entry.title = get_path(record, self.spec.title)
        entry.suffix = str(get_path(record, self.spec.id_suffix) or "")[:4] if self.spec.id_suffix else ""
        entry.dup_key = self.duplicate_key(record)
        entry.source_key = self.source_key_of(record)
        entry.source_key_text = cell_text(get_path(record, self.spec.source_key)) if entry.source_key else ""

    def apply_record_defaults(self) -> None:
        """A ledger without a main sheet: one record made of the mapping's defaults."""
        for entry in self.entries:
            if entry.row is not None:
                continue
            for col in sheet_columns(self.spec):
                default = self.defaults.get(col.key, col.column.default)
                if default is not None:
                    value = self.parse_default(col, default, _Row(_Sheet(Grid("", self.file, []), None), 0))
                    if value is None:
                        continue
                    if col.column.path == "id":
                        entry.key_text = cell_text(value)
                    elif col.column.bilingual and col.column.is_list:
                        set_path(entry.record, col.column.path,
                                 [{col.lang: line} for line in value if line])
                    else:
                        set_path(entry.record, col.field_path, value)
                    entry.touched.add(col.field_path if not col.column.is_list else col.column.path)
            self.summarise(entry)

    def identity(self, record: dict) -> tuple:
        """The identity fields' values (see layer_index.identity)."""
        return layer_index.identity(self.spec, record)

    def existing_facts(self, record_id: str) -> tuple:
        """(identity, source key, duplicate key, origin) of an existing record."""
        if self._layer_records:
            return self.existing.facts(record_id)
        return layer_index.record_facts(self.spec, self.existing[record_id])

    def existing_text(self, record_id: str) -> str:
        """The duplicate text of an existing record."""
        if self._layer_records:
            return self.existing.duplicate_text(record_id)
        return self.duplicate_text(self.existing[record_id])

    def entry_text(self, entry: _Entry) -> str:
        """The duplicate text of an entry's record (waiting on disk, or at hand for a record of defaults alone)."""
        record = entry.record if entry.record is not None or entry.slot is None else self.spill.get(entry.slot)[0]
        return self.duplicate_text(record)

    def existing_copy(self, record_id: str) -> dict:
        """An existing record, as a copy of its own."""
        if self._layer_records:
            return self.existing.fresh(record_id)
        return copy.deepcopy(self.existing.get(record_id, {}))

    def assign_ids(self) -> None:
        spec = self.spec
        allocator = IdAllocator(set(self.existing) | self.taken_ids)
        by_identity: dict[tuple, str] = {}
        by_source_key: dict[str, str] = {}
        for record_id in self.existing:
            ident, source_key, *_rest = self.existing_facts(record_id)
            if any(ident):
                by_identity.setdefault(ident, record_id)
            if source_key:
                by_source_key.setdefault(source_key, record_id)
        explicit: dict[str, _Entry] = {}
        kept = []
        for entry in self.entries:
            if not entry.key_text:
                kept.append(entry)
                continue
            written = SLUG.match(entry.key_text) and len(entry.key_text) <= MAX_ID
            record_id = entry.key_text if written else shorten(slug_words(entry.key_text), MAX_ID)
            record_id = unreserved(record_id) if record_id and not written else record_id
            if written and is_reserved(record_id):
                self.entry_problem(entry, "id", f"编号“{record_id}”是网站自用的名称：请换一个编号，或留空自动生成",
                                   f"ID {record_id!r} is reserved for the site's own pages: choose another ID or "
                                   "leave it blank")
                continue
            if not record_id:
                self.entry_problem(entry, "id", f"编号“{entry.key_text}”无法转换为英文字母编号：请改写或留空",
                                   f"ID {entry.key_text!r} cannot be turned into a web-safe ID: rewrite it or leave it blank")
                continue
            if record_id in self.taken_ids:
                self.entry_problem(entry, "duplicate-id",
                                   f"编号“{record_id}”已被上一层数据（如门户自带数据）中的记录使用：请换一个编号，或留空自动生成",
                                   f"ID {record_id!r} belongs to a record of an earlier data layer (e.g. the shipped "
                                   "data): choose another ID or leave it blank")
                continue
            if record_id in explicit:
                first = explicit[record_id]
                self.entry_problem(entry, "duplicate-id",
                                   f"编号“{record_id}”与第 {first.row.index + 1} 行重复：每条记录的编号必须不同",
                                   f"ID {record_id!r} is already used on row {first.row.index + 1}: every record "
                                   "needs its own ID")
                continue
            explicit[record_id] = entry
            entry.record_id = record_id
            entry.matched = record_id if record_id in self.existing else ""
            allocator.claim(record_id)
            kept.append(entry)
        self.entries = kept
        claimed_existing = {e.matched for e in kept if e.matched}
        duplicates = self.duplicate_index()
        seen_identity: dict[tuple, _Entry] = {}
        for entry in kept:
            if entry.record_id:
                continue
            ident = entry.ident
            # the same ledger imported again: a row updates its record (same source key, else same title and date)
            match = by_source_key.get(entry.source_key) if entry.source_key else None
            if match is None and any(ident) and by_identity.get(ident):
                other_key = self.existing_facts(by_identity[ident])[1]
                match = by_identity[ident] if not (entry.source_key and other_key) else None
            if match and match not in claimed_existing and self.from_this_ledger(match):
                # the same ledger imported again: it updates its record (a record of another ledger: a duplicate)
                entry.record_id = entry.matched = match
                claimed_existing.add(match)
                continue
            if self.is_duplicate(entry, duplicates):
                continue
            first = seen_identity.get(ident) if any(ident) else None
            if first is not None and entry.source_key and first.source_key and entry.source_key != first.source_key:
                first = None   # two keys of the source: two events under one title (two victims of one accident)
            if first is not None:
                self.entry_problem(entry, "duplicate",
                                   f"与第 {first.row.index + 1 if first.row else '?'} 行的名称相同：如是同一条记录请删除一行；"
                                   "否则将另起编号导入",
                                   f"same title as row {first.row.index + 1 if first.row else '?'}: delete one row "
                                   "if it is the same record; otherwise it is imported under a new ID", "warning")
            elif any(ident):
                seen_identity[ident] = entry
            title = entry.title or {}
            base = slug_words(title.get("zh") or title.get("en") or "") if isinstance(title, dict) else ""
            entry.record_id = allocator.new(base or spec.kind, entry.suffix)
        for entry in self.entries:   # their child-sheet rows go with them (the duplicate's warning says why)
            if id(entry) in self.dropped:
                titles = entry.title.values() if isinstance(entry.title, dict) else [entry.title]
                self.dropped_keys.update(normalise(str(k)) for k in (entry.key_text, *titles) if k)
        self.entries = [entry for entry in self.entries if id(entry) not in self.dropped]

    # ---- duplicates: the same event twice (within the file, across files, against every layer) ---------------
    def duplicate_key(self, record: dict) -> tuple | None:
        return layer_index.duplicate_key(self.spec, record)

    def duplicate_text(self, record: dict) -> str:
        return layer_index.duplicate_text(self.spec, record)

    def source_key_of(self, record: dict) -> str:
        """The record's key in its source (cases: source_key), normalised; "" when the kind or record has none."""
        return layer_index.source_key(self.spec, record)

    def duplicate_index(self) -> dict[tuple, list]:
        """Duplicate key -> the records already in every layer with that key, and ("source key", key) -> those with
        that source key, in the order they are compared: the layer being written (each as its id), the other layers
        (each as ("other", file, id, source key)); is_duplicate adds the file's own rows (each as its _Entry). What is
        shown and compared of each is made when a row's key matches it (candidate, candidate_text)."""
        index: dict[tuple, list] = {}
        for record_id in self.existing:   # the layer being written
            _ident, source_key, key, _origin = self.existing_facts(record_id)
            if key:
                index.setdefault(key, []).append(record_id)
            if source_key:
                index.setdefault(("source key", source_key), []).append(record_id)
        for record_id, (where, record) in self.other_layers.items():
            key, source_key = self.duplicate_key(record), self.source_key_of(record)
            found = ("other", where, record_id, source_key)
            if key:
                index.setdefault(key, []).append(found)
            if source_key:
                index.setdefault(("source key", source_key), []).append(found)
        return index

    def candidate(self, found) -> tuple[str, str, str, str]:
        """(where, record id ("" for a row of this file), layer, source key) of a duplicate_index item."""
        if type(found) is str:
            return f"{self.spec.kind}/{found}.yml", found, "target", self.existing_facts(found)[1]
        if type(found) is tuple:
            return found[1], found[2], "other", found[3]
        return self.where(found), "", "file", found.source_key

    def candidate_text(self, found) -> str:
        """The duplicate text of a duplicate_index item."""
        if type(found) is str:
            return self.existing_text(found)
        if type(found) is tuple:
            return self.duplicate_text(self.other_layers[found[2]][1])
        return self.entry_text(found)

    def is_duplicate(self, entry: _Entry, index: dict) -> bool:
        """True when the row repeats a record (reported with both places, then left out, or it updates the record
        of the layer being written with `duplicates: update`). The same source key is the same event; two different
        source keys are two events; without a source key on either side: the same date and place, similar text."""
        key, source_key = entry.dup_key, entry.source_key
        if source_key:
            for found in index.get(("source key", source_key), []):
                where, record_id, layer, _key = self.candidate(found)
                return self.duplicate_found(entry, where, record_id, layer,
                                            f"来源编号“{entry.source_key_text}”相同",
                                            f"the same source key {entry.source_key_text!r}")
        text = None
        for found in index.get(key, []) if key else ():
            where, record_id, layer, other_key = self.candidate(found)
            if source_key and other_key and source_key != other_key:
                continue   # two keys of the source: two events, however alike
            text = self.entry_text(entry) if text is None else text
            if not _similar(text, self.candidate_text(found)):
                continue
            return self.duplicate_found(entry, where, record_id, layer, "日期、地点相同，文字相近",
                                        "same date and place, similar text")
        if key:
            index.setdefault(key, []).append(entry)
        if source_key:
            index.setdefault(("source key", source_key), []).append(entry)
        return False

    def origin(self, record_id: str) -> str:
        """The row a record of the layer being written was imported from ("one.csv:row 4"), "" when not known."""
        try:
            found = self.existing_origin(record_id) if self.existing_origin else ""
        except (OSError, ValueError):
            return ""
        return found if isinstance(found, str) else ""

    def from_this_ledger(self, record_id: str) -> bool:
        """True unless the existing record says it was imported from another file than the one being read."""
        origin = self.origin(record_id)
        return not origin or origin.split(":", 1)[0] == self.file

    def duplicate_found(self, entry: _Entry, where: str, record_id: str, layer: str, why_zh: str, why_en: str) -> bool:
        """Report the row as repeating the record at `where` (both places named); it is left out (keep-first) or,
        with `duplicates: update`, updates that record of the layer being written."""
        origin = self.origin(record_id) if layer == "target" and record_id else ""
        if layer == "target" and self.mapping.duplicates == "update" and record_id not in self.claimed_by_dup:
            entry.record_id = entry.matched = record_id
            self.claimed_by_dup.add(record_id)
            self.entry_problem(entry, "duplicate", f"与 {where} 是同一事件（{why_zh}）：按 duplicates: update 更新该记录",
                               f"the same event as {where} ({why_en}): it updates that record (duplicates: update)",
                               "warning")
            return True
        named = f"{where}（{record_id}{'，导入自 ' + origin if origin else ''}）" if record_id else where
        named_en = f"{where} ({record_id}{', imported from ' + origin if origin else ''})" if record_id else where
        self.entry_problem(entry, "duplicate",
                           f"与 {named} 是同一事件（{why_zh}），未导入：如确是另一事件，"
                           "请在映射文件写 duplicates: update 或改正这一行",
                           f"the same event as {named_en}: {why_en}; not imported (keep-first). If it is another "
                           "event, correct the row; to update the record write duplicates: update in the mapping",
                           "warning")
        self.dropped.add(id(entry))
        return True

    def where(self, entry: _Entry) -> str:
        if entry.row is None:
            return self.file
        grid = entry.row.sheet.grid
        return f"{grid.file}:row {entry.row.index + 1}" if grid.is_csv else \
            f"{grid.file}:{grid.sheet}!{entry.row.index + 1}:{entry.row.index + 1}"

    def entry_problem(self, entry: _Entry, code: str, zh: str, en: str, severity: str = "error") -> None:
        row = entry.row
        if row is None:
            self.problems.append(self.mapping.problem(("defaults", "id"), zh, en))
            return
        index = row.sheet.col_of("id")
        self.problem(row.sheet, row.index, index, self.header_of(row.sheet, index, _Named(self.spec.key_zh)),
                     code, zh, en, severity)

    # ---- child sheets --------------------------------------------------------------------------------------
    def key_index(self) -> dict[str, _Entry]:
        index: dict[str, _Entry] = {}
        titles: dict[str, list[_Entry]] = {}
        for entry in self.entries:
            for key in (entry.key_text, entry.record_id):
                if key:
                    index.setdefault(normalise(key), entry)
            title = entry.title
            if isinstance(title, dict):
                for text in title.values():
                    titles.setdefault(normalise(text), []).append(entry)
        for text, found in titles.items():
            if len(found) == 1:
                index.setdefault(text, found[0])
            else:
                self.ambiguous_titles.add(text)
        return index

    def read_child(self, sheet: _Sheet) -> None:
        child = sheet.child
        if self._key_index is None:   # the same for every child sheet: the entries do not change in between
            self._key_index = self.key_index()
        index = self._key_index
        default_entry = None
        if "id" in self.defaults:
            default_entry = index.get(normalise(cell_text(self.defaults["id"])))
        if default_entry is None and len(self.entries) == 1:
            default_entry = self.entries[0]
        key_col = sheet.col_of("id")
        if key_col is None and default_entry is None:
            self.problem(sheet, sheet.header_row, None, self.spec.key_zh, "header",
                         f"缺少“{self.spec.key_zh}”列：每行须写明所属记录的编号",
                         f"column {self.spec.key_en} missing: every row must name the record it belongs to")
            return
        collected: dict[int, list] = {}
        last: dict[int, tuple] = {}      # id(entry) -> (group value, item) for nested sheets
        previous_entry = None
        for row in self.read_rows(sheet):
            if row.key_text:
                entry = index.get(normalise(row.key_text))
                if entry is None and normalise(row.key_text) in self.ambiguous_titles:
                    self.problem(sheet, row.index, key_col, self.header_of(sheet, key_col, _Named(self.spec.key_zh)),
                                 "unknown-record",
                                 f"名称“{row.key_text}”对应多条{self.spec.zh}记录：请在两个表中都改用编号",
                                 f"the title {row.key_text!r} names several records: use their IDs in both sheets")
                    continue
                if entry is None and normalise(row.key_text) in self.dropped_keys:
                    continue   # a row of a record left out as a duplicate
                if entry is None:
                    self.problem(sheet, row.index, key_col, self.header_of(sheet, key_col, _Named(self.spec.key_zh)),
                                 "unknown-record",
                                 f"找不到编号（或名称）为“{row.key_text}”的{self.spec.zh}记录：请与“{self.spec.zh}”表中的编号一致",
                                 f"no {self.spec.en.lower()} record with the ID (or title) {row.key_text!r}: use the "
                                 f"ID written in the sheet {self.spec.zh}")
                    continue
            elif default_entry is not None:
                entry = default_entry
            else:
                self.problem(sheet, row.index, key_col, self.header_of(sheet, key_col, _Named(self.spec.key_zh)),
                             "required", f"必填：请填写“{self.spec.key_zh}”", f"required: fill in {self.spec.key_en}")
                continue
            items = collected.setdefault(id(entry), [])
            if (ref := (sheet.grid.file, sheet.grid.sheet, row.index + 1)) not in entry.row_refs:
                entry.row_refs += (ref,)
            base = tuple(child.path.split("."))
            if not child.nested_path:
                item = self.build_item(row, 0, entry, base + (len(items),))
                items.append((row, item))
                entry.children[child.path] = items
                continue
            group_key = f"{child.path}[].{child.group_by}"
            group_value = row.values.get(group_key)
            state = last.get(id(entry))
            continues = state is not None and previous_entry is entry and (
                group_value is None or group_value == state[0])
            previous_entry = entry
            if continues:
                item = state[1]
                self.check_same(row, state[2], item)
            else:
                item = self.build_item(row, 0, entry, base + (len(items),))
                items.append((row, item))
                entry.children[child.path] = items
                last[id(entry)] = (group_value, item, row)
            nested_cols = [c for c in sheet_columns(self.spec, child) if isinstance(c, PhysicalColumn) and c.level == 1]
            if any(row.values.get(c.key) is not None for c in nested_cols):
                nested_list = item.setdefault(child.nested_path, [])
                nested = self.build_item(row, 1, entry, base + (len(items) - 1, child.nested_path, len(nested_list)))
                nested_list.append(nested)
        for entry in self.entries:
            if id(entry) in collected:
                entry.children[child.path] = self.ordered(sheet, collected[id(entry)])
            else:
                entry.children[child.path] = []

    def check_same(self, row: _Row, first: _Row, item: dict) -> None:
        """A continuation row of a nested sheet may leave the item's columns blank, but must not contradict them."""
        sheet = row.sheet
        for col in sheet.columns.values():
            if not isinstance(col, PhysicalColumn) or col.level != 0:
                continue
            value = row.values.get(col.key)
            if value is None or value is _BAD:
                continue
            if value != first.values.get(col.key):
                index = sheet.col_of(col.key)
                self.problem(sheet, row.index, index, self.header_of(sheet, index, col), "inconsistent",
                             f"与第 {first.index + 1} 行同一条目的“{col.zh}”不一致：同一条目的各行请填写相同内容，或留空",
                             f"differs from {col.en} of the same entry on row {first.index + 1}: repeat the same "
                             "value or leave it blank")

    def ordered(self, sheet: _Sheet, rows_items: list[tuple]) -> list:
        """Items in row order, or in letter order when the sheet has a letter column (quiz choices)."""
        if not sheet.child.order_zh or all(row.order is None for row, _ in rows_items):
            return [item for _, item in rows_items]
        order_col = sheet.col_of(f"{sheet.child.path}[].#")
        seen: dict[int, _Row] = {}
        for row, _ in rows_items:
            if row.order is None:
                self.problem(sheet, row.index, order_col, sheet.child.order_zh, "required",
                             f"必填：请填写“{sheet.child.order_zh}”", f"required: fill in {sheet.child.order_en}")
            elif row.order in seen:
                self.problem(sheet, row.index, order_col, sheet.child.order_zh, "duplicate-id",
                             f"字母与第 {seen[row.order].index + 1} 行重复", f"same letter as row {seen[row.order].index + 1}")
            else:
                seen[row.order] = row
        return [item for _, item in sorted(rows_items, key=lambda ri: (ri[0].order is None, ri[0].order or 0))]

    # ---- finishing -----------------------------------------------------------------------------------------
    def finish(self, entry: _Entry, present_children: set[str]) -> dict:
        record = self.existing_copy(entry.matched) if entry.matched else {}
        # what keep_other_language needs of the existing record, copied before the record is changed
        old = {path: copy.deepcopy(get_path(record, path)) for path in entry.lines} if record and entry.lines else {}
        if record:   # an existing record: the fields this import gives are replaced, not merged
            for path in entry.touched | present_children | set(entry.children):
                delete_path(record, path)
        merge_into(record, entry.record)
        for path, items in entry.children.items():
            if items:
                set_path(record, path, items)
        for path, langs in entry.lines.items():
            self.keep_other_language(record, old.get(path), path, langs)
        record = {"id": entry.record_id, **{k: v for k, v in record.items() if k != "id"}}
        self.check_record(entry, record)
        entry.record = record
        return record

    @staticmethod
    def keep_other_language(record: dict, old_items, path: str, langs: set[str]) -> None:
        """A list column given in one language keeps the existing record's other language (`old_items`, its list
        at `path`), line by line."""
        new_items = get_path(record, path)
        if len(langs) != 1 or not isinstance(new_items, list) or not isinstance(old_items, list) \
                or len(new_items) != len(old_items):
            return
        other = "en" if "zh" in langs else "zh"
        for new, previous in zip(new_items, old_items):
            if isinstance(previous, dict) and other in previous and other not in new:
                new[other] = previous[other]

    def check_record(self, entry: _Entry, record: dict) -> None:
        row = entry.row
        for child in self.spec.children:
            if child.required and not get_path(record, child.path):
                self.record_problem(entry, child.zh, "required",
                                    f"缺少“{child.zh}”：请在“{child.zh}”表中为这条记录（编号 {entry.record_id}）至少填写一行",
                                    f"no {child.en.lower()}: add at least one row for this record (ID "
                                    f"{entry.record_id}) in the sheet {child.zh}")
        if self._choice_columns is None:
            self._choice_columns = [col for col in self.spec.physical() if col.column.type == "choice"]
        for col in self._choice_columns:
            if col.column.path not in record:
                continue
            choices = get_path(record, col.column.scope) or []
            given = record[col.column.path]
            beyond = [a for a in (given if isinstance(given, list) else [given]) if a >= len(choices)]
            if beyond and choices:
                index = row.sheet.col_of(col.key) if row else None
                self.record_problem(entry, col.zh, "choice",
                                    f"答案“{'ABCDEF'[beyond[0]]}”超出选项范围（共 {len(choices)} 个选项）",
                                    f"answer {'ABCDEF'[beyond[0]]} is beyond the {len(choices)} choices",
                                    index)

    def record_problem(self, entry: _Entry, field_name: str, code: str, zh: str, en: str,
                       col: int | None = None) -> None:
        row = entry.row
        if row is None:
            self.problems.append(self.mapping.problem(("defaults",), zh, en))
            return
        self.problem(row.sheet, row.index, col if col is not None else row.sheet.col_of("id"), field_name, code, zh, en)

    def check_unused_mapping(self) -> None:
        for header, target in self.mapping.columns.items():
            if self.resolve_target(target) is None:
                self.problems.append(self.mapping.problem(("columns",), f"“{target}”不是本表的字段",
                                                          f"{target!r} is not a field of this table"))
            elif header not in self.header_texts:
                self.unmatched_column(header, target)

    def unmatched_column(self, header: str, target: str) -> None:
        """A mapping column no header row has: an error (its field would silently stay empty), with the nearest
        headers and, for a header holding " #" (cut by YAML as a comment), the advice to quote it."""
        written = self.mapping.headers.get(header, header)
        texts = list(self.header_texts.values())
        near = [t for t in texts if normalise(t).startswith(header) and normalise(t) != header]
        near += [t for t in difflib.get_close_matches(written, texts, n=3, cutoff=0.5) if t not in near]
        zh_near = "；最接近的表头：" + "、".join(f"“{t}”" for t in near[:3]) if near else ""
        en_near = "; nearest headers: " + ", ".join(repr(t) for t in near[:3]) if near else ""
        zh, en = quote_advice(self.mapping, next((t for t in near if " #" in t), ""))
        self.problems.append(self.mapping.problem(
            ("columns", written), f"映射文件 columns 中的“{written}”在表头中找不到，{target} 不会读取{zh_near}{zh}",
            f"column {written!r} of the mapping matches no header, so {target} would not be read{en_near}{en}"))

    def provenance_of(self, entry: _Entry) -> dict | None:
        """{"row": "台账.xlsx:事故!12:12", "cells": {field: cell}} of an entry read from a row (None otherwise)."""
        from portal.load.yamlsafe import dotted

        if entry.row is None or not entry.record_id:
            return None
        grid = entry.row.sheet.grid
        row = Problem.at_cell(grid.file, grid.sheet, entry.row.index + 1, None, "", "", "").location
        names = self._dotted
        cells = {}
        for path, (sheet, row_number, column, header, file) in entry.locations.items():
            name = names.get(path)
            if name is None:
                name = names[path] = dotted(path)
            cells[name] = _cell_of(sheet, row_number, column, header, file)
        return {"row": row, "cells": cells}

    # ---- schema backstop -----------------------------------------------------------------------------------
    def check_schema_of(self, entry: _Entry, blocked: set, defaults_blocked: bool) -> None:
        """A record without other problems checked by the validator's schema check, its problems at their cells."""
        from portal.check.schema import schema_errors

        if not blocked.isdisjoint(entry.row_refs) or (entry.row is None and defaults_blocked):
            return
        for _line_path, path, message, _code in schema_errors(entry.record, self.spec.schema):
            where = _nearest(entry.locations, path)
            field_name = ".".join(map(str, path)) or "(记录 / record)"
            if where:
                sheet_name, row_number, col_number, header, file = where
                self.problems.append(Problem.at_cell(file, sheet_name, row_number, col_number, header, "schema",
                                                     message))
            elif entry.row is not None:
                self.problems.append(Problem.at_cell(
                    entry.row.sheet.grid.file, entry.row.sheet.grid.sheet, entry.row.index + 1,
                    _column_number(entry.row.sheet.col_of("id")), field_name, "schema", message))
            else:
                self.problems.append(self.mapping.problem(("defaults",), f"{field_name}：{message}", ""))


def _cell_of(sheet: str | None, row: int, column: int | None, header: str, file: str) -> str:
    """Where a field was read: a workbook cell (台账.xlsx:事故!C12), or a CSV row and its column's header
    (us-fatalities.csv:row 2 (Date of Incident)); a value made by the mapping: its row."""
    parts = _cell_parts(sheet, column, header, file) if row else None
    if parts is None:
        return _cell_slow(sheet, row, column, header, file)
    before, after = parts
    return f"{before}{row}{after}" if after is not None else f"{before}{row}:{row}"


def _cell_slow(sheet: str | None, row: int | None, column: int | None, header: str, file: str) -> str:
    real = column is not None and column <= VIRTUAL_COLUMN
    location = Problem.at_cell(file, sheet, row, column if real else None, "", "", "").location
    return f"{location} ({header})" if sheet is None and real and header else location


@lru_cache(maxsize=4096)
def _cell_parts(sheet: str | None, column: int | None, header: str, file: str) -> tuple[str, str | None] | None:
    """_cell_slow's text around the row number, for a row number from 1 on: (before, after), or (before, None) for
    a workbook row without a column ("before<row>:<row>"); None when the names themselves hold the number tried."""
    marker = "987654321"
    if marker in f"{sheet}{header}{file}":
        return None
    text = _cell_slow(sheet, int(marker), column, header, file)
    if sheet is not None and text.endswith(f"!{marker}:{marker}"):
        return text[: -len(f"{marker}:{marker}")], None
    before, _found, after = text.partition(marker)
    return (before, after) if marker not in after else None


_text_of = layer_index.text_of


def _similar(first: str, second: str) -> bool:
    """The same event described twice: equal, or at least 85% alike (difflib's ratio)."""
    if first == second:
        return True
    from difflib import SequenceMatcher
    return SequenceMatcher(None, first, second, autojunk=False).ratio() >= 0.85


def _column_number(index: int | None) -> int | None:
    return index + 1 if index is not None else None


class _Named:
    """Stands in for a column in header_of() when only a name is known."""

    def __init__(self, zh: str):
        self.zh = zh


def _header_key(value) -> str:
    return normalise(cell_text(value)).strip("*＊")


def _blank(value) -> bool:
    return cell_text(value) == ""


def _unique(values: list) -> list:
    return list(dict.fromkeys(values))


def _is_scope(spec: KindSpec, child, col) -> bool:
    if not isinstance(col, PhysicalColumn):
        return True
    scopes = {c.column.scope for c in sheet_columns(spec, child) if isinstance(c, PhysicalColumn) and c.column.scope}
    return col.column.path in scopes


def _sibling_key(col: PhysicalColumn, path: str) -> str:
    """Physical key of the field `path` in the same item as `col`."""
    prefix = col.key[: len(col.key) - len(col.field_path)]
    return prefix + path


def _column_default(spec: KindSpec, child, key: str):
    for col in sheet_columns(spec, child):
        if isinstance(col, PhysicalColumn) and col.key == key:
            return col.column.default
    return None


def _nearest(locations: dict[tuple, tuple], path: tuple):
    path = tuple(path)
    while path:
        if path in locations:
            return locations[path]
        path = path[:-1]
    return None
