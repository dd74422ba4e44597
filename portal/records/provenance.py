# Where an imported record came from (workbook, sheet, row, the cell of each field), kept as one comment in its file.
"""Provenance of imported records.

The importer writes, below the schema line of each record file, one comment

    # imported-from: {"row": "台账.xlsx:事故!12:12", "cells": {"date": "台账.xlsx:事故!C12", "deaths": …}}

(JSON, so that it is read back exactly). A problem that `validate` finds later in that file also names the workbook
cell of its field, as a hint: `data/cases/x.yml:5: deaths: … — 表格位置 / in the workbook: 台账.xlsx:事故!P12`.
A comment is not data: editing the file by hand keeps it valid, and the next import writes it anew."""
from __future__ import annotations

import json
import re
import stat
from functools import lru_cache
from pathlib import Path

MARK = "# imported-from: "
_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")   # where str.splitlines cuts
_SCAN_LINES = 3


def provenance_line(row: str, cells: dict[str, str]) -> str:
    """The comment line (with its line break) for a record read from `row` whose fields came from `cells`."""
    return MARK + json.dumps({"row": row, "cells": cells}, ensure_ascii=False, separators=(", ", ": ")) + "\n"


def with_provenance(text: str, line: str) -> str:
    """File text with the provenance comment after its first (schema) line, replacing an older one."""
    if MARK not in text:   # no older one: the line goes after the first line
        found = _LINE_BREAK.search(text)
        cut = found.end() if found else len(text)
        return text[:cut] + line + text[cut:]
    lines = [item for item in text.splitlines(keepends=True) if not item.startswith(MARK)]
    return "".join(lines[:1]) + line + "".join(lines[1:])


@lru_cache(maxsize=4096)
def _read(path: str, stamp: float) -> dict | None:
    try:
        with open(path, encoding="utf-8") as handle:
            for _ in range(_SCAN_LINES):
                line = handle.readline()
                if line.startswith(MARK):
                    found = json.loads(line[len(MARK):])
                    return found if isinstance(found, dict) else None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None   # no usable provenance: the problem is shown as it is
    return None


def read_provenance(path: Path | str) -> dict | None:
    try:
        status = Path(path).stat()
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):
        return None   # a named pipe or device named like a record file: never opened
    return _read(str(path), status.st_mtime)


def workbook_cell(path: Path | str, field: str) -> str:
    """The workbook cell the field (`entries[0].phones[1].number`, `title`) of an imported record came from; the row
    when no cell is known; "" for a record that was not imported."""
    found = read_provenance(path)
    if not found:
        return ""
    cells = found.get("cells") or {}
    key = field
    while key:
        if key in cells:
            return cells[key]
        children = [cell for name, cell in cells.items() if name.startswith((key + ".", key + "["))]
        if children:
            return children[0]
        key = re.sub(r"(\.[^.\[\]]*|\[\d+\])$", "", key) if re.search(r"[.\[]", key) else ""
    return found.get("row", "")


def add_workbook_cells(problems: list) -> list:
    """The problems, each of an imported record's file with the workbook cell of its field added as a hint."""
    out = []
    for problem in problems:
        cell = workbook_cell(problem.path, problem.field) if str(problem.path).endswith((".yml", ".yaml")) else ""
        if cell and cell not in problem.hint:
            hint = f"表格位置 / in the workbook: {cell}"
            problem = problem._replace(hint=f"{problem.hint}; {hint}" if problem.hint else hint)
        out.append(problem)
    return out
