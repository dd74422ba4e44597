# The names of the spreadsheet problems' codes, for the summary an import or export prints after its problems.
"""Kinds of problem of an import or export (code -> Chinese, English). The problems themselves are the records core's
`Problem` (portal.records.problems), located at `file.xlsx:Sheet!C12` or `file.csv:row 12`."""
from __future__ import annotations

from portal.records.problems import Problem, errors
from portal.records.problems import summary_lines as core_summary_lines

__all__ = ["PROBLEM_KINDS", "Problem", "errors", "summary_lines"]

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
    "skipped": ("按映射未导入的行", "rows left out by the mapping"),
    "date-unknown": ("记为日期不详的行", "rows kept as date unknown"),
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
    "cell-error": ("单元格是错误值或未计算的公式", "error value or formula without a value"),
    "cell-size": ("单元格过大", "cell too large"),
    "phone": ("电话号码被存成数字", "phone number stored as a number"),
    "limit": ("超出导入上限", "beyond the import limits"),
    "encoding": ("文件编码", "file encoding"),
    "inconsistent": ("前后不一致", "rows disagree"),
    "schema": ("不符合数据格式", "does not match the data schema"),
}


def summary_lines(problems: list[Problem]) -> list[str]:
    """One line per kind of problem, most frequent first: `日期无法识别 / date not understood: 12`."""
    return core_summary_lines(problems, PROBLEM_KINDS)
