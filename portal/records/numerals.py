# The one Chinese-numeral parser: 第一百三十四条, 主席令第八十八号, 二〇一四年, full-width digits (２０１３) included.
"""Chinese numerals as integers, for article numbers, document numbers and dates written in words.

`chinese_numeral("一百零八") == 108`: digits 〇/○/零 一 二/两 三 … 九, units 十 百 千 万 亿; a run of digits without a
unit is read digit by digit (二〇一四 -> 2014); ASCII and full-width digits (１２) are read as a number. Anything else
raises ValueError."""
from __future__ import annotations

import re

DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
          "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
SECTION_UNITS = {"万": 10_000, "亿": 100_000_000}
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# One numeral in a regular expression (Chinese characters, ASCII or full-width digits).
NUMERAL_CHARS = "〇○零一二两三四五六七八九十百千万亿0-9０-９"
NUMERAL = f"[{NUMERAL_CHARS}]+"
_ARABIC = re.compile(r"[0-9]+")


def ascii_digits(text: str) -> str:
    """Full-width digits (０-９) written as ASCII ones, everything else unchanged."""
    return text.translate(FULL_WIDTH_DIGITS)


def chinese_numeral(text: str) -> int:
    """Value of a Chinese numeral: 八十八 -> 88, 十三 -> 13, 一百零八 -> 108, 两千零一十 -> 2010, 一万二千 -> 12000,
    二〇一四 -> 2014, 12 -> 12, １２ -> 12. ValueError for an empty text or any other character."""
    text = ascii_digits(text.strip())
    if not text:
        raise ValueError("not a numeral: empty text")
    if _ARABIC.fullmatch(text):
        return int(text)
    if not any(char in UNITS or char in SECTION_UNITS for char in text):
        if not all(char in DIGITS for char in text):
            raise ValueError(f"not a Chinese numeral: {text}")
        return int("".join(str(DIGITS[char]) for char in text))
    total, section, digit = 0, 0, None
    for char in text:
        if char in DIGITS:
            digit = DIGITS[char]
        elif char in UNITS:
            section += (1 if digit is None else digit) * UNITS[char]
            digit = None
        elif char in SECTION_UNITS:
            total += (section + (digit or 0)) * SECTION_UNITS[char]
            section, digit = 0, None
        else:
            raise ValueError(f"not a Chinese numeral: {text}")
    return total + section + (digit or 0)


_DIGIT_WORDS = "零一二三四五六七八九"


def numeral_words(number: int) -> str:
    """A whole number 0..99,999,999 in Chinese numerals as statutes write article numbers: 21 -> 二十一,
    10 -> 十, 114 -> 一百一十四, 108 -> 一百零八, 1001 -> 一千零一 (the inverse of chinese_numeral)."""
    if number < 0 or number >= 100_000_000:
        raise ValueError(f"no Chinese numeral for {number}")
    if number < 10:
        return _DIGIT_WORDS[number]
    if number >= 10_000:
        high, low = divmod(number, 10_000)
        rest = numeral_words(low) if low else ""
        return numeral_words(high) + "万" + ("零" + rest if low and low < 1000 else rest)
    words, pending_zero = "", False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, number = divmod(number, unit)
        if digit:
            words += ("零" if pending_zero else "") + _DIGIT_WORDS[digit] + name
            pending_zero = False
        elif words:
            pending_zero = True
    return words[1:] if words.startswith("一十") else words
