# Widgets of the hand-written pages (home, statistics, glossary, coverage, quiz, about) registered as macros.
"""Pages step: pure renderers for the hand-written pages; the engine registers them as macros (nothing else)."""
from __future__ import annotations

import datetime as dt
from collections import Counter

from markupsafe import Markup, escape

from portal.derive.facts import Derived, parse_date
from portal.kinds import BY_NAME, PAGE_KINDS, kind_name
from portal.kinds.cases import NAME as CASES
from portal.pages.context import PageContext
from portal.pages.render import (accident_type_label, article_label, article_link, label, record_src, record_title,
                                 render_template, stale, tier_label)
from portal.words import ui


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
    counts = [(kind.name, len(ctx.dataset.records[kind.name])) for kind in PAGE_KINDS]
    return render_template("section_counts.html", ctx, counts=counts)


def record_updated(kind: str, record: dict) -> dt.date | None:
    """The latest date a record carries about its own content (amendment, verification, revision, report)."""
    parsed = [d for d in map(parse_date, BY_NAME[kind].dates(record)) if d]
    return max(parsed) if parsed else None


def recently_updated(ctx: PageContext, limit: int = 8) -> list[tuple[dt.date, str, str]]:
    items = []
    for kind in (k.name for k in PAGE_KINDS):
        for record_id, record in ctx.dataset.records[kind].items():
            date = ctx.derived.updated.get((kind, record_id)) or record_updated(kind, record)
            if date and date <= ctx.derived.today:
                items.append((date, kind, record_id))
    return sorted(items, key=lambda x: (x[0], x[1], x[2]), reverse=True)[:limit]


def render_recent(ctx: PageContext) -> str:
    return render_template("recent.html", ctx, items=recently_updated(ctx), record_src=record_src,
                   title=lambda kind, i: record_title(ctx, kind, i))


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


STATS_KIND = CASES  # the statistics page charts the accident cases
STATS_FACETS = ("industry", "province", "year")  # case facets the statistics can be narrowed to (a page per value)


def statistics(ctx: PageContext, ids=None) -> list[dict]:
    """The charts for the cases `ids` (default: every case in the portal)."""
    lang, tiers = ctx.lang, ctx.derived.tier
    cases = ctx.dataset.cases if ids is None else {i: ctx.dataset.cases[i] for i in ids}
    dated = [c for c in cases.values() if c.get("date")]   # a case of unknown date is under no year
    by_year = Counter(str(c["date"])[:4] for c in dated)
    deaths_year = Counter()
    for c in dated:
        deaths_year[str(c["date"])[:4]] += c.get("deaths", 0)
    # Every year from the first to the last case, also years without a case (a gap is a fact, not a missing bar).
    years = [str(y) for y in range(int(min(by_year)), int(max(by_year)) + 1)] if by_year else []
    # a case without a type (or an industry) is counted under 未注明 / Not stated: no bar without a label
    by_type = Counter(accident_type_label(ctx, c) or ui("not_stated", lang) for c in cases.values())
    tier_order = [t["id"] for t in ctx.dataset.accident_tiers()]
    by_tier = Counter(tiers[i] for i in cases)
    by_industry = Counter(label(ctx, "industries", c.get("industry")) for c in cases.values())
    charts = [
        ([(y, by_year[y]) for y in years], "cases-by-year"),
        (by_type.most_common(), "cases-by-type"),
        ([(tier_label(ctx, t), by_tier[t]) for t in tier_order if by_tier[t]], "cases-by-tier"),
        (by_industry.most_common(), "cases-by-industry"),
        ([(y, deaths_year[y]) for y in years], "deaths-by-year"),
    ]
    return [bar_chart(bars, ui("chart." + chart_id, lang), chart_id) for bars, chart_id in charts]


def render_statistics(ctx: PageContext, ids=None) -> str:
    return render_template("statistics.html", ctx, charts=statistics(ctx, ids))


def stats_src(facet: str, value: str) -> str:
    return f"stats/by-{facet}/{value}.md"


def stats_filters(ctx: PageContext) -> list[tuple[str, list[tuple[str, str, int]]]]:
    """(facet, [(value, label, count)]) for the statistics pages narrowed to one industry, province or year."""
    from portal.kinds import FACETS
    from portal.pages.lists import facet_groups

    out = []
    for facet in FACETS:
        if facet.kind == STATS_KIND and facet.name in STATS_FACETS:
            groups = facet_groups(facet, ctx)
            out.append((facet.name, [(value, label, len(ids)) for value, (label, ids) in groups.items()]))
    return out


def render_stats_filters(ctx: PageContext) -> str:
    return render_template("stats_filters.html", ctx, filters=stats_filters(ctx), stats_src=stats_src)


def render_stats_page(facet_name: str, value: str, ctx: PageContext):
    """Statistics of the cases of one industry, province or year (a generated page)."""
    from portal.kinds import FACETS
    from portal.pages.lists import facet_groups
    from portal.pages.render import Rendered

    facet = next(f for f in FACETS if f.kind == STATS_KIND and f.name == facet_name)
    label, ids = facet_groups(facet, ctx)[value]
    html = render_template("stats_subset.html", ctx, facet=facet, value_label=label, count=len(ids),
                           filters=Markup(render_stats_filters(ctx)), charts=Markup(render_statistics(ctx, ids)))
    return Rendered(html, [])


def render_open_data_links(ctx: PageContext) -> str:
    """Links to the open data of every kind (written once for both languages, at the site root): JSON, Excel, CSV."""
    from portal import site_layout
    base = f"{ctx.site_root}{site_layout.OPEN_DATA_FOLDER}/"
    links = [(kind, {fmt: base + site_layout.open_data_file(kind, fmt) for fmt in site_layout.OPEN_DATA_FILES})
             for kind in ctx.dataset.records]
    return render_template("open_data.html", ctx, links=links)


# -- glossary, coverage, quiz -----------------------------------------------------------------------------------
EDITOR_VOCABULARIES = {"source-hosts", "service-numbers", "synonyms"}  # editors' lists (and search words), not reader terms


def render_glossary(ctx: PageContext) -> str:
    groups = []
    for name, data in ctx.dataset.vocab.items():
        if name in EDITOR_VOCABULARIES:
            continue
        if "terms" in data:
            groups.append((name, data["title"], data["terms"]))
        for scheme in data.get("schemes", []):
            groups.append((f"{name}-{scheme['id']}", scheme["label"], scheme["terms"]))
        if "tiers" in data:
            groups.append((name, data["title"], data["tiers"]))
    return render_template("glossary.html", ctx, groups=groups)


def translation_coverage(dataset) -> list[dict]:
    """Per kind: how many long texts (bodies, causes, lessons, article texts ...) lack English, and how many
    records are in one language only (an organisation's own records may be)."""
    report = []
    for kind_name, records in dataset.records.items():
        kind = BY_NAME[kind_name]
        total = missing = one_language = 0
        incomplete = []
        for record_id, record in sorted(records.items()):
            texts = list(kind.long_texts(record))
            lacking = sum(1 for t in texts if isinstance(t, dict) and not t.get("en"))
            total += len(texts)
            missing += lacking
            title = record.get("title") or record.get("question") or {}
            if isinstance(title, dict) and len([v for v in title.values() if v]) == 1:
                one_language += 1
            if lacking:
                incomplete.append((record_id, lacking, len(texts)))
        report.append({"kind": kind_name, "records": len(records), "texts": total, "missing": missing,
                       "one_language": one_language, "incomplete": incomplete})
    return report


def render_coverage(ctx: PageContext) -> str:
    """The translation-coverage report: a table per kind, then each kind's records still missing English, then the
    contact directories not verified lately. In Python, not a template: at N=10,000 it lists ~10,000 records a
    language (Jinja took 0.4 CPU-s of the build for both); every value from data escaped."""
    if "translation-coverage" not in ctx.derived.shared:  # the same for both languages
        ctx.derived.shared["translation-coverage"] = translation_coverage(ctx.dataset)
    report, lang = ctx.derived.shared["translation-coverage"], ctx.lang
    stale_dirs = [i for i, d in sorted(ctx.dataset.contacts.items()) if stale(ctx, d)]
    word = lambda key, **values: escape(ui(key, lang, **values))  # noqa: E731
    head = "".join(f"<th>{word(key)}</th>" for key in ("title", "count", "coverage.texts", "coverage.missing_en"))
    parts = ['<table class="portal-coverage">\n', f"<thead><tr>{head}</tr></thead>\n", "<tbody>"]
    parts += [f"<tr><td>{escape(kind_name(row['kind'], lang))}</td><td>{row['records']}</td><td>{row['texts']}</td>"
              f"<td>{row['missing']}</td></tr>" for row in report]
    parts.append("</tbody>\n</table>\n")
    for row in report:
        if row["incomplete"] and row["kind"] != "quiz":
            kind = row["kind"]
            parts.append(f'<h2 id="missing-{escape(kind)}">{escape(kind_name(kind, lang))}</h2>\n<ul>')
            parts += [f'<li><a href="{escape(ctx.link(record_src(kind, record_id)))}">{escape(record_id)}</a>: '
                      f"{lacking} / {total}</li>" for record_id, lacking, total in row["incomplete"]]
            parts.append("</ul>\n")
    parts.append(f'<h2 id="stale-directories">{word("last_verified")}</h2>\n')
    if stale_dirs:
        stale_word = word("stale", days=ctx.stale_days)
        parts.append("<ul>" + "".join(f'<li><a href="{escape(ctx.link(record_src("contacts", d)))}">{escape(d)}</a>: '
                                      f"{stale_word}</li>" for d in stale_dirs) + "</ul>")
    else:
        parts.append(f"<p>{word('none')}</p>")
    return "".join(parts)


def question_of_the_day(derived: Derived) -> str | None:
    ids = sorted(derived.dataset.quiz)
    if not ids:
        return None
    return ids[derived.today.toordinal() % len(ids)]


def render_quiz_questions(ctx: PageContext, ids: list[str], today_id: str | None = None) -> str:
    """The quiz widget with the questions `ids` (all of them on the quiz page, a hazard hub's on the hub)."""
    return render_template("quiz.html", ctx, ids=list(ids), today_id=today_id, quiz=ctx.dataset.quiz, record_src=record_src,
                   article_label=lambda reg_id, n: article_label(ctx, reg_id, n),
                   article_link=lambda reg_id, n: article_link(ctx, reg_id, n))


def render_quiz(ctx: PageContext, only_today: bool = False) -> str:
    ids = sorted(ctx.dataset.quiz)
    today_id = question_of_the_day(ctx.derived)
    if only_today:
        ids = [today_id] if today_id else []
    return render_quiz_questions(ctx, ids, today_id)

