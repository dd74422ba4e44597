# A problem found in a spreadsheet, located at its sheet and cell (CSV: its row), and a summary by kind of problem.
"""Problems of an import, printed as `file.xlsx:Sheet!C12: field: message` or `file.csv:row 12: column: message`."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

# Kinds of problem, for the summary: code -> (Chinese, English).
PROBLEM_KINDS = {
    "file": ("文件无法读取", "file cannot be read"),
    "sheet": ("缺少工作表", "sheet missing"),
    "header": ("表头问题", "header problem"),
    "column": ("未识别的列", "column not recognised"),
    "mapping": ("映射文件问题", "mapping file problem"),
    "required": ("必填项未填写", "required value missing"),
    "language": ("中英文不配套", "Chinese and English do not match"),
    "date": ("日期无法识别", "date not understood"),
    "placeholder-date": ("占位日期", "placeholder date"),
    "future-date": ("日期在未来", "date in the future"),
    "number": ("数字无法识别", "number not understood"),
    "bool": ("是/否无法识别", "yes/no not understood"),
    "vocab": ("不在可选项中", "not in the vocabulary"),
    "id": ("编号格式不对", "ID not well-formed"),
    "duplicate-id": ("编号重复", "duplicate ID"),
    "duplicate": ("可能重复的记录", "possible duplicate record"),
    "unknown-record": ("找不到所属记录", "record not found"),
    "url": ("网址不对", "web address not accepted"),
    "article": ("条号无法识别", "article number not understood"),
    "choice": ("答案无法识别", "answer not understood"),
    "text": ("文字问题", "text problem"),
    "inconsistent": ("前后不一致", "rows disagree"),
    "schema": ("不符合数据格式", "does not match the data schema"),
}


@dataclass(frozen=True)
class TableProblem:
    """One problem. `sheet` is None for CSV files; `row`/`col` are 1-based and None for whole-sheet problems."""

    file: str
    sheet: str | None
    row: int | None
    col: int | None
    field: str
    code: str
    message: str
    severity: str = "error"   # "error" blocks the import; "warning" does not
    unit: str = "row"         # "line" for problems in a YAML file (mapping.yml:3)

    @property
    def location(self) -> str:
        if self.sheet is None:
            if not self.row:
                return self.file
            return f"{self.file}:{self.row}" if self.unit == "line" else f"{self.file}:row {self.row}"
        if self.row and self.col:
            return f"{self.file}:{self.sheet}!{column_letter(self.col)}{self.row}"
        if self.row:
            return f"{self.file}:{self.sheet}!{self.row}:{self.row}"
        return f"{self.file}:{self.sheet}"

    def __str__(self) -> str:
        mark = "" if self.severity == "error" else "（提示 / warning）"
        return f"{self.location}: {self.field}: {mark}{self.message}"

    def sort_key(self):
        return (self.file, self.sheet or "", self.row or 0, self.col or 0)


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def errors(problems: list[TableProblem]) -> list[TableProblem]:
    return [p for p in problems if p.severity == "error"]


def summary_lines(problems: list[TableProblem]) -> list[str]:
    """One line per kind of problem, most frequent first: `日期无法识别 / date not understood: 12`."""
    counts = Counter((p.code, p.severity) for p in problems)
    lines = []
    for (code, severity), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        zh, en = PROBLEM_KINDS.get(code, (code, code))
        mark = "" if severity == "error" else "（提示 / warning）"
        lines.append(f"{zh} / {en}{mark}: {count}")
    return lines
