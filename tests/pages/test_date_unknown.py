# Tests of a case whose date no source gives: valid with date_unknown, shown as 日期不详 / date unknown, never dated.
"""A case imported from a ledger row with a blank or placeholder date (placeholder_dates: unknown) carries
`date_unknown: true` and no date: the validator accepts it (and refuses a case with neither or both), the case page,
the list row, the search text and the poster (made from the case page) say 日期不详 / Date unknown, and it is under no year."""
import datetime as dt
import shutil

from portal.check.validate import load_checked
from portal.derive.facts import Derived
from portal.kinds import KINDS, cases
from portal.load.dataset import read_dataset
from portal.pages.context import PageContext
from portal.pages.widgets import statistics
from portal.words import ui
from portal_testing import MINIMAL, settings_for

TODAY = dt.date(2026, 12, 7)
UNDATED = """# yaml-language-server: $schema=../../../data/schema/case.schema.json
id: undated-fall
title: {zh: 日期不详的坠落事故（虚构）, en: Fall of unknown date (fictitious)}
date_unknown: true
place: {province: sichuan}
accident_type: {scheme: gb6441-1986, term: fall-from-height}
deaths: 1
sources:
  - {title: 事故台账（虚构测试数据）, publisher: 示例公司安全科}
"""


def _layers(tmp_path, text=UNDATED):
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    (data / "cases" / "undated-fall.yml").write_text(text, encoding="utf-8")
    return data


def _ctx(data, lang):
    derived = Derived(read_dataset((data,), KINDS), TODAY)
    return PageContext(lang, derived, settings_for(data, today=TODAY), f"cases/undated-fall/")


def test_a_case_without_a_date_validates_only_with_date_unknown(tmp_path):
    data = _layers(tmp_path)
    assert [str(p) for p in load_checked(settings_for(data, today=TODAY)).problems] == []
    for text, field in ((UNDATED.replace("date_unknown: true\n", ""), "date"),
                        (UNDATED.replace("date_unknown: true\n", "date_unknown: true\ndate: 2024-01-01\n"),
                         "date_unknown")):
        (data / "cases" / "undated-fall.yml").write_text(text, encoding="utf-8")
        problems = [p for p in load_checked(settings_for(data, today=TODAY)).problems if "undated-fall" in str(p.path)]
        assert [p.field for p in problems] == [field], [str(p) for p in problems]
        assert "date_unknown" in problems[0].message


def test_the_site_says_date_unknown_and_never_a_date(tmp_path):
    data = _layers(tmp_path)
    view = cases.KIND.view_part()
    for lang, words in (("zh", "日期不详"), ("en", "Date unknown")):
        ctx = _ctx(data, lang)
        html = view.render("undated-fall", ctx).html
        assert words in html and "by-year/None" not in html and "None" not in html
        case = ctx.dataset.cases["undated-fall"]
        assert view.row("undated-fall", case, ctx)["date"] == (words, "")
        assert words in view.search_docs("undated-fall", ctx)[0]["text"]
        assert f"<th>{ui('date', lang)}</th><td>{words}</td>" in html  # the poster takes the date from this cell
        year_facet = next(f for f in view.facets if f.name == "year")
        assert year_facet.values("undated-fall", case, ctx) == [], "under no year"
        assert view.sort_ids(list(ctx.dataset.cases), ctx)[-1] == "undated-fall", "listed after every dated case"
        charts = statistics(ctx)
        assert "None" not in str(charts)
