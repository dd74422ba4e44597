# List pages: record tables (sortable, filterable, complete without JS), kind indexes, facet pages, topic pages.
"""Pages step: lists of records. Columns, rows, order and facets come from each kind (portal/kinds/)."""
from __future__ import annotations

from markupsafe import Markup, escape

from portal.kinds import BY_NAME, FACETS, PAGE_KINDS, Facet, kind_name
from portal.pages.context import PageContext
from portal.words import ui
from portal.pages.render import Rendered, facet_src, record_src, render_template, toc_token


def table_rows(kind_name: str, ids: list[str], ctx: PageContext):
    """Columns and rows for a list of records of one kind; each cell is (text shown, sort key).

    A record's row is worked out once per build and language (ctx.memo): it appears in many lists."""
    kind = BY_NAME[kind_name].view_part()
    cache = ctx.memo.setdefault(("table-rows", kind_name, ctx.lang), {})
    rows = []
    for record_id in ids:
        row = cache.get(record_id)
        if row is None:
            row = cache[record_id] = _table_row(kind, record_id, ctx)
        rows.append(row)
    return kind.columns(ctx), rows


def _table_row(kind, record_id: str, ctx: PageContext) -> dict:
    record = ctx.dataset.records[kind.name][record_id]
    row = {"id": record_id, "cells": kind.row(record_id, record, ctx)}
    row.update(kind.row_flags(record_id, record, ctx))
    return row


_HREF = "\x00"  # where a row's link goes (links are relative to the page the table is on)


NOT_STATED = "not-stated"  # the filter value of a record without a value in a facet column (shown "not stated")


def filter_value(values: dict[str, dict[str, str]], column_key: str, record_id: str) -> str | None:
    """The language-neutral filter value of a cell, or None when its column is no facet (the text is the value)."""
    if column_key not in values:
        return None
    return values[column_key].get(record_id, NOT_STATED)


def filter_values(kind: str, ctx: PageContext) -> dict[str, dict[str, str]]:
    """Column key -> {record id: value} of the filterable columns that are also facets of the kind: the facet's
    value slug (a vocabulary id: 'larger', 'coal-mining'), the same in both languages, so a filter kept in the
    address (?tier=larger) still applies after the language switch. Worked out once per build and language."""
    memo_key = ("filter-values", kind, ctx.lang)
    if memo_key not in ctx.memo:
        values: dict[str, dict[str, str]] = {}
        for facet in kind_facets(kind):
            by_record = values.setdefault(facet.name, {})
            for slug, (_label, ids) in facet_groups(facet, ctx).items():
                for record_id in ids:
                    by_record.setdefault(record_id, slug)
        ctx.memo[memo_key] = values
    return ctx.memo[memo_key]


def _row_html(kind: str, row: dict, columns, ctx: PageContext) -> tuple[str, ...]:
    """One table row as its HTML around the link (if it has one); text is escaped here, the template adds it as is."""
    cells = []
    values = filter_values(kind, ctx)
    for column in columns:
        shown, key = row["cells"][column.key]
        inner = f'<a href="{_HREF}">{escape(shown)}</a>' if column.key == "title" else str(escape(shown))
        value = filter_value(values, column.key, row["id"]) if column.filterable else None
        data_value = f' data-value="{escape(value)}"' if value else ""
        cells.append(f'<td data-column="{escape(column.key)}" data-label="{escape(column.header)}" '
                     f'data-sort="{escape(key)}"{data_value}>{inner}</td>')
    stale = ' class="portal-stale-row"' if row.get("stale") else ""
    text = f'<tr data-id="{escape(row["id"])}"{stale}>\n' + "".join(cells) + "\n</tr>\n"
    return tuple(text.split(_HREF, 1))


def rows_html(kind: str, rows: list[dict], columns, ctx: PageContext) -> Markup:
    """The rows of a record table on this page; each row's HTML is made once per build and language."""
    cache = ctx.memo.setdefault(("table-row-html", kind, ctx.lang, tuple(c.key for c in columns)), {})
    out = []
    for row in rows:
        parts = cache.get(row["id"])
        if parts is None:
            parts = cache[row["id"]] = _row_html(kind, row, columns, ctx)
        if len(parts) == 2:
            out += (parts[0], escape(ctx.link(record_src(kind, row["id"]))), parts[1])
        else:
            out.append(parts[0])
    return Markup("".join(out))


def render_record_table(kind: str, ids: list[str], ctx: PageContext, interactive: bool = True) -> str:
    columns, rows = table_rows(kind, ids, ctx)
    filters = {}
    if interactive:
        values = filter_values(kind, ctx)
        for column in columns:
            if column.filterable:
                # (value, text shown) by text: the value is the facet's slug where there is one, else the text.
                options = {filter_value(values, column.key, row["id"]) or row["cells"][column.key][0]:
                           row["cells"][column.key][0] for row in rows if row["cells"][column.key][0]}
                filters[column.key] = sorted(options.items(), key=lambda option: option[1])
    return render_template("record_table.html", ctx, kind=kind, columns=columns, rows=rows, filters=filters,
                           interactive=interactive, rows_html=rows_html(kind, rows, columns, ctx))


def sorted_ids(kind: str, ctx: PageContext, ids=None) -> list[str]:
    """Default order of a list (newest cases first, regulations by level then title, others by title)."""
    data = ctx.dataset.records[kind]
    return BY_NAME[kind].view_part().sort_ids(list(data if ids is None else ids), ctx)


def facet_groups(facet: Facet, ctx: PageContext) -> dict[str, tuple[str, list[str]]]:
    """Facet value slug -> (label, record ids), in a stable order; computed once per build and language."""
    key = ("facet", facet.kind, facet.name, ctx.lang)
    if key not in ctx.memo:
        ctx.memo[key] = _facet_groups(facet, ctx)
    return ctx.memo[key]


def _facet_groups(facet: Facet, ctx: PageContext) -> dict[str, tuple[str, list[str]]]:
    groups: dict[str, tuple[str, list[str]]] = {}
    for record_id, record in ctx.dataset.records[facet.kind].items():
        for slug, name in facet.values(record_id, record, ctx):
            groups.setdefault(slug, (name, []))[1].append(record_id)
    if facet.order == "desc":
        return dict(sorted(groups.items(), reverse=True))
    if facet.order == "vocab":
        order = facet.ordered_ids(ctx.dataset)
        return dict(sorted(groups.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99))
    return dict(sorted(groups.items(), key=lambda kv: (-len(kv[1][1]), kv[0])))


def kind_facets(kind: str) -> list[Facet]:
    return [f for f in FACETS if f.kind == kind]


def render_index(kind: str, ctx: PageContext) -> Rendered:
    facets = [(f, facet_groups(f, ctx)) for f in kind_facets(kind)]
    ids = sorted_ids(kind, ctx)
    data_base = ctx.site_root + f"data/{kind}"
    print_link = BY_NAME[kind].view_part().list_print_link(ctx) if ids else None
    html = render_template("index.html", ctx, kind=kind, facets=facets, count=len(ids), data_base=data_base,
                           print_link=print_link,
                           table=Markup(render_record_table(kind, ids, ctx)), facet_src=facet_src)
    return Rendered(html, [])


def render_facet_page(facet: Facet, value: str, ctx: PageContext) -> Rendered:
    name, ids = facet_groups(facet, ctx)[value]
    html = render_template("facet.html", ctx, kind=facet.kind, facet=facet, name=name, count=len(ids),
                           table=Markup(render_record_table(facet.kind, sorted_ids(facet.kind, ctx, ids), ctx,
                                                            interactive=False)))
    return Rendered(html, [])


def render_facet_index(facet: Facet, ctx: PageContext) -> Rendered:
    """/cases/by-tier/: every value of one facet with its count (no bare directory listing)."""
    groups = facet_groups(facet, ctx)
    html = render_template("facet_index.html", ctx, kind=facet.kind, facet=facet, groups=groups, facet_src=facet_src)
    return Rendered(html, [])


def topic_members(topic: str, ctx: PageContext) -> dict[str, list[str]]:
    members = {}
    for kind in PAGE_KINDS:
        ids = [i for i, r in ctx.dataset.records[kind.name].items() if topic in (r.get("topics") or [])]
        if ids or kind.topic_column:
            members[kind.name] = sorted_ids(kind.name, ctx, ids)
    return members


def render_topic(topic: str, ctx: PageContext) -> Rendered:
    term = ctx.dataset.terms("topics")[topic]
    members = topic_members(topic, ctx)
    tables = {kind: Markup(render_record_table(kind, ids, ctx, interactive=False)) for kind, ids in members.items() if ids}
    html = render_template("topic.html", ctx, term=term, members=members, tables=tables)
    return Rendered(html, [toc_token(2, kind, kind_name(kind, ctx.lang)) for kind in tables])


def render_topics_index(ctx: PageContext) -> Rendered:
    rows = [(topic_id, term, topic_members(topic_id, ctx)) for topic_id, term in ctx.dataset.terms("topics").items()]
    columns = [kind.name for kind in PAGE_KINDS if kind.topic_column]
    return Rendered(render_template("topics_index.html", ctx, rows=rows, columns=columns), [])
