# Search entries for record pages, built from the data (not by re-parsing HTML): key fields first, one entry per article.
from __future__ import annotations

import re
from functools import lru_cache

from portal.i18n import pick, ui
from portal.model import article_anchor
from portal.render import PageContext, accident_type_label, article_label, format_money, tier_label

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


@lru_cache(maxsize=65536)
def _segment_run(run: str) -> str:
    import jieba

    return "\u200b" + "\u200b".join(jieba.cut(run)) + "\u200b"


def segment_chinese(text: str) -> str:
    """Chinese runs split into words by jieba and joined with zero-width spaces, as Material's search expects."""
    return _HAN.sub(lambda m: _segment_run(m.group(0)), text).strip("\u200b")


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


def _texts(ctx: PageContext, values) -> list[str]:
    """The texts in the page language; on the English site, Chinese-only texts are left out of the English index."""
    out = []
    for value in values:
        if not value:
            continue
        text, fallback = pick(value, ctx.lang)
        if not fallback:
            out.append(text)
    return out


def record_search_entries(kind: str, record_id: str, ctx: PageContext) -> list[dict]:
    """Entries (anchor, title, text, keywords) for one record page: a page entry with its key fields, plus sections.

    Keywords (document numbers) are indexed whole as well, so that a query typed as one word, 主席令第88号, matches."""
    record = ctx.dataset.records[kind][record_id]
    title = pick(record["title"], ctx.lang)[0]
    fields: list[str] = []
    sections: list[tuple[str, str, str]] = []
    if kind == "regulations":
        fields += [pick(record["issuer"], ctx.lang)[0],
                   ui("status." + ctx.derived.status[record_id], ctx.lang)]
        fields += _texts(ctx, [record.get("summary"), record.get("short_title"), record.get("notes")])
        for article in record.get("articles") or []:
            heading = f"{article_label(ctx, record_id, article['number'])} {pick(article['heading'], ctx.lang)[0]}"
            body = " ".join(_texts(ctx, [article["text"]]) or ([article["text"]["zh"]] if ctx.lang == "zh" else []))
            sections.append((article_anchor(article["number"]), heading, body))
    elif kind == "cases":
        place = record["place"]
        fields += [str(record["date"]), pick(place.get("city"), ctx.lang)[0] if place.get("city") else "",
                   accident_type_label(ctx, record), tier_label(ctx, ctx.derived.tier[record_id]),
                   format_money(record.get("direct_loss_cny"), ctx.lang)]
        fields += _texts(ctx, [record["summary"], record.get("responsibility")])
        for key in ("direct_causes", "root_causes", "lessons", "measures"):
            fields += _texts(ctx, record.get(key) or [])
        fields += _texts(ctx, [step["text"] for step in record.get("timeline") or []])
        for ref in record.get("violations") or []:
            regulation = ctx.dataset.regulations.get(ref["regulation"])
            if regulation:
                fields.append(pick(regulation["title"], ctx.lang)[0] + " " + article_label(ctx, ref["regulation"], ref.get("article")))
    elif kind == "contacts":
        fields += _texts(ctx, [record["organisation"], record["region"], record["summary"]])
        for entry in record["entries"]:
            fields.append(pick(entry["name"], ctx.lang)[0] + " " + " ".join(p["number"] for p in entry["phones"]))
    elif kind == "articles":
        fields += _texts(ctx, [record["summary"]] + list(record["key_points"]) + [record["body"]])
    keywords = []
    if kind == "regulations":
        # Every suffix of each spelling: whichever way the browser cuts a typed number into words, each piece is
        # the start of one indexed keyword (the search matches word prefixes).
        numbers = [record.get("doc_number", "")] + [a.get("doc_number", "") for a in record.get("amendments") or []]
        for number in (variant for n in numbers if n for variant in doc_number_variants(n)):
            compact = re.sub(r"\s+", "", number)
            keywords += [compact[i:] for i in range(len(compact))]
            # Material's search box re-cuts the Chinese part of a query with the index's own words and drops the
            # last character when it is not part of one (主席令第88号 is searched as 主席令88号): index that form too.
            keywords.append(re.sub(r"第(?=[0-9])", "", compact))
    page = {"anchor": "", "title": title, "text": " ".join(f for f in fields if f), "keywords": keywords}
    return [page] + [{"anchor": a, "title": f"{title} · {h}", "text": t, "keywords": []} for a, h, t in sections]
