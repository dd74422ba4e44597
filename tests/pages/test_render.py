# Unit tests of the pure functions: status and tier computation, weekly/daily picks, safe Markdown, charts, money.
from __future__ import annotations

import datetime as dt

import pytest

from portal.derive.facts import Derived
from portal.kinds.cases import accident_tier
from portal.kinds.regulations import regulation_status
from portal.kinds import KINDS, cases, regulations
from portal.load.dataset import read_dataset
from portal.pages.context import PageContext
from portal.pages.render import format_money
from portal.kinds import site_sections
from portal.safemd import render_markdown
from portal.search.tokens import keyword_variants as doc_number_variants
from portal.pages.widgets import bar_chart, case_of_the_week, question_of_the_day, translation_coverage
from portal_testing import MINIMAL, settings_for

TIERS = [
    {"id": "especially-serious", "min_deaths": 30, "min_serious_injuries": 100, "min_direct_loss_cny": 100_000_000},
    {"id": "major", "min_deaths": 10, "min_serious_injuries": 50, "min_direct_loss_cny": 50_000_000},
    {"id": "relatively-major", "min_deaths": 3, "min_serious_injuries": 10, "min_direct_loss_cny": 10_000_000},
    {"id": "general", "min_deaths": 0, "min_serious_injuries": 0, "min_direct_loss_cny": 0},
]


@pytest.mark.parametrize("figures, tier", [
    ({"deaths": 30}, "especially-serious"), ({"deaths": 29}, "major"), ({"deaths": 10}, "major"),
    ({"deaths": 9}, "relatively-major"), ({"deaths": 2}, "general"), ({"deaths": 0, "serious_injuries": 100}, "especially-serious"),
    ({"deaths": 0, "serious_injuries": 49}, "relatively-major"), ({"deaths": 1, "direct_loss_cny": 100_000_000}, "especially-serious"),
    ({"deaths": 1, "direct_loss_cny": 99_999_999}, "major"), ({"deaths": 0, "direct_loss_cny": 9_999_999}, "general"),
])
def test_accident_tier_thresholds(figures, tier):
    assert accident_tier(figures, TIERS) == tier


def test_regulation_status_from_dates():
    today = dt.date(2026, 11, 23)
    law = {"effective": "2002-11-01"}
    assert regulation_status(law, today) == "in-force"
    assert regulation_status({"effective": "2027-01-01"}, today) == "not-yet-in-force"
    assert regulation_status({"effective": "2002-11-01", "amendments": [{"date": "2021-06-10", "effective": "2021-09-01"}]}, today) == "amended"
    assert regulation_status({"effective": "2002-11-01", "amendments": [{"date": "2026-11-01", "effective": "2027-03-01"}]}, today) == "in-force"
    assert regulation_status({"effective": "2000-12-01", "repealed": "2024-05-01"}, today) == "repealed"
    assert regulation_status(law, today, [{"effective": "2026-05-01"}]) == "repealed"
    assert regulation_status(law, today, [{"effective": "2030-01-01"}]) == "in-force"
    assert regulation_status(law, dt.date(2030, 1, 1), [{"effective": "2030-01-01"}]) == "repealed"


def _ctx(lang="zh", today=dt.date(2026, 11, 23), page_url=""):
    derived = Derived(read_dataset(MINIMAL, KINDS), today)
    return PageContext(lang, derived, settings_for(today=today), page_url)


def test_case_of_the_week_is_stable_within_a_week_and_changes():
    monday, sunday = dt.date(2026, 11, 23), dt.date(2026, 11, 29)
    assert case_of_the_week(_ctx(today=monday).derived) == case_of_the_week(_ctx(today=sunday).derived)
    assert question_of_the_day(_ctx().derived) == "q-test-tier"


def test_case_page_links_violated_article_anchor():
    html = cases.KIND.view_part().render("test-case-2020", _ctx(page_url="cases/test-case-2020/")).html
    assert 'href="../../regulations/accident-reporting-investigation-regulation/#art-3"' in html
    assert "较大事故" in html


def test_regulation_page_lists_cited_by_and_anchor():
    ctx = _ctx("en", page_url="regulations/accident-reporting-investigation-regulation/")
    rendered = regulations.KIND.view_part().render("accident-reporting-investigation-regulation", ctx)
    assert 'id="art-3"' in rendered.html and 'href="../../cases/test-case-2020/"' in rendered.html
    assert [t["id"] for t in rendered.toc][:2] == ["summary", "key-articles"]
    assert rendered.toc[1]["children"][0]["id"] == "art-3"


def test_english_page_marks_chinese_only_text():
    html = cases.KIND.view_part().render("test-case-2020", _ctx("en")).html
    assert "Chinese only" in html and "高处作业必须系安全带" in html


def test_markdown_body_is_safe():
    html = str(render_markdown("## 做法\n\n<script>x</script> {{ 7*7 }} [a](javascript:alert(1)) [b](https://e.org)",
                               site_sections()))
    assert "<script>" not in html and "&lt;script&gt;" in html and "{{ 7*7 }}" in html
    assert "javascript:" not in html
    assert '<a class="portal-external" href="https://e.org" rel="external noopener noreferrer">' in html
    assert "<h3>" in html


def test_money_and_chart_geometry():
    assert format_money(6_866_000_000, "zh") == "68.66 亿元"
    assert format_money(5_000_000, "zh") == "500 万元"
    assert format_money(5_000_000, "en") == "CNY 5.00 million"
    chart = bar_chart([("2019", 2), ("2020", 4)], "t", "c")
    assert chart["bars"][1]["w"] > chart["bars"][0]["w"] > 0 and chart["height"] == 56


def test_translation_coverage_counts_missing_english():
    report = {row["kind"]: row for row in translation_coverage(read_dataset(MINIMAL, KINDS))}
    assert report["articles"]["missing"] == 1 and report["articles"]["texts"] == 1
    assert report["cases"]["missing"] == 1


@pytest.mark.parametrize("lang, heading", [("zh", "事故案例"), ("en", "Accident cases")])
def test_coverage_page_lists_each_record_missing_english_with_a_link(lang, heading):
    from portal.pages.widgets import render_coverage

    settings = settings_for(MINIMAL)
    derived = Derived(read_dataset(MINIMAL, KINDS), settings.today)
    ctx = PageContext(lang, derived, settings, "").at("coverage/")
    html = render_coverage(ctx)
    report = {row["kind"]: row for row in translation_coverage(derived.dataset)}
    (case_id, lacking, total), = report["cases"]["incomplete"]
    assert html.startswith('<table class="portal-coverage">\n<thead><tr><th>')
    assert f'<h2 id="missing-cases">{heading}</h2>' in html
    assert f'<li><a href="../cases/{case_id}/">{case_id}</a>: {lacking} / {total}</li>' in html
    assert '<h2 id="stale-directories">' in html and "<script" not in html


def test_document_numbers_are_searchable_with_arabic_numerals():
    assert doc_number_variants("主席令第八十八号") == ["主席令第八十八号", "主席令第88号"]
    assert doc_number_variants("国务院令第四百九十三号")[1] == "国务院令第493号"
    assert doc_number_variants("主席令第十三号")[1] == "主席令第13号"
    assert doc_number_variants("国务院令第708号") == ["国务院令第708号"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_regulation_page_says_when_an_effective_date_was_inferred(lang):
    """The regulation page (portal/pages/regulation_page.py) notes an inferred effective date of the text and of an
    amendment, in the page language, as the template it replaced did."""
    from portal.kinds import BY_NAME
    from portal.words import ui

    dataset = read_dataset(MINIMAL, KINDS)
    reg_id = "accident-reporting-investigation-regulation"
    reg = dataset.records["regulations"][reg_id]
    reg["effective_inferred"] = "publication-day"
    reg["amendments"] = [{"date": dt.date(2019, 3, 2), "effective": dt.date(2019, 3, 2),
                          "effective_inferred": "decision-publication"}]
    settings = settings_for(MINIMAL)
    ctx = PageContext(lang, Derived(dataset, settings.today), settings, "").at(f"regulations/{reg_id}/")
    html = BY_NAME["regulations"].view_part().render(reg_id, ctx).html
    for date, reason in (("2007-06-01", "publication-day"), ("2019-03-02", "decision-publication")):
        note = ui(f"inferred.{reason}", lang)
        assert f'{ui("effective", lang)} {date} <small class="portal-inferred" title="{note}">（{note}）</small>' in html
