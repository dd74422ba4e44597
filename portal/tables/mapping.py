# Reads a mapping file that fits a ledger not made from the template: its headers, its own values, defaults.
"""Mapping files (YAML), for ledgers whose headers and values differ from the template's:

    # Mapping for the 2023 accident ledger of the XX company
    sheets: {Sheet1: 事故案例}         # optional: the ledger's sheet -> a template sheet (Chinese or English name)
    header_row: 2                      # optional: row of the headers (1 = first row); found automatically otherwise
    columns:                           # the ledger's header -> field path (or a template header)
      事故名称: title.zh
      发生时间: date
      电话: entries.phones.number
      序号: "-"                        # "-": a column that is not read (a ledger's own row numbers), no warning
    values:                            # per field: the ledger's value -> term id
      industry: {电力行业: power, 煤炭: coal-mining}
    defaults:                          # per field: value for rows (or sheets) that do not give one
      accident_type.scheme: gb6441-1986
    skip_rows: [3, 40-45]              # optional: rows that are not records (notes, subtotals), 1 = first row
    constants:                         # per field: the same value for every row (the ledger's column is not read)
      place.province: jiangsu
    compose:                           # per field: text made from several of the ledger's columns
      title.zh: "{单位}{事故类型}事故"
    units: {direct_loss_cny: 万元}      # what a bare number of a money column counts in: 元, 万元 or 亿元
    date_order: MDY                    # how 7/18/2024 reads: MDY (US), DMY (Europe) or YMD (default)
    placeholder_dates: skip            # a 1969-12-31 / 1900-01-01 date: refuse (default), skip (the row), blank,
                                       # or unknown (also a blank date: the record says date unknown, 日期不详)
    encoding: cp1252                   # of a CSV file (default: by its BOM, UTF-8, else GB18030)
    duplicates: keep-first             # a row repeating a record: keep-first (default: left out) or update it
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from portal.records.problems import Problem
from portal.tables.vocab import normalise
from portal.load.yamlsafe import key_cut_by_comment, load_yaml_file

MAX_MAPPING_BYTES = 1_000_000
MAX_ROW = 1_048_576   # the last row of an Excel sheet: no row number of a mapping goes beyond it
KNOWN_KEYS = ("kind", "sheets", "header_row", "skip_rows", "columns", "values", "defaults", "constants", "compose",
              "units", "date_order", "placeholder_dates", "encoding", "duplicates")
DUPLICATE_CHOICES = ("keep-first", "update")
UNITS = {"元": 1, "yuan": 1, "万元": 10000, "万": 10000, "亿元": 100000000, "亿": 100000000}
DATE_ORDERS = ("YMD", "MDY", "DMY")
PLACEHOLDER_CHOICES = ("refuse", "skip", "blank", "unknown")


@dataclass
class Mapping:
    file: str = "(mapping)"
    kind: str = ""
    sheets: dict[str, str] = field(default_factory=dict)          # normalised ledger sheet name -> template sheet
    header_row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)         # normalised ledger header -> target
    values: dict[str, dict[str, object]] = field(default_factory=dict)   # target -> normalised value -> value
    defaults: dict[str, object] = field(default_factory=dict)     # target -> value
    constants: dict[str, object] = field(default_factory=dict)    # target -> value for every row
    compose: dict[str, str] = field(default_factory=dict)         # target -> "{header} text {header}"
    units: dict[str, int] = field(default_factory=dict)           # target -> yuan per bare number
    skip_rows: set[int] = field(default_factory=set)              # 1-based rows that are not records
    date_order: str = "YMD"
    placeholder_dates: str = "refuse"
    encoding: str | None = None
    duplicates: str = "keep-first"
    ignored: set[str] = field(default_factory=set)                # normalised ledger headers mapped to "-": not read
    headers: dict[str, str] = field(default_factory=dict)         # normalised ledger header -> as the mapping writes it
    cut_keys: list[tuple[int, str]] = field(default_factory=list)  # (line, `Inspection #`): unquoted keys YAML cut at " #"
    lines: dict[tuple, int] = field(default_factory=dict)

    def line(self, *path) -> int:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1

    def problem(self, path: tuple, zh: str, en: str) -> Problem:
        label = ".".join(str(p) for p in path) or "(mapping)"
        message = f"{zh} / {en}" if en else zh
        return Problem.at_cell(self.file, None, self.line(*path), None, label, "mapping", message, unit="line")


def load_mapping(source) -> tuple[Mapping, list[Problem]]:
    """A Mapping from a YAML file path, a dict, or an existing Mapping."""
    if isinstance(source, Mapping):
        return source, []
    if source is None:
        return Mapping(), []
    if isinstance(source, dict):
        return _from_dict(source, Mapping())
    path = Path(source)
    if not path.is_file():
        what = ("找不到映射文件，请检查路径", "mapping file not found: check the path") if not path.exists() else \
            ("映射文件不是普通文件", "the mapping file is not a regular file")
        return Mapping(file=path.name), [Problem.at_cell(path.name, None, None, None, "(文件 / file)", "mapping",
                                                         f"{what[0]} / {what[1]}")]
    if path.stat().st_size > MAX_MAPPING_BYTES:
        return Mapping(file=path.name), [Problem.at_cell(
            path.name, None, None, None, "(文件 / file)", "mapping",
            f"映射文件超过 {MAX_MAPPING_BYTES // 1000} KB，不像映射文件 / the mapping file is larger than "
            f"{MAX_MAPPING_BYTES // 1000} KB: not a mapping file")]
    loaded = load_yaml_file(path, path.name)
    mapping = Mapping(file=path.name, lines=loaded.lines)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        text = ""
    mapping.cut_keys = [(number, cut) for number, line in enumerate(text.splitlines(), 1)
                        if (cut := key_cut_by_comment(line))]
    problems = [Problem.at_cell(path.name, None, p.line, None, p.field, "mapping", p.message, unit="line")
                for p in loaded.problems]
    if loaded.value is None:
        return mapping, problems
    if not isinstance(loaded.value, dict):
        return mapping, problems + [mapping.problem((), "映射文件应由 columns、values、defaults 等字段组成",
                                                    "a mapping file is made of columns, values, defaults ...")]
    mapping, more = _from_dict(loaded.value, mapping)
    return mapping, problems + more


def quote_advice(mapping: Mapping, header: str = "") -> tuple[str, str]:
    """(zh, en) advice to quote a header holding " #", when the mapping file has such an unquoted key (or `header`
    holds one); empty otherwise."""
    cut = next((c for _line, c in mapping.cut_keys), "") or (header if " #" in header else "")
    if not cut:
        return "", ""
    where = next((f"第 {line} 行" for line, c in mapping.cut_keys if c == cut), "")
    where_en = next((f" (line {line})" for line, c in mapping.cut_keys if c == cut), "")
    return (f"。{where}含“ #”的列名须加英文引号（否则 YAML 把“ #”起的文字当作注释）：\"{cut}\": ...",
            f". Quote a header holding ' #'{where_en}, or YAML reads it on from ' #' as a comment: \"{cut}\": ...")


def _from_dict(raw: dict, mapping: Mapping) -> tuple[Mapping, list[Problem]]:
    problems = []
    for key in raw:
        if key not in KNOWN_KEYS:
            problems.append(mapping.problem((key,), f"未知字段“{key}”：可用 {', '.join(KNOWN_KEYS)}",
                                            f"unknown field {key!r}: use {', '.join(KNOWN_KEYS)}"))
    mapping.kind = str(raw.get("kind") or "")
    for name in ("sheets", "columns", "values", "defaults", "constants", "compose", "units"):
        if raw.get(name) is not None and not isinstance(raw.get(name), dict):
            zh, en = quote_advice(mapping)
            problems.append(mapping.problem((name,), f"{name} 应为“名称: 值”的列表{zh}",
                                            f"{name} must be a list of `name: value`{en}"))
            raw = dict(raw, **{name: {}})
    header_row = raw.get("header_row")
    if header_row is not None:
        if isinstance(header_row, int) and not isinstance(header_row, bool) and 1 <= header_row <= MAX_ROW:
            mapping.header_row = header_row
        else:
            problems.append(mapping.problem(("header_row",), "header_row 应为表头所在行号，如 2",
                                            "header_row must be the row number of the headers, e.g. 2"))
    for ledger_sheet, target in (raw.get("sheets") or {}).items():
        mapping.sheets[normalise(str(ledger_sheet))] = str(target)
    for header, target in (raw.get("columns") or {}).items():
        if target is None or target == "-":
            mapping.ignored.add(normalise(str(header)))
            continue
        if not isinstance(target, str) or not target.strip():
            problems.append(mapping.problem(("columns", header), "应写字段路径，如 title.zh",
                                            "write a field path, e.g. title.zh"))
            continue
        mapping.columns[normalise(str(header))] = target.strip()
        mapping.headers[normalise(str(header))] = str(header)
    for target, table in (raw.get("values") or {}).items():
        if not isinstance(table, dict):
            problems.append(mapping.problem(("values", target), "应为“原值: 词表编号”的列表",
                                            "must be a list of `ledger value: term id`"))
            continue
        mapping.values[str(target)] = {normalise(str(k)): v for k, v in table.items()}
    mapping.defaults = {str(k): v for k, v in (raw.get("defaults") or {}).items()}
    mapping.constants = {str(k): v for k, v in (raw.get("constants") or {}).items()}
    for target, template in (raw.get("compose") or {}).items():
        if not isinstance(template, str) or "{" not in template:
            problems.append(mapping.problem(("compose", target), "应为含“{列名}”的文字，如 \"{单位}{事故类型}事故\"",
                                            'write text with {header} parts, e.g. "{Company} {City} fatality"'))
            continue
        if template.count("{") != template.count("}"):
            zh, en = quote_advice(mapping)
            problems.append(mapping.problem(("compose", target), f"“{template}”中的 {{ 与 }} 不成对{zh}",
                                            f"{template!r} has unpaired {{ }}{en}"))
            continue
        mapping.compose[str(target)] = template
    for target, unit in (raw.get("units") or {}).items():
        if str(unit).strip() not in UNITS:
            problems.append(mapping.problem(("units", target), "单位应为 元、万元 或 亿元", "the unit must be 元, 万元 or 亿元"))
            continue
        mapping.units[str(target)] = UNITS[str(unit).strip()]
    skip = raw.get("skip_rows")
    for item in (skip if isinstance(skip, list) else [skip] if skip is not None else []):
        text = str(item).replace(" ", "")
        first, _, last = text.partition("-")
        if first.isdigit() and (not last or last.isdigit()) and int(first) >= 1:
            if int(last or first) > MAX_ROW:
                problems.append(mapping.problem(("skip_rows",), f"“{item}”超出工作表的行数（最多 {MAX_ROW} 行）",
                                                f"{item!r} is beyond the last row a sheet can have ({MAX_ROW})"))
                continue
            mapping.skip_rows.update(range(int(first), int(last or first) + 1))
        else:
            problems.append(mapping.problem(("skip_rows",), f"“{item}”不是行号：写成 [3, 40-45]",
                                            f"{item!r} is not a row number: write e.g. [3, 40-45]"))
    for key, allowed in (("date_order", DATE_ORDERS), ("placeholder_dates", PLACEHOLDER_CHOICES),
                         ("duplicates", DUPLICATE_CHOICES)):
        value = raw.get(key)
        if value is None:
            continue
        if str(value) in allowed:
            setattr(mapping, key, str(value))
        else:
            problems.append(mapping.problem((key,), f"{key} 应为 {' / '.join(allowed)}",
                                            f"{key} must be one of {', '.join(allowed)}"))
    if raw.get("encoding") is not None:
        mapping.encoding = str(raw["encoding"])
    return mapping, problems
