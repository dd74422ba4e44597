# The one problem type of every command: where (file:line or file.xlsx:Sheet!C12), field, message, code, severity, hint.
"""Problems found by load, check, import and export, printed as `file:line: field: message`.

A problem's location is a line of a text file (`data/cases/x.yml:12`), a cell of a workbook (`台账.xlsx:事故!C12`),
a whole row of a sheet (`台账.xlsx:事故!12:12`), a row of a CSV file (`台账.csv:row 12`) or a whole file. Warnings
print `提示 / warning:` before their message; a hint (what to do) follows the message after ` — `."""
from __future__ import annotations

from collections import Counter
from typing import NamedTuple

# A problem is printed on one line that editors and tools split at the first two colons (file:line: field: ...):
# line breaks never reach the output and a field name's own colons are shown as full-width ones.
_LINE_BREAKS = str.maketrans({"\n": "\\n", "\r": "\\r", "\u2028": "\\u2028", "\u2029": "\\u2029"})
ERROR, WARNING = "error", "warning"
WARNING_MARK = "提示 / warning: "


def one_line(text: str) -> str:
    return str(text).translate(_LINE_BREAKS)


def field_label(field: str) -> str:
    return one_line(field).replace(":", "\uff1a") or "(file)"


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Problem(NamedTuple):
    """One problem. `line` is the 1-based line of a text file, or the row of a sheet when `sheet` is set (None: the
    whole file or sheet); `column` is the 1-based column of a sheet's cell; `unit` is "row" for a CSV file's rows."""

    path: str
    line: int | None
    field: str
    message: str
    code: str = ""  # stable identifier of the kind of problem, e.g. schema.required, ref.missing-record, date
    severity: str = ERROR  # ERROR blocks (the build, the import); WARNING does not
    hint: str = ""  # what to do, when the message does not already say it
    sheet: str | None = None
    column: int | None = None
    unit: str = "line"

    @classmethod
    def at_cell(cls, path: str, sheet: str | None, row: int | None, column: int | None, field: str, code: str,
                message: str, severity: str = ERROR, *, unit: str = "row", hint: str = "") -> "Problem":
        """A problem of a spreadsheet: at a cell (sheet, row and column), a row, a sheet, or (sheet None) a CSV
        row or the whole file. Row 0 means no row."""
        return cls(path, row or None, field, message, code, severity, hint, sheet, column or None, unit)

    @property
    def location(self) -> str:
        path = one_line(self.path)
        if self.sheet is not None:
            sheet = one_line(self.sheet)
            if self.line and self.column:
                return f"{path}:{sheet}!{column_letter(self.column)}{self.line}"
            if self.line:
                return f"{path}:{sheet}!{self.line}:{self.line}"
            return f"{path}:{sheet}"
        if self.line is None:
            return path
        return f"{path}:row {self.line}" if self.unit == "row" else f"{path}:{self.line}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        mark = "" if self.is_error else WARNING_MARK
        hint = f" — {one_line(self.hint)}" if self.hint else ""
        return f"{self.location}: {field_label(self.field)}: {mark}{one_line(self.message)}{hint}"

    def sort_key(self) -> tuple:
        return (self.path, self.sheet or "", self.line or 0, self.column or 0)


class Warning_(Problem):
    """A problem that does not stop the build (e.g. an official source on an unknown host): severity WARNING."""

    __slots__ = ()

    def __new__(cls, path: str, line: int | None, field: str, message: str, code: str = "", severity: str = WARNING,
                hint: str = "", sheet: str | None = None, column: int | None = None, unit: str = "line"):
        return super().__new__(cls, path, line, field, message, code, severity, hint, sheet, column, unit)


class InvalidData(Exception):
    """Raised when the data set has problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the data")


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that block (warnings left out)."""
    return [p for p in problems if p.is_error]


def summary_by_code(problems: list[Problem]) -> list[tuple[str, int]]:
    """How many problems of each kind, most frequent first (printed after the list)."""
    counts: dict[str, int] = {}
    for problem in problems:
        counts[problem.code or "other"] = counts.get(problem.code or "other", 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def summary_lines(problems: list[Problem], names: dict[str, tuple[str, str]]) -> list[str]:
    """One line per kind of problem, most frequent first: `日期无法识别 / date not understood: 12`.
    `names` gives code -> (Chinese, English); an unnamed code is shown as it is."""
    counts = Counter((p.code, p.severity) for p in problems)
    lines = []
    for (code, severity), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        zh, en = names.get(code, (code, code))
        mark = "" if severity == ERROR else "（提示 / warning）"
        lines.append(f"{zh} / {en}{mark}: {count}")
    return lines
