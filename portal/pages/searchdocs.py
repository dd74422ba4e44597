# Search documents of the whole site: one per record page and per key article, built from the data (not from HTML).
"""Pages step: the search documents of a language (record pages, articles, sections), handed to portal.search.

Document numbers are also given as keywords with Arabic numerals, so 主席令第88号 finds 主席令第八十八号."""
from __future__ import annotations

import re

from portal.pages.context import PageContext
from portal.pages.i18n import pick

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUMBER = re.compile(r"第([零〇一二两三四五六七八九十百千]+)号")


def chinese_numeral(text: str) -> int:
    """Value of a Chinese numeral below 10000: 八十八 -> 88, 十三 -> 13, 四百九十三 -> 493."""
    total, digit = 0, 0
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        else:
            total += (digit or 1) * _CN_UNITS[char]
            digit = 0
    return total + digit


def doc_number_variants(doc_number: str) -> list[str]:
    """The number as published plus its Arabic-numeral spelling, so 主席令第88号 finds 主席令第八十八号."""
    arabic = _CN_NUMBER.sub(lambda m: f"第{chinese_numeral(m.group(1))}号", doc_number)
    return [doc_number] if arabic == doc_number else [doc_number, arabic]


def texts_in(ctx: PageContext, values, original_ok: bool = True) -> list[str]:
    """The texts in the page language, else in the record's only language: a one-language record is found from
    both language sites (its page marks the original language)."""
    out = []
    for value in values:
        if not value:
            continue
        text, fallback = pick(value, ctx.lang)
        if text and (original_ok or not fallback):
            out.append(text)
    return out


def site_search_docs(ctx: PageContext, kinds) -> list[dict]:
    """Every search document of the site in ctx.lang: each kind's record documents."""
    docs: list[dict] = []
    for kind in kinds:
        if not kind.has_pages:
            continue
        for record_id in ctx.dataset.records[kind.name]:
            docs.extend(kind.search_docs(record_id, ctx))
    return docs
