# One validation problem, printed as `file:line: field: message`, with a stable code for tools and tests.
"""Problems found by the load and check steps: where (file, line, field), what to do, and a stable code."""
from __future__ import annotations

from typing import NamedTuple

# A problem is printed on one line that editors and tools split at the first two colons (file:line: field: ...):
# line breaks never reach the output and a field name's own colons are shown as full-width ones.
_LINE_BREAKS = str.maketrans({"\n": "\\n", "\r": "\\r", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def one_line(text: str) -> str:
    return str(text).translate(_LINE_BREAKS)


def field_label(field: str) -> str:
    return one_line(field).replace(":", "\uff1a") or "(file)"


class Problem(NamedTuple):
    path: str
    line: int
    field: str
    message: str
    code: str = ""  # stable identifier of the kind of problem, e.g. schema.required, ref.missing-record

    def __str__(self) -> str:
        return f"{one_line(self.path)}:{self.line}: {field_label(self.field)}: {one_line(self.message)}"


class Warning_(NamedTuple):
    """Something an editor should look at that does not stop the build (e.g. an official source on an unknown host)."""

    path: str
    line: int
    field: str
    message: str
    code: str = ""

    def __str__(self) -> str:
        return f"{one_line(self.path)}:{self.line}: {field_label(self.field)}: warning: {one_line(self.message)}"


class InvalidData(Exception):
    """Raised when the data set has problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the data")


def summary_by_code(problems: list[Problem]) -> list[tuple[str, int]]:
    """How many problems of each kind, most frequent first (printed after the list)."""
    counts: dict[str, int] = {}
    for problem in problems:
        counts[problem.code or "other"] = counts.get(problem.code or "other", 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
