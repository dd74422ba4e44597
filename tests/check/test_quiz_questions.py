# Quiz question checks: question types (single, multiple, true/false), quotes of the cited article, and the shipped bank.
"""The validator's quiz rules on the minimal fixture (each a failing case with its file:line: field), and the shipped
question bank: every question quotes the verbatim text of the article it cites and its right choice is in the quote."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from portal.check.validate import load_checked
from portal.kinds.quiz import choice_in_quote, figures, plain, question_type, right_choices
from portal.kinds.regulations import article_texts
from portal.tables.values import CellError, parse_choice
from portal_testing import MINIMAL, SHIPPED_DATA, settings_for

QUESTION = "quiz/q-test-tier.yml"
REG = "regulations/accident-reporting-investigation-regulation.yml"
ARTICLE = "（三）较大事故，是指造成3人以上10人以下死亡的事故；（四）一般事故，是指造成3人以下死亡的事故。"


@pytest.fixture
def data(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    edit(target / REG, "text: {zh: 测试条文。, en: Test text.}\n    verbatim: false",
         f"text: {{zh: {ARTICLE}, en: Test text.}}\n    verbatim: true")
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(data_dir: Path) -> list[str]:
    """Problems as `file:line: field: message`, the file named from the data folder."""
    return [str(p).removeprefix(f"{data_dir}/") for p in load_checked(settings_for(data_dir, strict_bilingual=True)).problems]


def quiz_problems(data_dir: Path) -> list[str]:
    return [p for p in problems_of(data_dir) if p.startswith("quiz/")]


def test_a_quote_of_the_article_holding_the_answer_passes(data):
    edit(data / QUESTION, "answer: 1", "answer: 1\nquote: 较大事故，是指造成3人以上10人以下死亡的事故")
    assert problems_of(data) == []


def test_a_quote_the_article_does_not_say_is_refused_with_its_line(data):
    edit(data / QUESTION, "answer: 1", "answer: 1\nquote: 较大事故，是指造成5人以上死亡的事故")
    assert quiz_problems(data) == [
        "quiz/q-test-tier.yml:7: quote: 引文不在 accident-reporting-investigation-regulation 第 3 条的条文中：请按条文原样摘录"
        " / the quote is not in the text of accident-reporting-investigation-regulation article 3: copy the article's "
        "own words"]


def test_a_right_choice_the_quote_does_not_hold_is_refused(data):
    edit(data / QUESTION, "answer: 1", "answer: 1\nquote: 一般事故，是指造成3人以下死亡的事故")
    problems = quiz_problems(data)
    assert len(problems) == 1 and problems[0].startswith("quiz/q-test-tier.yml:6: answer: 正确选项“较大”不在引文中")


def test_multiple_choice_needs_a_list_answer_and_type(data):
    choices = "choices: [{zh: 一般, en: General}, {zh: 较大, en: Relatively major}, {zh: 重大, en: Major}]"
    edit(data / QUESTION, "choices: [{zh: 一般, en: General}, {zh: 较大, en: Relatively major}]", choices)
    edit(data / QUESTION, "answer: 1", "answer: [0, 1]")
    assert any("answer: 答案是列表，但题型不是多选题" in p for p in quiz_problems(data))
    edit(data / QUESTION, "answer: [0, 1]", "type: multiple\nanswer: [0, 1]")
    assert quiz_problems(data) == []
    edit(data / QUESTION, "answer: [0, 1]", "answer: 1")
    assert any("answer: 多选题的答案应是正确选项序号的列表" in p for p in quiz_problems(data))
    edit(data / QUESTION, "answer: 1", "answer: [0, 1, 2]")
    assert any("choices: 多选题至少要有一个错误选项" in p for p in quiz_problems(data))
    edit(data / QUESTION, "answer: [0, 1, 2]", "answer: [0, 4]")
    assert any("answer: 答案序号 4 超出选项范围" in p for p in quiz_problems(data))


def test_true_false_has_exactly_two_choices(data):
    edit(data / QUESTION, "answer: 1", "type: true-false\nanswer: 1")
    assert quiz_problems(data) == []
    edit(data / QUESTION, "choices: [{zh: 一般, en: General}, {zh: 较大, en: Relatively major}]",
         "choices: [{zh: 正确, en: 'True'}, {zh: 错误, en: 'False'}, {zh: 不确定, en: Unsure}]")
    assert any("choices: 判断题只有两个选项" in p for p in quiz_problems(data))


def test_an_unknown_type_is_a_schema_problem(data):
    edit(data / QUESTION, "answer: 1", "type: essay\nanswer: 1")
    assert any(p.startswith("quiz/q-test-tier.yml:") and "type" in p for p in quiz_problems(data))


def test_figures_read_digits_and_chinese_numerals():
    assert figures("应当于1小时内报告") == {1}
    assert figures("三十日内；每年至少一次") == {30, 1}
    assert choice_in_quote("30日内", "投入使用后三十日内") and not choice_in_quote("60日内", "投入使用后三十日内")
    assert choice_in_quote("彻底断开或加盲板隔离", "彻底断开或隔离，不应以水封或仅关闭阀门代替盲板")
    assert not choice_in_quote("由人力资源部门统一组织", "在上岗前必须经过厂（矿）、车间、班组三级安全培训教育")


def test_spreadsheet_answers_read_one_or_several_letters():
    assert parse_choice("B") == 1 and parse_choice("A,C") == [0, 2] and parse_choice("（CA）") == [0, 2]
    with pytest.raises(CellError):
        parse_choice("AA")


# -- the shipped question bank ---------------------------------------------------------------------------------------
def shipped(kind: str) -> dict[str, dict]:
    records = {}
    for path in sorted((SHIPPED_DATA / kind).glob("*.yml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        records[record["id"]] = record
    return records


def test_every_shipped_question_is_verified_by_the_verbatim_text_it_cites():
    """The quote is in a verbatim text (a full official text or a key article marked verbatim, never a summary) of the
    cited article, and every right choice of a choice question is in the quote (its words or all its figures)."""
    regulations, questions = shipped("regulations"), shipped("quiz")
    unverified = []
    for quiz_id, question in questions.items():
        cites, quote = question.get("cites") or {}, question.get("quote")
        regulation = regulations.get(cites.get("regulation"))
        verbatim = [text for text, exact in article_texts(regulation, cites.get("article")) if exact] if regulation else []
        if not quote or not any(plain(quote) in plain(text) for text in verbatim):
            unverified.append(f"{quiz_id}: quote not in a verbatim text of {cites}")
            continue
        if question_type(question) != "true-false":
            for index in right_choices(question):
                if not choice_in_quote(question["choices"][index]["zh"], quote):
                    unverified.append(f"{quiz_id}: right choice {index} not in the quote")
    assert unverified == []


def test_the_shipped_bank_has_every_question_type_in_both_languages():
    questions = shipped("quiz")
    assert {question_type(q) for q in questions.values()} == {"single", "multiple", "true-false"}
    for quiz_id, question in questions.items():
        texts = [question["question"], question["explanation"], *question["choices"]]
        assert all(t.get("zh") and t.get("en") for t in texts), quiz_id
        if question_type(question) == "true-false":
            assert [c["zh"] for c in question["choices"]] == ["正确", "错误"], quiz_id
