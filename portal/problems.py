# One validation problem, printed as `file:line: field: message`.
from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class InvalidData(Exception):
    """Raised when the data set has problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the data")
