# Tests of the records core's one Chinese-numeral parser (article numbers, document numbers, dates in words).
"""chinese_numeral: units, digit runs, 两/〇/零, ASCII and full-width digits; anything else refused."""
import pytest

from portal.records.numerals import chinese_numeral


@pytest.mark.parametrize("text,value", [
    ("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("一百零七", 107), ("一百一十九", 119), ("一百三十四", 134),
    ("一千二百六十", 1260), ("八十八", 88), ("十三", 13), ("四百九十三", 493), ("一百零八", 108), ("两千零一十", 2010),
    ("二〇一四", 2014), ("二○一三", 2013), ("一九九六", 1996), ("一万二千", 12000), ("二十万", 200000), ("零", 0),
    ("两", 2), ("一千零二", 1002), ("12", 12), ("１２", 12), ("２０１３", 2013), ("０", 0), ("三亿", 300000000)])
def test_values(text, value):
    assert chinese_numeral(text) == value


@pytest.mark.parametrize("text", ["", "第一", "十a", "one", "1十"])
def test_refused(text):
    with pytest.raises(ValueError):
        chinese_numeral(text)
