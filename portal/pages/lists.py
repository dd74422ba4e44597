# List pages: record tables (sortable, filterable, complete without JS), kind indexes, facet pages, topic pages.
"""Pages step: lists of records. Columns, rows, order and facets come from each kind (portal/kinds/)."""
from __future__ import annotations

from markupsafe import Markup, escape

from portal import site_layout
from portal.kinds import BY_NAME, FACETS, PAGE_KINDS, Facet, kind_name
from portal.pages.context import PageContext
from portal.words import forms, ui
from portal.pages.render import Rendered, facet_src, record_src, render_template, stable_slug, toc_token

PAGE_SIZE = 100  # rows on one static list page: a list of 20,000 records is 200 small pages, not one of 16 MB
ROWS_PER_FILE = 1000  # rows in one row file (<kind>/_rows/<i>.js) that portal.js loads to filter and sort all rows
ROWS_DIR = "_rows"


def page_count(total: int) -> int:
    """Static pages of a list of `total` records (at least one, which may say "none")."""
    return max(1, -(-total // PAGE_SIZE))


def index_src(kind: str, page: int = 1) -> str:
    """Source path of page `page` of a kind's list: cases/index.md, then cases/page/2.md ..."""
    return f"{kind}/index.md" if page == 1 else f"{kind}/page/{page}.md"


def facet_page_src(kind: str, facet: str, value: str, page: int = 1) -> str:
    """Source path of page `page` of one facet value's list: cases/by-tier/larger.md, then cases/by-tier/larger/2.md"""
    return facet_src(kind, facet, value) if page == 1 else f"{kind}/by-{facet}/{value}/{page}.md"


def pager(page: int, total_pages: int, src_of, ctx: PageContext) -> list[tuple[str, str | None, str]]:
    """Links of a list's page navigation as (text, href or None for the current page / a gap, role): previous,
    the first, last and nearby pages, next. Every page is reachable without JavaScript by following them."""
    if total_pages <= 1:
        return []
    wanted = sorted({1, total_pages, *range(max(1, page - 2), min(total_pages, page + 2) + 1)})
    links: list[tuple[str, str | None, str]] = []
    if page > 1:
        links.append((ui("list.previous", ctx.lang), ctx.link(src_of(page - 1)), "prev"))
    last = 0
    for number in wanted:
        if number - last > 1:
            links.append(("…", None, "gap"))
        links.append((str(number), None if number == page else ctx.link(src_of(number)),
                      "current" if number == page else "page"))
        last = number
    if page < total_pages:
        links.append((ui("list.next", ctx.lang), ctx.link(src_of(page + 1)), "next"))
    return links


def row_files(kind: str, ctx: PageContext) -> dict[str, str]:
    """The row files of a kind's list in ctx.lang: file name -> script. Each registers its rows
    (PortalRows.add(kind, i, rows)) like the search index's shards, so they load from file:// as well as over http.
    A row is [id, link relative to the kind's list page, stale 0/1, [[text shown, sort key, filter value], ...]]
    where a cell leaves out a filter value it has not and a sort key equal to its text, or is a number: the
    place of its value in its column's values in the facets file (facet_options), and, when the record
    belongs to a facet value or topic no cell says, {facet or "topic": [slugs]} (memberships); rows are in the list's
    default order."""
    import json

    columns, rows = table_rows(kind, sorted_ids(kind, ctx), ctx)
    values = filter_values(kind, ctx)
    groups = memberships(kind, ctx)
    shared = {key: {entry[0]: (number, entry) for number, entry in enumerate(options)}
              for key, options, _counts in facet_options(kind, columns, rows, ctx)}
    encoded = []
    for row in rows:
        cells = []
        for column in columns:
            shown, key = row["cells"][column.key]
            value = filter_value(values, column.key, row["id"]) if column.filterable else None
            number, entry = shared.get(column.key, {}).get(value, (None, None))
            if entry is not None and entry[1] == shown and (entry[2] if len(entry) > 2 else shown) == key:
                cells.append(number)  # the facets file's value number: its text, sort key and value said once
            else:
                # [shown], [shown, sort key] or [shown, sort key, filter value]: what equals the text shown is left out
                cells.append([shown, key, value] if value else [shown, key] if key != shown else [shown])
        encoded.append([row["id"], ctx.link(record_src(kind, row["id"])), 1 if row.get("stale") else 0, cells])
        if row["id"] in groups:  # the facet and topic pages' subsets the cells do not show (portal.js data-fixed)
            encoded[-1].append(groups[row["id"]])
    files = {FACETS_FILE: facets_file(kind, columns, rows, ctx)}
    for number, start in enumerate(range(0, len(encoded), ROWS_PER_FILE)):
        chunk = json.dumps(encoded[start:start + ROWS_PER_FILE], ensure_ascii=False, separators=(",", ":"))
        # "</" never appears inside the script as written: JSON strings escape it
        chunk = chunk.replace("</", "<\\/")
        files[f"{number}.js"] = f"// Rows {start}-{start + ROWS_PER_FILE - 1} of the {kind} list (portal.js).\n" \
                                f"(window.PortalRows=window.PortalRows||{{q:[]}}).q.push([{json.dumps(kind)},{number},{chunk}]);\n"
    return files


FACETS_FILE = "facets.js"  # beside the row files: the filter bar's words and every filter's values, written once


def facets_file(kind: str, columns, rows: list[dict], ctx: PageContext) -> str:
    """The filter bar of a kind's lists, written once per kind and language instead of on every list, facet and
    topic page (they carry only their counts, data-counts): the bar's words and, for each filter column, its values
    ordered by meaning as [value, text shown] and their counts over all the kind's rows (the kind's list). It
    registers itself like the row files: PortalRows.q.push([kind, "facets", {...}])."""
    import json

    lang = ctx.lang
    words = {"filter": ui("filter", lang), "filter_text": ui("filter_text", lang), "sort": ui("list.sort", lang),
             "sort_default": ui("list.sort_default", lang), "ascending": ui("list.ascending", lang),
             "descending": ui("list.descending", lang), "records": forms("records_n", lang),
             "download": forms("list.download_shown", lang), "download_link": ui("list.download_link", lang),
             "prev": ui("list.previous", lang), "next": ui("list.next", lang), "pages": ui("list.pages", lang),
             "loading": ui("list.loading", lang), "empty": ui("filter_empty", lang), "clear": ui("filter_clear", lang)}
    filters = facet_options(kind, columns, rows, ctx)
    text = json.dumps({"words": words, "filters": filters}, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("</", "<\\/")
    return f"// The filter bar of the {kind} lists (portal.js): words, values by meaning, counts over all rows.\n" \
           f"(window.PortalRows=window.PortalRows||{{q:[]}}).q.push([{json.dumps(kind)},\"facets\",{text}]);\n"


def facet_options(kind: str, columns, rows: list[dict], ctx: PageContext) -> list[list]:
    """[column key, values, counts] of each filter column over all the kind's rows: values ordered by meaning as
    [value, text shown] or, when every row with the value sorts it by another key (a tier by severity),
    [value, text shown, sort key]; counts in the same order. Worked out once per build and language."""
    memo_key = ("facet-options", kind, ctx.lang)
    if memo_key in ctx.memo:
        return ctx.memo[memo_key]
    values = filter_values(kind, ctx)
    filters = []
    for column in columns:
        if not column.filterable:
            continue
        keys: dict[str, set] = {}
        if column.key in values:  # a facet: its rows' sort keys by value (one each, or the cells stay whole)
            for row in rows:
                shown, key = row["cells"][column.key]
                keys.setdefault(filter_value(values, column.key, row["id"]), set()).add(key)
        entries = []
        options = filter_options(kind, column.key, rows, values, ctx)
        for value, shown, _n in options:
            key = next(iter(keys[value])) if len(keys.get(value, ())) == 1 else shown
            entries.append([value, shown, key] if key != shown else [value, shown])
        filters.append([column.key, entries, [n for *_x, n in options]])
    ctx.memo[memo_key] = filters
    return filters


def subset_counts(kind: str, rows: list[dict], fixed: tuple[str, str], ctx: PageContext) -> str:
    """A facet or topic page's filter counts over its own rows, as the value of its data-counts attribute (JSON,
    escaped for a single-quoted attribute): {column: {value: records}}; the values' order and texts come from the
    kind's facets file. Keyed by value, so a page left as it was by a partial rebuild still counts right."""
    import json

    values = filter_values(kind, ctx)
    counts = {}
    for column in BY_NAME[kind].view_part().columns(ctx):
        if column.filterable and column.key != fixed[0]:
            counts[column.key] = {value: n for value, _shown, n in filter_options(kind, column.key, rows, values, ctx)}
    text = json.dumps(counts, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&#39;")


def static_subset_pages(ctx: PageContext) -> bool:
    """Whether facet and topic pages have later pages of their own (…/larger/2/). The kiosk's tables have no script
    to page them; elsewhere a facet or topic page shows its first PAGE_SIZE rows and portal.js pages over the row
    files, and without JavaScript every record is reached through the kind's list pages (the page says so)."""
    return ctx.settings.variant == "kiosk"


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


TOPIC = "topic"  # a topic page's subset of a kind's rows: the records naming the topic (their `topics`)


def memberships(kind: str, ctx: PageContext) -> dict[str, dict[str, list[str]]]:
    """Record id -> {facet name or "topic": value slugs} for what a row's cells do not carry: the values of facets
    that are no filter column (a case's year), every value of a column facet with several (a regulation's
    industries), and the record's topics. A facet or topic page's table keeps the kind's rows with its value."""
    memo_key = ("memberships", kind, ctx.lang)
    if memo_key in ctx.memo:
        return ctx.memo[memo_key]
    columns = {column.key for column in BY_NAME[kind].view_part().columns(ctx) if column.filterable}
    found: dict[str, dict[str, list[str]]] = {}
    for facet in kind_facets(kind):
        if facet.name == TOPIC:
            continue  # the same slugs as the record's topics, added below
        by_record: dict[str, list[str]] = {}
        for slug, (_label, ids) in facet_groups(facet, ctx).items():
            for record_id in ids:
                by_record.setdefault(record_id, []).append(slug)
        for record_id, slugs in by_record.items():
            if facet.name not in columns or len(slugs) > 1:
                found.setdefault(record_id, {})[facet.name] = slugs
    for record_id, record in ctx.dataset.records[kind].items():
        if record.get("topics"):
            found.setdefault(record_id, {})[TOPIC] = list(record["topics"])
    ctx.memo[memo_key] = found
    return found


def _row_html(kind: str, row: dict, columns, ctx: PageContext) -> tuple[str, ...]:
    """One table row as its HTML around the link (if it has one); text is escaped here, the template adds it as is.

    Rows are written bare (a row appears on many list, facet and topic pages: its bytes count thousands of times):
    no cell names its column and the end tags HTML lets out (</td>, </tr>) are left out; portal.js gives every cell
    its column, label (the phone layout's card labels) and sort key from the table's header. Filters and sort work
    on the row files, never on these cells."""
    cells = []
    for column in columns:
        shown, _key = row["cells"][column.key]
        if column.key == "title":
            cells.append(f'<td><a href="{_HREF}">{escape(shown)}</a>')
        else:
            cells.append(f"<td>{escape(shown)}")
    stale = ' class="portal-stale-row"' if row.get("stale") else ""
    text = f'<tr data-id="{escape(row["id"])}"{stale}>' + "".join(cells) + "\n"
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


def render_record_table(kind: str, ids: list[str], ctx: PageContext, interactive: bool = True, page: int = 1,
                        pager_links=None, rows_dir: str = "", list_link: str = "", fixed: tuple[str, str] | None = None,
                        state_prefix: str = "") -> str:
    """A record table of `ids` showing page `page` of them (PAGE_SIZE rows; all rows when pager_links is None).
    Interactive tables (a kind's list, a facet or topic page) get filters and a sort control over ALL rows, loaded
    from the kind's row files; `fixed` (facet or "topic", value) keeps the rows of a facet or topic page's subset
    (the `ids`), whose own facet gets no filter. `state_prefix` names the table's keys in the address when a page
    has several tables (a topic page: cases-sort=…)."""
    interactive = interactive and ctx.settings.variant != "kiosk"  # no filter box on a touch screen: tiles instead
    shown_ids = ids if pager_links is None else ids[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    # Only a subset page's counts need the rows of all its ids; a kind's list page (100 of them for 10,000 cases)
    # looks up the rows it shows, not all 10,000 rows again for every page.
    counting = interactive and bool(fixed)
    columns, rows = table_rows(kind, ids if counting else shown_ids, ctx)
    shown_rows = rows if pager_links is None or not counting else rows[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    counts = more = None
    if interactive:
        if not rows_dir:
            list_link = ctx.link(index_src(kind))
            rows_dir = _rows_dir(list_link)
        if fixed:  # the filter bar itself is in the kind's facets file; a subset page carries its counts
            counts = Markup(subset_counts(kind, rows, fixed, ctx))
        if pager_links == [] and len(ids) > PAGE_SIZE:  # no later pages of its own (static_subset_pages)
            more = list_link
    return render_template("record_table.html", ctx, kind=kind, columns=columns, rows=shown_rows,
                           interactive=interactive, rows_html=rows_html(kind, shown_rows, columns, ctx),
                           total=len(ids), page=page, pager=pager_links or [], rows_dir=rows_dir,
                           rows_files=-(-len(ctx.dataset.records[kind]) // ROWS_PER_FILE), list_link=list_link,
                           page_size=PAGE_SIZE, fixed=fixed, state_prefix=state_prefix, counts=counts, more=more)


def filter_options(kind: str, column_key: str, rows: list[dict], values, ctx: PageContext) -> list[tuple[str, str, int]]:
    """(value, text shown, records) of one filter, ordered by meaning: a facet's own order where it has one (tiers by
    severity, levels by hierarchy, years newest first), else names by pinyin (Chinese) or alphabet."""
    counts: dict[str, list] = {}
    for row in rows:
        shown = row["cells"][column_key][0]
        if not shown:
            continue
        value = filter_value(values, column_key, row["id"]) or shown
        counts.setdefault(value, [shown, 0])[1] += 1
    facet = next((f for f in kind_facets(kind) if f.name == column_key), None)
    if facet is not None and facet.order in ("vocab", "desc"):
        order = list(facet_groups(facet, ctx))
        ranked = sorted(counts, key=lambda v: order.index(v) if v in order else len(order))
    else:
        ranked = sorted(counts, key=lambda v: (stable_slug(counts[v][0]), counts[v][0]))
    return [(value, counts[value][0], counts[value][1]) for value in ranked]


def sorted_ids(kind: str, ctx: PageContext, ids=None) -> list[str]:
    """Default order of a list (newest cases first, regulations by level then title, others by title)."""
    data = ctx.dataset.records[kind]
    if ids is None:  # a kind's whole list: sorted once per build and language, not once per list page (200 at 20,000)
        key = ("sorted-ids", kind, ctx.lang)
        if key not in ctx.memo:
            ctx.memo[key] = BY_NAME[kind].view_part().sort_ids(list(data), ctx)
        return list(ctx.memo[key])
    return BY_NAME[kind].view_part().sort_ids(list(ids), ctx)


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


def render_index(kind: str, ctx: PageContext, page: int = 1) -> Rendered:
    """Page `page` of a kind's list: facet links, then PAGE_SIZE rows with page links; portal.js filters and sorts
    all rows (from the row files) and keeps ?q=, filters, ?sort= and ?page= in the address."""
    facets = [(f, facet_groups(f, ctx)) for f in kind_facets(kind)]
    ids = sorted_ids(kind, ctx)
    data_files = {fmt: f"{ctx.site_root}{site_layout.OPEN_DATA_FOLDER}/{site_layout.open_data_file(kind, fmt)}"
                  for fmt in site_layout.OPEN_DATA_FILES}
    print_link = BY_NAME[kind].view_part().list_print_link(ctx) if ids else None
    links = pager(page, page_count(len(ids)), lambda number: index_src(kind, number), ctx)
    list_link = ctx.link(index_src(kind))
    table = render_record_table(kind, ids, ctx, page=page, pager_links=links, rows_dir=_rows_dir(list_link),
                                list_link=list_link)
    html = render_template("index.html", ctx, kind=kind, facets=facets, count=len(ids), data_files=data_files,
                           print_link=print_link if page == 1 else None, table=Markup(table), facet_src=facet_src,
                           page=page, pages=page_count(len(ids)))
    return Rendered(html, [])


def _rows_dir(list_link: str) -> str:
    """The row files' folder relative to a page, from the relative link to the kind's list page: "../" (directory
    URLs: cases/ is the list's folder) or "../index.html" (offline: the folder holding index.html)."""
    folder = list_link[: -len("index.html")] if list_link.endswith("index.html") else list_link
    if folder and not folder.endswith("/"):
        folder += "/"
    return folder + ROWS_DIR + "/"


def render_facet_page(facet: Facet, value: str, ctx: PageContext, page: int = 1) -> Rendered:
    """Page `page` of one facet value's records (PAGE_SIZE rows), with page links."""
    name, ids = facet_groups(facet, ctx)[value]
    ordered = sorted_ids(facet.kind, ctx, ids)
    links = pager(page, page_count(len(ordered)),
                  lambda number: facet_page_src(facet.kind, facet.name, value, number), ctx) \
        if static_subset_pages(ctx) else []
    html = render_template("facet.html", ctx, kind=facet.kind, facet=facet, name=name, count=len(ids),
                           table=Markup(render_record_table(facet.kind, ordered, ctx, page=page, pager_links=links,
                                                            fixed=(facet.name, value))))
    return Rendered(html, [])


def render_facet_index(facet: Facet, ctx: PageContext) -> Rendered:
    """/cases/by-tier/: every value of one facet with its count (no bare directory listing)."""
    groups = facet_groups(facet, ctx)
    html = render_template("facet_index.html", ctx, kind=facet.kind, facet=facet, groups=groups, facet_src=facet_src)
    return Rendered(html, [])


def topic_members(topic: str, ctx: PageContext) -> dict[str, list[str]]:
    """Kind -> the ids of its records naming `topic`, in list order (kinds with a topic column even when none);
    worked out once per build and language: the topic index and every topic page ask for it."""
    key = ("topic-members", topic, ctx.lang)
    if key not in ctx.memo:
        naming = _records_by_topic(ctx)
        members = {}
        for kind in PAGE_KINDS:
            ids = naming.get((kind.name, topic), [])
            if ids or kind.topic_column:
                members[kind.name] = sorted_ids(kind.name, ctx, ids)
        ctx.memo[key] = members
    return {kind: list(ids) for kind, ids in ctx.memo[key].items()}


def _records_by_topic(ctx: PageContext) -> dict[tuple[str, str], list[str]]:
    """(kind, topic) -> the ids of the kind's records naming the topic, in the records' order: one pass over the
    records for all topics rather than one per topic and kind."""
    key = ("records-by-topic", ctx.lang)
    if key not in ctx.memo:
        naming: dict[tuple[str, str], list[str]] = {}
        for kind in PAGE_KINDS:
            for record_id, record in ctx.dataset.records[kind.name].items():
                for topic in dict.fromkeys(record.get("topics") or []):  # a topic named twice: the record once
                    naming.setdefault((kind.name, topic), []).append(record_id)
        ctx.memo[key] = naming
    return ctx.memo[key]


def topic_page_src(topic: str, kind: str, page: int = 1) -> str:
    """Source path of page `page` of one kind's records on a topic: topics/<topic>.md, then topics/<topic>/<kind>/2.md"""
    return f"topics/{topic}.md#{kind}" if page == 1 else f"topics/{topic}/{kind}/{page}.md"


def render_topic(topic: str, ctx: PageContext, only_kind: str | None = None, page: int = 1) -> Rendered:
    """A topic page: the first page (PAGE_SIZE rows) of each kind's records with page links; with `only_kind`,
    page `page` of that kind's records alone."""
    term = ctx.dataset.terms("topics")[topic]
    members = topic_members(topic, ctx)
    tables = {}
    for kind, ids in members.items():
        if not ids or (only_kind is not None and kind != only_kind):
            continue
        links = pager(page, page_count(len(ids)), lambda number, k=kind: topic_page_src(topic, k, number), ctx) \
            if static_subset_pages(ctx) else []
        tables[kind] = Markup(render_record_table(kind, ids, ctx, page=page, pager_links=links, fixed=(TOPIC, topic),
                                                  state_prefix=f"{kind}-"))
    html = render_template("topic.html", ctx, term=term, members=members, tables=tables)
    return Rendered(html, [toc_token(2, kind, kind_name(kind, ctx.lang)) for kind in tables])


def render_topics_index(ctx: PageContext) -> Rendered:
    rows = [(topic_id, term, topic_members(topic_id, ctx)) for topic_id, term in ctx.dataset.terms("topics").items()]
    columns = [kind.name for kind in PAGE_KINDS if kind.topic_column]
    return Rendered(render_template("topics_index.html", ctx, rows=rows, columns=columns), [])
