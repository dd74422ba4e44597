# Reads one cell into a field value (dates, numbers, money, yes/no, article numbers, ...) and writes values back as cells.
"""Cell values.

Every `parse_*` function takes what the spreadsheet library returned (str, int, float, bool, date, datetime,
time) and returns the field value, or raises `CellError` with a code and a message in Chinese and English
that says what to write instead.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from portal.records.numerals import chinese_numeral

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ARTICLE = re.compile(r"^[0-9]+(\.[0-9]+)*(-[0-9]+)?$")
HTTP_URL = re.compile(r"^https?://[^\s<>\"']+$")
URL_MAX = 2000  # the schema's http_url maxLength (data/schema/common.schema.json; tests/tables check they agree)
# Invisible characters that make text read differently from what it holds (bidi controls, Trojan Source) or that
# no YAML or spreadsheet file should carry (C0 controls other than tab and line breaks).
INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Cells holding only one of these mean "nothing here" in many ledgers.
BLANK_MARKERS = {"/", "-", "—", "——", "－", "／", "\\", "--"}
# Dates that spreadsheets and databases write when nobody knew the date.
PLACEHOLDER_DATES = {dt.date(1900, 1, 1), dt.date(1899, 12, 30), dt.date(1899, 12, 31), dt.date(1969, 12, 31),
                     dt.date(1970, 1, 1), dt.date(9999, 12, 31)}
EARLIEST_YEAR = 1900
# What spreadsheets show in a cell whose formula failed: an error, never data.
ERROR_VALUES = {"#VALUE!", "#REF!", "#N/A", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!",
                "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#N/A!"}
MAX_CELL_CHARS = 32767      # Excel's own limit for one cell
EXCEL_EPOCH = dt.date(1899, 12, 30)
MAX_EXCEL_SERIAL = 2958465   # 9999-12-31


class CellError(Exception):
    def __init__(self, code: str, zh: str, en: str):
        super().__init__(f"{zh} / {en}")
        self.code, self.zh, self.en = code, zh, en
        self.message = f"{zh} / {en}"


def cell_text(value) -> str:
    """The text of a cell: numbers without a trailing .0, line breaks as \\n, outer spaces removed."""
    if type(value) is str:   # most cells: the same steps as for any other text below
        text = (value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value).strip()
        return "" if text in BLANK_MARKERS else text
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return _datetime_text(value)
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat() if isinstance(value, dt.date) else _time_text(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return "" if text in BLANK_MARKERS else text


def _time_text(value: dt.time) -> str:
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


def _datetime_text(value: dt.datetime) -> str:
    if value.time() == dt.time(0):
        return value.date().isoformat()
    return f"{value.date().isoformat()} {_time_text(value.time())}"


def check_cell(value) -> None:
    """A cell that holds a spreadsheet error value (#VALUE!, #REF!, #N/A ...) or more text than a cell can hold."""
    if not isinstance(value, str):
        return
    stripped = value.strip()
    if stripped.upper() in ERROR_VALUES:
        raise CellError("cell-error", f"单元格是错误值 {stripped}（公式出错），不是数据：请改正公式或填写数值",
                        f"the cell holds the error value {stripped} (a failed formula), not data: fix the formula "
                        "or type the value")
    if len(value) > MAX_CELL_CHARS:
        raise CellError("cell-size", f"单元格有 {len(value)} 个字符，超过 {MAX_CELL_CHARS} 个：请缩短或分成几条记录",
                        f"the cell holds {len(value)} characters, more than {MAX_CELL_CHARS}: shorten it")


def check_visible(text: str) -> None:
    found = INVISIBLE.search(text)
    if found:
        code = f"U+{ord(found.group()):04X}"
        raise CellError("text", f"含有不可见的控制字符 {code}，请删除（常见于从网页或其他软件复制的文字）",
                        f"contains the invisible control character {code}: delete it (it often comes with text "
                        "copied from web pages or other programs)")


# ---- dates -------------------------------------------------------------------------------------------------

_DATE_PARTS = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?"
    r"(?:[ T]+\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?)?$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})"
                             r"(?:[ T]+\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?(?:\s*[AaPp][Mm])?)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_ZH_DATE = re.compile(r"^([〇○零一二三四五六七八九]{4})年([〇零一二三四五六七八九十]{1,3})月([〇零一二三四五六七八九十]{1,3})[日号]$")


def _date_error(text: str) -> CellError:
    if _DAY_MONTH_YEAR.match(text):
        return CellError("date", f"日期“{text}”的月日顺序不明：请写成 2025-05-12，或在映射文件中写 date_order: MDY（或 DMY）",
                         f"date “{text}”: month and day order unknown: write 2025-05-12, or set date_order: MDY "
                         "(or DMY) in the mapping file")
    return CellError("date", f"日期无法识别（“{text}”），请写成 2025-05-12",
                     f"date not understood (“{text}”): write it as 2025-05-12")


def parse_date(value, *, past_only: bool = False, today: dt.date | None = None, order: str = "YMD") -> str:
    """A date as YYYY-MM-DD from a date cell, an Excel serial number or text in the usual written forms.
    `order` MDY or DMY: how text such as 7/18/2024 or 18.07.2024 reads (a mapping's `date_order`)."""
    if isinstance(value, dt.datetime):
        day = value.date()
        text = _datetime_text(value)
    elif isinstance(value, dt.date):
        day, text = value, value.isoformat()
    elif isinstance(value, dt.time):
        raise CellError("date", f"这一格是时间（{_time_text(value)}）而不是日期，请写成 2025-05-12",
                        f"this cell holds a time ({_time_text(value)}), not a date: write it as 2025-05-12")
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        day, text = _from_number(value), cell_text(value)
    else:
        text = unicodedata.normalize("NFKC", cell_text(value))
        day = _from_text(text, order)
    if day in PLACEHOLDER_DATES or day.year < EARLIEST_YEAR:
        raise _placeholder(text)
    if past_only and day > (today or dt.date.today()):
        raise CellError("future-date", f"日期 {day.isoformat()} 晚于今天，请检查年份",
                        f"date {day.isoformat()} is after today: check the year")
    return day.isoformat()


def _placeholder(text: str) -> CellError:
    return CellError("placeholder-date", f"“{text}”像是占位日期而不是真实日期：请填写实际日期，不知道就留空",
                     f"“{text}” looks like a placeholder, not a real date: write the actual date or leave it blank")


def _from_number(number: float) -> dt.date:
    if float(number).is_integer():
        whole = int(number)
        if 19000101 <= whole <= 29991231:
            return _from_text(str(whole))
        if whole <= 60:   # serial 0 shows as 1900-01-00; 1900-01-01 .. 1900-02-29 are placeholders in practice
            raise _placeholder(cell_text(number))
        if whole <= MAX_EXCEL_SERIAL:
            return EXCEL_EPOCH + dt.timedelta(days=whole)
    raise _date_error(cell_text(number))


def _from_text(text: str, order: str = "YMD") -> dt.date:
    match = _DATE_PARTS.match(text) or _COMPACT_DATE.match(text)
    other = _DAY_MONTH_YEAR.match(text) if order in ("MDY", "DMY") and not match else None
    if other:
        first, second, year = (int(part) for part in other.groups())
        month, day = (first, second) if order == "MDY" else (second, first)
    elif match:
        year, month, day = (int(part) for part in match.groups())
    elif (zh := _ZH_DATE.match(text)):
        year, month, day = (chinese_numeral(part) for part in zh.groups())
    elif re.fullmatch(r"\d{5}(\.0+)?", text):
        return _from_number(float(text))
    else:
        raise _date_error(text)
    if year == 0 or month == 0 or day == 0:
        raise _placeholder(text)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError("date", f"日期不存在（“{text}”），请检查月和日",
                        f"no such date (“{text}”): check the month and the day") from None


# ---- numbers -----------------------------------------------------------------------------------------------

def _number_text(value) -> str:
    text = unicodedata.normalize("NFKC", cell_text(value))
    return re.sub(r"[,\s，]", "", text)


def parse_integer(value, minimum: int | None = 0) -> int:
    if isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = re.sub(r"(人|名|起|个|次)$", "", _number_text(value))
        if not re.fullmatch(r"[-+]?\d+", text):
            raise CellError("number", f"“{cell_text(value)}”不是整数，请只写数字，如 3",
                            f"“{cell_text(value)}” is not a whole number: write digits only, e.g. 3")
        number = int(text)
    if minimum is not None and number < minimum:
        raise CellError("number", f"不能小于 {minimum}", f"must not be less than {minimum}")
    return number


def parse_number(value) -> int | float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = value
    else:
        try:
            number = float(_number_text(value))
        except ValueError:
            raise CellError("number", f"“{cell_text(value)}”不是数字，请只写数字，如 2.5",
                            f"“{cell_text(value)}” is not a number: write digits only, e.g. 2.5") from None
    return int(number) if float(number).is_integer() else number


_MONEY = re.compile(r"^(\d+(?:\.\d+)?)(亿|万)?(元)?$")


def parse_money(value, minimum: int | None = 0, unit: int = 1) -> int:
    """Yuan (a whole number, or with fen as two decimals); 68.66亿元 and 6866万元 are converted. `unit`: what a bare number counts in
    (10000 under a header such as 直接经济损失（万元）)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        amount = (Decimal(repr(value)) if isinstance(value, float) else Decimal(value)) * unit
    else:
        match = _MONEY.match(_number_text(value).replace("人民币", ""))
        if not match:
            raise CellError("number", f"金额“{cell_text(value)}”无法识别，请写成元，如 6866000000，或“68.66亿元”“6866万元”",
                            f"amount “{cell_text(value)}” not understood: write yuan, e.g. 6866000000, or 68.66亿元")
        try:
            amount = Decimal(match.group(1))
        except InvalidOperation:
            raise CellError("number", "金额无法识别", "amount not understood") from None
        amount *= {"亿": 100000000, "万": 10000, None: 1 if match.group(3) else unit}[match.group(2)]
    if amount != amount.quantize(Decimal("0.01")):
        raise CellError("number", f"金额 {amount.normalize():f} 元小于一分：请写到分（两位小数）",
                        f"{amount.normalize():f} yuan has parts of a fen: write at most two decimals of yuan")
    if minimum is not None and amount < minimum:
        raise CellError("number", f"不能小于 {minimum}", f"must not be less than {minimum}")
    return int(amount) if amount == amount.to_integral_value() else float(amount)


# ---- other types -------------------------------------------------------------------------------------------

TRUE_WORDS = {"是", "true", "yes", "y", "1", "√", "✓", "对", "t"}
FALSE_WORDS = {"否", "false", "no", "n", "0", "×", "✗", "x", "错", "f"}


def parse_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    word = unicodedata.normalize("NFKC", cell_text(value)).casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError("bool", f"“{cell_text(value)}”无法识别，请填“是”或“否”",
                    f"“{cell_text(value)}” not understood: write 是 (yes) or 否 (no)")


def parse_url(value) -> str:
    text = cell_text(value)
    if not HTTP_URL.match(text) or len(text) > URL_MAX:
        raise CellError("url", f"网址“{text[:60]}”不可用：须以 http:// 或 https:// 开头，不含空格，不超过{URL_MAX}字",
                        "the web address must start with http:// or https://, contain no spaces and be at most "
                        f"{URL_MAX} characters")
    return text


def parse_id(value) -> str:
    text = cell_text(value)
    if not SLUG.match(text) or len(text) > 80:
        raise CellError("id", f"编号“{text[:60]}”格式不对：只能用小写英文字母、数字和单个连字符，如 work-safety-law",
                        f"ID “{text[:60]}” is not well-formed: lower-case letters, digits and single hyphens only, "
                        "e.g. work-safety-law")
    return text


_ARTICLE_ZH = re.compile(r"^第?([0-9.]+|[〇零一二三四五六七八九十百千]+)条?(?:之([0-9]+|[一二三四五六七八九十]+))?$")


def parse_article(value) -> str:
    """Article number as digits: 3, 4.2.1, 134-1; 第三条 and 第一百三十四条之一 are converted."""
    text = unicodedata.normalize("NFKC", cell_text(value)).replace(" ", "")
    if isinstance(value, (dt.date, dt.datetime)):
        raise CellError("article", "条号被表格软件当成了日期：请把单元格设为“文本”格式后重新输入",
                        "the spreadsheet turned the article number into a date: format the cell as text and type it again")
    if not ARTICLE.match(text):
        match = _ARTICLE_ZH.match(text)
        try:
            if not match:
                raise ValueError(text)
            main = match.group(1) if match.group(1)[0].isdigit() else str(chinese_numeral(match.group(1)))
            sub = match.group(2)
            if sub:
                main += "-" + (sub if sub.isdigit() else str(chinese_numeral(sub)))
            text = main
        except ValueError:
            text = ""
    if not ARTICLE.match(text):
        raise CellError("article", f"条号“{cell_text(value)}”无法识别，请写成 21、4.2.1 或“第二十一条”",
                        f"article number “{cell_text(value)}” not understood: write 21, 4.2.1 or 134-1")
    return text


CHOICE_LETTERS = "ABCDEF"


def parse_choice(value) -> int | list[int]:
    """The letter of a quiz choice, A = 0; several letters (AC, A,C, A、C) are a multiple-choice answer [0, 2]."""
    text = unicodedata.normalize("NFKC", cell_text(value)).upper().strip("()（）.、 ")
    letters = [c for c in text if c not in " ,、，;；"]
    if letters and all(c in CHOICE_LETTERS for c in letters) and len(set(letters)) == len(letters):
        indexes = [CHOICE_LETTERS.index(c) for c in letters]
        return indexes[0] if len(indexes) == 1 else sorted(indexes)
    raise CellError("choice", f"答案“{cell_text(value)}”无法识别，请写正确选项的字母 A、B、C……（多选题写 AC）",
                    f"answer “{cell_text(value)}” not understood: write the letter of the right choice, A, B, C ... "
                    "(AC for multiple choice)")


def parse_time(value) -> str:
    text = cell_text(value)
    if len(text) > 40:
        raise CellError("text", "时间最多40个字", "the time must be at most 40 characters")
    return text


def parse_phone(value) -> str:
    """A phone number as typed. A number cell keeps a mobile (13812345678), a 400/800 number or a short service
    number (119, 96119); any other number cell is refused: the spreadsheet has dropped the leading 0 of a landline
    (0891… became 891…) or written it as 8.9E+09. The number with its 0 restored is offered when that is valid."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        digits = cell_text(value)
        if digits.isdigit() and (len(digits) <= 6 or cn_number_type(digits) in ("mobile", "non-geographic")):
            return digits
        restored = "0" + digits
        if digits.isdigit() and cn_number_type(restored) == "landline":
            raise CellError("phone", f"号码 {digits} 被表格软件存成了数字，开头的 0 丢了：应为 {restored}？"
                                     "请把单元格设为“文本”格式后按原样输入",
                            f"the number {digits} was stored as a number and lost its leading 0: is it "
                            f"{restored}? Format the cell as text and type the number as written")
        raise CellError("phone", f"号码 {digits} 被表格软件存成了数字（可能已丢失开头的 0 或变成科学计数法）："
                                 "请把单元格设为“文本”格式后按原样输入",
                        f"the number {digits} was stored as a number (a leading 0 may be lost): format the cell as "
                        "text and type the number as written")
    return cell_text(value)


def cn_number_type(text: str) -> str:
    """'mobile', 'landline', 'non-geographic' (400/800 …) or '' (not a valid number of mainland China)."""
    import phonenumbers

    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(number):
        return ""
    kind = phonenumbers.number_type(number)
    if kind == phonenumbers.PhoneNumberType.MOBILE:
        return "mobile"
    if kind in (phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE):
        return "landline"
    return "non-geographic"


def split_lines(text: str) -> list[str]:
    """Lines of a cell, each stripped; blank lines kept so that Chinese and English lines stay aligned."""
    lines = [line.strip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def strip_numbering(lines: list[str]) -> list[str]:
    """Drop 1、 2、 3、 (or 1. 2. / (1) (2)) when every non-blank line is numbered 1, 2, 3 ... in order."""
    filled = [line for line in lines if line]
    if len(filled) < 2:
        return lines
    pattern = re.compile(r"^(?:[(（](\d{1,2})[)）]|(\d{1,2})(?:[、:：)）]|[.．](?!\d)))\s*")
    numbers = [pattern.match(line) for line in filled]
    if not all(numbers) or [int(m.group(1) or m.group(2)) for m in numbers] != list(range(1, len(filled) + 1)):
        return lines
    return [pattern.sub("", line, count=1) if line else line for line in lines]


MULTI_SEPARATORS = re.compile(r"[\n、，,；;]")


def split_multi(text: str) -> list[str]:
    """Items of a multi-value cell (several topics or IDs): one per line, or separated by 、 ， , ；."""
    return [part.strip() for part in MULTI_SEPARATORS.split(text) if part.strip()]


FORMULA_FIRST = "=+-@\t\r"   # a text beginning with one of these is run as a formula by some spreadsheet


def needs_text_guard(text: str) -> bool:
    """True for text a spreadsheet would run as a formula (=, +, -, @ first, or tab/CR first)."""
    return bool(text) and text[0] in FORMULA_FIRST
