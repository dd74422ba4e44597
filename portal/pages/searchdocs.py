# Search documents of the whole site: one per record page and per key article, built from the data (not from HTML).
"""Pages step: the search documents of a language (record pages, articles, sections), handed to portal.search.

Document numbers are given as keywords as published; portal.search adds their Arabic-numeral spelling, so
主席令第88号 finds 主席令第八十八号."""
from __future__ import annotations

from portal.pages.context import PageContext
from portal.text import pick

def texts_in(ctx: PageContext, values, original_ok: bool = True) -> list[str]:
    """The texts in the page language, else in the record's only language: a one-language record is found from
    both language sites (its page marks the original language). A plain string is the same in both."""
    out = []
    for value in values:
        if not value:
            continue
        text, fallback = (value, False) if isinstance(value, str) else pick(value, ctx.lang)
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
            docs.extend(kind.view_part().search_docs(record_id, ctx))
    return docs
