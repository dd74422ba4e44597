# Tests of the records core's one Problem type: both location forms, warnings, hints, one line per problem.
"""Problem formatting: `file:line: field: message` and `file.xlsx:Sheet!C12: field: message`."""
from portal.records.problems import InvalidData, Problem, Warning_, column_letter, errors, summary_by_code


def test_line_location():
    problem = Problem("data/cases/x.yml", 12, "deaths", "应为整数 / should be a whole number", "schema.type")
    assert str(problem) == "data/cases/x.yml:12: deaths: 应为整数 / should be a whole number"
    assert problem.location == "data/cases/x.yml:12" and problem.is_error


def test_cell_row_sheet_and_csv_locations():
    cell = Problem.at_cell("台账.xlsx", "事故", 12, 3, "死亡人数", "number", "不是数字 / not a number")
    assert str(cell) == "台账.xlsx:事故!C12: 死亡人数: 不是数字 / not a number"
    assert Problem.at_cell("台账.xlsx", "事故", 12, None, "编号", "id", "m").location == "台账.xlsx:事故!12:12"
    assert Problem.at_cell("台账.xlsx", "来源", None, None, "(sheet)", "sheet", "m").location == "台账.xlsx:来源"
    assert Problem.at_cell("台账.csv", None, 4, 2, "日期", "date", "m").location == "台账.csv:row 4"
    assert Problem.at_cell("map.yml", None, 3, None, "columns", "mapping", "m", unit="line").location == "map.yml:3"
    assert Problem.at_cell("台账.csv", None, 0, None, "(file)", "file", "m").location == "台账.csv"
    assert column_letter(27) == "AA" and column_letter(16384) == "XFD"


def test_warning_hint_and_one_line():
    warning = Warning_("data/cases/x.yml", 3, "sources.0.url", "unknown host\nexample.org", "source.host")
    assert not warning.is_error and isinstance(warning, Problem)
    assert str(warning) == "data/cases/x.yml:3: sources.0.url: 提示 / warning: unknown host\\nexample.org"
    hinted = Problem("a.yml", 1, "a:b", "missing", "schema.required", hint="add it")
    assert str(hinted) == "a.yml:1: a\uff1ab: missing — add it", "a field's own colon never splits the line"
    assert errors([warning, hinted]) == [hinted]
    assert summary_by_code([hinted, hinted, warning]) == [("schema.required", 2), ("source.host", 1)]


def test_invalid_data_carries_every_problem():
    problems = [Problem("a.yml", 1, "id", "m", "id.reserved"), Problem("b.yml", 2, "id", "m", "id.reserved")]
    assert InvalidData(problems).problems == problems
