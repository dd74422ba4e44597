# Pure renderers: each turns data (plus a link function) into HTML through the Jinja templates in portal/templates.
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

import jinja2
from markupsafe import Markup, escape

from portal.i18n import pick, ui
from portal.model import Derived, article_anchor, parse_date
from portal.safemd import render_markdown

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
STALE_DAYS_DEFAULT = 180


@dataclass
class PageContext:
    """What a renderer may know about the page being built: language, the derived data and how to link."""

    lang: str
    derived: Derived
    link: Callable[[str], str]
    stale_days: int = STALE_DAYS_DEFAULT
    counterpart: str = ""  # URL of the same page in the other language
    root: str = "."  # URL of this language's site root, relative to the page

    @property
    def dataset(self):
        return self.derived.dataset


@dataclass
class Rendered:
    html: str
    toc: list[dict] = field(default_factory=list)


def toc_token(level: int, anchor: str, name: str, children: list | None = None) -> dict:
    """A table-of-contents entry in the shape mkdocs' get_toc() expects."""
    return {"level": level, "id": anchor, "name": str(escape(name)), "children": children or []}


# -- link targets (source paths of generated pages) -------------------------------------------------------------
def record_src(kind: str, record_id: str) -> str:
    return f"{kind}/{record_id}.md"


def facet_src(kind: str, facet: str, value: str) -> str:
    return f"{kind}/by-{facet}/{value}.md"


def slugify_ascii(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "other"


# -- template environment ---------------------------------------------------------------------------------------
@lru_cache(maxsize=None)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["paras"] = _paragraphs
    env.filters["thousands"] = lambda n: f"{n:,}"
    env.globals["article_anchor"] = article_anchor
    return env


def _paragraphs(text: str) -> Markup:
    """Plain text to HTML paragraphs: escaped, blank lines split paragraphs, single newlines become <br>."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text or "") if b.strip()]
    return Markup("".join(f"<p>{escape(b)}</p>".replace("\n", "<br>") for b in blocks))


def render_template(template: str, ctx: PageContext, **values) -> str:
    lang = ctx.lang

    def t(text):
        value, fallback = pick(text, lang)
        return value, fallback

    def label(vocab: str, term_id: str) -> str:
        term = ctx.dataset.terms(vocab).get(term_id)
        return pick(term["label"], lang)[0] if term else term_id

    return _environment().get_template(template).render(
        lang=lang,
        ui=lambda key, **kw: ui(key, lang, **kw),
        t=t,
        label=label,
        link=ctx.link,
        ctx=ctx,
        **values,
    )


# -- shared field helpers ---------------------------------------------------------------------------------------
def format_money(yuan: int | None, lang: str) -> str:
    if yuan is None:
        return ""
    if lang == "zh":
        if yuan >= 100_000_000:
            return f"{yuan / 100_000_000:,.2f} 亿元".replace(".00 ", " ")
        return f"{yuan / 10_000:,.2f} 万元".replace(".00 ", " ")
    return f"CNY {yuan / 1_000_000:,.2f} million"


def tier_label(ctx: PageContext, tier_id: str | None) -> str:
    for tier in ctx.dataset.accident_tiers():
        if tier["id"] == tier_id:
            return pick(tier["label"], ctx.lang)[0]
    return ""


def accident_type_term(ctx: PageContext, case: dict) -> dict | None:
    value = case.get("accident_type") or {}
    scheme = ctx.dataset.accident_schemes().get(value.get("scheme"))
    if not scheme:
        return None
    return next((t for t in scheme["terms"] if t["id"] == value.get("term")), None)


def accident_type_label(ctx: PageContext, case: dict) -> str:
    term = accident_type_term(ctx, case)
    return pick(term["label"], ctx.lang)[0] if term else ""


def article_label(ctx: PageContext, reg_id: str, number: str | None) -> str:
    if not number:
        return ""
    regulation = ctx.dataset.regulations.get(reg_id, {})
    key = "clause_n" if regulation.get("level") in ("national-standard", "industry-standard") else "article_n"
    return ui(key, ctx.lang, n=number)


def article_link(ctx: PageContext, reg_id: str, number: str | None) -> str:
    target = record_src("regulations", reg_id)
    return ctx.link(target + (f"#{article_anchor(number)}" if number else ""))


def stale(ctx: PageContext, directory: dict) -> bool:
    verified = parse_date((directory.get("last_verified") or {}).get("date"))
    return verified is None or (ctx.derived.today - verified).days > ctx.stale_days


# -- record pages -----------------------------------------------------------------------------------------------
def render_regulation(reg_id: str, ctx: PageContext) -> Rendered:
    reg = ctx.dataset.regulations[reg_id]
    derived = ctx.derived
    articles = reg.get("articles") or []
    sections = [("summary", ui("summary", ctx.lang))]
    article_tokens = [toc_token(3, article_anchor(a["number"]),
                                f"{article_label(ctx, reg_id, a['number'])} {pick(a['heading'], ctx.lang)[0]}")
                      for a in articles]
    if articles:
        sections.append(("key-articles", ui("key_articles", ctx.lang)))
    cited_by = derived.cited_by.get(reg_id, [])
    sections.append(("cited-by", ui("cited_by", ctx.lang)))
    related = derived.articles_citing.get(("regulations", reg_id), [])
    if related:
        sections.append(("related-articles", ui("related_articles", ctx.lang)))
    quiz_ids = derived.quiz_by_regulation.get(reg_id, [])
    sections.append(("sources", ui("sources", ctx.lang)))
    toc = [toc_token(2, sid, name, article_tokens if sid == "key-articles" else None) for sid, name in sections]
    html = render_template(
        "regulation.html", ctx, reg=reg, reg_id=reg_id, status=derived.status[reg_id], articles=articles,
        superseded_by=derived.superseded_by.get(reg_id, []), cited_by=cited_by, related=related, quiz_ids=quiz_ids,
        article_label=lambda n: article_label(ctx, reg_id, n),
    )
    return Rendered(html, toc)


def render_case(case_id: str, ctx: PageContext) -> Rendered:
    case = ctx.dataset.cases[case_id]
    names = [("timeline", "timeline"), ("direct_causes", "direct-causes"), ("root_causes", "root-causes"),
             ("responsibility", "responsibility"), ("lessons", "lessons"), ("measures", "measures"),
             ("violations", "violations")]
    sections = [("summary", ui("summary", ctx.lang))]
    sections += [(anchor, ui(key, ctx.lang)) for key, anchor in names if case.get(key)]
    related = ctx.derived.articles_citing.get(("cases", case_id), [])
    if related:
        sections.append(("related-articles", ui("related_articles", ctx.lang)))
    sections.append(("sources", ui("sources", ctx.lang)))
    html = render_template(
        "case.html", ctx, case=case, case_id=case_id, tier=tier_label(ctx, ctx.derived.tier[case_id]),
        accident_type=accident_type_label(ctx, case), loss=format_money(case.get("direct_loss_cny"), ctx.lang),
        related=related, article_label=lambda reg_id, n: article_label(ctx, reg_id, n),
        article_link=lambda reg_id, n: article_link(ctx, reg_id, n),
    )
    return Rendered(html, [toc_token(2, sid, name) for sid, name in sections])


def render_contact_directory(dir_id: str, ctx: PageContext) -> Rendered:
    directory = ctx.dataset.contacts[dir_id]
    html = render_template("contacts.html", ctx, directory=directory, dir_id=dir_id, stale=stale(ctx, directory),
                   tel=lambda number: "tel:" + re.sub(r"[^0-9+]", "", number))
    return Rendered(html, [])


def render_article(art_id: str, ctx: PageContext) -> Rendered:
    article = ctx.dataset.articles[art_id]
    body, body_fallback = pick(article["body"], ctx.lang)
    related = article.get("related") or {}
    backlinks = ctx.derived.articles_citing.get(("articles", art_id), [])
    html = render_template("article.html", ctx, article=article, art_id=art_id, body=render_markdown(body),
                   body_fallback=body_fallback, related=related, backlinks=backlinks,
                   article_label=lambda reg_id, n: article_label(ctx, reg_id, n),
                   article_link=lambda reg_id, n: article_link(ctx, reg_id, n))
    sections = [("key-points", ui("key_points", ctx.lang)), ("body", ui("body", ctx.lang)),
                ("sources", ui("sources", ctx.lang))]
    return Rendered(html, [toc_token(2, sid, name) for sid, name in sections])


RECORD_RENDERERS = {
    "regulations": render_regulation,
    "cases": render_case,
    "contacts": render_contact_directory,
    "articles": render_article,
}


# -- record tables, indexes, facets ----------------------------------------------------------------------------
@dataclass
class Column:
    key: str
    header: str
    filterable: bool = False
    numeric: bool = False


def _record_title(ctx: PageContext, kind: str, record_id: str) -> str:
    return pick(ctx.dataset.records[kind][record_id]["title"], ctx.lang)[0]


def table_rows(kind: str, ids: list[str], ctx: PageContext) -> tuple[list[Column], list[dict]]:
    """Columns and rows for a list of records of one kind; each cell is (text shown, sort key)."""
    lang, data = ctx.lang, ctx.dataset.records[kind]
    rows = []
    if kind == "regulations":
        columns = [Column("title", ui("title", lang)), Column("level", ui("level", lang), True),
                   Column("status", ui("status", lang), True), Column("issuer", ui("issuer", lang), True),
                   Column("doc_number", ui("doc_number", lang)), Column("effective", ui("effective", lang))]
        level_rank = {t: v.get("rank", 99) for t, v in ctx.dataset.terms("regulation-levels").items()}
        for reg_id in ids:
            reg = data[reg_id]
            status = ctx.derived.status[reg_id]
            rows.append({"id": reg_id, "cells": {
                "title": (_record_title(ctx, kind, reg_id), _record_title(ctx, kind, reg_id)),
                "level": (_label(ctx, "regulation-levels", reg["level"]), f"{level_rank.get(reg['level'], 99):02d}"),
                "status": (ui("status." + status, lang), status),
                "issuer": (pick(reg["issuer"], lang)[0], pick(reg["issuer"], lang)[0]),
                "doc_number": (reg.get("doc_number", ""), reg.get("doc_number", "")),
                "effective": (str(reg.get("effective", "")), str(reg.get("effective", ""))),
            }, "status": status})
    elif kind == "cases":
        columns = [Column("date", ui("date", lang)), Column("title", ui("title", lang)),
                   Column("province", ui("province", lang), True), Column("industry", ui("industry", lang), True),
                   Column("type", ui("accident_type", lang), True), Column("deaths", ui("deaths", lang), numeric=True),
                   Column("tier", ui("tier", lang), True)]
        tier_rank = {t["id"]: i for i, t in enumerate(ctx.dataset.accident_tiers())}
        for case_id in ids:
            case = data[case_id]
            tier = ctx.derived.tier[case_id]
            province = _label(ctx, "provinces", case["place"]["province"])
            rows.append({"id": case_id, "cells": {
                "date": (str(case["date"]), str(case["date"])),
                "title": (_record_title(ctx, kind, case_id), _record_title(ctx, kind, case_id)),
                "province": (province, province),
                "industry": (_label(ctx, "industries", case["industry"]),) * 2,
                "type": (accident_type_label(ctx, case),) * 2,
                "deaths": (str(case.get("deaths", "")), f"{case.get('deaths', 0):06d}"),
                "tier": (tier_label(ctx, tier), str(tier_rank.get(tier, 9))),
            }})
    elif kind == "contacts":
        columns = [Column("title", ui("title", lang)), Column("organisation", ui("organisation", lang)),
                   Column("region", ui("region", lang), True), Column("entries", ui("entries", lang), numeric=True),
                   Column("last_verified", ui("last_verified", lang))]
        for dir_id in ids:
            directory = data[dir_id]
            title = _record_title(ctx, kind, dir_id) + (f" [{ui('sample', lang)}]" if directory.get("sample") else "")
            verified = str(directory["last_verified"]["date"])
            rows.append({"id": dir_id, "stale": stale(ctx, directory), "cells": {
                "title": (title, title),
                "organisation": (pick(directory["organisation"], lang)[0],) * 2,
                "region": (pick(directory["region"], lang)[0],) * 2,
                "entries": (str(len(directory["entries"])), f"{len(directory['entries']):05d}"),
                "last_verified": (verified, verified),
            }})
    else:
        columns = [Column("title", ui("title", lang)), Column("category", ui("category", lang), True),
                   Column("summary", ui("summary", lang))]
        for art_id in ids:
            article = data[art_id]
            rows.append({"id": art_id, "cells": {
                "title": (_record_title(ctx, kind, art_id),) * 2,
                "category": (_label(ctx, "article-categories", article["category"]),) * 2,
                "summary": (pick(article["summary"], lang)[0],) * 2,
            }})
    return columns, rows


def _label(ctx: PageContext, vocab: str, term_id: str) -> str:
    term = ctx.dataset.terms(vocab).get(term_id)
    return pick(term["label"], ctx.lang)[0] if term else term_id


def render_record_table(kind: str, ids: list[str], ctx: PageContext, interactive: bool = True) -> str:
    columns, rows = table_rows(kind, ids, ctx)
    filters = {}
    if interactive:
        for column in columns:
            if column.filterable:
                filters[column.key] = sorted({row["cells"][column.key][0] for row in rows if row["cells"][column.key][0]})
    return render_template("record_table.html", ctx, kind=kind, columns=columns, rows=rows, filters=filters,
                   interactive=interactive, record_src=record_src)


def sorted_ids(kind: str, ctx: PageContext, ids=None) -> list[str]:
    """Default order of a list: newest cases first, regulations by level then title, others by title."""
    data = ctx.dataset.records[kind]
    ids = list(data if ids is None else ids)
    if kind == "cases":
        return sorted(ids, key=lambda i: (str(data[i]["date"]), i), reverse=True)
    if kind == "regulations":
        rank = {t: v.get("rank", 99) for t, v in ctx.dataset.terms("regulation-levels").items()}
        return sorted(ids, key=lambda i: (rank.get(data[i]["level"], 99), data[i]["title"]["zh"]))
    return sorted(ids, key=lambda i: (data[i]["title"]["zh"], i))


@dataclass
class Facet:
    """A way to group records of one kind; values() gives the facet values of one record as (slug, label)."""

    kind: str
    name: str
    values: Callable[[str, dict, PageContext], list[tuple[str, str]]]


def _vocab_values(field_name: str, vocab: str, many: bool = False):
    def values(record_id, record, ctx):
        raw = record.get(field_name) or ([] if many else None)
        items = raw if many else ([raw] if raw else [])
        return [(item, _label(ctx, vocab, item)) for item in items]
    return values


FACETS = [
    Facet("regulations", "level", _vocab_values("level", "regulation-levels")),
    Facet("regulations", "status", lambda i, r, c: [(c.derived.status[i], ui("status." + c.derived.status[i], c.lang))]),
    Facet("regulations", "issuer", lambda i, r, c: [(slugify_ascii(r["issuer"]["en"]), pick(r["issuer"], c.lang)[0])]),
    Facet("regulations", "topic", _vocab_values("topics", "topics", many=True)),
    Facet("regulations", "industry", _vocab_values("industries", "industries", many=True)),
    Facet("cases", "year", lambda i, r, c: [(str(r["date"])[:4], str(r["date"])[:4])]),
    Facet("cases", "type", lambda i, r, c: [(r["accident_type"]["term"], accident_type_label(c, r))]),
    Facet("cases", "tier", lambda i, r, c: [(c.derived.tier[i], tier_label(c, c.derived.tier[i]))] if c.derived.tier[i] else []),
    Facet("cases", "industry", _vocab_values("industry", "industries")),
    Facet("cases", "province", lambda i, r, c: [(r["place"]["province"], _label(c, "provinces", r["place"]["province"]))]),
    Facet("articles", "category", _vocab_values("category", "article-categories")),
]


def facet_groups(facet: Facet, ctx: PageContext) -> dict[str, tuple[str, list[str]]]:
    """Facet value slug -> (label, record ids), in a stable order; computed once per build and language."""
    key = ("facet", facet.kind, facet.name, ctx.lang)
    if key not in ctx.derived.memo:
        ctx.derived.memo[key] = _facet_groups(facet, ctx)
    return ctx.derived.memo[key]


def _facet_groups(facet: Facet, ctx: PageContext) -> dict[str, tuple[str, list[str]]]:
    groups: dict[str, tuple[str, list[str]]] = {}
    for record_id, record in ctx.dataset.records[facet.kind].items():
        for slug, name in facet.values(record_id, record, ctx):
            groups.setdefault(slug, (name, []))[1].append(record_id)
    if facet.name == "year":
        return dict(sorted(groups.items(), reverse=True))
    if facet.name == "tier":
        order = [t["id"] for t in ctx.dataset.accident_tiers()]
        return dict(sorted(groups.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99))
    return dict(sorted(groups.items(), key=lambda kv: (-len(kv[1][1]), kv[0])))


def render_index(kind: str, ctx: PageContext) -> Rendered:
    facets = [(f, facet_groups(f, ctx)) for f in FACETS if f.kind == kind]
    ids = sorted_ids(kind, ctx)
    html = render_template("index.html", ctx, kind=kind, facets=facets, count=len(ids),
                   table=Markup(render_record_table(kind, ids, ctx)), facet_src=facet_src)
    return Rendered(html, [])


def render_facet_page(facet: Facet, value: str, ctx: PageContext) -> Rendered:
    name, ids = facet_groups(facet, ctx)[value]
    html = render_template("facet.html", ctx, kind=facet.kind, facet=facet, name=name, count=len(ids),
                   table=Markup(render_record_table(facet.kind, sorted_ids(facet.kind, ctx, ids), ctx, interactive=False)))
    return Rendered(html, [])


def topic_members(topic: str, ctx: PageContext) -> dict[str, list[str]]:
    members = {}
    for kind in ("regulations", "cases", "articles"):
        ids = [i for i, r in ctx.dataset.records[kind].items() if topic in (r.get("topics") or [])]
        members[kind] = sorted_ids(kind, ctx, ids)
    return members


def render_topic(topic: str, ctx: PageContext) -> Rendered:
    term = ctx.dataset.terms("topics")[topic]
    members = topic_members(topic, ctx)
    tables = {kind: Markup(render_record_table(kind, ids, ctx, interactive=False)) for kind, ids in members.items() if ids}
    html = render_template("topic.html", ctx, term=term, members=members, tables=tables)
    return Rendered(html, [toc_token(2, kind, ui(kind, ctx.lang)) for kind in tables])


def render_topics_index(ctx: PageContext) -> Rendered:
    rows = [(topic_id, term, topic_members(topic_id, ctx)) for topic_id, term in ctx.dataset.terms("topics").items()]
    return Rendered(render_template("topics_index.html", ctx, rows=rows), [])


# -- home page widgets ------------------------------------------------------------------------------------------
def render_emergency_numbers(ctx: PageContext) -> str:
    numbers = list(ctx.dataset.service_numbers().values())
    directories = [(i, d) for i, d in sorted(ctx.dataset.contacts.items())]
    return render_template("emergency_numbers.html", ctx, numbers=numbers, directories=directories, record_src=record_src)


def case_of_the_week(derived: Derived) -> str | None:
    """The same case all week: ISO year and week index into the cases sorted by id."""
    ids = sorted(derived.dataset.cases)
    if not ids:
        return None
    year, week, _ = derived.today.isocalendar()
    return ids[(year * 53 + week) % len(ids)]


def render_case_of_the_week(ctx: PageContext) -> str:
    case_id = case_of_the_week(ctx.derived)
    case = ctx.dataset.cases.get(case_id) if case_id else None
    return render_template("case_of_week.html", ctx, case=case, case_id=case_id, record_src=record_src,
                   tier=tier_label(ctx, ctx.derived.tier.get(case_id)) if case_id else "")


def render_section_counts(ctx: PageContext) -> str:
    counts = [(kind, len(ctx.dataset.records[kind])) for kind in ("regulations", "cases", "contacts", "articles")]
    return render_template("section_counts.html", ctx, counts=counts)


def record_updated(kind: str, record: dict) -> dt.date | None:
    """The latest date a record carries about its own content (amendment, verification, revision, report)."""
    dates = []
    if kind == "regulations":
        dates += [record.get("effective"), record.get("promulgated"), record.get("repealed")]
        dates += [a.get("effective") or a.get("date") for a in record.get("amendments") or []]
    elif kind == "contacts":
        dates.append((record.get("last_verified") or {}).get("date"))
    elif kind == "articles":
        dates.append(record.get("updated"))
    dates += [s.get("date") for s in record.get("sources") or []]
    parsed = [d for d in map(parse_date, dates) if d]
    return max(parsed) if parsed else None


def recently_updated(ctx: PageContext, limit: int = 8) -> list[tuple[dt.date, str, str]]:
    items = []
    for kind in ("regulations", "cases", "contacts", "articles"):
        for record_id, record in ctx.dataset.records[kind].items():
            date = ctx.derived.updated.get((kind, record_id)) or record_updated(kind, record)
            if date and date <= ctx.derived.today:
                items.append((date, kind, record_id))
    return sorted(items, key=lambda x: (x[0], x[1], x[2]), reverse=True)[:limit]


def render_recent(ctx: PageContext) -> str:
    return render_template("recent.html", ctx, items=recently_updated(ctx), record_src=record_src,
                   title=lambda kind, i: _record_title(ctx, kind, i))


# -- statistics -------------------------------------------------------------------------------------------------
def bar_chart(series: list[tuple[str, int]], title: str, chart_id: str) -> dict:
    """Geometry of a horizontal bar chart (drawn as SVG by the template): one bar per (label, value)."""
    top = max([v for _, v in series] or [1]) or 1
    bar_h, gap, label_w, width = 22, 6, 190, 640
    scale = (width - label_w - 60) / top
    bars = [{"label": label, "value": value, "y": i * (bar_h + gap), "w": max(1, round(value * scale)) if value else 0}
            for i, (label, value) in enumerate(series)]
    return {"id": chart_id, "title": title, "bars": bars, "bar_h": bar_h, "label_w": label_w, "width": width,
            "height": max(1, len(series)) * (bar_h + gap)}


def statistics(ctx: PageContext) -> list[dict]:
    lang, cases, tiers = ctx.lang, ctx.dataset.cases, ctx.derived.tier
    by_year = Counter(str(c["date"])[:4] for c in cases.values())
    deaths_year = Counter()
    for c in cases.values():
        deaths_year[str(c["date"])[:4]] += c.get("deaths", 0)
    years = sorted(by_year)
    by_type = Counter(accident_type_label(ctx, c) for c in cases.values())
    tier_order = [t["id"] for t in ctx.dataset.accident_tiers()]
    by_tier = Counter(tiers[i] for i in cases)
    by_industry = Counter(_label(ctx, "industries", c["industry"]) for c in cases.values())
    zh = lang == "zh"
    return [
        bar_chart([(y, by_year[y]) for y in years], "按年份的事故数" if zh else "Cases by year", "cases-by-year"),
        bar_chart(by_type.most_common(), "按事故类别" if zh else "Cases by accident type", "cases-by-type"),
        bar_chart([(tier_label(ctx, t), by_tier[t]) for t in tier_order if by_tier[t]],
                  "按事故等级" if zh else "Cases by tier", "cases-by-tier"),
        bar_chart(by_industry.most_common(), "按行业" if zh else "Cases by industry", "cases-by-industry"),
        bar_chart([(y, deaths_year[y]) for y in years], "按年份的死亡人数" if zh else "Deaths by year", "deaths-by-year"),
    ]


def render_statistics(ctx: PageContext) -> str:
    return render_template("statistics.html", ctx, charts=statistics(ctx))


def render_open_data_links(ctx: PageContext) -> str:
    """Links to the JSON export of every kind (written once, at the root of the Chinese site)."""
    base = ctx.root + ("/../" if ctx.lang == "en" else "/") + "data/"
    kinds = list(ctx.dataset.records)
    return render_template("open_data.html", ctx, links=[(kind, f"{base}{kind}.json") for kind in kinds])


# -- glossary, coverage, quiz -----------------------------------------------------------------------------------
def render_glossary(ctx: PageContext) -> str:
    groups = []
    for name, data in ctx.dataset.vocab.items():
        if "terms" in data:
            groups.append((name, data["title"], data["terms"]))
        for scheme in data.get("schemes", []):
            groups.append((f"{name}-{scheme['id']}", scheme["label"], scheme["terms"]))
        if "tiers" in data:
            groups.append((name, data["title"], data["tiers"]))
    return render_template("glossary.html", ctx, groups=groups)


def translation_coverage(dataset) -> list[dict]:
    """Per kind: how many long texts (bodies, causes, lessons, article texts ...) lack English."""
    report = []
    for kind, records in dataset.records.items():
        total = missing = 0
        incomplete = []
        for record_id, record in sorted(records.items()):
            texts = list(_optional_english_texts(kind, record))
            lacking = sum(1 for t in texts if not t.get("en"))
            total += len(texts)
            missing += lacking
            if lacking:
                incomplete.append((record_id, lacking, len(texts)))
        report.append({"kind": kind, "records": len(records), "texts": total, "missing": missing,
                       "incomplete": incomplete})
    return report


def _optional_english_texts(kind: str, record: dict):
    if kind == "regulations":
        yield from (a["text"] for a in record.get("articles") or [])
    elif kind == "cases":
        yield from (step["text"] for step in record.get("timeline") or [])
        for key in ("direct_causes", "root_causes", "lessons", "measures"):
            yield from record.get(key) or []
        if record.get("responsibility"):
            yield record["responsibility"]
    elif kind == "articles":
        yield record["body"]


def render_coverage(ctx: PageContext) -> str:
    return render_template("coverage.html", ctx, report=translation_coverage(ctx.dataset), record_src=record_src,
                   stale_dirs=[i for i, d in sorted(ctx.dataset.contacts.items()) if stale(ctx, d)])


def question_of_the_day(derived: Derived) -> str | None:
    ids = sorted(derived.dataset.quiz)
    if not ids:
        return None
    return ids[derived.today.toordinal() % len(ids)]


def render_quiz(ctx: PageContext, only_today: bool = False) -> str:
    ids = sorted(ctx.dataset.quiz)
    today_id = question_of_the_day(ctx.derived)
    if only_today:
        ids = [today_id] if today_id else []
    return render_template("quiz.html", ctx, ids=ids, today_id=today_id, quiz=ctx.dataset.quiz, record_src=record_src,
                   article_label=lambda reg_id, n: article_label(ctx, reg_id, n),
                   article_link=lambda reg_id, n: article_link(ctx, reg_id, n))

