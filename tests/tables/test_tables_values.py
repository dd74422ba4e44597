# Tests of single cells (numbers, money, yes/no, article numbers, answers, lists).
"""Cell-level parsing, without any workbook (ids: tests/records/test_ids.py)."""
import pytest

from portal.tables.values import (CellError, cell_text, parse_article, parse_bool, parse_choice, parse_integer,
                                  parse_money, split_multi, strip_numbering)


@pytest.mark.parametrize("value, expected", [
    ("68.66亿元", 6866000000), ("6866万元", 68660000), ("6866万", 68660000), ("6,866,000,000", 6866000000),
    ("6866000000元", 6866000000), (6866000000.0, 6866000000), ("人民币 1200 元", 1200), (0, 0),
])
def test_money(value, expected):
    assert parse_money(value) == expected


def test_money_under_a_ten_thousand_yuan_header():
    assert parse_money("12.5", unit=10000) == 125000
    assert parse_money("300元", unit=10000) == 300, "an explicit 元 wins over the header"


@pytest.mark.parametrize("value", ["一千万", "12.345元", "-5", "约100万"])
def test_money_refused(value):
    with pytest.raises(CellError):
        parse_money(value)


@pytest.mark.parametrize("value, expected", [(3.0, 3), ("3", 3), ("3人", 3), ("1,024", 1024), ("１２", 12)])
def test_integers(value, expected):
    assert parse_integer(value) == expected


@pytest.mark.parametrize("value", ["三", "2.5", 2.5, "-1"])
def test_integers_refused(value):
    with pytest.raises(CellError):
        parse_integer(value)


@pytest.mark.parametrize("value, expected", [
    ("是", True), ("否", False), ("TRUE", True), ("no", False), (1.0, True), ("√", True), ("×", False), (False, False)])
def test_yes_no(value, expected):
    assert parse_bool(value) is expected


@pytest.mark.parametrize("value, expected", [
    ("3", "3"), (3.0, "3"), ("第三条", "3"), ("第二十一条", "21"), ("第一百三十四条之一", "134-1"), ("4.2.1", "4.2.1"),
    ("第4.2.1条", "4.2.1"), ("134-1", "134-1"), ("第一百零二条", "102")])
def test_article_numbers(value, expected):
    assert parse_article(value) == expected


@pytest.mark.parametrize("value", ["第三条第二款", "附件", "3a"])
def test_article_numbers_refused(value):
    with pytest.raises(CellError):
        parse_article(value)


def test_choice_letters():
    assert [parse_choice(v) for v in ("A", "b", "（C）", "Ｄ", "E.")] == [0, 1, 2, 3, 4]
    with pytest.raises(CellError):
        parse_choice(2)


def test_cells_and_lists():
    assert cell_text(" a\r\nb ") == "a\nb" and cell_text("/") == "" and cell_text("—") == "" and cell_text(12.0) == "12"
    assert strip_numbering(["1、甲", "2、乙"]) == ["甲", "乙"]
    assert strip_numbering(["（1）甲", "（2）乙"]) == ["甲", "乙"]
    assert strip_numbering(["1.5米高处", "2.0版本"]) == ["1.5米高处", "2.0版本"], "decimals are not numbering"
    assert strip_numbering(["2、甲", "3、乙"]) == ["2、甲", "3、乙"], "only a numbering that starts at 1"
    assert split_multi("危险化学品、消防安全\nfire-safety；x") == ["危险化学品", "消防安全", "fire-safety", "x"]
